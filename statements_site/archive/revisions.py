"""Paragraph identity across corrections: which old paragraph each new one continues.

A citation names a paragraph's public identifier, so a corrected statement must hand each
identifier on to the paragraph that continues it. Paragraphs are aligned the way a diff aligns
lines: unchanged runs first, then edited paragraphs by order and similarity, then moved ones.
"""
from difflib import SequenceMatcher

# An edited paragraph shares at least this much with its old text (a split half shares ~0.67).
EDIT_THRESHOLD = 0.5
# A paragraph found elsewhere in the statement is the same one moved only when nearly identical.
MOVE_THRESHOLD = 0.9


def _key(text):
    return " ".join(text.split())


def _ratio(a, b):
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def align_paragraphs(old_texts, new_texts):
    """For each new paragraph, the index of the old paragraph it continues, or None if it is new.

    Each old index is used at most once. Runs in O(n²) similarity checks within changed blocks:
    fine for statements (tens of paragraphs), not meant for whole meetings.
    """
    old_keys, new_keys = [_key(t) for t in old_texts], [_key(t) for t in new_texts]
    mapping = [None] * len(new_keys)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                mapping[j1 + offset] = i1 + offset
        elif tag == "replace":
            _pair_in_order(old_keys, new_keys, range(i1, i2), range(j1, j2), mapping)
    _pair_moved(old_keys, new_keys, mapping)
    return mapping


def _pair_in_order(old_keys, new_keys, old_range, new_range, mapping):
    """Pair edited paragraphs within one changed block, keeping their order."""
    next_old = old_range.start
    for j in new_range:
        best, best_score = None, 0.0
        for i in range(next_old, old_range.stop):
            score = _continuation_score(old_keys[i], new_keys[j])
            # On a tie the earlier paragraph wins: a merge keeps the first part's identifier.
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            mapping[j] = best
            next_old = best + 1


def _continuation_score(old, new):
    """How surely `new` continues `old`: their similarity, or, for the first part of a split,
    a passing score when nearly all of `new` stands in `old` and covers a fair share of it."""
    ratio = _ratio(old, new)
    if ratio >= EDIT_THRESHOLD:
        return ratio
    new_words, old_words = len(new.split()), len(old.split())
    if new_words and old_words:
        shared = _containment(new, old) * new_words
        if shared / new_words >= 0.8 and shared / old_words >= 0.2:
            return EDIT_THRESHOLD
    return 0.0


def _pair_moved(old_keys, new_keys, mapping):
    used = {i for i in mapping if i is not None}
    for j, current in enumerate(mapping):
        if current is not None:
            continue
        for i, old in enumerate(old_keys):
            if i not in used and (old == new_keys[j] or _ratio(old, new_keys[j]) >= MOVE_THRESHOLD):
                mapping[j] = i
                used.add(i)
                break


# Versions and retired identifiers ------------------------------------------------------------

# A removed paragraph whose words stand mostly in one current paragraph was merged into it.
MERGE_CONTAINMENT = 0.6

SNAPSHOT_FIELDS = [
    "title", "speaker", "speaker_title", "salutation", "closing", "language", "kind", "version",
    "source_url", "source_symbol",
]


def snapshot(statement):
    """The statement's text as it stands: metadata and paragraphs with their identifiers."""
    data = {name: getattr(statement, name) for name in SNAPSHOT_FIELDS}
    data["date"] = statement.date.isoformat() if statement.date else None
    data["delegation"] = str(statement.delegation)
    data["on_behalf_of"] = str(statement.on_behalf_of) if statement.on_behalf_of_id else None
    data["paragraphs"] = [
        {"public_id": p.public_id, "label": p.label, "text": p.text} for p in statement.paragraphs.order_by("position")
    ]
    return data


def record_revision(statement, *, user=None, reason):
    """Keep the statement's current state as a new version, unless nothing changed since the last one."""
    from .models import StatementRevision

    last = statement.revisions.order_by("-number").first()
    state = snapshot(statement)
    if last and last.snapshot == state:
        return last
    return StatementRevision.objects.create(
        statement=statement,
        number=(last.number + 1) if last else 1,
        created_by=user if user and user.is_authenticated else None,
        reason=reason[:300],
        snapshot=state,
    )


def ensure_first_revision(statement):
    """Before a first correction of a statement that has no versions yet (loaded in bulk), keep its
    current state as version 1, so the correction has something to be compared with."""
    if statement.pk and not statement.revisions.exists():
        record_revision(statement, reason="As first loaded")


