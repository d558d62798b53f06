"""Whole-archive summaries that are the same for every visitor until a statement changes (home's
totals and busiest delegations, groups and items; every delegation with its count; an agenda item's
debate, counted; which statements were corrected or translated): built here, cached by the views under the archive's version (caching.py)."""
from collections import Counter

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Coalesce

from .filters import visible
from .models import AgendaItem, Body, Delegation, Meeting, Paragraph, Statement, StatementRevision
from .wordforms import fold


def home_overview():
    published = Statement.objects.published()
    return {
        "latest_meetings": list(Meeting.objects.public().select_related("body").latest_first()[:8]),
        "totals": {
            "meetings": Meeting.objects.public().count(),
            "statements": published.count(),
            "paragraphs": Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED).count(),
            "delegations": Delegation.objects.public().count(),
        },
        "bodies": list(Body.objects.public().with_meeting_counts(Meeting.objects.public()).order_by("name")[:20]),
        "top_delegations": list(
            published.order_by().values_list("delegation__slug", "delegation__name")
            .annotate(n=Count("pk")).order_by("-n", "delegation__name")[:12]
        ),
        "top_groups": list(
            published.exclude(on_behalf_of=None).order_by().values_list("on_behalf_of__slug", "on_behalf_of__name")
            .annotate(n=Count("pk")).order_by("-n", "on_behalf_of__name")[:6]
        ),
        "top_items": list(
            AgendaItem.objects.select_related("meeting")
            .annotate(n=Count("statements", filter=Q(statements__status=Statement.Status.PUBLISHED)))
            .filter(n__gt=0).order_by("-n", "pk")[:8]
        ),
    }


def bodies_with_meetings(request):
    """Every body this visitor may see, by name, with its number of meetings, and its meetings, newest
    first, each with its number of published statements (original texts, not language versions)."""
    published = Q(statements__status=Statement.Status.PUBLISHED, statements__version_of=None)
    meetings = visible(request, Meeting.objects).annotate(statement_count=Count("statements", filter=published))
    return (visible(request, Body.objects).with_meeting_counts(visible(request, Meeting.objects)).order_by("name")
            .prefetch_related(Prefetch("meetings", queryset=meetings.latest_first())))


def delegations_with_counts():
    """Every public delegation (not one only drafts use), by kind and then by its name in the interface's
    language, with the number of published statements its own page lists: those it
    delivered and those spoken on its behalf (a group's). Two grouped counts over the statements,
    added up here: a count per delegation (subqueries) or one join over both relations cost about
    twice as much on PostgreSQL at 50,000 statements."""
    counts = Counter()
    for field in ("delegation_id", "on_behalf_of_id"):
        rows = Statement.objects.published().exclude(**{field: None}).order_by().values_list(field).annotate(n=Count("pk"))
        counts.update(dict(rows))
    delegations = list(Delegation.objects.public().order_by("kind", "name"))
    for delegation in delegations:
        delegation.statement_count = counts[delegation.pk]
    # Each kind's names in the order of the language they are shown in ("Allemagne" first in French),
    # accents and case folded: Python alone puts "Égypte" after "Zambie".
    delegations.sort(key=lambda delegation: (delegation.kind, fold(str(delegation))))
    return delegations


def debate_summary(item):
    """(published statements on the agenda item, the delegations they can be compared by): what its
    debate page shows beside the statements, for the public."""
    statements = Statement.objects.published().filter(agenda_items=item)
    return statements.count(), list(compare_speakers(statements))


def compare_speakers(statements):
    """The delegations `statements` can be compared by. Each statement counts once: for the group it
    was spoken for, else for the delegation that spoke it, so no statement fills two columns.
    (One subquery of COALESCE(group, delegation): two OR-ed subqueries cost twice as much.)"""
    counted_for = statements.annotate(counted_for=Coalesce("on_behalf_of_id", "delegation_id")).values("counted_for")
    return Delegation.objects.filter(pk__in=counted_for).order_by("name")


def compared_for(statement):
    """The delegation id a statement counts for in a comparison (see compare_speakers)."""
    return statement.on_behalf_of_id or statement.delegation_id


def corrected_and_translated():
    """({statement id: versions of its text} of the statements corrected since they were loaded, the
    ids of the statements that have language versions): what a statement page says of corrections
    and offers as languages. A correction or a new version writes a statement, so the archive's
    version changes with them; a removed version or revision shows within the cache's minute (and
    a statement page asks the database which versions there are before it lists them)."""
    corrected = StatementRevision.objects.order_by().values_list("statement_id").annotate(n=Count("pk")).filter(n__gt=1)
    translated = Statement.objects.exclude(version_of=None).order_by().values_list("version_of_id", flat=True).distinct()
    return dict(corrected), set(translated)
