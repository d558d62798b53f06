"""From a parse object (as `import_statements --dry-run --json` prints it) to archive records: match, plan, then save in one transaction.

`plan_import` reads the database and decides what the parse refers to: existing records it matches,
records that would have to be created (listed for staff, never created silently), and errors that
stop the import. `save_import` writes a plan. Neither knows about requests or terminals: the admin
import page and the `import_statements` command are thin callers.

Over 400 lines because matching and saving share the ImportPlan and change together (what a plan
matches is what a save writes, revisions and re-imports included); split apart, every change to one
would reach into the other.
"""
import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from ..models import AgendaItem, Body, Delegation, Language, Meeting, Paragraph, Statement, name_key
from .. import documents, versions
from . import alignment, groups, people
from ..revisions import align_paragraphs, compare_snapshots, ensure_first_revision, record_revision, retire_vanished
from ..wordforms import index_text

# Wrappers around a delegation's name in headers: "Permanent Mission of Palestine" is Palestine.
MISSION_PREFIX = re.compile(
    r"^(?:the\s+)?(?:permanent\s+(?:mission|delegation|representation)|delegation|mission|representation"
    r"|mission\s+permanente|d[ée]l[ée]gation|misi[oó]n\s+permanente|delegaci[oó]n)"
    r"\s+(?:of|de(?:\s+la|\s+l['’]|\s+los|\s+las)?|du|des|d['’])\s+(?:the\s+)?",
    re.IGNORECASE,
)
# Control characters XML cannot carry and no reader sees: feeds, exports and the API would break on them.
# Tab and newline stay; the ones that break lines become a space, so words do not run together.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINE_BREAKING = "\x0b\x0c\x0d\x1c\x1d\x1e\x85"
STOPWORDS = {"the", "of", "and", "on", "to", "for", "a", "in", "meeting", "session", "de", "la", "le", "des", "du", "el"}


def content_hash(paragraphs):
    """The identity of a statement's body: the same paragraphs from a .txt, .docx or .pdf give one hash;
    whitespace, line wrapping and page furniture do not matter."""
    body = "\n".join(" ".join((p.get("text") or "").split()) for p in paragraphs)
    return hashlib.sha256(body.encode("utf-8")).hexdigest() if body.strip() else ""


def title_words(text):
    return {word for word in name_key(text).split() if word not in STOPWORDS and not word.isdigit()}