def _containment(part, whole):
    """How much of `part`'s words stand, in order, in `whole` (0 to 1)."""
    words = part.split()
    if not words:
        return 0.0
    matcher = SequenceMatcher(None, words, whole.split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(words)


def retire_vanished(statement, before, *, reason=""):
    """After a correction: identifiers in `before` (dicts with public_id, label, text) that no current
    paragraph carries are retired, pointing at the paragraph they were merged into if there is one.
    Current paragraphs whose text changed are marked, so their permalinks can say so."""
    from django.utils import timezone

    from .models import Paragraph, RetiredParagraph

    now = timezone.now()
    current = list(statement.paragraphs.order_by("position"))
    by_id = {p.public_id: p for p in current}
    for old in before:
        paragraph = by_id.get(old["public_id"])
        if paragraph is not None:
            if " ".join(paragraph.text.split()) != " ".join(old["text"].split()):
                Paragraph.objects.filter(pk=paragraph.pk).update(text_changed=now)
            continue
        best = max(current, key=lambda p: _containment(old["text"], p.text), default=None)
        merged = best is not None and _containment(old["text"], best.text) >= MERGE_CONTAINMENT
        RetiredParagraph.objects.update_or_create(
            public_id=old["public_id"],
            defaults={
                "statement": statement,
                "fate": RetiredParagraph.Fate.MERGED if merged else RetiredParagraph.Fate.REMOVED,
                "successor_id": best.public_id if merged else "",
                "label": old["label"],
                "text": old["text"],
                "retired": now,
                "reason": reason[:300],
            },
        )


def resolve(public_id, max_hops=20):
    """Where a paragraph identifier leads now: (paragraph or None, retirements followed on the way).

    A retired identifier leads to the paragraph it was merged into (following later merges too), or,
    when removed, to no paragraph: the caller shows its statement with the retirement notice.
    """
    from .models import Paragraph, RetiredParagraph

    trail = []
    for _ in range(max_hops):
        # Unique: no ordering (the model's joins its statement and meeting) and no index text.
        paragraph = Paragraph.objects.filter(public_id=public_id).order_by().defer("search_text").first()
        if paragraph:
            return paragraph, trail
        retired = RetiredParagraph.objects.filter(public_id=public_id).first()
        if retired is None:
            return None, trail
        trail.append(retired)
        if not retired.successor_id:
            return None, trail
        public_id = retired.successor_id
    return None, trail


# Differences between versions ----------------------------------------------------------------

FIELD_LABELS = {
    "title": "Heading", "speaker": "Speaker", "speaker_title": "Speaker's title", "salutation": "Salutation",
    "closing": "Closing", "language": "Language", "kind": "Type", "version": "Version", "date": "Date delivered",
    "delegation": "Delegation", "on_behalf_of": "On behalf of", "source_url": "Source link",
    "source_symbol": "Document symbol",
}


def word_diff(old, new):
    """The words of two texts as segments ("same" | "removed" | "added", text), for <del>/<ins>."""
    old_words, new_words = old.split(), new.split()
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            segments.append(("added", " ".join(new_words[j1:j2])))
    return segments


def compare_snapshots(older, newer):
    """What changed between two versions: metadata fields, and each paragraph by its identifier
    (changed, added, removed or unchanged), in the newer version's order with removed ones where they stood."""
    fields = [
        {"label": label, "old": older.get(name), "new": newer.get(name)}
        for name, label in FIELD_LABELS.items()
        if older.get(name) != newer.get(name)
    ]
    old_paragraphs = {p["public_id"]: p for p in older.get("paragraphs", [])}
    new_ids = {p["public_id"] for p in newer.get("paragraphs", [])}
    rows, pending_removed = [], [p for p in older.get("paragraphs", []) if p["public_id"] not in new_ids]
    for paragraph in newer.get("paragraphs", []):
        before = old_paragraphs.get(paragraph["public_id"])
        # Removed paragraphs are shown just before the first surviving paragraph that followed them.
        while pending_removed and _stood_before(pending_removed[0], paragraph, older):
            rows.append(_row(pending_removed.pop(0), "removed", None))
        if before is None:
            rows.append(_row(paragraph, "added", None))
        elif before["text"] == paragraph["text"] and before["label"] == paragraph["label"]:
            rows.append(_row(paragraph, "unchanged", None))
        else:
            rows.append(_row(paragraph, "changed", word_diff(before["text"], paragraph["text"]), before["label"]))
    rows.extend(_row(p, "removed", None) for p in pending_removed)
    changed = sum(1 for row in rows if row["status"] != "unchanged")
    return {"fields": fields, "paragraphs": rows, "changed_count": changed}


def fold_unchanged(rows, context=1):
    """The rows of compare_snapshots with each run of unchanged paragraphs more than `context` away
    from a change folded into one {"status": "folded", "rows": [...]} (shown closed: "n unchanged
    paragraphs"): a correction to one paragraph of sixty reads as that paragraph and its neighbours."""
    changed = [i for i, row in enumerate(rows) if row["status"] != "unchanged"]
    near = {j for i in changed for j in range(i - context, i + context + 1)}
    out = []
    for i, row in enumerate(rows):
        if row["status"] != "unchanged" or i in near:
            out.append(row)
        elif out and out[-1]["status"] == "folded":
            out[-1]["rows"].append(row)
        else:
            out.append({"status": "folded", "rows": [row]})
    return out


def _stood_before(removed, paragraph, older):
    order = [p["public_id"] for p in older.get("paragraphs", [])]
    if paragraph["public_id"] not in order:
        return False
    return order.index(removed["public_id"]) < order.index(paragraph["public_id"])


def _row(paragraph, status, segments, old_label=None):
    return {
        "public_id": paragraph["public_id"],
        "label": paragraph["label"],
        "old_label": old_label if old_label is not None and old_label != paragraph["label"] else None,
        "text": paragraph["text"],
        "status": status,
        "segments": segments,
    }
