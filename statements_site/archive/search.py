"""Full-text search over paragraph text: one interface, a SQLite branch and a PostgreSQL branch.

What a reader types is parsed here into a small structure (`Query`) and rendered into each
database's own syntax with every term quoted, so no user text ever reaches MATCH or
to_tsquery as syntax. Supported: words, "exact phrases", prefix*, -exclusion, OR.
Case and accents do not matter; there is no stemming on either database.

`find(query)` runs the match once per request and keeps the matching statements (with their
best score and number of matching paragraphs) in a temporary table on the request's
connection; the result list, its counts and every facet count join that table instead of
matching again. Only the paragraphs of the statements on the page are matched a second time,
for their snippets (on SQLite the order of a statement's paragraphs comes from the bm25 scores
find() already computed, kept in a second temporary table, as long as all its hits were
ranked). Ranking is bounded (RANK_LIMIT) and the page says so when it applies.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Paragraph

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
# Beyond these a search is refused (HTTP 400) rather than shortened: nobody types them by hand.
REFUSE_CHARS = MAX_QUERY_CHARS
REFUSE_TERMS = 30
# A word found in more paragraphs than this is ranked (bm25 / ts_rank) over the most recently
# added RANK_LIMIT of them only; the others are listed after them. Ranking every hit of a word in
# half the archive costs more than the rest of the page together. The page says so.
RANK_LIMIT = 10_000
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


def refusal(text):
    """Why a search is too expensive to run (the view answers 400), or '' when it is fine."""
    text = text or ""
    if len(text) > REFUSE_CHARS:
        return f"A search can be at most {REFUSE_CHARS} characters long; this one has {len(text)}."
    terms = len(CHUNK.findall(text))
    if terms > REFUSE_TERMS:
        return f"A search can have at most {REFUSE_TERMS} words or phrases; this one has {terms}."
    return ""


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
    """Match `query` and keep its matching statements for this request (see the module docstring).

    Returns a Hits handle. The hits are kept per statement (id, best score, matching paragraphs)
    in one temporary table (SQLite keeps its ranked paragraphs with their scores in a second);
    paragraphs are looked up again only for the statements shown. Ranking is bounded by RANK_LIMIT:
    on SQLite the newest RANK_LIMIT matching paragraphs are scored with bm25 in one pass and the
    rest (if any) only counted in a second pass.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return find_postgres(cursor, query)
        return find_sqlite(cursor, query)


