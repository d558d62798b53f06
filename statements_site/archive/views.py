"""Public pages of the archive. Thin function views over the models' querysets."""
import csv
import json
from collections import Counter

import functools
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import citations, exports, filters, search, spelling, versions
from .filters import visible
from .forms import ProblemReportForm
from .models import AgendaItem, Body, Delegation, Language, Meeting, Paragraph, SlugHistory, Statement
from .revisions import compare_snapshots, fold_unchanged, resolve

PAGE_SIZE = 25
ITEM_PAGE_SIZE = 20  # statements, each with all its paragraphs, per page of an agenda item's debate
RESULTS_PAGE_SIZE = 20
SNIPPETS_PER_STATEMENT = 3
COMPARE_MAX = 4
EXPORT_CHUNK = 2000

SORTS = {
    "relevance": ["score", "-year", "pk"],
    "newest": ["-year", "-meeting__date_start", "meeting_id", "position", "pk"],
    "oldest": ["year", "meeting__date_start", "meeting_id", "position", "pk"],
}


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


def visible_statements(request):
    """Published statements, each once (not their language versions); staff also see drafts (marked as such on the page)."""
    if request.user.is_staff:
        return Statement.objects.originals()
    return Statement.objects.published()


def readable_statements(request):
    """What a reader may open at its own address: visible statements and their language versions."""
    return versions.readable(request.user.is_staff)


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
    return render(request, "archive/home.html", filters.cached("home", filters.archive_version(), home_overview))


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


def browse(request):
    """The statements and search hits that the URL's filters and ?q= select, with notices.

    Shared by the browse page and the downloads. Never raises on junk: invalid filters or a
    search without words give an empty result and a notice saying what to change.
    """
    filterset = filters.StatementFilter(request.GET, queryset=visible_statements(request), request=request)
    query = search.parse(request.GET.get("q"))
    notices = [query.message] if query.message else []
    if unknown := filters.unknown_parameters(request.GET):
        names = ", ".join(f"“{name}”" for name in unknown)
        notices.append(f"The archive has no filter called {names}: the list below is not narrowed by it.")
    statements = filterset.qs if filterset.is_valid() else Statement.objects.none()
    if not filterset.is_valid():
        names = ", ".join(sorted(filterset.errors))
        notices.append(f"Some filter values in the address are not in the archive ({names}); nothing matches them.")
    hits = None
    if query:
        hits = search.find(query)
        statements = hits.restrict(statements)
    elif query.text:
        statements = Statement.objects.none()
    return filterset, query, hits, statements, notices


MAX_PAGE = 2000  # deeper pages are refused: nobody reads page 10**9, and OFFSET costs grow with it


def refusal(request):
    """Why this browse or search request is too expensive to run (answered with 400), or ''."""
    message = search.refusal(request.GET.get("q")) or filters.too_many_values(request.GET)
    page = request.GET.get("page", "")
    # isdecimal, not isdigit ("²" is a digit int() refuses); the length first, as int() refuses 4,300 digits.
    if not message and page.isdecimal() and (len(page.lstrip("0")) > len(str(MAX_PAGE)) or int(page) > MAX_PAGE):
        message = f"Pages go up to {MAX_PAGE}. Narrow the list with a filter or a search instead."
    return message


def bad_request(request, message):
    return render(request, "archive/bad_request.html", {"message": message}, status=400)


