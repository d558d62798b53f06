"""Keyword in context: each hit of a search with the words before and after it, from the newest
matching paragraphs of a research.selection(), matched here without ranking them."""
import functools
import re
from dataclasses import dataclass

from django.db import connection

from . import search
from .models import Meeting, Paragraph, Statement
from .reversing import pattern

KWIC_LINES = 500  # paragraphs read at most (the newest matching first)
KWIC_WORDS = 8  # words of context on each side
KWIC_FIELDS = ["left", "keyword", "right", "paragraph_id", "permalink", "statement_id", "attribution", "meeting", "year"]


@dataclass
class Line:
    """One hit in its paragraph: the words before it, the hit as written, the words after it."""

    left: str
    keyword: str
    right: str
    paragraph: dict  # public_id, statement_id, url (its permalink), attribution, meeting, year

    def sort_key(self, side):
        """Left context read from the hit backwards, or right context forwards, folded."""
        if side == "left":
            return [search.fold(word) for word in reversed(search.WORD.findall(self.left))]
        return [search.fold(word) for word in search.WORD.findall(self.right)]


def quick_fold(word):
    """search.fold(word), without Unicode normalisation for plain ASCII (a tenth of the cost)."""
    return word.lower() if word.isascii() else search.fold(word)


def keyword_spans(text, query):
    """[(start, end)] of each place in `text` a term of `query` matches (phrases as consecutive words,
    a prefix term's last word by its start), left to right, not overlapping."""
    terms = tuple((tuple(search.fold(word) for word in term.words), term.prefix) for group in query.groups for term in group)
    pattern = ascii_pattern(terms) if text.isascii() else None
    if pattern is not None:
        return [match.span() for match in pattern.finditer(text)]
    return token_spans(text, query)


@functools.lru_cache(maxsize=64)
def ascii_pattern(terms):
    """For text that is all ASCII (most of it), one regular expression finding what token_spans finds:
    the terms as alternatives in their order, each word whole (case aside), words of a phrase separated
    by anything but letters and digits, a prefix's last word by its start. Tokenizing every paragraph
    to compare its words took three quarters of the in-context page's Python. None when a term's
    words are not ASCII (they cannot be in ASCII text as written: token_spans decides)."""
    if not terms or not all(word.isascii() for words, _prefix in terms for word in words):
        return None
    alternatives = []
    for words, prefix in terms:
        parts = [re.escape(word) for word in words]
        if prefix:
            parts[-1] += r"[^\W_]*"
        alternatives.append(r"[\W_]+".join(parts) + ("" if prefix else r"(?![^\W_])"))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")", re.ASCII | re.IGNORECASE)


def token_spans(text, query):
    """keyword_spans() by comparing the text's words one by one, for any script."""
    tokens = [(match.start(), match.end(), quick_fold(match.group())) for match in search.WORD.finditer(text)]
    terms = [([search.fold(word) for word in term.words], term.prefix) for group in query.groups for term in group]
    # Most words start no term: skip them with one set look-up.
    firsts = {words[0] for words, prefix in terms if not (prefix and len(words) == 1)}
    prefixes = tuple(words[0] for words, prefix in terms if prefix and len(words) == 1)
    spans, position = [], 0
    while position < len(tokens):
        token = tokens[position][2]
        if token not in firsts and not (prefixes and token.startswith(prefixes)):
            position += 1
            continue
        for words, prefix in terms:
            window = tokens[position:position + len(words)]
            if len(window) == len(words) and all(
                token == word or (prefix and n == len(words) - 1 and token.startswith(word))
                for n, ((_s, _e, token), word) in enumerate(zip(window, words))
            ):
                spans.append((window[0][0], window[-1][1]))
                position += len(words)
                break
        else:
            position += 1
    return spans


def context_lines(text, query, words=KWIC_WORDS):
    """[(left, keyword, right)] for each hit of `query` in `text`, with `words` words each side."""
    matches = list(search.WORD.finditer(text))
    starts = [match.start() for match in matches]
    ends = [match.end() for match in matches]
    first_word = {value: n for n, value in enumerate(starts)}
    last_word = {value: n for n, value in enumerate(ends)}
    lines = []
    for start, end in keyword_spans(text, query):
        first, last = first_word[start], last_word[end]
        left_from = starts[first - words] if first - words > 0 else 0
        right_to = ends[last + words] if last + words < len(ends) - 1 else len(text)
        left = ("… " if first - words > 0 else "") + " ".join(text[left_from:start].split())
        right = " ".join(text[end:right_to].split()) + (" …" if last + words < len(ends) - 1 else "")
        lines.append((left, text[start:end], right))
    return lines


