"""Public pages of the archive: thin function views that read a request and render.

What a browse address selects is a selection.Selection; facet counts, downloads and whole-archive
summaries live in facets.py, downloads.py and overview.py. The pages of one statement and one
paragraph (and their open-data files) are in statement_views.py.
"""
import functools

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import downloads, overview, search, spelling
from .caching import archive_version, cached, cached_html
from .facets import toggler
from .filters import YEARS, visible, visible_statements
from .models import AgendaItem, Body, Delegation, Meeting, Paragraph, SlugHistory, Statement
from .overview import compare_speakers, compared_for
from .selection import Selection

PAGE_SIZE = 25
ITEM_PAGE_SIZE = 20  # statements, each with all its paragraphs, per page of an agenda item's debate
RESULTS_PAGE_SIZE = 20
SNIPPETS_PER_STATEMENT = 3
COMPARE_MAX = 4


def follows_old_slugs(kind, model):
    """A view of an object addressed by slug also answers at the object's earlier slugs, with a
    permanent redirect to the same page at the current address (renamed or merged records)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                current = SlugHistory.current(model, kind, slug)
                if current is None or current.slug == slug:
                    raise
                path = request.path.replace(f"/{slug}/", f"/{current.slug}/", 1)
                query = request.META.get("QUERY_STRING")
                return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)

        return wrapper

    return decorator


@never_cache
@require_safe
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    # Whole-archive totals and the busiest delegations, groups and items: the same for every visitor
    # until a statement changes, so cached under the archive's version like the facet counts.
    return render(request, "archive/home.html", cached("home", archive_version(), overview.home_overview))


def bad_request(request, message):
    return render(request, "archive/bad_request.html", {"message": message}, status=400)


@require_safe
def statement_list(request):
    selection = Selection.from_request(request)
    if selection.refusal:
        return bad_request(request, selection.refusal)
    hits = selection.hits
    notices = list(selection.notices)
    if hits and selection.sort == "relevance" and hits.partly_ranked:
        # Which hits are ranked is decided over the whole archive (search.RANK_LIMIT): filters narrow
        # the list but do not rank what they keep; only more words make fewer hits.
        # The numbers as the results heading writes them (intcomma: grouped as the language groups).
        words = {"ranked": intcomma(hits.ranked), "total": intcomma(hits.total) if hits.total is not None else ""}
        notices.append((gettext(
            "Over %(ranked)s paragraphs match across the archive. The %(ranked)s most recently added of them were "
            "ranked by relevance and come first, the others after them, newest first. Filters do not change which "
            "are ranked; add words to the search to have every match ranked."
        ) if hits.total is None else gettext(
            "%(total)s paragraphs match across the archive. The %(ranked)s most recently added of them were ranked "
            "by relevance and come first, the others after them, newest first. Filters do not change which are "
            "ranked; add words to the search to have every match ranked."
        )) % words)
    page = selection.page(RESULTS_PAGE_SIZE if hits else PAGE_SIZE)
    toggle = toggler(request.GET)
    context = {
        "filterset": selection.filterset,
        "query": selection.query,
        "hits": hits,
        "notices": notices,
        "sort": selection.sort,
        "sorts": selection.sorts,
        "page": page,
        "statements": page.object_list,
        "results": hits.results(page.object_list, SNIPPETS_PER_STATEMENT) if hits else [],
        "paragraph_count": None if selection.is_whole_archive else selection.tally.paragraph_count,
        "facets": selection.facets(toggle),
        "pills": [(label, toggle(name, value), name) for name, value, label in selection.pills()],
        "year_bounds": YEARS,
        # A search that found nothing: its words corrected from the index's own (one query).
        "suggestion": spelling.suggest(selection.query.text, selection.filterset.qs) if hits and hits.total == 0 else "",
        "is_filtered": any(key != "sort" and key != "page" for key in request.GET),
    }
    return render(request, "archive/statement_list.html", context)


@require_safe
def statement_export(request, fmt):
    if fmt not in ("csv", "json"):
        raise Http404("Downloads are CSV or JSON.")
    selection = Selection.from_request(request)
    if selection.refusal:
        return bad_request(request, selection.refusal)
    return downloads.download(request, selection, fmt)


@require_safe
def body_list(request):
    # Every body's meetings with their statements counted (60-90 ms at 50,000 statements): cached for
    # the public like home's totals. Staff also see records only drafts use.
    def context():
        return {"bodies": overview.bodies_with_meetings(request)}

    if request.user.is_staff:
        blocks = render_to_string("archive/includes/body_blocks.html", context(), request)
    else:
        blocks = cached_html("bodies", "archive/includes/body_blocks.html", context, request)
    return render(request, "archive/body_list.html", {"blocks": blocks})


@require_safe
@follows_old_slugs(SlugHistory.Kind.BODY, Body)
def body_detail(request, slug):
    body = get_object_or_404(visible(request, Body.objects), slug=slug)
    meetings = visible(request, body.meetings).annotate(
        statement_count=Count("statements", filter=Q(statements__status=Statement.Status.PUBLISHED, statements__version_of=None))
    ).latest_first()
    return render(request, "archive/body_detail.html", {"body": body, "meetings": meetings})


# What a meeting page shows of each statement: its row (render_statement_row), the delegations that
# spoke (name, address, kind) and the sources. Without the rest (texts, datetimes) the rows cost a
# third less to load.
MEETING_ROW_FIELDS = (
    "meeting_id", "delegation_id", "on_behalf_of_id", "status", "is_synthetic", "date", "language", "speaker",
    "position", "source_url", "source_symbol", "delegation__name", "delegation__slug", "delegation__kind",
    "on_behalf_of__name", "on_behalf_of__slug", "on_behalf_of__kind",
)


@require_safe
@follows_old_slugs(SlugHistory.Kind.MEETING, Meeting)
def meeting_detail(request, slug):
    meeting = get_object_or_404(visible(request, Meeting.objects).select_related("body"), slug=slug)
    agenda_items = list(visible(request, meeting.agenda_items))
    statements = list(
        visible_statements(request).for_meeting(meeting).select_related("delegation", "on_behalf_of")
        .only(*MEETING_ROW_FIELDS).prefetch_related("agenda_items").in_speaking_order()
    )
    for statement in statements:  # the page's meeting, loaded once rather than joined to every row
        statement.meeting = meeting
    # Grouping loaded rows for display only; a statement on two items appears under both.
    by_item = {item.pk: [] for item in agenda_items}
    general = []
    for statement in statements:
        items = [item.pk for item in statement.agenda_items.all() if item.pk in by_item]
        for pk in items:
            by_item[pk].append(statement)
        if not items:
            general.append(statement)
    speakers = {}
    for statement in statements:
        speakers.setdefault(statement.delegation_id, statement.delegation)
        if statement.on_behalf_of_id:
            speakers.setdefault(statement.on_behalf_of_id, statement.on_behalf_of)
    context = {
        "meeting": meeting,
        "agenda_items": agenda_items,
        "statements": statements,
        "sections": [(item, by_item[item.pk]) for item in agenda_items],
        # Compare is offered where an item has statements for two delegations or more.
        "comparable_items": {pk for pk, mine in by_item.items() if len({compared_for(s) for s in mine}) > 1},
        "general": general,
        "speakers": sorted(speakers.values(), key=lambda d: d.name),
        "sources": [s for s in statements if s.source_url or s.source_symbol],
    }
    return render(request, "archive/meeting_detail.html", context)


def item_statements(request, item):
    """The statements on `item` in speaking order, with their paragraphs: what a debate page shows
    (the meeting is the item's; paragraphs without their correction times and index text)."""
    return (
        visible_statements(request)
        .filter(agenda_items=item)
        .select_related("delegation", "on_behalf_of")
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.defer("text_changed", "search_text").order_by("position")))
        .in_speaking_order()
    )


