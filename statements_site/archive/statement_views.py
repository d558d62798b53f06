"""The pages of one statement and one paragraph (the permalink people cite), its history, the
reader's problem report, and the statement's open-data files (Akoma Ntoso, text, Markdown, the
original file, citation files)."""
from pathlib import Path

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, override
from django.views.decorators.http import require_http_methods, require_safe

from . import citations, exports, overview, search, versions
from .caching import archive_version, cached
from .filters import readable_statements, visible_statements
from .forms import ProblemReportForm
from .local_names import delegation_name as local_delegation_name
from .models import Paragraph, Statement
from .reversing import reverse
from .revisions import compare_snapshots, fold_unchanged, resolve


class Neighbour:
    """The statement before or after this one in the meeting, as the page links to it."""

    def __init__(self, pk, delegation_name):
        self.pk, self.delegation = pk, local_delegation_name(delegation_name)

    def get_absolute_url(self):
        return reverse("archive:statement-detail", args=[self.pk])


def page_statement(request, pk):
    """The statement a page shows, with what its header names, if this reader may open it."""
    statement = get_object_or_404(Statement.objects.select_related("meeting__body", "delegation", "on_behalf_of", "person"), pk=pk)
    if not versions.is_readable(statement, request.user.is_staff):
        raise Http404("No statement has this number.")
    return statement


def statement_context(request, statement):
    """What the statement page shows: the statement (from page_statement), its paragraphs and its
    neighbours in the meeting."""
    siblings = visible_statements(request).filter(meeting_id=statement.meeting_id).in_speaking_order()
    rows = list(siblings.values_list("pk", "delegation__name"))
    original_id = statement.version_of_id or statement.pk  # a language version sits where its original does
    index = next((n for n, (pk, _name) in enumerate(rows) if pk == original_id), None)
    neighbours = {"previous": None, "next": None}
    if index is not None:
        neighbours = {
            "previous": Neighbour(*rows[index - 1]) if index > 0 else None,
            "next": Neighbour(*rows[index + 1]) if index + 1 < len(rows) else None,
        }
    # Their links name the meeting, the statement's (a language version has its original's items).
    agenda_items = list(versions.original_of(statement).agenda_items.order_by("position", "pk"))
    for item in agenda_items:
        if item.meeting_id == statement.meeting_id:
            item.meeting = statement.meeting
    # Which statements have language versions or corrections: the same for every page until a
    # statement changes, so read from the cache rather than asked of the database for each page.
    revisions, with_versions = cached("corrected-and-translated", archive_version(), overview.corrected_and_translated)
    has_versions = statement.version_of_id or statement.pk in with_versions
    return {
        "statement": statement,
        # Without the index's copy of each text, which the page does not show.
        "paragraphs": statement.paragraphs.defer("search_text").order_by("position"),
        "agenda_items": agenda_items,
        "languages": versions.language_links(statement, request.user.is_staff) if has_versions else [],
        "previous_statement": neighbours["previous"],
        "next_statement": neighbours["next"],
        "query": search.parse(request.GET.get("q")),
        "citable": True,
        # Version 1 is the statement as loaded; each later version is a correction.
        "correction_count": max(revisions.get(statement.pk, 0) - 1, 0),
    }


@require_safe
def statement_detail(request, pk):
    statement = page_statement(request, pk)
    return render(request, "archive/statement_detail.html", statement_context(request, statement))


def get_paragraph(request, public_id):
    """The paragraph an identifier leads to now (following merges), or 404. One query when it is current.

    Whether the reader may open its statement is asked of that statement (EXISTS): as `statement IN
    (...)`, SQLite listed every readable statement first (24 ms of a citation page at 50,000)."""
    readable = readable_statements(request).filter(pk=OuterRef("statement_id"))
    paragraphs = Paragraph.objects.select_related(
        "statement__meeting__body", "statement__delegation", "statement__on_behalf_of"
    ).filter(Exists(readable))
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
    statement = page_statement(request, statement_id)
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
def statement_history(request, pk):
    """The versions of a statement and a readable difference between any two of them."""
    statement = page_statement(request, pk)
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
        messages.success(request, _("Thank you. Your report is in the staff queue; the archive's editors will look at it."))
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
    statement = page_statement(request, pk)
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
@override("en")  # downloads are data: the same words whatever the interface's language
def statement_akoma_ntoso(request, pk):
    statement, agenda_items, paragraphs = _statement_for_export(request, pk)
    xml = exports.akoma_ntoso(statement, agenda_items, paragraphs, request.build_absolute_uri)
    return _download(xml, "application/akn+xml; charset=utf-8", f"statement-{pk}.akn.xml")


@require_safe
@override("en")
def statement_text(request, pk, fmt):
    if fmt not in STATEMENT_TEXT_FORMATS:
        raise Http404("A statement comes as statement.txt or statement.md.")
    builder, content_type = STATEMENT_TEXT_FORMATS[fmt]
    statement, agenda_items, paragraphs = _statement_for_export(request, pk)
    return _download(builder(statement, agenda_items, paragraphs, request.build_absolute_uri), content_type,
                     f"statement-{pk}.{fmt}")


@require_safe
@override("en")
def paragraph_cite_file(request, public_id, fmt):
    if fmt not in CITATION_FILES:
        raise Http404("Citations come as cite.bib, cite.json (CSL-JSON) or cite.ris.")
    paragraph = get_paragraph(request, public_id)
    builder, content_type = CITATION_FILES[fmt]
    url = request.build_absolute_uri(paragraph.get_absolute_url())
    body = builder(paragraph, list(versions.original_of(paragraph.statement).agenda_items.all()), url)
    return _download(body, content_type, f"archive-{paragraph.public_id}.{fmt}", "attachment")
