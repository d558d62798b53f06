"""The whole archive as JSON Lines, and back: `export_archive` and `import_archive` are thin callers.

One object a line, each with a "type" key, parents before children. Every model field is written
under its own name (foreign keys as `<name>_id`), so a restore keeps every primary key and every
paragraph identifier, and with them every address and citation. A few derived keys (addresses,
many-to-many ids) are added for readers of the dump; the restore rebuilds links from the ids.
User accounts and readers' problem reports are not part of the archive and are left out.
"""
import datetime
import json
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.urls import reverse

from .models import (
    AgendaItem, Body, Delegation, DelegationAlias, Meeting, Paragraph, RetiredParagraph, SlugHistory, Statement,
    StatementRevision, validate_source_url,
)
from . import documents, symbols
from .people import Person, PersonName, PersonRole
from .versions import readable

# In dump order: every row's parents come before it.
DUMP_TYPES = {
    "body": Body,
    "meeting": Meeting,
    "agenda_item": AgendaItem,
    "delegation": Delegation,
    "alias": DelegationAlias,
    "person": Person,
    "person_name": PersonName,
    "person_role": PersonRole,
    "statement": Statement,
    "paragraph": Paragraph,
    "revision": StatementRevision,
    "retired_paragraph": RetiredParagraph,
    "slug_history": SlugHistory,
}
# Staff accounts are not archive data; their rows would not exist in the database restored into.
EXCLUDED_FIELDS = {"created_by", "search_text"}  # search_text: derived, rebuilt on restore
CHUNK = 2000

# Keys added for readers; the restore ignores them (they follow from the fields).
DERIVED = {
    "body": {"url": "Address of the body's page."},
    "meeting": {"url": "Address of the meeting's page."},
    "agenda_item": {"url": "Address of the agenda item's page."},
    "delegation": {"url": "Address of the delegation's page.",
                   "member_ids": "For a group: the ids of its member delegations (restored)."},
    "statement": {"url": "Address of the statement's page.",
                  "agenda_item_ids": "Ids of the agenda items the statement addresses (restored)."},
    "paragraph": {"permalink": "The paragraph's permanent address, /p/<public_id>/: cite this.",
                  "documents": "The UN documents the text cites, in order: objects with `symbol` (canonical, "
                               "e.g. A/RES/74/247), `written` (the words in the text) and `url` (the UN's official "
                               "document system). Recomputed from the text on restore."},
    "person": {"url": "Address of the person's page."},
}
RESTORED_DERIVED = {"member_ids", "agenda_item_ids"}

# Descriptions of fields whose models give no help text (the data dictionary needs one for each).
DESCRIPTIONS = {
    "id": "Primary key. Stable: kept by corrections, merges and restores.",
    "slug": "The name in the object's address; an older slug stays in slug_history and redirects.",
    "created": "When the row was added to the archive (UTC).",
    "updated": "When the statement last changed (UTC): a correction, a metadata edit, publication.",
    "year": "Stored year (the statement's date, else its meeting's start) used by the year facet.",
    "name_key": "The name folded for matching (case, accents, punctuation and a leading “the” removed).",
    "key": "The alternate name folded for matching.",
    "body_id": "The body (type body) this meeting belongs to.",
    "meeting_id": "The meeting (type meeting).",
    "delegation_id": "The delegation (type delegation).",
    "statement_id": "The statement (type statement).",
    "on_behalf_of_id": "The group (type delegation, kind group) the statement speaks for, or null.",
    "title": "Title as printed.",
    "description": "Description of the body.",
    "location": "Where the meeting took place.",
    "public_id": "Permanent public identifier of the paragraph; its address is /p/<public_id>/.",
    "status": "published (public) or draft (staff only).",
    "salutation": "Opening words before the first paragraph (“Mr. Chairman, ...”).",
    "closing": "Closing words after the last paragraph (“Thank you.”).",
    "content_hash": "Hash of the statement's text as imported: a re-import updates instead of duplicating.",
    "source_sha256": "SHA-256 of the original uploaded file.",
    "source_file": "Path of the original file under the media root (files are backed up separately).",
    "number": "Version number, from 1.",
    "reason": "Why the version was made or the identifier retired.",
    "snapshot": "The statement as it stood in this version: metadata and paragraphs with their public_id.",
    "fate": "merged (into successor_id) or removed.",
    "successor_id": "public_id of the paragraph it was merged into; followed when the old link is opened.",
    "text": "Text.",
    "retired": "When the identifier was retired (UTC).",
    "kind": "Kind (see the choices).",
    "object_id": "Id of the body, meeting, delegation or person (by kind) that had this slug.",
    "person_id": "The person (type person).",
    "text_changed": "When a correction changed the paragraph's text after its identifier was minted, or null.",
    "language": "Language code.",
    "version": "Which version of the text this is.",
    "date": "Day the statement was delivered, when known (else null: see the meeting's dates).",
}


