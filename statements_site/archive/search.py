"""Full-text search over paragraph text: one interface, a SQLite branch and a PostgreSQL branch.

What a reader types is parsed here into a small structure (`Query`) and rendered into each
database's own syntax with every term quoted, so no user text ever reaches MATCH or
to_tsquery as syntax. Supported: words, "exact phrases", prefix*, -exclusion, OR.
Case and accents do not matter; words are matched by their stems in English, French, Spanish,
Russian and Arabic, and Chinese inside running text (wordforms.py: paragraphs are indexed as
their "index text", and a search word is looked up in the forms of each language of its script).

`find(query)` runs the match once and keeps the matching statements (with their best score and
number of matching paragraphs) in a temporary table of that search's own, until the search is
closed (`with search.find(query) as hits:`) or the request finishes; the result list, its counts
and every facet count join that table instead of matching again. The SQL of each database is in
search_sql.py. Only the paragraphs of the statements on the page are matched a second time,
for their ordering (on SQLite the order of a statement's paragraphs comes from the bm25 scores
find() already computed, kept in a second temporary table, as long as all its hits were
ranked); snippets and highlighting mark the words as written, from the paragraphs' text
(highlighting.py).
Ranking is bounded (RANK_LIMIT) and the page says so when it applies.

A little over 400 lines: the query language (Term, Query, parse, refusal) and the hits it finds
(find, Hits, HitTables) are the one interface every page, feed, download and research view searches
through; the SQL of each database is already apart (search_sql.py), as is highlighting.
"""
import itertools
import re
import threading
from dataclasses import dataclass, field

from asgiref.local import Local
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models.expressions import RawSQL
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import search_sql, versions, wordforms
from .highlighting import highlight, snippet  # noqa: F401 (pages call search.highlight)
from .models import Paragraph, sql_for_ids

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
# Beyond these a search is refused (HTTP 400) rather than shortened: nobody types them by hand.
REFUSE_CHARS = MAX_QUERY_CHARS
REFUSE_TERMS = 30
# A word found in more paragraphs than this is ranked (bm25 / ts_rank) over the most recently
# added RANK_LIMIT of them only; the others are listed after them. Ranking every hit of a word in
# half the archive costs more than the rest of the page together. The page says so.
RANK_LIMIT = 10_000

# Letters and digits (with the combining marks written on them): the index's word boundaries.
WORD = wordforms.WORD
CHUNK = re.compile(r'(-?)"([^"]*)("?)(\*?)|(\S+)')

fold = wordforms.fold


@dataclass
class Term:
    """A word or phrase; `prefix` makes its last word match any word starting with it."""

    words: list
    prefix: bool = False

    def variants(self):
        """The ways the term can be in the index: tuples of (index word, is a prefix)."""
        return wordforms.forms(self.words, self.prefix)

    def fts5(self):
        phrases = [" + ".join(f'"{token}"' + ("*" if prefix else "") for token, prefix in tokens)
                   for tokens in self.variants()]
        return "(" + " OR ".join(phrases) + ")"

    def tsquery(self):
        phrases = [" <-> ".join(f"'{token}'" + (":*" if prefix else "") for token, prefix in tokens)
                   for tokens in self.variants()]
        return "(" + " | ".join(phrases) + ")"


@dataclass
class Query:
    """A parsed search: groups of alternatives (all groups must match) and excluded terms."""

    text: str = ""
    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    message: str = ""
    # Whether a word as written is one to mark, worked out once per word for all the text shown.
    marks: dict = field(default_factory=dict, repr=False, compare=False)

    def __bool__(self):
        return bool(self.groups)

    def fts5(self):
        """FTS5 MATCH syntax; every term is a quoted string, so user text is never syntax."""
        expression = " AND ".join(
            "(" + " OR ".join(term.fts5() for term in group) + ")" for group in self.groups
        )
        return expression + "".join(f" NOT {term.fts5()}" for term in self.excluded)

    def tsquery(self):
        """to_tsquery syntax for the archive_simple configuration; lexemes are quoted."""
        parts = ["(" + " | ".join(term.tsquery() for term in group) + ")" for group in self.groups]
        parts += [f"!({term.tsquery()})" for term in self.excluded]
        return " & ".join(parts)

    def highlighter(self):
        """The index words (exact, and prefixes) whose words to mark when showing text."""
        exact, prefixes = set(), set()
        for group in self.groups:
            for term in group:
                for tokens in term.variants():
                    for token, prefix in tokens:
                        (prefixes if prefix else exact).add(token)
        return exact, tuple(prefixes)


