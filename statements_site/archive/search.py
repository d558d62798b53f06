"""Full-text search over paragraph text: one interface, a SQLite branch and a PostgreSQL branch.

What a reader types is parsed here into a small structure (`Query`) and rendered into each
database's own syntax with every term quoted, so no user text ever reaches MATCH or
to_tsquery as syntax. Supported: words, "exact phrases", prefix*, -exclusion, OR.
Case and accents do not matter; there is no stemming on either database.

`find(query)` runs the match once per request and keeps the hits in two temporary tables
(per paragraph and per statement) on the request's connection; the result list, its counts
and every facet count then join those tables instead of matching again.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
SHORT_PARAGRAPH = 320  # characters: a paragraph this short is its own snippet

# Letters and digits: the same word boundaries as FTS5's unicode61 tokenizer.
WORD = re.compile(r"[^\W_]+")
CHUNK = re.compile(r'(-?)"([^"]*)("?)(\*?)|(\S+)')

# Private-use characters: cannot be typed by mistake, pass through both databases untouched,
# and are swapped for <mark> only after the text around them has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
# ts_headline treats <tags> and &entities; as markup and drops them; hide them from it.
HIDE = {"<": "\ue002", ">": "\ue003", "&": "\ue004"}
UNHIDE = str.maketrans({v: k for k, v in HIDE.items()})


def fold(word):
    """A word as the index sees it: case-folded, accents removed."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@dataclass
class Term:
    """A word or phrase; `prefix` makes its last word match any word starting with it."""

    words: list
    prefix: bool = False

    def fts5(self):
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")

    def tsquery(self):
        lexemes = [f"'{word}'" for word in self.words]
        if self.prefix:
            lexemes[-1] += ":*"
        return " <-> ".join(lexemes)


@dataclass
class Query:
    """A parsed search: groups of alternatives (all groups must match) and excluded terms."""

    text: str = ""
    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    message: str = ""

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
        """The folded words (and prefixes) to mark when showing whole paragraphs."""
        exact, prefixes = set(), set()
        for group in self.groups:
            for term in group:
                words = [fold(word) for word in term.words]
                if term.prefix:
                    prefixes.add(words.pop())
                exact.update(words)
        return exact, tuple(prefixes)


def parse(text):
    """Read what a reader typed. Never raises: junk gives an empty Query with a message."""
    text = (text or "").strip()
    query = Query(text=text)
    if not text:
        return query
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.message = f"Your search was shortened to its first {MAX_QUERY_CHARS} characters."
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
            query.message = f"Only the first {MAX_TERMS} words or phrases of your search were used."
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
            "Type at least one word to look for; a minus sign only excludes words from a search."
            if terms
            else "That search has no words in it. Try a word, a phrase in quotes, or a prefix like cyber*."
        )
    return query