def find_sqlite(cursor, query):
    """SQLite: the newest RANK_LIMIT hits with their bm25 scores in one pass, kept per paragraph
    (for top_paragraphs) and per statement; then, if there are more, the older ones counted per
    statement. Everything stays in SQL: reading the scored hits into Python and writing them back
    as one INSERT of 10,000 rows cost a third more than the pass itself."""
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS search_hit_statement (statement_id INTEGER PRIMARY KEY, "
        "score REAL NOT NULL, hits INTEGER NOT NULL, ranked INTEGER NOT NULL DEFAULT 0)"
    )
    # Keyed by statement: grouping the hits per statement reads it in order (no sort), and
    # top_paragraphs seeks a page's statements instead of scanning up to RANK_LIMIT rows.
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS search_hit_paragraph (statement_id INTEGER NOT NULL, "
        "paragraph_id INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (statement_id, paragraph_id)) WITHOUT ROWID"
    )
    cursor.execute("DELETE FROM search_hit_statement")
    cursor.execute("DELETE FROM search_hit_paragraph")
    # The FTS rowid is the paragraph id; the statement id comes from a narrow covering
    # index (migration 0006) instead of the wide paragraph rows.
    join = (
        "FROM archive_paragraph_fts JOIN archive_paragraph p INDEXED BY paragraph_statement_cover_idx "
        "ON p.id = archive_paragraph_fts.rowid WHERE archive_paragraph_fts MATCH %s"
    )
    term = query.fts5()
    # The ranked paragraphs keep their scores: top_paragraphs orders a page's paragraphs from them
    # instead of calling bm25() again (every FTS5 cursor that calls bm25() first walks all hits of
    # every phrase to count them: 5-25 ms per statement shown for a common word or phrase).
    cursor.execute(
        "INSERT INTO search_hit_paragraph (paragraph_id, statement_id, score) "
        f"SELECT p.id, p.statement_id, bm25(archive_paragraph_fts) {join} "
        "ORDER BY archive_paragraph_fts.rowid DESC LIMIT %s",
        [term, RANK_LIMIT],
    )
    cursor.execute(
        "INSERT INTO search_hit_statement (statement_id, score, hits, ranked) "
        "SELECT statement_id, MIN(score), COUNT(*), COUNT(*) FROM search_hit_paragraph GROUP BY statement_id"
    )
    cursor.execute("SELECT COUNT(*), MIN(paragraph_id) FROM search_hit_paragraph")
    ranked, boundary = cursor.fetchone()
    total = ranked
    if ranked >= RANK_LIMIT:
        # Only the paragraphs older than the ranked ones are left; count them per statement.
        cursor.execute(
            "INSERT INTO search_hit_statement (statement_id, score, hits) "
            f"SELECT p.statement_id, 0, COUNT(*) {join} AND archive_paragraph_fts.rowid < %s GROUP BY p.statement_id "
            "ON CONFLICT (statement_id) DO UPDATE SET hits = search_hit_statement.hits + excluded.hits",
            [term, boundary],
        )
        cursor.execute("SELECT COALESCE(SUM(hits), 0) FROM search_hit_statement")
        total = cursor.fetchone()[0]
    return Hits(query, ranked=ranked, total=total)


def find_postgres(cursor, query):
    """PostgreSQL: one statement. One pass over the GIN index for every hit (id, statement), kept
    in a materialized CTE; hits are counted per statement from it and ts_rank is computed for the
    newest RANK_LIMIT of them only, read back by primary key. A common word's hits are spread
    over most of the table's pages, so each extra pass over them costs a second at 600k rows.

    The hit pass reads the heap through a bitmap of the GIN index: with the default work_mem the
    bitmap goes lossy (every row of a lossy page is rechecked, detoasting its tsvector) and the
    planner prefers a sequential scan that detoasts all 600k; both are about twice as slow."""
    # One round trip (no parameters, so psycopg sends the statements together). SET LOCAL ends
    # with the transaction, so these settings only apply to this search.
    with transaction.atomic():
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS search_hit_statement "
            "(statement_id bigint PRIMARY KEY, score real NOT NULL, hits integer NOT NULL); "
            "TRUNCATE search_hit_statement; "
            "SET LOCAL work_mem = '64MB'; SET LOCAL enable_seqscan = off"
        )
        term = query.tsquery()
        cursor.execute(
            "WITH q AS (SELECT to_tsquery('archive_simple', %s) AS q), "
            "hit AS MATERIALIZED (SELECT p.id, p.statement_id FROM archive_paragraph p, q WHERE p.search_vector @@ q.q), "
            "ranked AS (SELECT h.statement_id, MIN(-ts_rank(p.search_vector, q.q)) AS score "
            " FROM (SELECT id, statement_id FROM hit ORDER BY id DESC LIMIT %s) h "
            " JOIN archive_paragraph p ON p.id = h.id, q GROUP BY h.statement_id) "
            "INSERT INTO search_hit_statement (statement_id, score, hits) "
            "SELECT c.statement_id, COALESCE(r.score, 0), c.hits "
            "FROM (SELECT statement_id, COUNT(*) AS hits FROM hit GROUP BY statement_id) c "
            "LEFT JOIN ranked r ON r.statement_id = c.statement_id",
            [term, RANK_LIMIT],
        )
        # Temporary tables have no statistics until analysed: without them the planner guesses
        # "many rows" and every facet count scans the whole statement table. It needs the number
        # of rows (the ids are unique): a sample of 3,000 rows instead of the default 30,000 gives
        # that in 2 ms instead of 14 for a common word's 41,000 statements.
        cursor.execute(
            "SET LOCAL work_mem TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT; "
            "SET LOCAL default_statistics_target = 10; ANALYZE search_hit_statement"
        )
        cursor.execute("SELECT COALESCE(SUM(hits), 0) FROM search_hit_statement")
        total = cursor.fetchone()[0]
    return Hits(query, ranked=min(total, RANK_LIMIT), total=total)