@require_safe
def statement_list(request):
    if message := refusal(request):
        return bad_request(request, message)
    filterset, query, hits, statements, notices = browse(request)
    if hits and hits.partly_ranked:
        notices.append(
            f"{hits.total:,} paragraphs match. The {hits.ranked:,} most recently added of them were ranked by "
            "relevance and come first; add words or filters to have every match ranked."
        )
    sort = request.GET.get("sort")
    if sort not in SORTS or (sort == "relevance" and not hits):
        sort = "relevance" if hits else "newest"
    size = RESULTS_PAGE_SIZE if hits else PAGE_SIZE
    valid = filterset.is_valid()
    # A search or a filtered list is read once (filters.Tally): its count, page and most facet counts
    # come from that read. The whole archive is paged in SQL, its count and pages cached for the public.
    tally, version = None, None
    if valid and not query.text and not any(filterset.form.cleaned_data.values()):
        version = None if request.user.is_staff else filters.archive_version()
        page = filters.whole_archive_page(statements, SORTS[sort], request.GET.get("page"), size, version)
    else:
        tally = filters.Tally(statements, hits)
        page = tally.page(sort, request.GET.get("page"), size)
    results = hits.results(page.object_list, SNIPPETS_PER_STATEMENT) if hits else []

    restrict = hits.restrict if hits else None
    toggle = filters.toggler(request.GET)
    context = {
        "filterset": filterset,
        "query": query,
        "hits": hits,
        "notices": notices,
        "sort": sort,
        "sorts": [s for s in SORTS if hits or s != "relevance"],
        "page": page,
        "statements": page.object_list,
        "results": results,
        "paragraph_count": tally.paragraph_count if tally is not None else None,
        "facets": filters.facets(
            filterset, toggle, restrict,
            cache_scope=None if request.user.is_staff else "published", tally=tally, version=version,
        )
        if valid and (hits or not query.text) else [],
        "pills": [(label, toggle(name, value), name) for name, value, label in filterset.selected()]
        if valid else [],
        "year_bounds": filters.YEARS,
        # A search that found nothing: its words corrected from the index's own (one query).
        "suggestion": spelling.suggest(query.text, filterset.qs) if valid and hits is not None and not hits.total else "",
        "is_filtered": any(key != "sort" and key != "page" for key in request.GET),
    }
    return render(request, "archive/statement_list.html", context)


EXPORT_FIELDS = [
    "permalink", "paragraph_id", "paragraph_position", "paragraph_label", "text",
    "statement_id", "statement_url", "statement_title", "delegation", "delegation_kind", "on_behalf_of",
    "speaker", "speaker_title", "body", "meeting", "meeting_slug", "meeting_start", "meeting_end", "location",
    "agenda_items", "date", "year", "language", "type", "version", "status", "source_symbol", "source_url", "is_synthetic",
    # The codes behind the words above, for scripts: "item" for "Statement on an agenda item".
    "delegation_kind_code", "language_code", "type_code", "version_code", "status_code",
]


# Columns read for each exported paragraph, in one query: rows are plain tuples, not model instances
# (building five model objects per row made a 10,000-row download take seconds).
EXPORT_COLUMNS = [
    "public_id", "position", "label", "text", "statement_id", "statement__title", "statement__delegation__name",
    "statement__delegation__kind", "statement__on_behalf_of__name", "statement__speaker", "statement__speaker_title",
    "statement__meeting__body__name", "statement__meeting__title", "statement__meeting__session",
    "statement__meeting__slug", "statement__meeting__date_start", "statement__meeting__date_end",
    "statement__meeting__location", "statement__date", "statement__year", "statement__language", "statement__kind",
    "statement__version", "statement__status", "statement__source_symbol", "statement__source_url",
    "statement__is_synthetic",
]
# The columns of free text, which a spreadsheet could read as a formula (see exports.spreadsheet_safe).
CSV_TEXT_COLUMNS = [
    "paragraph_label", "text", "statement_title", "delegation", "on_behalf_of", "speaker", "speaker_title", "body",
    "meeting", "location", "agenda_items", "source_symbol",
]
# Words for the codes, as the pages show them.
EXPORT_WORDS = {
    "delegation_kind": dict(Delegation.Kind.choices), "language": dict(Language.choices),
    "type": dict(Statement.Kind.choices), "version": dict(Statement.Version.choices),
    "status": dict(Statement.Status.choices),
}