class DumpEncoder(DjangoJSONEncoder):
    """Full microseconds: DjangoJSONEncoder keeps milliseconds only, and a restore must be exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def dump_fields(model):
    """(key, field) for every column written: attname for foreign keys (`meeting_id`), name otherwise."""
    return [
        (field.attname if field.is_relation else field.name, field)
        for field in model._meta.concrete_fields
        if field.name not in EXCLUDED_FIELDS
    ]


def _querysets(public_only):
    # Published statements with their published language versions (each a statement row with version_of_id).
    published = readable() if public_only else Statement.objects.all()
    people = Person.objects.public() if public_only else Person.objects.all()  # not those only drafts name
    return {
        "body": Body.objects.all(),
        "meeting": Meeting.objects.all(),
        "agenda_item": AgendaItem.objects.select_related("meeting"),
        "delegation": Delegation.objects.prefetch_related(models.Prefetch("members", Delegation.objects.only("pk"))),
        "alias": DelegationAlias.objects.all(),
        "person": people,
        "person_name": PersonName.objects.filter(person__in=people),
        "person_role": PersonRole.objects.filter(person__in=people),
        "statement": published.prefetch_related(models.Prefetch("agenda_items", AgendaItem.objects.only("pk"))),
        "paragraph": Paragraph.objects.filter(statement__in=published.values("pk")),
        "revision": StatementRevision.objects.filter(statement__in=published.values("pk")),
        "retired_paragraph": RetiredParagraph.objects.filter(statement__in=published.values("pk")),
        "slug_history": SlugHistory.objects.all(),
    }


def _derived(kind, obj, base_url):
    if kind == "delegation":
        return {"url": base_url + obj.get_absolute_url(), "member_ids": [m.pk for m in obj.members.all()]}
    if kind == "statement":
        return {"url": base_url + obj.get_absolute_url(), "agenda_item_ids": [i.pk for i in obj.agenda_items.all()]}
    if kind == "paragraph":
        return {
            "permalink": base_url + reverse("archive:paragraph-permalink", args=[obj.public_id]),
            "documents": [{"symbol": ref.symbol, "written": ref.written, "url": ref.url} for ref in symbols.find(obj.text)],
        }
    if kind in ("body", "meeting", "agenda_item", "person"):
        return {"url": base_url + obj.get_absolute_url()}
    return {}


def row_of(kind, obj, base_url="", fields=None):
    """One row of the dump (a dict with its "type"), as dump_lines and the change feed write it."""
    row = {"type": kind}
    for key, field in fields or dump_fields(DUMP_TYPES[kind]):
        value = field.value_from_object(obj)
        row[key] = value.name if isinstance(field, models.FileField) else value
    row.update(_derived(kind, obj, base_url))
    return row


def header():
    """The dump's first line: its licence, its date, and the change to ask the change feed from."""
    from django.conf import settings
    from django.utils import timezone

    from .records import Change

    latest = Change.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return {"type": "dump", "licence": settings.ARCHIVE_DATA_LICENCE, "created": timezone.now(), "change_seq": latest}


def dump_lines(public_only=False, base_url=""):
    """Yield the archive as JSON lines (str, without newline). Streams in chunks: constant memory."""
    yield json.dumps(header(), cls=DumpEncoder, ensure_ascii=False)
    for kind, queryset in _querysets(public_only).items():
        fields = dump_fields(DUMP_TYPES[kind])
        for obj in queryset.order_by("pk").iterator(chunk_size=CHUNK):
            yield json.dumps(row_of(kind, obj, base_url, fields), cls=DumpEncoder, ensure_ascii=False, sort_keys=False)


def archive_is_empty():
    return not any(model.objects.exists() for model in DUMP_TYPES.values())


@contextmanager
def timestamps_as_given():
    """auto_now and auto_now_add would stamp restored rows with today; keep the dump's times instead."""
    changed = []
    for model in DUMP_TYPES.values():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class RestoreError(Exception):
    pass


