"""The change feed: what changed in the public archive since a change number or a date, as JSON Lines,
and the other side, applying a feed to a copy restored from the dump (`manage.py apply_changes`).

Every write to an archive row is numbered in records.Change (signals, plus the few bulk writes that
record themselves). The feed reads the changes after `since_seq`, keeps the last one of each row and
writes that row as it stands now, in the dump's own shape (dump.row_of) with an "action": added,
corrected or removed. A statement comes with all its paragraphs (and "paragraph_ids", their ids in
order), so a copy replaces a corrected statement's paragraphs whole; paragraph identifiers that a
correction handed on or retired come as "redirect" lines (old → new, kind edited, split, merged or
removed). Rows come parents first; removals last, children first. The first line says which
changes the feed covers: ask next time from its "until_seq".
"""
import datetime
import json
from difflib import SequenceMatcher

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from . import dump
from .models import Paragraph, RetiredParagraph, Statement
from .records import Change, not_recorded

# A new paragraph whose words stand mostly in one old paragraph was split from it.
SPLIT_CONTAINMENT = 0.8
POSITION_OFFSET = 1_000_000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def latest_seq():
    return Change.objects.aggregate(m=Max("seq"))["m"] or 0


def seq_at(moment):
    """The last change made at or before `moment` (a datetime): a feed "since a date" starts after it."""
    return Change.objects.filter(at__lte=moment).aggregate(m=Max("seq"))["m"] or 0