def export_rows(request, paragraphs):
    """One dict per paragraph with every metadata field. Streams in chunks: constant memory."""
    permalink = request.build_absolute_uri(reverse("archive:paragraph-permalink", args=["ID"])).replace("ID", "{}")
    statement_url = request.build_absolute_uri(reverse("archive:statement-detail", args=[0])).replace("/0/", "/{}/")
    rows = paragraphs.values_list(*EXPORT_COLUMNS).iterator(chunk_size=EXPORT_CHUNK)
    items = {}
    for chunk in _chunks(rows, EXPORT_CHUNK):
        # The agenda items of this chunk's statements, one query per chunk.
        needed = {row[4] for row in chunk} - items.keys()
        links = Statement.agenda_items.through.objects.filter(statement_id__in=needed).order_by(
            "agendaitem__position", "agendaitem_id"
        ).values_list("statement_id", "agendaitem__number", "agendaitem__title")
        items = {pk: [] for pk in needed}
        for statement_id, number, title in links:
            items[statement_id].append(f"{number}: {title}")
        for (public_id, position, label, text, statement_id, title, delegation, kind, group, speaker, speaker_title,
             body, meeting, session, slug, start, end, location, date, year, language, type_, version, status, symbol,
             source_url, synthetic) in chunk:
            yield {
                "permalink": permalink.format(public_id),
                "paragraph_id": public_id,
                "paragraph_position": position,
                "paragraph_label": label,
                "text": text,
                "statement_id": statement_id,
                "statement_url": statement_url.format(statement_id),
                "statement_title": title,
                "delegation": delegation,
                "delegation_kind": EXPORT_WORDS["delegation_kind"].get(kind, kind),
                "on_behalf_of": group or "",
                "speaker": speaker,
                "speaker_title": speaker_title,
                "body": body,
                "meeting": Meeting.format_name(meeting, session),
                "meeting_slug": slug,
                "meeting_start": start,
                "meeting_end": end or start,
                "location": location,
                "agenda_items": "; ".join(items.get(statement_id, [])),
                "date": date or "",
                "year": year,
                "language": EXPORT_WORDS["language"].get(language, language),
                "type": EXPORT_WORDS["type"].get(type_, type_),
                "version": EXPORT_WORDS["version"].get(version, version),
                "status": EXPORT_WORDS["status"].get(status, status),
                "source_symbol": symbol,
                "source_url": source_url,
                "is_synthetic": synthetic,
                "delegation_kind_code": kind,
                "language_code": language,
                "type_code": type_,
                "version_code": version,
                "status_code": status,
            }


def _chunks(iterable, size):
    chunk = []
    for row in iterable:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Echo:
    def write(self, value):
        return value


@require_safe
def statement_export(request, fmt):
    if fmt not in ("csv", "json"):
        raise Http404("Downloads are CSV or JSON.")
    if message := refusal(request):
        return bad_request(request, message)
    filterset, query, hits, statements, _notices = browse(request)
    paragraphs = (
        Paragraph.objects.filter(statement__in=statements.values("pk"))
        .order_by("statement__year", "statement__meeting_id", "statement__position", "statement_id", "position")
    )
    if hits:
        # A search's matches include its statements' language versions, as its result page shows them.
        paragraphs = versions.with_version_paragraphs(paragraphs, statements).filter(pk__in=hits.paragraph_ids())
    rows = export_rows(request, paragraphs)
    if fmt == "csv":
        writer = csv.DictWriter(Echo(), fieldnames=EXPORT_FIELDS)
        stream = (writer.writerow(exports.spreadsheet_safe(row, CSV_TEXT_COLUMNS)) for row in rows)
        # With a byte-order mark: without it Excel reads UTF-8 as the local code page (“ becomes â€œ).
        header = "\ufeff" + writer.writerow(dict(zip(EXPORT_FIELDS, EXPORT_FIELDS)))
        response = StreamingHttpResponse(_prepend(header, stream), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_array(rows), content_type="application/json")
    name = download_name(filterset.form.cleaned_data if filterset.is_valid() else {}, query.text)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# The parts of a download's name, in this order: who, where, what, then when.
DOWNLOAD_NAME_ORDER = ["delegation", "on_behalf_of", "body", "meeting", "item", "q", "delegation_kind", "language",
                       "type", "version", "year", "year_from", "year_to"]
DOWNLOAD_NAME_LENGTH = 100


def download_name(chosen, text):
    """A file name saying what a download holds (`group-of-77-and-china-international-cooperation-2020`),
    from the chosen filter values and the search words; "statements-archive" for the whole archive."""
    parts = {"q": [text] if text else [], "year_from": [], "year_to": []}
    for name, values in chosen.items():
        if name in ("year_from", "year_to"):
            if values is not None:
                parts[name] = [f"{'from' if name == 'year_from' else 'to'} {values}"]
            continue
        parts[name] = [value.title if name == "item" else getattr(value, "slug", value) for value in values or []]
    words = slugify(" ".join(str(part) for name in DOWNLOAD_NAME_ORDER for part in parts.get(name, [])))
    if len(words) > DOWNLOAD_NAME_LENGTH:
        words = words[:DOWNLOAD_NAME_LENGTH].rsplit("-", 1)[0]
    return words or "statements-archive"


