"""reverse() with its answers remembered.

A page reverses 20 to 40 addresses ({% url %} tags, get_absolute_url() of the meeting, body,
delegations, items), each 15 to 25 µs of CPU: a quarter of a statement page's template rendering.
An address depends only on the route and its arguments, the interface's language (the /fr/ prefix),
the script prefix and the URL configuration, so the answer for the same ones is kept (the most
recent few thousand). Arguments other than text and integers go to Django's reverse() as they are.
"""
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse as django_reverse
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
