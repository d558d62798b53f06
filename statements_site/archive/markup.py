"""HTML fragments built in Python, for the parts a page repeats hundreds of times (a paragraph, a
result, a facet value), where a template include each would cost several times the fragment.

fragment() has the semantics of Django's format_html: every value not already marked safe is
escaped, so a fragment is safe by construction. It escapes with the standard library's html.escape,
which is what Django's escape() calls, without the lazy-string wrapping that costs more than
building a facet value.
"""
from html import escape

from django.utils.safestring import SafeString


def escaped(value):
    """The value as HTML text: its own HTML when it is marked safe, else escaped."""
    if value.__class__ is SafeString:
        return value
    if value.__class__ is str:
        return escape(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def fragment(template, /, *args, **kwargs):
    """format_html(template, *args, **kwargs): `template` is markup, the values are escaped unless safe."""
    # The two common cases are decided inline: a call to escaped() for each value costs a tenth of a fragment.
    return SafeString(template.format(
        *[value if (kind := value.__class__) is SafeString else escape(value) if kind is str else escaped(value)
          for value in args],
        **{name: value if (kind := value.__class__) is SafeString else escape(value) if kind is str else escaped(value)
           for name, value in kwargs.items()},
    ))


def join(fragments, separator=""):
    """The fragments one after the other, each escaped unless it is safe (as format_html_join)."""
    return SafeString(separator.join(map(escaped, fragments)))