def refusal(text):
    """Why a search is too expensive to run (the view answers 400), or '' when it is fine."""
    text = text or ""
    if len(text) > REFUSE_CHARS:
        return _("A search can be at most %(max)s characters long; this one has %(n)s.") % {"max": REFUSE_CHARS, "n": len(text)}
    terms = len(CHUNK.findall(text))
    if terms > REFUSE_TERMS:
        return _("A search can have at most %(max)s words or phrases; this one has %(n)s.") % {"max": REFUSE_TERMS, "n": terms}
    return ""


def parse(text):
    """Read what a reader typed. Never raises: junk gives an empty Query with a message."""
    text = (text or "").strip()
    query = Query(text=text)
    if not text:
        return query
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.message = _("Your search was shortened to its first %(max)s characters.") % {"max": MAX_QUERY_CHARS}
    pending_or = negate_next = last_excluded = False
    terms = 0
    for match in CHUNK.finditer(text):
        minus, phrase, _close, star, bare = match.groups()
        if bare is not None:
            if bare in ("OR", "|"):
                pending_or = bool(query.groups) and not last_excluded
                continue
            if bare in ("AND", "&", "&&", "+"):
                continue
            if bare == "NOT":
                negate_next = True
                continue
            minus = "-" if bare.startswith("-") else ""
            star = "*" if bare.rstrip('"').endswith("*") else ""
            phrase = bare
        words = WORD.findall(phrase)
        if not words:
            continue
        if terms >= MAX_TERMS:
            query.message = _("Only the first %(max)s words or phrases of your search were used.") % {"max": MAX_TERMS}
            break
        terms += 1
        term = Term(words=words, prefix=bool(star))
        last_excluded = bool(minus or negate_next)
        if last_excluded:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = negate_next = False
    if not query.groups:
        query.excluded = []
        query.message = (
            _("Type at least one word to look for; a minus sign only excludes words from a search.")
            if terms
            else _("That search has no words in it. Try a word, a phrase in quotes, or a prefix like cyber*.")
        )
    return query


def find(query):
    """Match `query` and keep its matching statements until the search is done (see the module docstring).

    Returns a Hits handle that owns its temporary tables: use it as a context manager
    (`with search.find(query) as hits:`) or call its close(); hits still open when the request
    finishes are closed then (a streamed download reads them after its view has returned).
    """
    hits = Hits(query)
    with connection.cursor() as cursor:
        hits.ranked, hits.total = hits.engine.find(cursor, query, hits.table, RANK_LIMIT)
        hits.engine.fold_versions(cursor, hits.table)  # a hit in a language version counts for its original
    _open.hits = [*getattr(_open, "hits", []), hits]
    return hits


def _shown_paragraphs(ids):
    """What a result shows of its paragraphs (Hits.results)."""
    return Paragraph.objects.only("id", "statement_id", "position", "label", "public_id", "text").filter(pk__in=ids).order_by()


def paragraph_ids(query):
    """The ids of the paragraphs matching `query`, as a subquery: no hit tables, no ranking."""
    return search_sql.engine().paragraph_ids(query)