def restore(lines):
    """Load a dump into an empty archive, keeping every id. Returns {type: rows}. All or nothing."""
    if not archive_is_empty():
        raise RestoreError("The database already holds archive data; import_archive restores into an empty one only.")
    counts = {kind: 0 for kind in DUMP_TYPES}
    keys = {kind: {key for key, _field in dump_fields(model)} for kind, model in DUMP_TYPES.items()}
    statement_items = Statement.agenda_items.through
    delegation_members = Delegation.members.through
    links = {statement_items: [], delegation_members: []}
    pending, pending_kind = [], None

    def flush():
        if pending:
            DUMP_TYPES[pending_kind].objects.bulk_create(pending, batch_size=500)
            counts[pending_kind] += len(pending)
            pending.clear()

    with transaction.atomic(), timestamps_as_given():
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                kind = row.pop("type")
                if kind == "dump":  # the header: licence and date, nothing to restore
                    continue
                model = DUMP_TYPES[kind]
            except (ValueError, KeyError, AttributeError):
                raise RestoreError(f"Line {number} is not an archive object (JSON with a known \"type\").") from None
            unknown = set(row) - keys[kind] - set(DERIVED.get(kind, ()))
            if unknown:
                raise RestoreError(f"Line {number}: unknown {kind} fields {sorted(unknown)}; was the dump made by a newer version?")
            for pk in row.get("agenda_item_ids", []):
                links[statement_items].append(statement_items(statement_id=row["id"], agendaitem_id=pk))
            for pk in row.get("member_ids", []):
                links[delegation_members].append(delegation_members(from_delegation_id=row["id"], to_delegation_id=pk))
            if row.get("source_url"):
                try:
                    validate_source_url(row["source_url"])
                except ValidationError:
                    raise RestoreError(f"Line {number}: {kind} {row.get('id')} has source_url {row['source_url'][:80]!r}, "
                                       "not a web address (http:// or https://); correct the dump.") from None
            if kind != pending_kind or len(pending) >= CHUNK:
                flush()
                pending_kind = kind
            pending.append(model(**{key: value for key, value in row.items() if key in keys[kind]}))
        flush()
        for through, rows in links.items():
            through.objects.bulk_create(rows, batch_size=500)
        reset_sequences()
        documents.rebuild()  # the paragraphs' "documents" follow from their text
    return counts


def reset_sequences():
    """Rows came with explicit ids: move PostgreSQL's id sequences past them (SQLite needs nothing)."""
    tables = [*DUMP_TYPES.values(), Statement.agenda_items.through, Delegation.members.through]
    statements = connection.ops.sequence_reset_sql(no_style(), tables)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def data_dictionary():
    """DATA_DICTIONARY.md: every type of line and every key, with its type and meaning."""
    out = [
        "# Statements Archive: data dictionary of the JSON Lines dump",
        "",
        "One JSON object per line. The `type` key says which kind of row it is; the rows of a type come",
        "together, parents before children. Ids are the archive's own and never change; a paragraph's",
        "permanent address is `/p/<public_id>/`. Dates are ISO 8601 (`2023-03-14`), times ISO 8601 in UTC.",
        "",
        "## `dump`",
        "",
        "The first line: what the dump is and when it was made.",
        "",
        "| key | type | meaning |",
        "| --- | --- | --- |",
        "| `licence` | string | The licence under which the data may be reused (an SPDX identifier, e.g. `CC-BY-4.0`). |",
        "| `created` | string (date-time) | When the dump was made (UTC). |",
        "| `change_seq` | integer | The last change the dump includes: ask the change feed (`/api/changes/?since_seq=`) "
        "for the changes after it, and apply them with `manage.py apply_changes`. |",
        "",
    ]
    for kind, model in DUMP_TYPES.items():
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"## `{kind}`", "", doc, "", "| key | type | meaning |", "| --- | --- | --- |"]
        for key, field in dump_fields(model):
            meaning = str(field.help_text) or DESCRIPTIONS.get(key) or str(field.verbose_name).capitalize() + "."
            if field.choices:
                meaning += " One of: " + ", ".join(f"`{value}` ({label})" for value, label in field.choices) + "."
            nullable = " or null" if field.null else ""
            out.append(f"| `{key}` | {_json_type(field)}{nullable} | {meaning} |")
        for key, meaning in DERIVED.get(kind, {}).items():
            out.append(f"| `{key}` | {'list of integers' if key.endswith('_ids') else 'string'} | {meaning} |")
        out.append("")
    return "\n".join(out)


def _json_type(field):
    if isinstance(field, models.ForeignKey):
        return "integer (id)"
    if isinstance(field, models.JSONField):
        return "object"
    if isinstance(field, models.BooleanField):
        return "boolean"
    if isinstance(field, (models.AutoField, models.IntegerField)):
        return "integer"
    if isinstance(field, models.DateTimeField):
        return "string (date-time)"
    if isinstance(field, models.DateField):
        return "string (date)"
    return "string"
