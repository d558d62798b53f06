"""reverse() with its answers remembered.

A page reverses 20 to 40 addresses ({% url %} tags, get_absolute_url() of the meeting, body,
delegations, items), each 15 to 25 µs of CPU: a quarter of a statement page's template rendering.
An address depends only on the route and its arguments, the interface's language (the /fr/ prefix),
the script prefix and the URL configuration, so the answer for the same ones is kept (the most
recent few thousand). Arguments other than text and integers go to Django's reverse() as they are.
"""
import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse as django_reverse
from django.utils.translation import get_language


def plain(value):
    """Text (a template's literal is safe text) or an integer (not a bool, which equals 0 or 1)."""
    return isinstance(value, str) or type(value) is int


def reverse(viewname, args=None, kwargs=None, current_app=None):
    if not isinstance(viewname, str) or not all(map(plain, args or ())) or not all(map(plain, (kwargs or {}).values())):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    urlconf = get_urlconf()
    # The resolver itself is part of the key: clear_url_caches() (a test's new URL configuration)
    # makes a new one, so nothing reversed with the old one is read again.
    return _reverse(viewname, tuple(args or ()), tuple(sorted((kwargs or {}).items())), current_app, get_language(),
                    get_script_prefix(), urlconf, get_resolver(urlconf))


@lru_cache(maxsize=4096)
def _reverse(viewname, args, kwargs, current_app, language, prefix, urlconf, resolver):
    return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


# A stand-in for the one argument of a route: digits, which every converter the archive's routes use
# (int, slug, str, text, path) accepts and none changes.
STAND_IN = "9081726354"
PLAIN_WORD = re.compile(r"[A-Za-z0-9_-]+").fullmatch


def reverse_each(viewname, value):
    """reverse(viewname, args=[value]) for a route with one argument, made for lists that address many
    records (an API page's 300 paragraph permalinks, each a different value, so remembering answers
    does not help): the route is reversed once around a stand-in and each value put in its place,
    1 µs instead of 20. Only values that need no quoting and fit any of the archive's converters take
    that way: a non-negative integer, or a word of ASCII letters, digits, - and _ where the route takes
    words (not an integer route); anything else goes to reverse(), which quotes and checks it."""
    urlconf = get_urlconf()
    before, after, takes_words = _around(viewname, get_language(), get_script_prefix(), urlconf, get_resolver(urlconf))
    if before is not None:
        if type(value) is int and value >= 0:
            return f"{before}{value}{after}"
        if takes_words and isinstance(value, str) and PLAIN_WORD(value):
            return f"{before}{value}{after}"
    return reverse(viewname, args=[value])


def pattern(viewname):
    """The address of a route with one argument as a str.format() pattern ("/p/{}/"), for code that
    writes thousands of addresses of one route (a download's rows, a table of sessions) with values
    it knows need no quoting: ids, public ids, slugs. Reversed once around a stand-in, not around a
    word that might occur elsewhere in the address."""
    urlconf = get_urlconf()
    before, after, _takes_words = _around(viewname, get_language(), get_script_prefix(), urlconf, get_resolver(urlconf))
    if before is None:
        raise ValueError(f"{viewname} does not take exactly one argument")
    return f"{braces(before)}{{}}{braces(after)}"


def braces(text):
    """`text` as literal text in a str.format() pattern."""
    return text.replace("{", "{{").replace("}", "}}")


def origin(request):
    """The scheme and host the client reached the archive at ("https://example.org"), worked out once
    per request: what request.build_absolute_uri() puts before a path reverse() writes."""
    try:
        return request.archive_origin
    except AttributeError:
        request.archive_origin = request.build_absolute_uri("/")[:-1]
        return request.archive_origin


@lru_cache(maxsize=256)
def _around(viewname, language, prefix, urlconf, resolver):
    """(the address before the argument, after it, whether words fit), or (None, None, False) for a
    route this cannot write (no single argument, or one a converter rewrites)."""
    try:
        address = django_reverse(viewname, urlconf=urlconf, args=[STAND_IN])
    except NoReverseMatch:
        return None, None, False
    if address.count(STAND_IN) != 1:
        return None, None, False
    before, _, after = address.partition(STAND_IN)
    try:
        takes_words = django_reverse(viewname, urlconf=urlconf, args=["Word_-0"]) == f"{before}Word_-0{after}"
    except NoReverseMatch:
        takes_words = False
    return before, after, takes_words