@require_safe
@follows_old_slugs(SlugHistory.Kind.MEETING, Meeting)
def agenda_item_detail(request, slug, number):
    item = get_object_or_404(
        visible(request, AgendaItem.objects).select_related("meeting__body"), meeting__slug=slug, number=number
    )
    if request.user.is_staff:  # drafts too
        on_item = visible_statements(request).filter(agenda_items=item)
        count, speakers = None, list(compare_speakers(on_item))
    else:
        # The same for every visitor until a statement changes: two queries' building saved.
        count, speakers = cached(f"debate:{item.pk}", archive_version(), lambda: overview.debate_summary(item))
    # A long debate is read in pages of whole statements, so one page's cost stays bounded.
    paginator = Paginator(item_statements(request, item), ITEM_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # known: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "item": item,
        "meeting": item.meeting,
        "page": page,
        "statements": page.object_list,
        "speakers": speakers,
        "chosen": set(),
        "query": search.parse(request.GET.get("q")),
    }
    return render(request, "archive/agenda_item_detail.html", context)


@require_safe
@follows_old_slugs(SlugHistory.Kind.MEETING, Meeting)
def agenda_item_compare(request, slug, number):
    item = get_object_or_404(
        visible(request, AgendaItem.objects).select_related("meeting__body"), meeting__slug=slug, number=number
    )
    statements = visible_statements(request).filter(agenda_items=item)
    speakers = compare_speakers(statements)
    chosen_slugs = list(dict.fromkeys(request.GET.getlist("d")))
    notices = []
    if len(chosen_slugs) > COMPARE_MAX:
        notices.append(gettext("At most %(max)s delegations side by side; the first %(max)s are shown.") % {"max": COMPARE_MAX})
        chosen_slugs = chosen_slugs[:COMPARE_MAX]
    chosen = {d.slug: d for d in speakers.filter(slug__in=chosen_slugs)} if chosen_slugs else {}
    if len(chosen) < len(chosen_slugs):
        notices.append(gettext("Some chosen delegations did not speak on this item and are left out."))
    columns = []
    if chosen:
        ids = [d.pk for d in chosen.values()]
        loaded = list(
            item_statements(request, item).filter(Q(on_behalf_of=None, delegation_id__in=ids) | Q(on_behalf_of_id__in=ids))
        )
        for delegation_slug in chosen_slugs:
            delegation = chosen.get(delegation_slug)
            if delegation:
                mine = [s for s in loaded if compared_for(s) == delegation.pk]
                columns.append((delegation, mine))
    if chosen_slugs and len(columns) < 2:
        notices.append(gettext("Choose two to four delegations to set their statements side by side."))
    context = {
        "item": item,
        "meeting": item.meeting,
        "speakers": speakers,
        "chosen": set(chosen),
        "columns": columns,
        "notices": notices,
        "query": search.parse(request.GET.get("q")),
    }
    return render(request, "archive/agenda_item_compare.html", context)


