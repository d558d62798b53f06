"""HTML fragments built in Python, for the parts a page repeats hundreds of times (a paragraph, a
result, a facet value), where a template include each would cost several times the fragment.

fragment() has the semantics of Django's format_html: every value not already marked safe is
escaped, so a fragment is safe by construction. It escapes with the standard library's html.escape,
which is what Django's escape() calls, without the lazy-string wrapping that costs more than
building a facet value.
"""
from html import escape
from string import Formatter

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
    """format_html(template, *args, **kwargs): `template` is markup, the values are escaped unless safe.

    The template is split once into its literal pieces and fields (pieces()), and a fragment is the
    pieces joined with the escaped values: str.format() on every call took twice as long, most of it
    formatting each safe value (a str subclass) through its __format__."""
    pieces = _pieces.get(template)
    if pieces is None:
        pieces = _pieces[template] = compile_template(template)
    if pieces is False:  # a field with a format spec or conversion: str.format does it
        return SafeString(template.format(*map(escaped, args), **{name: escaped(value) for name, value in kwargs.items()}))
    out = []
    for literal, field in pieces:
        out.append(literal)
        if field is not None:
            value = args[field] if field.__class__ is int else kwargs[field]
            # The two common cases inline: a call to escaped() for each value costs a tenth of a fragment.
            kind = value.__class__
            out.append(value if kind is SafeString else escape(value) if kind is str else escaped(value))
    return SafeString("".join(out))


def fragments(template, rows, separator=""):
    """join(fragment(template, *row) for row in rows): the same markup, for the many rows of one list
    (a browse page's facet values), with the template's pieces looked up once and one SafeString for
    the whole list instead of one per row."""
    pieces = _pieces.get(template)
    if pieces is None:
        pieces = _pieces[template] = compile_template(template)
    if pieces is False or any(field.__class__ is not int for _literal, field in pieces if field is not None):
        return join([fragment(template, *row) for row in rows], separator)
    out = []
    for row in rows:
        if out:
            out.append(separator)
        for literal, field in pieces:
            out.append(literal)
            if field is not None:
                value = row[field]
                kind = value.__class__
                out.append(value if kind is SafeString else escape(value) if kind is str else escaped(value))
    return SafeString("".join(out))


def compile_template(template):
    """[(literal text, field: a position, a name or None)] of a str.format template, or False when a
    field has a format spec, a conversion or an attribute (left to str.format)."""
    pieces, position = [], 0
    for literal, name, spec, conversion in Formatter().parse(template):
        if name is None:
            pieces.append((literal, None))
            continue
        if spec or conversion or "." in name or "[" in name:
            return False
        if name == "":
            name, position = position, position + 1
        elif name.isdecimal():
            name = int(name)
        pieces.append((literal, name))
    return pieces


_pieces = {}  # template -> its pieces; templates are the code's own string literals, a few dozen


def join(fragments, separator=""):
    """The fragments one after the other, each escaped unless it is safe (as format_html_join)."""
    return SafeString(separator.join(map(escaped, fragments)))