class Hits:
    """The hits of one search, kept per statement (id, best score, matching paragraphs) in temporary
    tables of its own, as SQL fragments the querysets can use; paragraphs are looked up again only
    for the statements shown.

    Scores are "lower is better" on both databases; paragraphs beyond RANK_LIMIT score 0, after
    every ranked one. `total` matching paragraphs, of which `ranked` were scored.
    """

    def __init__(self, query):
        self.query = query
        self.engine = search_sql.engine()
        self.table, self.kept = _tables.take()
        self.ranked = self.total = 0
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        """Drop this search's tables, or, for a search of a request, give them back for the next
        request's searches (HitTables): the querysets built from it can no longer be read, or
        read only its own hits until the request is done."""
        if self.closed:
            return
        self.closed = True
        _open.hits = [hits for hits in getattr(_open, "hits", []) if hits is not self]
        if self.kept:
            _tables.retire(self.table)
        elif connection.connection is not None:  # a closed connection took its temporary tables with it
            with connection.cursor() as cursor:
                self.engine.drop(cursor, self.table)

    @property
    def partly_ranked(self):
        return self.total is None or self.total > self.ranked

    def statement_ids(self):
        return RawSQL(f"SELECT statement_id FROM {self.table}", ())

    def restrict(self, statements):
        """`statements` narrowed to those with hits (the hit table holds one row per statement).

        `id IN (SELECT ...)` lets SQLite walk the hit table and seek each statement by its key
        (0.1 ms for a rare word); a join makes it scan the statement table first (10 ms)."""
        return statements.filter(pk__in=self.statement_ids())

    def paragraph_ids(self):
        """The matching paragraphs' ids, as a subquery (for downloads: it matches again)."""
        return paragraph_ids(self.query)

    def count_paragraphs(self):
        """Make every statement's number of matching paragraphs, and `total`, known. find() leaves them
        unknown for a word in more than RANK_LIMIT paragraphs when the statement index answered it
        (search_sql): counting them reads every paragraph hit, which only some pages need."""
        if self.total is not None:
            return
        with connection.cursor() as cursor:
            self.engine.count_paragraphs(cursor, self.query, self.table)
            cursor.execute(f"SELECT COALESCE(SUM(hits), 0) FROM {self.table}")
            self.total = cursor.fetchone()[0]

    def scores(self):
        """{statement id: (best score, matching paragraphs)} for every statement with hits, read once
        from the hit table, the numbers of paragraphs all counted (count_paragraphs). On SQLite,
        looking each statement's row up from the statement query instead (a subquery per column; a
        join scans the statement table) cost 15-25 % more for 10,000 to 40,000 statements;
        PostgreSQL's hash join was no faster than this."""
        self.count_paragraphs()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT statement_id, score, hits FROM {self.table}")
            return {statement_id: (score, hits) for statement_id, score, hits in cursor.fetchall()}

    def known_scores(self):
        """{statement id: (best score, matching paragraphs or None when not counted)} for the statements
        with a score or a count; the others score 0 with an unknown count (UNKNOWN). For a common
        word that is the few thousand ranked statements instead of all 41,000."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT statement_id, score, hits FROM {self.table} WHERE score <> 0 OR hits IS NOT NULL")
            return {statement_id: (score, hits) for statement_id, score, hits in cursor.fetchall()}

    UNKNOWN = (0, None)

    def matched(self, statement_ids):
        """({statement id: [paragraph id ...best first]}, {statement id: matching paragraphs}) for
        `statement_ids`, in a number of queries that does not grow with the page; the paragraphs may
        be in the statement's language versions. The counts are those of the statements whose hits
        were all matched again or kept (every statement whose count find() left unknown)."""
        if not statement_ids:
            return {}, {}
        with connection.cursor() as cursor:
            rows = self.engine.top_paragraphs(cursor, self.query, self.table, statement_ids)
        best = {}
        for statement_id, paragraph_id in rows:
            best.setdefault(statement_id, []).append(paragraph_id)
        return best, {statement_id: len(chosen) for statement_id, chosen in best.items()}

    def top_paragraphs(self, statement_ids, per_statement):
        """{statement id: [paragraph id ...best first, at most per_statement]}, in a number of queries
        that does not grow with the page; the paragraphs may be in the statement's language versions."""
        best, _counts = self.matched(statement_ids)
        return {statement_id: chosen[:per_statement] for statement_id, chosen in best.items()}

    def results(self, statements, per_statement):
        """[(statement, [(paragraph, snippet) ...best first], how many more match)] for a page of
        statements (each with .hit_count, None when find() did not count it: counted here), in a few
        queries whatever the page's size."""
        matched, counts = self.matched([statement.pk for statement in statements])
        best = {statement_id: chosen[:per_statement] for statement_id, chosen in matched.items()}
        ids = [pk for chosen in best.values() for pk in chosen]
        paragraphs = {p.pk: p for p in Paragraph.objects.raw(sql_for_ids(_shown_paragraphs, len(ids)), ids)} if ids else {}
        versions.mark_versions(paragraphs.values(), versions.texts_of([statement.pk for statement in statements]))
        results = []
        for statement in statements:
            if getattr(statement, "hit_count", None) is None:
                statement.hit_count = counts.get(statement.pk, 0)
            shown = [(paragraphs[pk], snippet(paragraphs[pk].text, self.query))
                     for pk in best.get(statement.pk, []) if pk in paragraphs]
            results.append((statement, shown, statement.hit_count - len(shown)))
        return results

    def snippets(self, paragraph_ids):
        """{paragraph id: safe HTML snippet with <mark>ed hits}, one query for all of them."""
        texts = Paragraph.objects.filter(pk__in=list(paragraph_ids)).values_list("id", "text") if paragraph_ids else []
        return {pk: snippet(text, self.query) for pk, text in texts}


