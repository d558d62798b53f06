"""Template filters for a statement's language versions."""
from django import template

from ..versions import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code):
    """“Français” for "fr": a language as its readers write it."""
    return _language_name(code)
