"""Small formatting filters and tags for the archive's templates."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import citations, search

register = template.Library()


@register.filter
def highlight(text, query):
    """The text, escaped, with the search's words in <mark>; plain escaped text without a search."""
    return search.highlight(text, query)


@register.simple_tag(takes_context=True)
def absolute_url(context, obj):
    return context["request"].build_absolute_uri(obj.get_absolute_url())


@register.simple_tag(takes_context=True)
def citation(context, paragraph, agenda_items, style="plain"):
    """A ready citation of the paragraph; style is plain, bibtex or csl."""
    url = context["request"].build_absolute_uri(paragraph.get_absolute_url())
    builder = {"plain": citations.plain, "bibtex": citations.bibtex, "csl": citations.csl_json}[style]
    return builder(paragraph, list(agenda_items), url)


@register.filter
def who(statement):
    """“Sweden” or “Palestine on behalf of Group of 77 and China”."""
    if statement.on_behalf_of_id:
        return f"{statement.delegation} on behalf of {statement.on_behalf_of}"
    return str(statement.delegation)


@register.filter
def meeting_name(meeting):
    return f"{meeting.title}, {meeting.session}" if meeting.session else meeting.title


@register.filter
def paragraph_name(paragraph):
    return f"Paragraph {paragraph.label}" if paragraph.label else f"Paragraph {paragraph.position}"


@register.simple_tag
def facet_values(values):
    """The <li> items of a facet list. Built here rather than with an include per value: a browse
    page lists up to a thousand values, and a template include each costs more than the page's SQL."""
    items = []
    for value, label, count, selected, url in values:
        if selected:
            items.append(format_html(
                '<li class="selected"><a href="{}" aria-current="true" rel="nofollow"><span aria-hidden="true">✓ </span>{}'
                '<span class="visually-hidden"> (selected; follow to remove)</span></a> <span class="count">{}</span></li>',
                url, label, count,
            ))
        else:
            items.append(format_html('<li><a href="{}" rel="nofollow">{}</a> <span class="count">{}</span></li>', url, label, count))
    return mark_safe("".join(items))
