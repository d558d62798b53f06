"""Research pages: a search over time, who said it, keyword in context; each with CSV and JSON.

Thin views: research.py selects and counts, charts.py lays out the chart, the templates draw.
Every page takes the browse page's own address (filters and ?q=), so a link from the results
carries the reader's selection over.
"""
import csv
import io
import json
from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import charts, exports, filters, kwic, markup, research, research_groups, similar
from .models import Delegation, Paragraph
from .reversing import pattern

FORMATS = ("csv", "json")
MEASURES = ("paragraphs", "statements")


def bad_request(request, message):
    return render(request, "archive/bad_request.html", {"message": message}, status=400)


def download(rows, about, fields, name, fmt):
    """`rows` as a CSV file (text cells made spreadsheet-safe) or a JSON object with `about`."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            # A list in a row (a group's members) is one cell.
            row = {name: research_groups.members_text(value) if isinstance(value, list) else value for name, value in row.items()}
            writer.writerow(exports.spreadsheet_safe(row, [f for f in fields if f in research.TEXT_FIELDS]))
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        body = json.dumps({**about, "rows": rows}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def searches(request):
    """The search texts of an over-time address (?q= repeated), empty ones left out."""
    return [text.strip() for text in request.GET.getlist("q") if text.strip()][: research.MAX_SERIES]


def browse_url(params, **replace):
    """The browse address of `params` (filters) with `replace` set (each a value or a list)."""
    pairs = [(name, value) for name, value in params if name not in replace]
    for name, value in replace.items():
        pairs += [(name, v) for v in (value if isinstance(value, list) else [value]) if v not in ("", None)]
    return reverse("archive:statement-list") + ("?" + urlencode(pairs) if pairs else "")


@require_safe
def over_time(request, fmt=None):
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("Downloads are CSV or JSON."))
    if message := research.refusal(request.GET):
        return bad_request(request, message)
    texts = searches(request)
    series, notices, labels = research.over_time(request, texts)
    if fmt:
        about, rows = over_time_data(request, texts, series)
        return download(rows, about, research.OVER_TIME_FIELDS, "over-time", fmt)
    measure = request.GET.get("measure") if request.GET.get("measure") in MEASURES else "paragraphs"
    years = research.year_range(series)
    column = 1 if measure == "paragraphs" else 0
    chart = charts.line_chart(years, [(one.text, [one.years.get(year, (0, 0))[column] for year in years])
                                      for one in series]) if years else None
    params = research.filter_params(request.GET)
    meetings = research.sessions(series)
    context = {
        "texts": texts,
        "inputs": (texts + [""] * research.MAX_SERIES)[: research.MAX_SERIES],
        "series": [(one, chart["lines"][n] if chart else None, browse_url(params, q=one.text)) for n, one in enumerate(series)],
        "notices": notices,
        "measure": measure,
        "chart": chart,
        "year_rows": [(year, [one.years.get(year, (0, 0)) for one in series]) for year in years],
        "session_count": len(meetings),
        "session_rows": session_rows(meetings, series),
        "filter_params": params,
        "filter_labels": labels,
    }
    return render(request, "archive/research/over_time.html", context)


def session_rows(meetings, series):
    """The per-session table's rows as one HTML fragment: a common word is in every one of hundreds of
    sessions, and a template loop with {% url %} and intcomma per cell cost about 60 ms at 400."""
    address = pattern("archive:meeting-detail")
    separator = formats.get_format("THOUSAND_SEPARATOR")
    grouped_by_three = formats.get_format("NUMBER_GROUPING") == 3

    def number(value):
        """As intcomma writes it in the interface's language (Arabic's format does not group)."""
        return f"{value:,}".replace(",", separator) if grouped_by_three else intcomma(value)

    rows = []
    for pk, name, start, slug in meetings:
        cells = [markup.fragment('<td class="num">{}</td><td class="num">{}</td>', number(statements), number(paragraphs))
                 for statements, paragraphs in (one.sessions.get(pk, (0, 0)) for one in series)]
        rows.append(markup.fragment('<tr><th scope="row"><a href="{}">{}</a> <span class="meta">{}</span></th>{}</tr>',
                                    address.format(slug), name, str(start.year), markup.join(cells)))
    return markup.join(rows)


@require_safe
def who_said_it(request, fmt=None):
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("Downloads are CSV or JSON."))
    if message := research.refusal(request.GET):
        return bad_request(request, message)
    with research.selection(request) as chosen:
        ranked, counted = research.who_said_it(chosen)
        if fmt:
            about, rows = who_data(request, chosen, ranked, counted)
            return download(rows, about, research.WHO_FIELDS, "who-said-it", fmt)
        params = research.filter_params(request.GET)
        q = chosen.query.text
        context = {
            "query": chosen.query,
            "notices": chosen.notices,
            "counted": counted,
            "tables": [
                (role, heading, [(row, browse_url(params, q=q, **{param: row.slug})) for row in ranked[role][: research.RANKED_SHOWN]],
                 len(ranked[role]))
                for role, heading, param in (
                    ("delegations", _("Delegations that took the floor"), "delegation"),
                    ("groups", _("Groups spoken for"), "on_behalf_of"),
                )
            ],
            "shown": research.RANKED_SHOWN,
            "filter_params": params,
            "filter_labels": research.filter_labels(chosen),
            "results_url": browse_url(params, q=q),
        }
        return render(request, "archive/research/who_said_it.html", context)


@require_safe
def in_context(request, fmt=None):
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("Downloads are CSV or JSON."))
    if message := research.refusal(request.GET):
        return bad_request(request, message)
    sort = request.GET.get("sort") if request.GET.get("sort") in ("left", "right") else ""
    with research.selection(request) as chosen:
        lines, read, more = kwic.kwic(chosen, sort)
        if fmt:
            about, rows = kwic_data(request, chosen, sort, lines, read, more)
            return download(rows, about, kwic.KWIC_FIELDS, "in-context", fmt)
        params = research.filter_params(request.GET)
        context = {
            "query": chosen.query,
            "notices": chosen.notices,
            "lines": lines,
            "read": read,
            "more": more,
            "limit": kwic.KWIC_LINES,
            "sort": sort,
            "filter_params": params,
            "filter_labels": research.filter_labels(chosen),
            "results_url": browse_url(params, q=chosen.query.text),
        }
        return render(request, "archive/research/in_context.html", context)


@require_safe
def said_similarly(request, public_id, fmt=None):
    """A paragraph's "said similarly": other delegations' or sessions' paragraphs sharing its rarest words."""
    if fmt is not None and fmt != "json":
        raise Http404(_("This list comes as similar.json."))
    statements = filters.visible_statements(request)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("statement__meeting", "statement__delegation", "statement__on_behalf_of"),
        public_id=public_id, statement__in=statements.values("pk"),
    )
    found = similar.similar(paragraph, statements)
    if fmt:
        about, rows = similar_data(request, paragraph, found)
        return download(rows, about, None, f"similar-{paragraph.public_id}", "json")
    context = {"paragraph": paragraph, "statement": paragraph.statement, "found": found}
    return render(request, "archive/research/said_similarly.html", context)


