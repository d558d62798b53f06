"""The client's address, the key of every per-client limit: login lockouts, the API throttle, problem reports.

One setting decides whom to believe: TRUSTED_PROXY_COUNT, the number of proxies in front of the
application that append the address they saw to X-Forwarded-For. Anything to the left of what they
appended was written by the client and proves nothing.
"""
from django.conf import settings
from ipware import get_client_ip


def client_address(request):
    """The address of the client that made `request`, as a string ("" when there is none)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    # The outermost trusted proxy wrote the client's address N places from the right of the chain
    # (the innermost one's own address is REMOTE_ADDR, not in the header); ipware counts the hops
    # to the right of the client, hence N - 1. Not strict: a client's junk to the left is skipped.
    address, _ = get_client_ip(
        request, proxy_order="left-most", proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False,
    )
    # No header, or fewer hops than configured: a request that did not come through the proxies
    # (a health check on the loopback interface), identified by its connection.
    return address or remote