def similarity(a, b):
    """How much two meeting or body titles share, 0 to 1 (containment counts fully)."""
    left, right = title_words(a), title_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def parse_iso(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def find_delegation(name):
    """The delegation a name refers to, trying it as written and without a mission prefix."""
    if not name:
        return None
    for candidate in (name, MISSION_PREFIX.sub("", name.strip())):
        found = list(Delegation.objects.matching(candidate)[:2])
        if len(found) == 1:
            return found[0]
        canonical = groups.canonical_group(candidate)
        if canonical:
            found = list(Delegation.objects.matching(canonical)[:2])
            if len(found) == 1:
                return found[0]
    return None


@dataclass
class NewRecord:
    """A record the import would create: shown to staff before anything is written."""

    kind: str  # "body", "meeting", "agenda item", "delegation", "group"
    label: str


@dataclass
class ImportPlan:
    """What a parse refers to in the archive, what would be created, and what stops it."""

    parse: dict
    text_hash: str = ""
    body: Body | None = None
    body_name: str = ""
    meeting: Meeting | None = None
    meeting_fields: dict = field(default_factory=dict)
    delegation: Delegation | None = None
    delegation_name: str = ""
    on_behalf_of: Delegation | None = None
    on_behalf_of_name: str = ""
    agenda_items: list = field(default_factory=list)  # AgendaItem or {"number", "title"} to create
    existing: Statement | None = None
    version_of: Statement | None = None  # the original, when this text is its language version
    version_candidates: list = field(default_factory=list)  # statements it looks like a version of
    new_records: list[NewRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def plan_import(parse, *, meeting_slug=None, delegation_name=None, allow_create=True, version_of=None):
    """Match a parse object against the archive. Reads only; never writes. `version_of`: the statement
    (or its id) this text is a language version of, as staff say (versions.plan_version)."""
    remove_control_characters(parse)
    plan = ImportPlan(parse=parse, text_hash=content_hash(parse.get("paragraphs") or []))
    plan.warnings = list(parse.get("warnings") or [])
    if not parse.get("ok", False):
        plan.errors = list(parse.get("errors") or ["The file could not be read."])
        return plan
    _plan_delegations(plan, delegation_name)
    _plan_meeting(plan, meeting_slug)
    _plan_agenda_items(plan)
    plan.existing = _find_existing(plan)
    people.plan_speaker(plan)
    versions.plan_version(plan, version_of)
    if plan.new_records and not allow_create:
        listed = "; ".join(f"{record.kind} “{record.label}”" for record in plan.new_records)
        plan.errors.append(f"Not in the archive yet: {listed}. Create them first, or import without --no-create.")
    return plan


def remove_control_characters(parse):
    """Take control characters other than tab and newline out of every text of a parse, in place,
    and say where in its warnings. Returns how many were removed."""
    found = []

    def clean(value, where):
        if isinstance(value, str):
            characters = CONTROL_CHARACTERS.findall(value)
            if characters:
                found.append((where, characters))
                return CONTROL_CHARACTERS.sub(lambda m: " " if m.group() in LINE_BREAKING else "", value)
            return value
        if isinstance(value, dict):
            return {key: clean(item, where if key == "text" else f"{where} {key}") for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item, f"paragraph {n}" if where == "paragraphs" else where) for n, item in enumerate(value, 1)]
        return value

    for key in [key for key in parse if key not in ("source", "errors", "warnings")]:
        parse[key] = clean(parse[key], key.replace("_", " "))
    if found:
        count = sum(len(characters) for _, characters in found)
        codes = sorted({f"U+{ord(c):04X}" for _, characters in found for c in characters})
        places = ", ".join(dict.fromkeys(where for where, _ in found))
        parse.setdefault("warnings", []).append(
            f"Removed {count} control character{'s' if count != 1 else ''} ({', '.join(codes)}) that no reader "
            f"sees and feeds and exports cannot carry, from: {places}. Check the text there."
        )
    return sum(len(characters) for _, characters in found)


def _find_existing(plan):
    """The statement this text already is: the same body text, or a corrected version of it
    (same meeting, speaker's delegation, group and heading)."""
    if plan.text_hash:
        same = Statement.objects.filter(content_hash=plan.text_hash).first()
        if same:
            return same
    title = (plan.parse.get("title") or "").strip()
    if not (plan.meeting and plan.delegation and title):
        return None
    return (
        Statement.objects.filter(
            meeting=plan.meeting, delegation=plan.delegation, on_behalf_of=plan.on_behalf_of, title=title[:500]
        )
        .order_by("pk")
        .first()
    )


def _plan_delegations(plan, delegation_name):
    parse = plan.parse
    name = delegation_name or parse.get("delegation")
    if not name:
        plan.errors.append(
            "Delegation missing: the text does not say who takes the floor. "
            "Supply it (--delegation NAME, or the Delegation field)."
        )
    else:
        plan.delegation = find_delegation(name)
        plan.delegation_name = plan.delegation.name if plan.delegation else MISSION_PREFIX.sub("", name.strip())
        if not plan.delegation:
            plan.new_records.append(NewRecord("delegation", plan.delegation_name))
    group = parse.get("on_behalf_of")
    if group:
        plan.on_behalf_of = find_delegation(group)
        plan.on_behalf_of_name = plan.on_behalf_of.name if plan.on_behalf_of else (groups.canonical_group(group) or group)
        if plan.on_behalf_of and not plan.on_behalf_of.is_group:
            plan.errors.append(
                f"“{plan.on_behalf_of}” is recorded as a {plan.on_behalf_of.get_kind_display().lower()}, "
                "not a group, so a statement cannot be made on its behalf. Change its kind in the admin first."
            )
        if not plan.on_behalf_of:
            plan.new_records.append(NewRecord("group", plan.on_behalf_of_name))


def _plan_meeting(plan, meeting_slug):
    parse = plan.parse
    if meeting_slug:
        plan.meeting = Meeting.objects.select_related("body").filter(slug=meeting_slug).first()
        if not plan.meeting:
            plan.errors.append(f"No meeting with the slug “{meeting_slug}”. Check the slug on the meeting's page.")
        return
    described = parse.get("meeting") or {}
    title = described.get("title") or ""
    start = parse_iso(described.get("date_start"))
    end = parse_iso(described.get("date_end")) or start
    delivered = parse_iso(parse.get("date"))
    plan.meeting = _match_meeting(title, described.get("session") or "", start, end, delivered)
    if plan.meeting:
        return
    if not title or not (start or delivered):
        missing = "its name" if not title else "its dates"
        plan.errors.append(
            f"Meeting missing: the text does not give {missing}. "
            "Supply an existing meeting (--meeting SLUG, or the Meeting field)."
        )
        return
    if not start:
        start = end = delivered
        plan.warnings.append("The meeting's dates are not in the text; the new meeting starts on the statement's date.")
    plan.body = _match_body(title)
    plan.body_name = plan.body.name if plan.body else title
    if not plan.body:
        plan.new_records.append(NewRecord("body", plan.body_name))
    plan.meeting_fields = {
        "title": title,
        "session": described.get("session") or "",
        "location": described.get("location") or "",
        "date_start": start,
        "date_end": end if end and end != start else None,
    }
    plan.new_records.append(NewRecord("meeting", f"{title} {plan.meeting_fields['session']} ({start:%d %B %Y})".strip()))


def _match_meeting(title, session, start, end, delivered):
    """The one meeting whose dates fit and whose title resembles the text's, or None."""
    candidates = Meeting.objects.select_related("body")
    if start:
        candidates = candidates.filter(date_start__lte=end or start, year__gte=start.year - 1).exclude(
            date_end__lt=start
        ).exclude(date_end__isnull=True, date_start__lt=start)
    elif delivered:
        candidates = candidates.filter(date_start__lte=delivered).exclude(date_end__lt=delivered).exclude(
            date_end__isnull=True, date_start__lt=delivered
        )
    else:
        return None
    scored = []
    for meeting in candidates[:50]:
        score = max(similarity(title, meeting.title), similarity(title, meeting.body.name))
        if session and meeting.session and name_key(session) == name_key(meeting.session):
            score += 0.5
        if score >= 0.6 or not title:
            scored.append((score, meeting))
    scored.sort(key=lambda pair: -pair[0])
    if len(scored) == 1 or (len(scored) > 1 and scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _match_body(title):
    scored = sorted(
        ((max(similarity(title, body.name), similarity(title, body.short_name)), body) for body in Body.objects.all()),
        key=lambda pair: -pair[0],
    )
    return scored[0][1] if scored and scored[0][0] >= 0.75 else None


def _plan_agenda_items(plan):
    existing = {}
    if plan.meeting:
        existing = {item.number: item for item in plan.meeting.agenda_items.all()}
    for parsed in plan.parse.get("agenda_items") or []:
        number = (parsed.get("number") or "").strip()
        if not number:
            continue
        if number in existing:
            plan.agenda_items.append(existing[number])
        else:
            title = (parsed.get("title") or "").strip()
            plan.agenda_items.append({"number": number, "title": title or f"Item {number}"})
            plan.new_records.append(NewRecord("agenda item", f"{number}: {title}" if title else number))


class ImportRefused(Exception):
    """An import that cannot be saved; the message says why and what to do."""


def save_import(plan, *, user=None, publish=False, source_name="", source_bytes=None, overrides=None, reason=""):
    """Write a plan in one transaction. Returns (statement, outcome): created, updated or skipped.

    `overrides` holds corrections made by staff in the preview (any Statement field, plus
    "paragraphs" as a list of {"label", "text"}). An update keeps the previous version and hands
    each paragraph identifier on to the paragraph that continues it (revisions.py).
    """
    try:
        return _save(plan, user, publish, source_name, source_bytes, overrides, reason)
    except IntegrityError:
        # Another import saved in the meantime (the plan was made outside this transaction). The same
        # text is that import's statement; new records it created are matched when the plan is saved again.
        same = Statement.objects.filter(content_hash=plan.text_hash).first() if plan.text_hash else None
        if same and not plan.existing:
            return same, "skipped"
    try:
        return _save(plan, user, publish, source_name, source_bytes, overrides, reason)
    except IntegrityError as error:
        raise ImportRefused(
            f"Another import or edit changed the same records at the same moment ({error}); import the file again."
        ) from None


def _save(plan, user, publish, source_name, source_bytes, overrides, reason):
    if not plan.ok:
        raise ImportRefused(" ".join(plan.errors))
    parse, overrides = plan.parse, overrides or {}
    paragraphs = overrides.get("paragraphs", parse.get("paragraphs") or [])
    if not paragraphs:
        raise ImportRefused("No paragraphs: the statement's body is empty. Paste or upload the full text.")
    with transaction.atomic():
        meeting = plan.meeting or _create_meeting(plan)
        delegation = plan.delegation or _get_or_create_delegation(plan.delegation_name, Delegation.Kind.STATE)
        group = plan.on_behalf_of
        if plan.on_behalf_of_name and not group:
            group = _get_or_create_delegation(plan.on_behalf_of_name, Delegation.Kind.GROUP)
        items = [
            item if isinstance(item, AgendaItem) else _get_or_create_item(meeting, item) for item in plan.agenda_items
        ]
        statement = plan.existing or Statement(created_by=user)
        fields = {
            "meeting": meeting,
            "delegation": delegation,
            "on_behalf_of": group,
            "title": (parse.get("title") or "")[:500],
            "speaker": (parse.get("speaker") or "")[:200],
            "speaker_title": (parse.get("speaker_title") or "")[:300],
            "date": parse_iso(parse.get("date")),
            "language": Language.parse(parse.get("language")) or Language.OTHER,
            "salutation": parse.get("salutation") or "",
            "closing": parse.get("closing") or "",
            "kind": Statement.Kind.ITEM if items else Statement.Kind.GENERAL,
        }
        if parse.get("source_url"):
            fields["source_url"] = parse["source_url"][:500]
        fields.update({key: value for key, value in overrides.items() if key != "paragraphs"})
        if plan.version_of:
            fields, items = versions.version_fields(plan.version_of, fields), []
        if plan.existing and _unchanged(statement, paragraphs, fields if overrides else None, items, publish):
            return plan.existing, "skipped"
        before = []
        if plan.existing:
            ensure_first_revision(statement)
            before = list(statement.paragraphs.values("public_id", "label", "text"))
        for key, value in fields.items():
            setattr(statement, key, value)
        if statement.date and not meeting.date_start <= statement.date <= meeting.last_day:
            raise ImportRefused(
                f"The statement's date {statement.date:%d %B %Y} is outside the meeting's dates "
                f"({meeting.date_range_display}). Correct the date or choose another meeting."
            )
        if publish:
            statement.status = Statement.Status.PUBLISHED
        if not statement.pk and not plan.version_of:
            statement.position = (meeting.statements.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        statement.content_hash = content_hash(paragraphs)
        if source_bytes is not None:
            statement.source_sha256 = hashlib.sha256(source_bytes).hexdigest()
            statement.source_file.save(source_name or "statement.txt", ContentFile(source_bytes), save=False)
        people.link_speaker(statement)
        statement.full_clean(exclude=["source_file", "content_hash"])
        outcome = "updated" if statement.pk else "created"
        statement.save()
        statement.agenda_items.set(items)
        replace_paragraphs(statement, paragraphs)
        documents.refresh(statement)
        source = source_name or "pasted text"
        reason = reason or (f"Imported from {source}" if outcome == "created" else f"Re-imported from {source}")
        retire_vanished(statement, before, reason=reason)
        record_revision(statement, user=user, reason=reason)
        alignment.record(statement)  # "X aligns itself with the statement of Y", as data
    return statement, outcome


def _unchanged(statement, paragraphs, fields, items, publish):
    """Whether saving would change nothing: then the statement keeps its time stamp and versions and
    no feed shows it again. Without overrides (a file imported again) only the paragraphs count, so
    corrections staff made in the admin are not undone by the file they corrected."""
    current = [(p.label, p.text) for p in statement.paragraphs.order_by("position")]
    if current != [((p.get("label") or "")[:20], p["text"]) for p in paragraphs]:
        return False
    if fields is None:
        return True
    if publish and not statement.is_published:
        return False
    same_items = {item.pk for item in items} == set(statement.agenda_items.values_list("pk", flat=True))
    return same_items and all(getattr(statement, key) == value for key, value in fields.items())


def paragraph_changes(statement, paragraphs):
    """What saving `paragraphs` would change in a statement's text, paragraph by paragraph, in the shape
    the public history page shows a correction (rows changed, added, removed or unchanged)."""
    old = [{"public_id": p.public_id, "label": p.label, "text": p.text} for p in statement.paragraphs.order_by("position")]
    mapping = align_paragraphs([p["text"] for p in old], [p["text"] for p in paragraphs])
    new = [
        {"public_id": old[index]["public_id"] if index is not None else f"new-{number}",
         "label": paragraph.get("label") or "", "text": paragraph["text"]}
        for number, (paragraph, index) in enumerate(zip(paragraphs, mapping), start=1)
    ]
    return compare_snapshots({"paragraphs": old}, {"paragraphs": new})


def replace_paragraphs(statement, paragraphs):
    """Store a new list of paragraphs, keeping the public identifier of each one that carries over."""
    old = list(statement.paragraphs.order_by("position"))
    mapping = align_paragraphs([p.text for p in old], [p["text"] for p in paragraphs])
    kept = {index for index in mapping if index is not None}
    Paragraph.objects.filter(pk__in=[p.pk for i, p in enumerate(old) if i not in kept]).delete()
    # Move survivors out of the way first: (statement, position) is unique.
    offset = len(old) + len(paragraphs) + 1
    for paragraph in old:
        Paragraph.objects.filter(pk=paragraph.pk).update(position=paragraph.position + offset)
    for position, (new, old_index) in enumerate(zip(paragraphs, mapping), start=1):
        label, text = (new.get("label") or "")[:20], new["text"]
        if old_index is None:
            Paragraph.objects.create(statement=statement, position=position, label=label, text=text)
        else:
            Paragraph.objects.filter(pk=old[old_index].pk).update(
                position=position, label=label, text=text, search_text=index_text(text, statement.language))


def _create_meeting(plan):
    """The planned new meeting, unless a concurrent import created it since the plan was made
    (this runs inside the save's transaction, which holds the write lock)."""
    fields = plan.meeting_fields
    existing = _match_meeting(fields["title"], fields["session"], fields["date_start"], fields["date_end"], None)
    if existing:
        return existing
    body = plan.body or Body.objects.filter(name=plan.body_name).first() or Body.objects.create(name=plan.body_name[:300])
    return Meeting.objects.create(body=body, **fields)


def _get_or_create_delegation(name, kind):
    existing = find_delegation(name)
    if existing:
        return existing
    return Delegation.objects.create(name=name[:200], kind=kind)


def _get_or_create_item(meeting, item):
    position = meeting.agenda_items.count() + 1
    return AgendaItem.objects.get_or_create(
        meeting=meeting, number=item["number"], defaults={"title": item["title"][:500], "position": position}
    )[0]