class Hits:
    """The hits of one search on this connection, as SQL fragments the querysets can use.

    Scores are "lower is better" on both databases (bm25 is negative, ts_rank is negated);
    paragraphs beyond RANK_LIMIT score 0, after every ranked one. `total` matching paragraphs,
    of which `ranked` were scored.
    """

    def __init__(self, query, ranked=0, total=0):
        self.query = query
        self.ranked = ranked
        self.total = total

    @property
    def partly_ranked(self):
        return self.total > self.ranked

    def statement_ids(self):
        return RawSQL("SELECT statement_id FROM search_hit_statement", ())

    def restrict(self, statements):
        """`statements` narrowed to those with hits (the hit table holds one row per statement).

        `id IN (SELECT ...)` lets SQLite walk the hit table and seek each statement by its key
        (0.1 ms for a rare word); a join makes it scan the statement table first (10 ms)."""
        return statements.filter(pk__in=self.statement_ids())

    def paragraph_ids(self):
        """The matching paragraphs' ids, as a subquery (for downloads: it matches again)."""
        if connection.vendor == "postgresql":
            return RawSQL(
                "SELECT p.id FROM archive_paragraph p WHERE p.search_vector @@ to_tsquery('archive_simple', %s)",
                (self.query.tsquery(),),
            )
        return RawSQL("SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s", (self.query.fts5(),))

    def scores(self):
        """{statement id: (best score, matching paragraphs)} for every statement with hits, read once
        from the hit table. On SQLite, looking each statement's row up from the statement query
        instead (a subquery per column; a join scans the statement table) cost 15-25 % more for 10,000
        to 40,000 statements; PostgreSQL's hash join was no faster than this."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement_id, score, hits FROM search_hit_statement")
            return {statement_id: (score, hits) for statement_id, score, hits in cursor.fetchall()}

    def top_paragraphs(self, statement_ids, per_statement):
        """{statement id: [paragraph id ...best first, at most per_statement]}, in a number of queries
        that does not grow with the page (one on PostgreSQL, and on SQLite when every statement shown
        had all its hits ranked).

        PostgreSQL matches again, but only among the paragraphs of the statements shown (a page's
        worth). SQLite uses the scores find() kept for statements whose hits were all ranked, and
        matches again only for the others: bm25() in a new FTS5 cursor costs a full walk of every
        phrase's hits (to count them), once per statement, which took ~25 ms each for a phrase.
        """
        if not statement_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(statement_ids))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT p.statement_id, p.id FROM archive_paragraph p, to_tsquery('archive_simple', %s) q "
                    f"WHERE p.statement_id IN ({placeholders}) AND p.search_vector @@ q "
                    "ORDER BY p.statement_id, ts_rank(p.search_vector, q) DESC, p.id",
                    [self.query.tsquery(), *statement_ids],
                )
            else:
                # Statements whose every hit was ranked by find() are ordered from the scores it
                # kept; only the others (a statement straddling the ranking boundary, and unranked
                # ones, which only reach a page on other sorts) are matched again.
                cursor.execute(
                    "SELECT hp.statement_id, hp.paragraph_id FROM search_hit_paragraph hp "
                    "JOIN search_hit_statement h ON h.statement_id = hp.statement_id "
                    f"WHERE hp.statement_id IN ({placeholders}) AND h.hits = h.ranked "
                    "ORDER BY hp.statement_id, hp.score, hp.paragraph_id",
                    list(statement_ids),
                )
                rows = cursor.fetchall()
                scored = {statement_id for statement_id, _pk in rows}
                rest = [statement_id for statement_id in dict.fromkeys(statement_ids) if statement_id not in scored]
                if rest:
                    # The paragraph ids first, then MATCH restricted to their rowid ranges.
                    cursor.execute(
                        f"SELECT id, statement_id FROM archive_paragraph WHERE statement_id IN ({', '.join(['%s'] * len(rest))})",
                        list(rest),
                    )
                    owner = dict(cursor.fetchall())
                    matched = fts_rows(cursor, "bm25(archive_paragraph_fts)", self.query.fts5(), owner)
                    # Best first within each statement, ties by paragraph id.
                    matched.sort(key=lambda row: (owner[row[0]], row[1], row[0]))
                    rows += [(owner[pk], pk) for pk, _score in matched]
            if connection.vendor == "postgresql":
                rows = cursor.fetchall()
            best = {}
            for statement_id, paragraph_id in rows:
                chosen = best.setdefault(statement_id, [])
                if len(chosen) < per_statement:
                    chosen.append(paragraph_id)
        return best

    def results(self, statements, per_statement):
        """[(statement, [(paragraph, snippet) ...best first], how many more match)] for a page of
        statements (each with .hit_count), in a few queries whatever the page's size."""
        best = self.top_paragraphs([statement.pk for statement in statements], per_statement)
        ids = [pk for chosen in best.values() for pk in chosen]
        paragraphs = Paragraph.objects.only("id", "statement_id", "position", "label", "public_id").in_bulk(ids)
        snippets = self.snippets(ids)
        results = []
        for statement in statements:
            shown = [(paragraphs[pk], snippets.get(pk, "")) for pk in best.get(statement.pk, []) if pk in paragraphs]
            results.append((statement, shown, statement.hit_count - len(shown)))
        return results

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
                rows = cursor.fetchall()
            else:
                expression = f"snippet(archive_paragraph_fts, 0, '{MARK_START}', '{MARK_END}', '…', 40)"
                rows = fts_rows(cursor, expression, self.query.fts5(), ids)
            return {pk: marked(text.translate(UNHIDE)) for pk, text in rows}


