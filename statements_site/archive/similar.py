"""“Said similarly”: the paragraphs of other delegations or other sessions that share a paragraph's
rarest words, ranked by BM25 with the paragraph's own word frequencies.

A lexical "more like this": the paragraph's words are looked up in the index's vocabulary with the
number of paragraphs each is in (spelling.paragraph_counts, one query); the rarest ones, up to
MAX_WORDS within a budget of POSTINGS postings in all, are searched for as alternatives (OR), so the
index only walks short lists and a paragraph page stays fast at any archive size. The index's best
CANDIDATES (bm25() on SQLite, BM25 in SQL on PostgreSQL) are then ranked again here, the same way on
both databases: BM25 over the words they share, each weighted by how often the paragraph itself uses
it (1 + log of its count), so a paragraph about nuclear weapons that says "nuclear" three times finds
others about nuclear weapons before others that share one rare word in passing. What a candidate
shares with the paragraph is marked with search.highlight.

Measured against a labelled set (tests/data/similar_judgements.json; README, "Said similarly").
"""
import functools
import math
import time
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from . import search, spelling, wordforms
from .models import Paragraph

# Precision at 5 on the labelled set (tests/data/similar_judgements.json, 12 paragraphs of the real samples):
# 0.22 with the 12 rarest words, 0.30 with up to 40 (more of the paragraph's vocabulary, which bm25 weighs).
MAX_WORDS = 40
POSTINGS = 20_000  # paragraphs the chosen words are in, added up: what one look-up may walk
# Read from the index, then ranked again (rank()): with 40 the re-ranking had too few to choose from
# (precision at 5 of 0.28 instead of 0.30); 200 found the same as 100.
CANDIDATES = 100
SHOWN = 5
MIN_LENGTH = 3
# Words that say nothing of a paragraph's argument, in the archive's main languages' English register.
STOPWORDS = set("""
the and for that with this are was were has have had not but its our their from all which who whom will
would shall should can could may might must also been being into onto upon than then there these those
such other more most very any each own same both only over under between about against during before
after above below out off again further once here where when why how what his her him she they them
you your yours we us mr madam chair chairman president thank thanks delegation distinguished excellencies
""".split())


@functools.lru_cache(maxsize=16)
def stopwords(language):
    """STOPWORDS as the index holds them in `language` ("distinguished" is "distinguish" in English)."""
    return frozenset(token for word in STOPWORDS for token in wordforms.index_text(word, language).split()) | STOPWORDS


@dataclass
class Similar:
    paragraph: Paragraph  # with statement, its delegation, group and meeting loaded
    score: float
    marked: str  # the text, what it shares with the paragraph marked (safe HTML)
    shared: list


def index_words(text, language):
    """The paragraph's words as the index holds them (stems in the paragraph's language)."""
    return set(wordforms.index_text(text, language).split())


def distinctive_words(text, language):
    """The paragraph's rarest words that other paragraphs also have: [(index word, paragraphs with it)]."""
    words = index_words(text, language)
    stop = stopwords(language)
    words = {word for word in words if len(word) >= MIN_LENGTH and word not in stop and not word.isdigit()}
    counts = document_frequencies(words)
    chosen, walked = [], 0
    for word, paragraphs in sorted(counts.items(), key=lambda pair: (pair[1], pair[0])):
        if paragraphs < 2:
            continue  # only in this paragraph
        if len(chosen) == MAX_WORDS or walked + paragraphs > POSTINGS:
            break
        chosen.append((word, paragraphs))
        walked += paragraphs
    return chosen


def document_frequencies(words):
    """{word: paragraphs with it} for those of `words` the index has.

    PostgreSQL reads its table of words (indexed). SQLite's fts5vocab counts a word's paragraphs by
    walking its postings: 420 ms for a paragraph's 34 words at 50,000 statements, 1.8 s for the
    whole vocabulary. So on SQLite the whole vocabulary is read once and kept for VOCABULARY_SECONDS
    (in this process and the shared cache): frequencies an hour old rank as well as fresh ones."""
    if connection.vendor != "sqlite":
        return spelling.paragraph_counts(words)
    global _vocabulary
    now = time.time()
    if _vocabulary is None or _vocabulary[0] <= now:
        _vocabulary = cache.get(VOCABULARY_KEY)
        if _vocabulary is None or _vocabulary[0] <= now:
            with connection.cursor() as cursor:
                cursor.execute("SELECT term, doc FROM archive_paragraph_fts_vocab")
                _vocabulary = (now + VOCABULARY_SECONDS, dict(cursor.fetchall()))
            cache.set(VOCABULARY_KEY, _vocabulary, VOCABULARY_SECONDS)
    counts = _vocabulary[1]
    return {word: counts[word] for word in words if word in counts}