def _prepend(first, rest):
    yield first
    yield from rest


def _json_array(rows):
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n]\n"


def statement_context(request, statement):
    """What the statement page shows: the statement, its paragraphs and its neighbours in the meeting."""
    siblings = visible_statements(request).filter(meeting_id=statement.meeting_id).in_speaking_order()
    ids = list(siblings.values_list("pk", flat=True))
    original_id = statement.version_of_id or statement.pk  # a language version sits where its original does
    index = ids.index(original_id) if original_id in ids else None
    neighbours = {"previous": None, "next": None}
    if index is not None:
        neighbour_ids = {"previous": ids[index - 1] if index > 0 else None, "next": ids[index + 1] if index + 1 < len(ids) else None}
        found = Statement.objects.select_related("delegation").in_bulk([i for i in neighbour_ids.values() if i])
        neighbours = {key: found.get(value) for key, value in neighbour_ids.items()}
    return {
        "statement": statement,
        "paragraphs": statement.paragraphs.all(),
        # Their links name the meeting; a language version has its original's.
        "agenda_items": list(versions.original_of(statement).agenda_items.select_related("meeting")),
        "languages": versions.language_links(statement, request.user.is_staff),
        "previous_statement": neighbours["previous"],
        "next_statement": neighbours["next"],
        "query": search.parse(request.GET.get("q")),
        "citable": True,
        # Version 1 is the statement as loaded; each later version is a correction.
        "correction_count": max(statement.revisions.count() - 1, 0),
    }


@require_safe
def statement_detail(request, pk):
    statement = get_object_or_404(
        readable_statements(request).select_related("meeting__body", "delegation", "on_behalf_of"), pk=pk
    )
    return render(request, "archive/statement_detail.html", statement_context(request, statement))


def get_paragraph(request, public_id):
    """The paragraph an identifier leads to now (following merges), or 404. One query when it is current."""
    paragraphs = Paragraph.objects.select_related(
        "statement__meeting__body", "statement__delegation", "statement__on_behalf_of"
    ).filter(statement__in=readable_statements(request))
    paragraph = paragraphs.filter(public_id=public_id).first()
    if paragraph is None:
        successor, _ = resolve(public_id)
        paragraph = paragraphs.filter(pk=successor.pk).first() if successor else None
    if paragraph is None:
        raise Http404("No paragraph has this identifier.")
    return paragraph


@require_safe
def paragraph_permalink(request, public_id):
    """A cited paragraph, for as long as the archive exists: the current text, a notice when it was
    corrected, merged into another paragraph or removed since the link was made."""
    paragraph, trail = resolve(public_id)
    if paragraph is None and not trail:
        raise Http404("No paragraph has this identifier.")
    statement_id = paragraph.statement_id if paragraph else trail[-1].statement_id
    statement = get_object_or_404(
        readable_statements(request).select_related("meeting__body", "delegation", "on_behalf_of"), pk=statement_id
    )
    context = statement_context(request, statement)
    context["retired"] = trail[0] if trail else None
    if paragraph is None:
        # Removed: the statement it belonged to, with what happened and its last text.
        return render(request, "archive/statement_detail.html", context)
    context["paragraph"] = next(p for p in context["paragraphs"] if p.pk == paragraph.pk)
    context["paragraph_siblings"] = versions.siblings(context["paragraph"], [text for text, _ in context["languages"]])
    return render(request, "archive/paragraph_permalink.html", context)


@require_safe
def paragraph_cite(request, public_id):
    paragraph = get_paragraph(request, public_id)
    context = {
        "paragraph": paragraph,
        "statement": paragraph.statement,
        "agenda_items": list(versions.original_of(paragraph.statement).agenda_items.select_related("meeting")),
    }
    return render(request, "archive/paragraph_cite.html", context)


@require_safe
def body_list(request):
    published = Q(statements__status=Statement.Status.PUBLISHED, statements__version_of=None)
    meetings = visible(request, Meeting.objects).annotate(statement_count=Count("statements", filter=published)).latest_first()
    bodies = visible(request, Body.objects).with_meeting_counts(visible(request, Meeting.objects)).order_by("name").prefetch_related(
        Prefetch("meetings", queryset=meetings)
    )
    return render(request, "archive/body_list.html", {"bodies": bodies})


