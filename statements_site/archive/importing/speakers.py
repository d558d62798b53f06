"""A meeting's list of speakers as published (the official list, or the order of a summary record):
one delegation a line, numbered or not, "X on behalf of Y" or "X (on behalf of Y)" for a group.

`read(text)` turns the lines into entries and says which line names a delegation the archive does
not know; `store(meeting, entries, source)` makes them the meeting's list from that source. The
management command `import_speakers` is a thin caller; nothing here reads a request.
"""
import re
from dataclasses import dataclass, field

from django.db import transaction

from .alignment import resolve

# "12.", "12)", "(12)", "12 -", "a)", "•", "-": a list's numbering or bullet, dropped.
NUMBERING = re.compile(r"^\s*(?:\(?\d{1,3}[.):]?|\(?[a-z][.)]|[•·*–—-])\s+", re.IGNORECASE)
BEHALF = re.compile(r"[\s,]*\(?\s*\bon\s+behalf\s+of\s+(?:the\s+)?(?P<group>[^)]*?)\s*\)?\s*[.;]?\s*$", re.IGNORECASE)
# A line that only heads or ends the list ("List of speakers", "Right of reply", "* * *").
HEADING = re.compile(r"^\s*(?:#.*|list\s+of\s+speakers\b.*|speakers\s*:?|right\s+of\s+reply\s*:?|[*\s]+)\s*$", re.IGNORECASE)


@dataclass
class Entry:
    """One line of the list: the delegation taking the floor and the group it speaks for, if any."""

    line: int
    text: str
    delegation: object = None  # a Delegation once read
    on_behalf_of: object = None


@dataclass
class SpeakersList:
    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # one per line that cannot be read, saying where and what to do
    warnings: list = field(default_factory=list)


def split_line(line):
    """("Egypt", "Group of 77 and China") from "3. Egypt (on behalf of the Group of 77 and China)";
    (name, None) without a group; ("", None) for a line that names nobody."""
    if HEADING.match(line):
        return "", None
    text = NUMBERING.sub("", line, count=1).strip()
    group = None
    if match := BEHALF.search(text):
        group = match.group("group").strip(" .;,") or None
        text = text[: match.start()]
    return text.strip(" .;,:"), group


def read(text):
    """A SpeakersList of `text`: entries in list order; a delegation named twice keeps its first place."""
    found = SpeakersList()
    seen = {}
    for number, line in enumerate(text.splitlines(), start=1):
        name, group = split_line(line)
        if not name:
            continue
        entry = Entry(line=number, text=line.strip())
        entry.delegation = resolve([name])
        if entry.delegation is None:
            found.errors.append(f"Line {number}: “{name}” is not a delegation the archive knows. Correct the spelling, "
                                "or add the delegation (or this spelling as an alternate name) in the admin first.")
        if group is not None:
            entry.on_behalf_of = resolve([group])
            if entry.on_behalf_of is None:
                found.errors.append(f"Line {number}: the group “{group}” is not in the archive. Correct the spelling, "
                                    "or add the group in the admin first.")
            elif entry.on_behalf_of.kind != "group":
                found.errors.append(f"Line {number}: “{entry.on_behalf_of}” is not a group; a delegation speaks "
                                    "on behalf of a group.")
        if entry.delegation is None or (group is not None and entry.on_behalf_of is None):
            continue
        key = (entry.delegation.pk, entry.on_behalf_of.pk if entry.on_behalf_of else None)
        if key in seen:
            found.warnings.append(f"Line {number}: “{entry.text}” is already on the list (line {seen[key]}); "
                                  "it keeps its first place.")
            continue
        seen[key] = number
        found.entries.append(entry)
    if not found.entries and not found.errors:
        found.errors.append("The file names no delegation: one delegation a line, numbered or not.")
    return found


def store(meeting, entries, source):
    """Make `entries` the meeting's list of speakers from `source` (ListedSpeaker.Source), in their
    order: new ones are added, listed ones take their new place (what staff set, such as "did not
    take the floor", is kept), and those of the same source no longer on the list are removed.
    Idempotent. Returns {"created", "updated", "unchanged", "removed"} counts."""
    from ..models import ListedSpeaker

    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    with transaction.atomic():
        existing = {(row.delegation_id, row.on_behalf_of_id): row
                    for row in ListedSpeaker.objects.select_for_update().filter(meeting=meeting)}
        kept = set()
        for position, entry in enumerate(entries, start=1):
            key = (entry.delegation.pk, entry.on_behalf_of.pk if entry.on_behalf_of else None)
            kept.add(key)
            row = existing.get(key)
            if row is None:
                ListedSpeaker.objects.create(meeting=meeting, delegation=entry.delegation, on_behalf_of=entry.on_behalf_of,
                                             position=position, source=source)
                counts["created"] += 1
            elif (row.position, row.source) != (position, source):
                row.position, row.source = position, source
                row.save(update_fields=["position", "source"])
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        stale = [row.pk for key, row in existing.items() if key not in kept and row.source == source]
        counts["removed"] = ListedSpeaker.objects.filter(pk__in=stale).delete()[0]
    return counts
