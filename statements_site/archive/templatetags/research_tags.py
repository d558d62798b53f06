"""Groups, alignments and lists of speakers on the statement, delegation and meeting pages: each an
inclusion tag, so those pages' views stay as they are."""
from django import template

from .. import filters, research_groups
from ..caching import archive_version, cached

register = template.Library()


def visible_statements(context):
    return filters.visible_statements(context["request"])


@register.inclusion_tag("archive/research/statement_groups.html", takes_context=True)
def statement_groups(context, statement):
    return {"statement": statement, **research_groups.statement_groups(statement, visible_statements(context))}


@register.inclusion_tag("archive/research/delegation_groups.html", takes_context=True)
def delegation_groups(context, delegation):
    return {"delegation": delegation, **research_groups.delegation_groups(delegation, visible_statements(context))}


@register.inclusion_tag("archive/research/meeting_coverage.html", takes_context=True)
def meeting_coverage(context, meeting):
    return {"meeting": meeting, **research_groups.meeting_coverage(meeting, visible_statements(context))}


@register.simple_tag(takes_context=True)
def item_across_sessions(context, item):
    """The who-said-it address of this agenda item in every session of its body where an item has the
    same number and title (the same item, session after session). One query, none when cached (the
    public's)."""
    from django.urls import reverse

    from ..filters import visible
    from ..models import AgendaItem

    request = context["request"]

    def same():
        return list(visible(request, AgendaItem.objects).filter(
            meeting__body_id=item.meeting.body_id, number=item.number, title__iexact=item.title
        ).order_by("meeting__date_start").values_list("pk", flat=True))

    # For the public the same until a statement changes (a renamed item shows within the cache's minute).
    ids = same() if request.user.is_staff else cached(f"across:{item.pk}", archive_version(), same)
    return reverse("archive:research-who") + "?" + "&".join(f"item={pk}" for pk in ids)