VOCABULARY_SECONDS = 3600
VOCABULARY_KEY = "archive:similar:vocabulary"
_vocabulary = None  # (expiry time, {word: paragraphs}) in this process


def forget_vocabulary():
    """Read the vocabulary and the number of paragraphs afresh next time (tests; after a bulk import)."""
    global _vocabulary, _total
    _vocabulary = _total = None
    cache.delete_many([VOCABULARY_KEY, TOTAL_KEY])


def paragraph_total():
    """The number of paragraphs, the idf's N: counted at most once per VOCABULARY_SECONDS (in this
    process and the shared cache), as the vocabulary is read. A count reads a whole index (20-60 ms at
    600,000 paragraphs); the largest id or the planner's estimate drift with deletions and ANALYZE, and
    ranked the labelled set differently from one test run to the next."""
    global _total
    now = time.time()
    if _total is None or _total[0] <= now:
        _total = cache.get(TOTAL_KEY)
        if _total is None or _total[0] <= now:
            _total = (now + VOCABULARY_SECONDS, Paragraph.objects.count())
            cache.set(TOTAL_KEY, _total, VOCABULARY_SECONDS)
    return _total[1]


TOTAL_KEY = "archive:similar:paragraphs"
_total = None  # (expiry time, paragraphs) in this process


def query_of(words):
    """A search.Query of `words` as alternatives (one group of single-word terms)."""
    return search.Query(text=" OR ".join(words), groups=[[search.Term(words=[word]) for word in words]])


def fts5_any(words):
    """An FTS5 expression for a paragraph with any of `words`, index words as the index holds them.
    Not query_of(words).fts5(): a search's words are stemmed, and an index word stemmed again may
    be another word ("worker" is "work" in Portuguese), which the paragraph does not use."""
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in words)


def tsquery_any(words):
    """A tsquery constant for a paragraph with any of `words`, as the index holds them (see fts5_any)."""
    return " | ".join("'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in words)


def similar(paragraph, statements, limit=SHOWN):
    """[Similar] best first: paragraphs of `statements` (the visitor's) other than this paragraph's
    statement and other than the same delegation at the same session."""
    statement = paragraph.statement
    chosen = distinctive_words(paragraph.text, statement.language)
    words = [word for word, _n in chosen]
    if not words:
        return []
    with connection.cursor() as cursor:
        ranked = ENGINES[connection.vendor](cursor, chosen, CANDIDATES)
    weigh = Ranking(chosen, paragraph_total(), wordforms.index_text(paragraph.text, statement.language).split())
    candidates = list(
        Paragraph.objects.filter(pk__in=[pk for pk, _score in ranked]).exclude(statement_id=statement.pk)
        .select_related("statement__delegation", "statement__on_behalf_of", "statement__meeting")
    )
    # The visitor's among the candidates' statements, each sought by its key: `statement_id IN
    # (the visitor's statements)` listed all 50,000 published statements first (about 60 ms).
    visible = set(statements.filter(pk__in={c.statement_id for c in candidates}).order_by().values_list("pk", flat=True))
    candidates = [candidate for candidate in candidates if candidate.statement_id in visible]
    scored = []
    for candidate in candidates:
        other = candidate.statement
        if other.delegation_id == statement.delegation_id and other.meeting_id == statement.meeting_id:
            continue
        mine = index_words(candidate.text, other.language)
        shared = [word for word in words if word in mine]
        scored.append((weigh.score(shared, len(mine)), candidate.pk, candidate, shared))
    scored.sort(key=lambda item: item[:2])
    found = []
    for score, _pk, candidate, shared in scored[:limit]:  # only those shown are marked
        # Marked as written: the candidate's own words whose index word is shared.
        language = candidate.statement.language
        written = {word for word in search.WORD.findall(candidate.text)
                   if set(wordforms.word_tokens(word.casefold(), language)) & set(shared)}
        found.append(Similar(candidate, score, search.highlight(candidate.text, query_of(sorted(written))),
                             sorted({word.casefold() for word in written})))
    return found


class Ranking:
    """BM25 of a candidate over the words it shares with the paragraph, each word's weight multiplied
    by 1 + log(times the paragraph uses it). Lower is better (negated), as the index's scores.
    Without the paragraph's own frequencies (the index's ranking) precision at 5 was 0.30 on SQLite
    and 0.25 on PostgreSQL; with them 0.30 on both, and both databases rank alike."""

    def __init__(self, chosen, total, paragraph_words):
        total = max(total, max(n for _word, n in chosen) + 1)
        uses = Counter(paragraph_words)
        self.weights = {word: math.log((total - n + 0.5) / (n + 0.5) + 1) * (1 + math.log(max(uses[word], 1)))
                        for word, n in chosen}

    def score(self, shared, length):
        """`shared`: the chosen words the candidate has; `length`: its number of distinct index words."""
        norm = 1 + BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_WORDS)
        return -sum(self.weights[word] for word in shared) * (BM25_K1 + 1) / norm