@require_safe
@follows_old_slugs(SlugHistory.Kind.BODY, Body)
def body_detail(request, slug):
    body = get_object_or_404(visible(request, Body.objects), slug=slug)
    meetings = visible(request, body.meetings).annotate(
        statement_count=Count("statements", filter=Q(statements__status=Statement.Status.PUBLISHED, statements__version_of=None))
    ).latest_first()
    return render(request, "archive/body_detail.html", {"body": body, "meetings": meetings})


@require_safe
@follows_old_slugs(SlugHistory.Kind.MEETING, Meeting)
def meeting_detail(request, slug):
    meeting = get_object_or_404(visible(request, Meeting.objects).select_related("body"), slug=slug)
    agenda_items = list(visible(request, meeting.agenda_items))
    statements = list(visible_statements(request).for_meeting(meeting).with_listing_data().in_speaking_order())
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


def compare_speakers(statements):
    """The delegations `statements` can be compared by. Each statement counts once: for the group it
    was spoken for, else for the delegation that spoke it, so no statement fills two columns."""
    return Delegation.objects.filter(
        Q(pk__in=statements.filter(on_behalf_of=None).values("delegation_id"))
        | Q(pk__in=statements.exclude(on_behalf_of=None).values("on_behalf_of_id"))
    ).order_by("name")


def compared_for(statement):
    """The delegation id a statement counts for in a comparison (see compare_speakers)."""
    return statement.on_behalf_of_id or statement.delegation_id


def item_statements(request, item):
    """The statements on `item` in speaking order, with their paragraphs: what a debate page shows
    (the meeting is the item's; paragraphs without their correction times)."""
    return (
        visible_statements(request)
        .filter(agenda_items=item)
        .select_related("delegation", "on_behalf_of")
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.defer("text_changed").order_by("position")))
        .in_speaking_order()
    )