def parse_since(since_seq, since):
    """(change number to read after, error message or ""): from a number or an ISO date or time."""
    if since_seq is not None:  # given, even empty: it must be a number
        if not str(since_seq).isdecimal() or len(str(since_seq)) > 18:
            return 0, _("since_seq must be a whole number of 0 or more, such as a dump's change_seq.")
        return int(since_seq), ""
    if since is not None:
        try:
            moment = parse_datetime(since)
            if moment is None and (day := parse_date(since)) is not None:
                moment = datetime.datetime.combine(day, datetime.time())
        except ValueError:
            moment = None
        if moment is None:
            return 0, _("since must be a date or time in ISO 8601, such as 2026-12-01 or 2026-12-01T06:00:00Z.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.timezone.utc)
        return seq_at(moment), ""
    return 0, ""  # neither: every change from the first, as since_seq=0 gives


def feed_lines(since_seq=0, base_url=""):
    """Yield the change feed after change `since_seq` as JSON strings (see the module docstring)."""
    until = latest_seq()
    since_time = Change.objects.filter(seq__lte=since_seq).aggregate(m=Max("at"))["m"] or EPOCH
    window = Change.objects.filter(seq__gt=since_seq, seq__lte=until)
    touched = {}
    for kind, object_id, last in window.values_list("kind", "object_id").annotate(last=Max("seq")).order_by():
        touched.setdefault(kind, {})[object_id] = last
    created = set(window.filter(action=Change.Action.CREATED).values_list("kind", "object_id"))
    yield _json({"type": "feed", "since_seq": since_seq, "until_seq": until, "generated": timezone.now(),
                 "licence": settings.ARCHIVE_DATA_LICENCE})

    public = Statement.objects.published()
    statement_ids = set(touched.get("statement", {}))
    statement_ids |= set(Paragraph.objects.filter(pk__in=list(touched.get("paragraph", {})))
                         .values_list("statement_id", flat=True))
    # A meeting's new dates change the stored year of its statements without a date (Meeting.save).
    statement_ids |= set(public.filter(meeting__in=list(touched.get("meeting", {})), date__isnull=True)
                         .values_list("pk", flat=True))
    removed = []
    for kind, model in dump.DUMP_TYPES.items():
        if kind == "statement":
            shown = {s.pk: s for s in public.filter(pk__in=statement_ids).prefetch_related("agenda_items")}
            for pk in sorted(statement_ids):
                if pk in shown:
                    yield from _statement_lines(shown[pk], since_seq, since_time, created, base_url)
                elif ("statement", pk) not in created or _ever_public(pk):
                    # A draft made after since_seq was never in a copy: nothing to remove.
                    removed.append({"type": "statement", "id": pk, "action": "removed"})
            continue
        if kind == "paragraph":
            existing = set(Paragraph.objects.filter(pk__in=list(touched.get("paragraph", {}))).values_list("pk", flat=True))
            gone = [pk for pk in touched.get("paragraph", {}) if pk not in existing]
            public_ids = dict(Change.objects.filter(kind="paragraph", object_id__in=gone, action=Change.Action.REMOVED)
                              .values_list("object_id", "public_id"))
            removed += [{"type": "paragraph", "id": pk, "action": "removed", "public_id": public_ids.get(pk, "")}
                        for pk in sorted(gone)]
            continue
        ids = touched.get(kind, {})
        queryset = model.objects.filter(pk__in=list(ids))
        if kind in ("revision", "retired_paragraph"):
            queryset = queryset.filter(statement__in=public.values("pk"))
        rows = {obj.pk: obj for obj in queryset}
        for pk in sorted(ids):
            if pk in rows:
                yield _json(dict(dump.row_of(kind, rows[pk], base_url), action=_action(kind, pk, created)))
            else:
                removed.append({"type": kind, "id": pk, "action": "removed"})
    order = list(dump.DUMP_TYPES)
    for row in sorted(removed, key=lambda row: -order.index(row["type"])):
        yield _json(row)


def _ever_public(pk):
    return Change.objects.filter(kind="statement", object_id=pk, public=True).exists()


def _action(kind, pk, created):
    return "added" if (kind, pk) in created else "corrected"


def _json(row):
    return json.dumps(row, cls=dump.DumpEncoder, ensure_ascii=False)


def _statement_lines(statement, since_seq, since_time, created, base_url):
    """A statement, all its paragraphs and its redirects since `since_time`."""
    paragraphs = list(statement.paragraphs.order_by("position"))
    was_public = _was_public(statement, since_seq, since_time)
    row = dump.row_of("statement", statement, base_url)
    row.update(action="corrected" if was_public else "added", paragraph_ids=[p.pk for p in paragraphs])
    yield _json(row)
    before = _text_before(statement, since_time) if was_public else None
    old = {p["public_id"]: p for p in before["paragraphs"]} if before else {}
    for paragraph in paragraphs:
        previous = old.get(paragraph.public_id)
        if not was_public or (before is not None and previous is None):
            action = "added"
        elif previous is not None and (previous["text"], previous["label"]) != (paragraph.text, paragraph.label):
            action = "corrected"
        else:
            action = "unchanged"
        yield _json(dict(dump.row_of("paragraph", paragraph, base_url), action=action))
    if before is not None:
        yield from (_json(line) for line in _redirects(statement, old, paragraphs, since_time))


def _was_public(statement, since_seq, since_time):
    """Whether the statement was in the public archive at change `since_seq`."""
    last = (Change.objects.filter(kind="statement", object_id=statement.pk, seq__lte=since_seq)
            .order_by("-seq").values_list("public", flat=True).first())
    if last is not None:
        return last
    # Written before changes were recorded (bulk loads): public then if it was made before then.
    first = Change.objects.filter(kind="statement", object_id=statement.pk).aggregate(m=Min("seq"))["m"]
    return first is None or statement.created <= since_time


def _text_before(statement, since_time):
    """The statement's text as it stood at `since_time`, from its versions (None when unknown)."""
    revisions = list(statement.revisions.order_by("number"))
    earlier = [r for r in revisions if r.created <= since_time]
    if earlier:
        return earlier[-1].snapshot
    # A statement loaded in bulk gets its first version ("as first loaded") at its first correction.
    return revisions[0].snapshot if revisions else None


def _redirects(statement, old, paragraphs, since_time):
    current = {p.public_id: p for p in paragraphs}
    edited = [pid for pid, p in current.items() if pid in old and old[pid]["text"] != p.text]
    for pid in edited:
        yield {"type": "redirect", "old": pid, "new": pid, "kind": "edited"}
    for paragraph in paragraphs:
        if paragraph.public_id in old:
            continue
        source = next((pid for pid in edited if _containment(paragraph.text, old[pid]["text"]) >= SPLIT_CONTAINMENT), None)
        if source:
            yield {"type": "redirect", "old": source, "new": paragraph.public_id, "kind": "split"}
    for retired in RetiredParagraph.objects.filter(statement=statement, retired__gt=since_time).order_by("retired", "pk"):
        yield {"type": "redirect", "old": retired.public_id, "new": retired.successor_id or None, "kind": retired.fate}


def _containment(part, whole):
    words = part.split()
    if not words:
        return 0.0
    blocks = SequenceMatcher(None, words, whole.split(), autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(words)


# Applying a feed to a copy ---------------------------------------------------------------------

class ApplyError(Exception):
    pass


def apply(lines):
    """Bring a copy restored from the public dump up to date with a change feed. Returns {action: rows}.
    All or nothing: one transaction."""
    keys = {kind: {key for key, _field in dump.dump_fields(model)} for kind, model in dump.DUMP_TYPES.items()}
    counts = {"added": 0, "corrected": 0, "unchanged": 0, "removed": 0}
    with transaction.atomic(), dump.timestamps_as_given(), not_recorded():
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                kind, action = row.pop("type"), row.pop("action", None)
            except (ValueError, KeyError, AttributeError):
                raise ApplyError(f"Line {number} is not a change (JSON with a \"type\").") from None
            if kind in ("feed", "redirect"):
                continue
            model = dump.DUMP_TYPES.get(kind)
            if model is None or action not in counts:
                raise ApplyError(f"Line {number}: unknown type {kind!r} or action {action!r}.")
            counts[action] += 1
            if action == "removed":
                model.objects.filter(pk=row["id"]).delete()
                continue
            obj = model(**{key: value for key, value in row.items() if key in keys[kind]})
            obj.save_base(raw=True)  # as loaddata does: no save() side effects (slugs, years, history)
            if kind == "statement":
                _replace_links(Statement.agenda_items.through, "statement_id", obj.pk, "agendaitem_id",
                               row.get("agenda_item_ids", []))
                # Its paragraphs follow: drop those it no longer has, move the rest out of their positions.
                Paragraph.objects.filter(statement_id=obj.pk).exclude(pk__in=row["paragraph_ids"]).delete()
                Paragraph.objects.filter(statement_id=obj.pk).update(position=F("position") + POSITION_OFFSET)
            elif kind == "delegation":
                _replace_links(model.members.through, "from_delegation_id", obj.pk, "to_delegation_id",
                               row.get("member_ids", []))
    return counts


def _replace_links(through, own, pk, other, ids):
    through.objects.filter(**{own: pk}).delete()
    through.objects.bulk_create([through(**{own: pk, other: value}) for value in ids])
