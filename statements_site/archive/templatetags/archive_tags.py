"""Small formatting filters and tags for the archive's templates."""
from django import template

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
