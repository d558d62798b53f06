"""A selection's paragraphs as a download (statements.csv / statements.json): one row per
paragraph with every metadata field, streamed in chunks so memory stays constant.

The words for coded values (a statement's type, language, version) come from the facets'
definitions (filters.FACETS), so a download spells a value as the page's facet does; the codes
follow in their own `*_code` columns for scripts.
"""
import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import override

from . import exports
from .filters import FACETS
from .models import Meeting, Statement

EXPORT_CHUNK = 2000
# Words for the codes, as the pages' facets show them, by download column; the status is no facet.
# Downloads are data: the same English words whatever the interface's language.
with override("en"):
    EXPORT_WORDS = {facet.export: {code: str(word) for code, word in facet.words.items()} for facet in FACETS if facet.export}
    EXPORT_WORDS["status"] = {code: str(word) for code, word in Statement.Status.choices}

EXPORT_FIELDS = [
    "permalink", "paragraph_id", "paragraph_position", "paragraph_label", "text",
    "statement_id", "statement_url", "statement_title", "delegation", "delegation_kind", "on_behalf_of",
    "speaker", "speaker_title", "body", "meeting", "meeting_slug", "meeting_start", "meeting_end", "location",
    "agenda_items", "date", "year", "language", "type", "version", "status", "source_symbol", "source_url", "is_synthetic",
    # The codes behind the words above, for scripts: "item" for "Statement on an agenda item".
    *(f"{column}_code" for column in EXPORT_WORDS),
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


def export_rows(request, paragraphs):
    """One dict per paragraph with every metadata field. Streams in chunks: constant memory."""
    permalink = request.build_absolute_uri(reverse("archive:paragraph-permalink", args=["ID"])).replace("ID", "{}")
    statement_url = request.build_absolute_uri(reverse("archive:statement-detail", args=[0])).replace("/0/", "/{}/")
    rows = paragraphs.values_list(*EXPORT_COLUMNS).iterator(chunk_size=EXPORT_CHUNK)
    words = EXPORT_WORDS
    for chunk in _chunks(rows, EXPORT_CHUNK):
        # The agenda items of this chunk's statements, one query per chunk (a statement whose
        # paragraphs began in the last chunk is asked for again).
        needed = {row[4] for row in chunk}
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
                "delegation_kind": words["delegation_kind"].get(kind, kind),
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
                "language": words["language"].get(language, language),
                "type": words["type"].get(type_, type_),
                "version": words["version"].get(version, version),
                "status": words["status"].get(status, status),
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


def download(request, selection, fmt):
    """The streamed response: `fmt` is "csv" or "json"; the file is named after the selection."""
    rows = _in_english(export_rows(request, selection.paragraphs()))
    if fmt == "csv":
        writer = csv.DictWriter(Echo(), fieldnames=EXPORT_FIELDS)
        stream = (writer.writerow(exports.spreadsheet_safe(row, CSV_TEXT_COLUMNS)) for row in rows)
        # With a byte-order mark: without it Excel reads UTF-8 as the local code page (“ becomes â€œ).
        header = "\ufeff" + writer.writerow(dict(zip(EXPORT_FIELDS, EXPORT_FIELDS)))
        response = StreamingHttpResponse(_prepend(header, stream), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_array(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{selection.slug()}.{fmt}"'
    return response


def _in_english(rows):
    """The rows, each built in English: a download streams after the view returns, when the
    interface's language is active again, and downloads are the same data in every language."""
    with override("en"):
        yield from rows


def _prepend(first, rest):
    yield first
    yield from rest


def _json_array(rows):
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n]\n"
