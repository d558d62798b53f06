"""Public pages of the archive. Thin function views over the models' querysets."""
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import AgendaItem, Body, Delegation, Meeting, Paragraph, Statement

PAGE_SIZE = 50


def visible_statements(request):
    """Published statements; staff also see drafts (marked as such on the page)."""
    if request.user.is_staff:
        return Statement.objects.all()
    return Statement.objects.published()


@never_cache
@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    published = Statement.objects.published()
    context = {
        "latest_meetings": Meeting.objects.select_related("body").latest_first()[:8],
        "totals": {
            "meetings": Meeting.objects.count(),
            "statements": published.count(),
            "paragraphs": Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED).count(),
            "delegations": Delegation.objects.count(),
        },
        "bodies": Body.objects.order_by("name")[:20],
    }
    return render(request, "archive/home.html", context)


@require_safe
def statement_list(request):
    statements = visible_statements(request).with_listing_data().order_by("-year", "meeting", "position", "pk")
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "archive/statement_list.html", {"page": page, "statements": page.object_list})


def statement_context(request, statement):
    """What the statement page shows: the statement, its paragraphs and its neighbours in the meeting."""
    siblings = visible_statements(request).filter(meeting_id=statement.meeting_id).in_speaking_order()
    ids = list(siblings.values_list("pk", flat=True))
    index = ids.index(statement.pk) if statement.pk in ids else None
    neighbours = {"previous": None, "next": None}
    if index is not None:
        neighbour_ids = {"previous": ids[index - 1] if index > 0 else None, "next": ids[index + 1] if index + 1 < len(ids) else None}
        found = Statement.objects.select_related("delegation").in_bulk([i for i in neighbour_ids.values() if i])
        neighbours = {key: found.get(value) for key, value in neighbour_ids.items()}
    return {
        "statement": statement,
        "paragraphs": statement.paragraphs.all(),
        "agenda_items": statement.agenda_items.all(),
        "previous_statement": neighbours["previous"],
        "next_statement": neighbours["next"],
    }


@require_safe
def statement_detail(request, pk):
    statement = get_object_or_404(
        visible_statements(request).select_related("meeting__body", "delegation", "on_behalf_of"), pk=pk
    )
    return render(request, "archive/statement_detail.html", statement_context(request, statement))


@require_safe
def paragraph_permalink(request, public_id):
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("statement__meeting__body", "statement__delegation", "statement__on_behalf_of"),
        public_id=public_id,
        statement__in=visible_statements(request),
    )
    context = statement_context(request, paragraph.statement)
    context["paragraph"] = paragraph
    return render(request, "archive/paragraph_permalink.html", context)


@require_safe
def body_list(request):
    bodies = Body.objects.with_meeting_counts().order_by("name")
    return render(request, "archive/body_list.html", {"bodies": bodies})


@require_safe
def body_detail(request, slug):
    body = get_object_or_404(Body, slug=slug)
    meetings = body.meetings.annotate(
        statement_count=Count("statements", filter=Q(statements__status=Statement.Status.PUBLISHED))
    ).latest_first()
    return render(request, "archive/body_detail.html", {"body": body, "meetings": meetings})


@require_safe
def meeting_detail(request, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), slug=slug)
    statements = visible_statements(request).for_meeting(meeting).with_listing_data().in_speaking_order()
    return render(
        request,
        "archive/meeting_detail.html",
        {"meeting": meeting, "agenda_items": meeting.agenda_items.all(), "statements": statements},
    )


@require_safe
def agenda_item_detail(request, slug, number):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), meeting__slug=slug, number=number)
    statements = (
        visible_statements(request)
        .filter(agenda_items=item)
        .with_listing_data()
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position")))
        .in_speaking_order()
    )
    return render(
        request, "archive/agenda_item_detail.html", {"item": item, "meeting": item.meeting, "statements": statements}
    )


@require_safe
def delegation_list(request):
    delegations = Delegation.objects.annotate(
        statement_count=Count("statements", filter=Q(statements__status=Statement.Status.PUBLISHED), distinct=True)
    ).order_by("kind", "name")
    return render(request, "archive/delegation_list.html", {"delegations": delegations})


@require_safe
def delegation_detail(request, slug):
    delegation = get_object_or_404(Delegation, slug=slug)
    statements = (
        visible_statements(request)
        .filter(Q(delegation=delegation) | Q(on_behalf_of=delegation))
        .with_listing_data()
        .order_by("-meeting__date_start", "position", "pk")
    )
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "archive/delegation_detail.html",
        {"delegation": delegation, "page": page, "statements": page.object_list},
    )