def fts_rows(cursor, expression, match, ids):
    """[(rowid, expression)] for the paragraphs among `ids` that match, on SQLite, in one query.

    FTS5 seeks straight to a rowid range (`rowid BETWEEN`), but with `rowid IN (...)` next to
    MATCH it walks every hit of the term (seconds for a common word). So the ids are cut into
    runs of consecutive ids, one UNION ALL arm per run; a statement's paragraphs are one run.
    """
    ids = sorted(set(int(pk) for pk in ids))
    runs = []
    for pk in ids:
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    if not runs:
        return []
    arm = (f"SELECT rowid, {expression} FROM archive_paragraph_fts "
           "WHERE archive_paragraph_fts MATCH %s AND rowid BETWEEN %s AND %s")
    rows = []
    for start in range(0, len(runs), 400):  # SQLite allows 500 arms in one compound SELECT
        chunk = runs[start:start + 400]
        cursor.execute(" UNION ALL ".join([arm] * len(chunk)), [value for lo, hi in chunk for value in (match, lo, hi)])
        rows += cursor.fetchall()
    return rows


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
            if connection.vendor == "postgresql":
                cursor.execute("DROP INDEX IF EXISTS paragraph_search_idx")
            else:
                for name in ("insert", "delete", "update"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS archive_paragraph_fts_{name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The foreign keys are deferred: check them now, or CREATE INDEX refuses to run.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute("CREATE INDEX paragraph_search_idx ON archive_paragraph USING gin (search_vector)")
            else:
                cursor.execute("INSERT INTO archive_paragraph_fts(archive_paragraph_fts) VALUES ('rebuild')")
                for sql in SQLITE_TRIGGERS:
                    cursor.execute(sql)
        return False
