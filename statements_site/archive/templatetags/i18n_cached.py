"""Django's i18n template tags, loaded by every `{% load i18n %}` (settings.TEMPLATES "libraries",
which is why settings silences the check that a library name is not used twice), with
`{% translate "constant" %}` rendered once per interface language.

A page has 40 to 60 constant `{% translate %}` tags (the header, the footer, the labels). Django
renders each one through a lazy string, a catalogue lookup and the escaping machinery, about 10 µs a
tag on this machine: half a millisecond per page, as much as the rest of base.html. The same text in
the same language always renders the same, so the node keeps what it rendered for each language.
Variables, filters and `noop` go through Django's own node as before.
"""
from django import template
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class TranslateNode(i18n.TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        context = self.message_context
        self.constant = (
            not self.noop
            and not self.filter_expression.filters
            and self.filter_expression.var.literal is not None
            and (context is None or (not context.filters and isinstance(context.var, str)))
        )
        self.rendered = {}  # (language, autoescape) -> the output: the same for every page

    def render(self, context):
        if not self.constant:
            return super().render(context)
        key = (get_language(), context.autoescape)
        value = self.rendered.get(key)
        if value is None:
            value = self.rendered[key] = self.translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def translated(self, context):
        """Django's TranslateNode.render without `as`: the text, translated and escaped as it renders it."""
        self.filter_expression.var.translate = True
        if self.message_context:
            self.filter_expression.var.message_context = self.message_context.resolve(context)
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        # Percent signs are doubled in template text so that they are not read as format flags.
        return mark_safe(value.replace("%%", "%")) if isinstance(value, SafeData) else value.replace("%%", "%")


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    return TranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