def find(query):
    """Match `query` once and keep its hits for this request (see the module docstring).

    Returns a Hits handle. Five or six short statements; the match itself is one of them.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_hit "
                "(paragraph_id bigint PRIMARY KEY, statement_id bigint NOT NULL, score real NOT NULL)"
            )
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_hit_statement "
                "(statement_id bigint PRIMARY KEY, score real NOT NULL, hits integer NOT NULL)"
            )
            cursor.execute("TRUNCATE search_hit, search_hit_statement")
            cursor.execute(
                "INSERT INTO search_hit (paragraph_id, statement_id, score) "
                "SELECT p.id, p.statement_id, -ts_rank(p.search_vector, q) "
                "FROM archive_paragraph p, to_tsquery('archive_simple', %s) q WHERE p.search_vector @@ q",
                [query.tsquery()],
            )
        else:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_hit "
                "(paragraph_id INTEGER PRIMARY KEY, statement_id INTEGER NOT NULL, score REAL NOT NULL)"
            )
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS search_hit_statement "
                "(statement_id INTEGER PRIMARY KEY, score REAL NOT NULL, hits INTEGER NOT NULL)"
            )
            cursor.execute("DELETE FROM search_hit")
            cursor.execute("DELETE FROM search_hit_statement")
            # Join on rowid: the FTS table's rowid is the paragraph's id.
            cursor.execute(
                "INSERT INTO search_hit (paragraph_id, statement_id, score) "
                "SELECT p.id, p.statement_id, bm25(archive_paragraph_fts) "
                "FROM archive_paragraph_fts JOIN archive_paragraph p ON p.id = archive_paragraph_fts.rowid "
                "WHERE archive_paragraph_fts MATCH %s",
                [query.fts5()],
            )
        cursor.execute(
            "INSERT INTO search_hit_statement (statement_id, score, hits) "
            "SELECT statement_id, MIN(score), COUNT(*) FROM search_hit GROUP BY statement_id"
        )
    return Hits(query)


class Hits:
    """The hits of one search on this connection, as SQL fragments the querysets can use.

    Scores are "lower is better" on both databases (bm25 is negative, ts_rank is negated).
    """

    def __init__(self, query):
        self.query = query

    def statement_ids(self):
        return RawSQL("SELECT statement_id FROM search_hit_statement", ())

    def paragraph_ids(self):
        return RawSQL("SELECT paragraph_id FROM search_hit", ())

    def statement_score(self):
        return RawSQL("SELECT score FROM search_hit_statement h WHERE h.statement_id = archive_statement.id", ())

    def statement_hit_count(self):
        return RawSQL("SELECT hits FROM search_hit_statement h WHERE h.statement_id = archive_statement.id", ())

    def count_paragraphs(self, statements):
        """Matching paragraphs within `statements` (a queryset), in one query."""
        sql, params = statements.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(SUM(hits), 0) FROM search_hit_statement WHERE statement_id IN ({sql})", params)
            return cursor.fetchone()[0]

    def top_paragraphs(self, statement_ids, per_statement):
        """{statement id: [(paragraph id, score) ...best first, at most per_statement]} in one query."""
        if not statement_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(statement_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT statement_id, paragraph_id FROM search_hit WHERE statement_id IN ({placeholders}) "
                "ORDER BY statement_id, score, paragraph_id",
                list(statement_ids),
            )
            best = {}
            for statement_id, paragraph_id in cursor.fetchall():
                chosen = best.setdefault(statement_id, [])
                if len(chosen) < per_statement:
                    chosen.append(paragraph_id)
        return best

    def snippets(self, paragraph_ids):
        """{paragraph id: safe HTML snippet with <mark>ed hits}, one query for all of them."""
        if not paragraph_ids:
            return {}
        ids = list(paragraph_ids)
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
                # Short paragraphs are shown whole, as FTS5's snippet() does; long ones as fragments.
                cursor.execute(
                    "SELECT p.id, ts_headline('archive_simple', translate(p.text, '<>&', %s), q, "
                    "CASE WHEN length(p.text) <= %s THEN %s ELSE %s END) "
                    f"FROM archive_paragraph p, to_tsquery('archive_simple', %s) q WHERE p.id IN ({placeholders})",
                    ["".join(HIDE.values()), SHORT_PARAGRAPH, f"{marks}, HighlightAll=true",
                     f"{marks}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=…", self.query.tsquery(), *ids],
                )
            else:
                cursor.execute(
                    f"SELECT rowid, snippet(archive_paragraph_fts, 0, %s, %s, '…', 40) FROM archive_paragraph_fts "
                    f"WHERE archive_paragraph_fts MATCH %s AND rowid IN ({placeholders})",
                    [MARK_START, MARK_END, self.query.fts5(), *ids],
                )
            return {pk: marked(text.translate(UNHIDE)) for pk, text in cursor.fetchall()}


def marked(text):
    """Escape text that carries MARK_START/MARK_END, then turn those into <mark> tags."""
    return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def highlight(text, query):
    """Whole text with the query's words marked, for statement and compare pages. Safe HTML."""
    if not query:
        return escape(text)
    exact, prefixes = query.highlighter()
    out, last = [], 0
    for match in WORD.finditer(text):
        word = fold(match.group())
        if word in exact or (prefixes and word.startswith(prefixes)):
            out.append(f"{escape(text[last:match.start()])}{MARK_START}{escape(match.group())}{MARK_END}")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def reindex():
    """Rebuild the index from the paragraphs; on SQLite also restore the triggers if a table
    rebuild dropped them. Returns the number of paragraphs indexed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The generated column cannot go stale; rebuilding the GIN index compacts it.
            cursor.execute("REINDEX INDEX paragraph_search_idx")
        else:
            for sql in SQLITE_TRIGGERS:
                cursor.execute(sql)
            cursor.execute("INSERT INTO archive_paragraph_fts(archive_paragraph_fts) VALUES ('rebuild')")
        cursor.execute("SELECT COUNT(*) FROM archive_paragraph")
        return cursor.fetchone()[0]


# The same triggers as migration 0003, idempotent, for `reindex`.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_insert AFTER INSERT ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_delete AFTER DELETE ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_update AFTER UPDATE OF text ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO archive_paragraph_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]