def sqlite_ranked(cursor, chosen, limit):
    """[(paragraph id, bm25 score)], best (lowest) first, for the [(word, paragraphs with it)] chosen."""
    cursor.execute(
        "SELECT rowid, bm25(archive_paragraph_fts) AS score FROM archive_paragraph_fts "
        "WHERE archive_paragraph_fts MATCH %s ORDER BY score LIMIT %s",
        [fts5_any([word for word, _n in chosen]), limit],
    )
    return cursor.fetchall()


def postgresql_ranked(cursor, chosen, limit):
    """[(paragraph id, -score)], best (lowest) first: BM25 computed in SQL, as FTS5's bm25() does,
    with each word counted once per paragraph and the paragraph's length taken as its number of
    distinct words. ts_rank weighs every word alike (no inverse document frequency): on the labelled
    set it gave a precision at 5 of 0.20 where BM25 gives 0.30.

    In two steps, so that few tsvectors are read (a long paragraph's is kept out of line, and reading
    it for every candidate was most of the query: 134 ms for 13,976 candidates at 50,000 statements).
    First each word's paragraphs come from the GIN index alone, their words' weights added up and
    the length estimated from the size of the index text (which PostgreSQL knows without reading
    it): the SHORTLIST best by that estimate are then scored with their true lengths (45 ms)."""
    total = max(paragraph_total(), max(n for _word, n in chosen) + 1)
    weights = [(word, math.log((total - n + 0.5) / (n + 0.5) + 1)) for word, n in chosen]
    # Each word as a tsquery constant (the words are already folded as the index folds them).
    values = ", ".join(["(%s::tsquery, %s::float8)"] * len(weights))
    norm = f"(1 + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * {{length}} / {AVERAGE_WORDS}))"
    estimated = norm.format(length=f"MIN(octet_length(p.search_text)) / {INDEX_BYTES_PER_WORD}")
    cursor.execute(
        f"WITH matched AS (SELECT p.id, SUM(w.weight) AS weight FROM (VALUES {values}) AS w (query, weight) "
        f"JOIN archive_paragraph p ON p.search_vector @@ w.query GROUP BY p.id "
        f"ORDER BY SUM(w.weight) / {estimated} DESC, p.id LIMIT %s) "
        f"SELECT m.id, -m.weight * {BM25_K1 + 1} / {norm.format(length='length(p.search_vector)')} AS score "
        "FROM matched m JOIN archive_paragraph p ON p.id = m.id ORDER BY score, m.id LIMIT %s",
        [value for word, weight in weights for value in (tsquery_any([word]), weight)] + [SHORTLIST, limit],
    )
    return cursor.fetchall()


BM25_K1, BM25_B = 1.2, 0.75  # FTS5's bm25() defaults
AVERAGE_WORDS = 45.0  # distinct words in a paragraph, about (the length normalisation's yardstick)
# PostgreSQL's shortlist (postgresql_ranked): the paragraphs scored with their true lengths, chosen by
# a length estimated from the index text's size (bytes per distinct word, about, at 50,000 statements).
SHORTLIST = 1000
INDEX_BYTES_PER_WORD = 11.5


# The one difference between the databases here: how the index ranks alternatives.
ENGINES = {"sqlite": sqlite_ranked, "postgresql": postgresql_ranked}