def similar_data(request, paragraph, found):
    absolute = request.build_absolute_uri
    return {"paragraph_id": paragraph.public_id}, [
        {"paragraph_id": item.paragraph.public_id,
         "permalink": absolute(item.paragraph.get_absolute_url()),
         "text": item.paragraph.text, "shared_words": item.shared, "score": round(item.score, 4),
         "attribution": item.paragraph.statement.attribution, "meeting": item.paragraph.statement.meeting.name,
         "year": item.paragraph.statement.year}
        for item in found
    ]


# What the downloads and the API answer: (about, rows) -------------------------------------------


def chosen_filters(request):
    """{filter: [values]} of the address, as the downloads and the API repeat them."""
    filters = {}
    for name, value in research.filter_params(request.GET):
        filters.setdefault(name, []).append(value)
    return filters


def over_time_data(request, texts, series):
    return {"searches": texts, "filters": chosen_filters(request)}, research.over_time_rows(series)


def who_data(request, chosen, ranked, counted):
    """The groups' rows carry their members with the days they joined and left."""
    about = {"search": chosen.query.text, "filters": chosen_filters(request),
             "statements": counted.statement_count, "paragraphs": counted.paragraph_count}
    members = research_groups.members_by_group([row.pk for row in ranked["groups"]],
                                               filters.visible(request, Delegation.objects))
    return about, research.who_rows(ranked, members)


def kwic_data(request, chosen, sort, lines, read, more):
    about = {"search": chosen.query.text, "filters": chosen_filters(request), "sort": sort,
             "paragraphs_read": read, "more_paragraphs": more}
    return about, kwic.kwic_rows(lines, request.build_absolute_uri)


ALIGNMENT_FIELDS = ["delegation", "delegation_slug", "aligned_with", "aligned_with_slug", "meeting", "meeting_slug",
                    "date", "statement_url", "aligned_statement_url", "sentence"]
ALIGNMENTS_SHOWN = 200


def alignment_data(request):
    """(about, rows) of the alignments the address filters: ?delegation= (who aligned),
    ?aligned_with=, ?meeting= (slugs, each repeatable)."""
    found = research_groups.alignments(filters.visible_statements(request))
    about = {}
    for param, field in (("delegation", "statement__delegation__slug"), ("aligned_with", "aligned_with__slug"),
                         ("meeting", "statement__meeting__slug")):
        values = [value for value in request.GET.getlist(param) if value]
        if values:
            found = found.filter(**{f"{field}__in": values})
            about[param] = values
    absolute = request.build_absolute_uri
    rows = [
        {"delegation": a.statement.delegation.name, "delegation_slug": a.statement.delegation.slug,
         "aligned_with": a.aligned_with.name, "aligned_with_slug": a.aligned_with.slug,
         "meeting": a.statement.meeting.name, "meeting_slug": a.statement.meeting.slug,
         "date": a.statement.date or a.statement.meeting.date_start,
         "statement_url": absolute(a.statement.get_absolute_url()),
         "aligned_statement_url": absolute(a.aligned_statement.get_absolute_url()) if a.aligned_statement_id else "",
         "sentence": a.sentence}
        for a in found.select_related("statement__meeting")
    ]
    return about, rows


@require_safe
def alignments(request, fmt=None):
    if fmt is not None and fmt not in FORMATS:
        raise Http404(_("Downloads are CSV or JSON."))
    about, rows = alignment_data(request)
    if fmt:
        return download(rows, {"filters": about}, ALIGNMENT_FIELDS, "alignments", fmt)
    context = {"rows": rows[:ALIGNMENTS_SHOWN], "total": len(rows), "shown": ALIGNMENTS_SHOWN, "filters": about,
               "with_counts": sorted({(row["aligned_with"], row["aligned_with_slug"]) for row in rows})}
    return render(request, "archive/research/alignments.html", context)
