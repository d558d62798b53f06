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
        best, best_ratio = None, 0.0
        for i in range(next_old, old_range.stop):
            ratio = _ratio(old_keys[i], new_keys[j])
            # On a tie the earlier paragraph wins: a merge keeps the first part's identifier.
            if ratio >= EDIT_THRESHOLD and ratio > best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            mapping[j] = best
            next_old = best + 1


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