_serial = itertools.count(1)
_open = Local()  # the searches not yet closed, per thread, as Django keeps its connections


class HitTables(threading.local):
    """The hit tables of this thread's connection that no search holds, for the searches of requests
    (both engines empty a kept table when a search takes it). A search closed
    during a request gives its tables back when the request finishes, not before, so a queryset of a
    closed search reads its own hits, never a later search's; the next search empties them (a common
    word's or a phrase's too: dropping their tables cost more than emptying them, 1.5 ms of a phrase's
    page). A search outside a request (a command, a test) drops its tables, since nothing would give
    them back."""

    def __init__(self):
        self.connection, self.free, self.retired, self.in_request = None, [], [], False

    def take(self):
        """(a table name for a new search, whether the search gives it back rather than drops it):
        a free one of this connection, or a new name."""
        connection.ensure_connection()
        if self.connection is not connection.connection:  # a new connection has none of the old tables
            self.connection, self.free, self.retired = connection.connection, [], []
        kept = self.in_request
        if kept and self.free:
            return self.free.pop(), kept
        return f"search_hits_{next(_serial)}", kept

    def retire(self, table):
        if self.connection is connection.connection:
            self.retired.append(table)

    def release(self):
        """The request is done: its closed searches' tables are free for the next."""
        self.free += self.retired
        self.retired = []


_tables = HitTables()


@receiver(request_started)
def note_request(**kwargs):
    _tables.in_request = True


@receiver(request_finished)
def close_searches(**kwargs):
    """Close the searches a request left open, once its response has been sent; their tables and
    those of the searches closed during the request are then free for the next request."""
    hits, _open.hits = getattr(_open, "hits", []), []
    for handle in hits:
        handle.close()
    _tables.release()
    _tables.in_request = False


def reindex():
    """Rebuild the index from the paragraphs: their index text first (only rows whose index text
    changed are written), then the index itself; on SQLite also restore the triggers if a table
    rebuild dropped them. Returns the number of paragraphs indexed."""
    last = 0
    while True:
        batch = list(Paragraph.objects.filter(pk__gt=last).order_by("pk")
                     .values_list("pk", "text", "search_text", "statement__language")[:5000])
        if not batch:
            break
        stale = [Paragraph(pk=pk, search_text=wordforms.index_text(text, language))
                 for pk, text, indexed, language in batch if wordforms.index_text(text, language) != indexed]
        Paragraph.objects.bulk_update(stale, ["search_text"], batch_size=500)
        last = batch[-1][0]
    with connection.cursor() as cursor:
        search_sql.engine().reindex(cursor)
        cursor.execute("SELECT COUNT(*) FROM archive_paragraph")
        return cursor.fetchone()[0]


class bulk_load:
    """Suspend index maintenance for a bulk insert of paragraphs, then build the index once.

    SQLite: the FTS triggers are dropped during the load and the FTS table is rebuilt at the
    end (one pass over all text instead of one index update per row), then the triggers return.
    PostgreSQL: the generated tsvector is still computed per row on insert, but the GIN index
    is dropped and created once afterwards. Use inside the load's transaction; if the load
    fails, the transaction rollback restores triggers and index with it.
    """

    def __enter__(self):
        with connection.cursor() as cursor:
            search_sql.engine().suspend_index(cursor)
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            with connection.cursor() as cursor:
                search_sql.engine().resume_index(cursor)
        return False


def grouped_counts(query, statements, columns):
    """[(values of `columns`..., statements, matching paragraphs)]: the statements among `statements`
    (a queryset) with paragraphs matching `query`, grouped by the Statement `columns` in the database,
    in one query and without ranking (find() ranks and keeps every hit: the research views only count).
    Counts as the result list of the same selection does (language versions as in find())."""
    try:
        sql, params = statements.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return []
    return search_sql.grouped_hits(query, columns, sql, params)