def kwic(chosen, sort="", limit=KWIC_LINES):
    """([Line], paragraphs read, more): each hit of the search in the newest `limit` matching
    paragraphs of the selection, in the order `sort` asks ("left", "right", or as read). Takes a
    research.selection(): the paragraphs are matched once, here, without running the ranked search."""
    if not chosen.searched:
        return [], 0, False
    rows = newest_matching(chosen, limit + 1)
    more = len(rows) > limit
    lines = []
    # Every paragraph's permanent address from one pattern: a public id is letters and digits.
    permalink = pattern("archive:paragraph-permalink")
    for public_id, text, statement_id, delegation, group, title, session, year in rows[:limit]:
        paragraph = {
            "public_id": public_id, "statement_id": statement_id, "url": permalink.format(public_id),
            "attribution": Statement.format_attribution(delegation, group),
            "meeting": Meeting.format_name(title, session), "year": year,
        }
        lines += [Line(left, keyword, right, paragraph) for left, keyword, right in context_lines(text, chosen.query)]
    if sort in ("left", "right"):
        lines.sort(key=lambda line: (line.sort_key(sort), search.fold(line.keyword)))
    return lines, min(len(rows), limit), more


KWIC_COLUMNS = ["public_id", "text", "statement_id", "statement__delegation__name", "statement__on_behalf_of__name",
                "statement__meeting__title", "statement__meeting__session", "statement__year"]
KWIC_CHUNK = 2000  # matching paragraph ids read at a time, newest first
KWIC_CHUNKS = 3  # then, if the filters left too few, every match at once


def newest_matching(chosen, count):
    """The newest `count` matching paragraphs of the selection, as KWIC_COLUMNS rows.

    The index gives its newest matches first in chunks (`ORDER BY id DESC LIMIT` over the match is
    1-20 ms at 50,000 statements, where sorting every match of a phrase under the statement filters
    took 140-270 ms); the filters are applied to each chunk. Narrow filters on a common word read
    every match at once after KWIC_CHUNKS chunks."""
    statements = chosen.unsearched.order_by().values("pk")
    matched = chosen.paragraph_ids()
    rows, below = [], None
    for _chunk in range(KWIC_CHUNKS):
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matched(id) AS ({matched.sql}) SELECT id FROM matched "
                f"{'WHERE id < %s ' if below else ''}ORDER BY id DESC LIMIT %s",
                [*matched.params, *([below] if below else []), KWIC_CHUNK],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if ids:
            # The chunk's statements among the selected ones: a seek per statement, where
            # `statement_id IN (selected)` listed every selected statement first (500 ms).
            owners = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "statement_id"))
            kept = set(chosen.unsearched.filter(pk__in=set(owners.values())).order_by().values_list("pk", flat=True))
            wanted = [pk for pk in ids if owners.get(pk) in kept][: count - len(rows)]
            rows += Paragraph.objects.filter(pk__in=wanted).order_by("-pk").values_list(*KWIC_COLUMNS)
            below = ids[-1]
        if len(rows) >= count or len(ids) < KWIC_CHUNK:
            return rows[:count]
    return list(
        Paragraph.objects.filter(pk__in=matched, statement__in=statements).order_by("-pk").values_list(*KWIC_COLUMNS)[:count]
    )



def kwic_rows(lines, absolute):
    """`absolute(path)` makes the permalinks full addresses."""
    return [
        {"left": line.left, "keyword": line.keyword, "right": line.right,
         "paragraph_id": line.paragraph["public_id"],
         "permalink": absolute(line.paragraph["url"]),
         "statement_id": line.paragraph["statement_id"], "attribution": line.paragraph["attribution"],
         "meeting": line.paragraph["meeting"], "year": line.paragraph["year"]}
        for line in lines
    ]
