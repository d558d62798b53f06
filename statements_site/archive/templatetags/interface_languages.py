"""The page in the interface's other languages, for search engines (`<link rel="alternate" hreflang>`)."""
from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """One `<link rel="alternate" hreflang>` per interface language, and x-default (the unprefixed
    address, which sends each reader to their own language). Nothing on a page without a request
    (the 500 page), with a bad Host header, or outside the translated addresses."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        request.get_host()
    except DisallowedHost:  # the 400 page for a request with a bad Host header
        return ""
    path = request.get_full_path()
    addresses = [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
    if len({address for _code, address in addresses}) < len(addresses):
        return ""
    default = dict(addresses)[settings.LANGUAGE_CODE]
    return format_html_join(
        "\n", '<link rel="alternate" hreflang="{}" href="{}">',
        [(code, request.build_absolute_uri(address)) for code, address in [*addresses, ("x-default", default)]],
    )
