"""Per-client limits that hold across processes: the API throttle and the problem-report quota.

Counts live in the shared cache (settings.CACHES) and are keyed on client_address(), so five gunicorn
workers share one count per client and a new X-Forwarded-For value is not a new client.
"""
import hashlib

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from .client_address import client_address


def client_key(prefix, request):
    # Hashed: cache keys stay short and no address is stored in clear.
    return f"{prefix}:{hashlib.sha256(client_address(request).encode()).hexdigest()}"


class ArchiveAnonThrottle(AnonRateThrottle):
    """The API's anonymous rate (API_ANON_RATE), one count per client per window in the shared cache.

    A fixed window counted with the cache's add and incr, which Redis does atomically: concurrent
    requests from one client cannot both read the same count, unlike DRF's read-modify-write history.
    At most the rate in each calendar window (so at most twice it across a window's edge).
    """

    def get_rate(self):
        # Read at request time, so a changed setting (or a test) takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.retry_after = (window + 1) * self.duration - now
        key = f"{self.key}:{window}"
        # The window's count expires with it; a second of slack so it never vanishes mid-window.
        self.cache.add(key, 0, self.duration + 1)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, self.duration + 1)
            count = 1
        return count <= self.num_requests

    def wait(self):
        return self.retry_after


def take_slot(key, limit, seconds):
    """Claim one of `limit` uses of `key` for `seconds`; False when all are taken.

    Each use is its own cache entry claimed with add(), which only one process can win (Redis SET NX,
    the database cache's primary key): exactly `limit` uses in any `seconds`, however many workers ask
    at once, and each use frees itself `seconds` after it was taken.
    """
    return any(cache.add(f"{key}:{slot}", 1, seconds) for slot in range(limit))


def first_use(key, seconds):
    """True the first time `key` is seen within `seconds`, False ever after (a single-use token)."""
    return cache.add(f"used:{key}", 1, seconds)


def forget_use(key):
    """Let `key` be used again (its use was refused for another reason)."""
    cache.delete(f"used:{key}")
