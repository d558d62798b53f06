"""Tags for the open-data parts of pages: schema.org JSON-LD."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import exports

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, statement, agenda_items, paragraph=None):
    """<script type="application/ld+json"> describing the statement (or one paragraph), escaped like json_script."""
    data = exports.json_ld(statement, list(agenda_items), context["request"].build_absolute_uri, paragraph)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(exports.json_for_script(data)))