@require_safe
def delegation_list(request):
    # The same for every visitor of one language until a statement changes: its counts and the 218
    # names and addresses written out (22 ms at 50,000 statements) cached together.
    lists = cached_html("delegations", "archive/includes/delegation_lists.html",
                        lambda: {"delegations": overview.delegations_with_counts()}, request)
    return render(request, "archive/delegation_list.html", {"lists": lists})


@require_safe
@follows_old_slugs(SlugHistory.Kind.DELEGATION, Delegation)
def delegation_detail(request, slug):
    delegation = get_object_or_404(visible(request, Delegation.objects), slug=slug)
    mine = visible_statements(request).filter(Q(delegation=delegation) | Q(on_behalf_of=delegation))
    counts = mine.aggregate(
        own=Count("pk", filter=Q(delegation=delegation, on_behalf_of=None)),
        delivered_for_groups=Count("pk", filter=Q(delegation=delegation) & ~Q(on_behalf_of=None)),
        on_its_behalf=Count("pk", filter=Q(on_behalf_of=delegation)),
    )
    statements = mine.with_listing_data().order_by("-meeting__date_start", "meeting_id", "position", "pk")
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "delegation": delegation,
        "counts": counts,
        "page": page,
        "statements": page.object_list,
        "members": visible(request, delegation.members).order_by("name") if delegation.is_group else [],
        "groups": visible(request, delegation.member_of).order_by("name"),
    }
    return render(request, "archive/delegation_detail.html", context)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    # A moved admin address stays unlisted: naming it here would undo the move.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    lines += [
        f"Disallow: {reverse('archive:statement-export', args=['csv'])}",
        f"Disallow: {reverse('archive:statement-export', args=['json'])}",
        f"Disallow: {reverse('archive:statement-feed')}?",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('archive:sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def api_docs(request):
    """The API's human page: endpoints, parameters and curl calls with identifiers from this archive."""
    published = Statement.objects.published()
    statement = published.order_by("pk").values_list("pk", flat=True).first()
    example = {
        "statement": statement or 1,
        # The first statement's first paragraph: the first published paragraph of all was found by
        # walking the published statements (33 ms at 50,000).
        "paragraph": Paragraph.objects.filter(statement=statement).order_by("position")
        .values_list("public_id", flat=True).first() or "23456789ab",
        "delegation": published.order_by("delegation_id").values_list("delegation__slug", flat=True).first() or "sweden",
    }
    context = {
        "base": request.build_absolute_uri("/").rstrip("/"),
        "example": example,
        "throttle_rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"],
    }
    return render(request, "archive/api_docs.html", context)