@require_safe
@follows_old_slugs(SlugHistory.Kind.MEETING, Meeting)
def agenda_item_detail(request, slug, number):
    item = get_object_or_404(
        visible(request, AgendaItem.objects).select_related("meeting__body"), meeting__slug=slug, number=number
    )
    # A long debate is read in pages of whole statements, so one page's cost stays bounded.
    page = Paginator(item_statements(request, item), ITEM_PAGE_SIZE).get_page(request.GET.get("page"))
    speakers = compare_speakers(visible_statements(request).filter(agenda_items=item))
    context = {
        "item": item,
        "meeting": item.meeting,
        "page": page,
        "statements": page.object_list,
        "speakers": list(speakers),
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
        notices.append(f"At most {COMPARE_MAX} delegations side by side; the first {COMPARE_MAX} are shown.")
        chosen_slugs = chosen_slugs[:COMPARE_MAX]
    chosen = {d.slug: d for d in speakers.filter(slug__in=chosen_slugs)} if chosen_slugs else {}
    if len(chosen) < len(chosen_slugs):
        notices.append("Some chosen delegations did not speak on this item and are left out.")
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
        notices.append("Choose two to four delegations to set their statements side by side.")
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
    # The same for every visitor until a statement changes: cached under the archive's version.
    delegations = filters.cached("delegations", filters.archive_version(), delegations_with_counts)
    return render(request, "archive/delegation_list.html", {"delegations": delegations})


def delegations_with_counts():
    """Every public delegation (not one only drafts use) with the number of published statements its own page lists: those it
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
    return delegations


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
def statement_history(request, pk):
    """The versions of a statement and a readable difference between any two of them."""
    statement = get_object_or_404(
        readable_statements(request).select_related("meeting__body", "delegation", "on_behalf_of"), pk=pk
    )
    revisions = list(statement.revisions.select_related("created_by").order_by("number"))
    numbers = [revision.number for revision in revisions]
    comparison = None
    if len(revisions) >= 2:
        older = _version_param(request, "from", numbers, default=numbers[-2])
        newer = _version_param(request, "to", numbers, default=numbers[-1])
        by_number = {revision.number: revision for revision in revisions}
        comparison = {
            "older": by_number[older],
            "newer": by_number[newer],
            **compare_snapshots(by_number[older].snapshot, by_number[newer].snapshot),
        }
        # A removed paragraph that was merged says where its words went.
        merged = {r.public_id: r.successor_id for r in statement.retired_paragraphs.filter(fate="merged")}
        labels = {row["public_id"]: row["label"] for row in comparison["paragraphs"]}
        for row in comparison["paragraphs"]:
            if row["status"] == "removed" and merged.get(row["public_id"]) in labels:
                row["merged_into"] = {"public_id": merged[row["public_id"]], "label": labels[merged[row["public_id"]]]}
        comparison["shown"] = fold_unchanged(comparison["paragraphs"])
    context = {"statement": statement, "revisions": revisions, "comparison": comparison}
    return render(request, "archive/statement_history.html", context)


def _version_param(request, name, numbers, default):
    """A version number from the query string; junk or unknown numbers fall back to the default."""
    try:
        value = int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return default
    return value if value in numbers else default


@require_http_methods(["GET", "HEAD", "POST"])
def paragraph_report(request, public_id):
    """A reader reports a problem with one paragraph; it lands in the staff queue."""
    paragraph = get_paragraph(request, public_id)
    form = ProblemReportForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        form.save(paragraph)
        messages.success(request, "Thank you. Your report is in the staff queue; the archive's editors will look at it.")
        return redirect(paragraph.get_absolute_url())
    context = {"paragraph": paragraph, "statement": paragraph.statement, "form": form}
    return render(request, "archive/paragraph_report.html", context, status=400 if form.errors else 200)


# Open data: one statement as Akoma Ntoso, text or Markdown; citation files; robots.txt; the API's page.

STATEMENT_TEXT_FORMATS = {
    "txt": (exports.plain_text, "text/plain; charset=utf-8"),
    "md": (exports.markdown, "text/markdown; charset=utf-8"),
}
CITATION_FILES = {
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
    "json": (citations.csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
}


def _statement_for_export(request, pk):
    statement = get_object_or_404(
        readable_statements(request).select_related("meeting__body", "delegation", "on_behalf_of"), pk=pk
    )
    items = versions.original_of(statement).agenda_items.all()
    return statement, list(items), list(statement.paragraphs.order_by("position"))


def _download(body, content_type, filename, disposition="inline"):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def statement_original(request, pk):
    """The file the statement was imported from, as uploaded: always a download, never shown inline
    (an uploaded .html file must not run as a page of this site)."""
    statement = get_object_or_404(readable_statements(request).exclude(source_file=""), pk=pk)
    try:
        opened = statement.source_file.open("rb")
    except FileNotFoundError:
        raise Http404("The original file is missing.") from None
    return FileResponse(opened, as_attachment=True, filename=Path(statement.source_file.name).name)


@require_safe
def statement_akoma_ntoso(request, pk):
    statement, agenda_items, paragraphs = _statement_for_export(request, pk)
    xml = exports.akoma_ntoso(statement, agenda_items, paragraphs, request.build_absolute_uri)
    return _download(xml, "application/akn+xml; charset=utf-8", f"statement-{pk}.akn.xml")


@require_safe
def statement_text(request, pk, fmt):
    if fmt not in STATEMENT_TEXT_FORMATS:
        raise Http404("A statement comes as statement.txt or statement.md.")
    builder, content_type = STATEMENT_TEXT_FORMATS[fmt]
    statement, agenda_items, paragraphs = _statement_for_export(request, pk)
    return _download(builder(statement, agenda_items, paragraphs, request.build_absolute_uri), content_type,
                     f"statement-{pk}.{fmt}")


@require_safe
def paragraph_cite_file(request, public_id, fmt):
    if fmt not in CITATION_FILES:
        raise Http404("Citations come as cite.bib, cite.json (CSL-JSON) or cite.ris.")
    paragraph = get_paragraph(request, public_id)
    builder, content_type = CITATION_FILES[fmt]
    url = request.build_absolute_uri(paragraph.get_absolute_url())
    body = builder(paragraph, list(versions.original_of(paragraph.statement).agenda_items.all()), url)
    return _download(body, content_type, f"archive-{paragraph.public_id}.{fmt}", "attachment")


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
    example = {
        "statement": published.order_by("pk").values_list("pk", flat=True).first() or 1,
        "paragraph": Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED)
        .order_by("pk").values_list("public_id", flat=True).first() or "23456789ab",
        "delegation": published.order_by("delegation_id").values_list("delegation__slug", flat=True).first() or "sweden",
    }
    context = {
        "base": request.build_absolute_uri("/").rstrip("/"),
        "example": example,
        "throttle_rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"],
    }
    return render(request, "archive/api_docs.html", context)
