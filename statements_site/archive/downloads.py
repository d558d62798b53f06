"""A selection's paragraphs as a download (statements.csv / statements.json): one row per
paragraph with every metadata field, streamed in chunks so memory stays constant.

The words for coded values (a statement's type, language, version) come from the facets'
definitions (filters.FACETS), so a download spells a value as the page's facet does; the codes
follow in their own `*_code` columns for scripts.
"""
import csv
import io
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils.translation import override

from . import exports
from .filters import FACETS
from .models import Meeting, Statement
from .reversing import braces, origin, pattern

EXPORT_CHUNK = 2000
DOWNLOAD_PIECE = 500  # rows sent as one piece of a download
# Words for the codes, as the pages' facets show them, by download column; the status is no facet.
# Downloads are data: the same English words whatever the interface's language.
with override("en"):
    EXPORT_WORDS = {facet.export: {code: str(word) for code, word in facet.words.items()} for facet in FACETS if facet.export}
    EXPORT_WORDS["status"] = {code: str(word) for code, word in Statement.Status.choices}

# A row is its paragraph's columns, then its statement's, the same for each of the statement's paragraphs
# (written once per statement: 29 of the 34 columns).
PARAGRAPH_FIELDS = ["permalink", "paragraph_id", "paragraph_position", "paragraph_label", "text"]
STATEMENT_FIELDS = [
    "statement_id", "statement_url", "statement_title", "delegation", "delegation_kind", "on_behalf_of",
    "speaker", "speaker_title", "body", "meeting", "meeting_slug", "meeting_start", "meeting_end", "location",
    "agenda_items", "date", "year", "language", "type", "version", "status", "source_symbol", "source_url", "is_synthetic",
    # The codes behind the words above, for scripts: "item" for "Statement on an agenda item".
    *(f"{column}_code" for column in EXPORT_WORDS),
]
EXPORT_FIELDS = [*PARAGRAPH_FIELDS, *STATEMENT_FIELDS]

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
PARAGRAPH_TEXT = [PARAGRAPH_FIELDS.index(column) for column in CSV_TEXT_COLUMNS if column in PARAGRAPH_FIELDS]
STATEMENT_TEXT = [STATEMENT_FIELDS.index(column) for column in CSV_TEXT_COLUMNS if column in STATEMENT_FIELDS]


def export_rows(request, paragraphs):
    """(paragraph columns, statement columns) per paragraph, as lists in PARAGRAPH_FIELDS' and
    STATEMENT_FIELDS' order; consecutive paragraphs of one statement share one statement list.
    Streams in chunks: constant memory."""
    permalink = braces(origin(request)) + pattern("archive:paragraph-permalink")
    statement_url = braces(origin(request)) + pattern("archive:statement-detail")
    rows = paragraphs.values_list(*EXPORT_COLUMNS).iterator(chunk_size=EXPORT_CHUNK)
    words = EXPORT_WORDS
    shared, shared_id = None, None
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
            if statement_id != shared_id:
                codes = {"delegation_kind": kind, "language": language, "type": type_, "version": version,
                         "status": status}
                shared_id, shared = statement_id, [
                    statement_id, statement_url.format(statement_id), title, delegation,
                    words["delegation_kind"].get(kind, kind), group or "", speaker, speaker_title, body,
                    Meeting.format_name(meeting, session), slug, start, end or start, location,
                    "; ".join(items.get(statement_id, [])), date or "", year, words["language"].get(language, language),
                    words["type"].get(type_, type_), words["version"].get(version, version),
                    words["status"].get(status, status), symbol, source_url, synthetic,
                    *(codes[column] for column in words),
                ]
            yield [permalink.format(public_id), public_id, position, label, text], shared


def _chunks(iterable, size):
    chunk = []
    for row in iterable:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def download(request, selection, fmt):
    """The streamed response: `fmt` is "csv" or "json"; the file is named after the selection."""
    rows = _in_english(export_rows(request, selection.paragraphs()))
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_pieces(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_array(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{selection.slug()}.{fmt}"'
    return response


def _csv_pieces(rows):
    """The rows as CSV text (a header first), DOWNLOAD_PIECE rows per piece: one piece per row made
    a 10,000-row download 10,000 writes to the client, each through the response's encoding. A
    statement's columns are written once as CSV and that text repeated after each of its paragraphs'."""
    buffer = io.StringIO()
    # With a byte-order mark: without it Excel reads UTF-8 as the local code page (“ becomes â€œ).
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    written, shared = None, None
    for piece in _chunks(rows, DOWNLOAD_PIECE):
        for mine, theirs in piece:
            if theirs is not shared:
                shared, written = theirs, _csv_line(exports.spreadsheet_safe(theirs, STATEMENT_TEXT))
            buffer.write(",".join(map(_csv_cell, exports.spreadsheet_safe(mine, PARAGRAPH_TEXT))))
            buffer.write(",")
            buffer.write(written)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _csv_line(cells):
    line = io.StringIO()
    csv.writer(line).writerow(cells)
    return line.getvalue()


NEEDS_QUOTES = re.compile(r'[",\r\n]')


def _csv_cell(value):
    """One cell as csv.writer writes it (the excel dialect: quoted when it holds a comma, a quote or a
    line break, quotes doubled); for the paragraph's few cells, which precede its statement's text."""
    value = str(value)
    return '"' + value.replace('"', '""') + '"' if NEEDS_QUOTES.search(value) else value


def _in_english(rows):
    """The rows, each built in English: a download streams after the view returns, when the
    interface's language is active again, and downloads are the same data in every language."""
    with override("en"):
        yield from rows


def _json_array(rows):
    """The rows as one JSON array of objects, DOWNLOAD_PIECE rows per piece (as _csv_pieces)."""
    separator = "["
    for piece in _chunks(rows, DOWNLOAD_PIECE):
        yield "".join(f"{separator if n == 0 else ','}\n{_json_object(mine, theirs)}"
                      for n, (mine, theirs) in enumerate(piece))
        separator = ","
    yield "[\n]\n" if separator == "[" else "\n]\n"


def _json_object(mine, theirs):
    return json.dumps(dict(zip(EXPORT_FIELDS, [*mine, *theirs])), cls=DjangoJSONEncoder, ensure_ascii=False)
