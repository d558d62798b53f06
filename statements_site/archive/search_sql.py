"""The SQL of full-text search, one class per database: every difference between SQLite (FTS5)
and PostgreSQL (tsvector) lives here, and search.py chooses the class once (`engine()`).

Both classes keep a search's hits in temporary tables named by the caller (one set per search; a
request's are emptied and kept for a later request's search, a command's dropped when it is done), so
two searches on one connection never see each other's hits.
Scores are "lower is better" on both (bm25 is negative, ts_rank is negated).

Both index a paragraph's `search_text` (its words as stems, Chinese as two-character pieces:
wordforms.py), not its text; snippets and highlighting are made in search.py from the text.
Each also reads the statement index (migration 0017) for the queries it answers exactly, and
PostgreSQL counts the hits of a query without phrases from a narrow table of paragraph words
(migration 0019, postgres_hits).

Over 400 lines on purpose: it is the one module for the vendor differences of search (issue #18),
and splitting it per database would put the shared parts (version folding, the hit tables'
shape) in a third module that both would import.
"""
import importlib
import unicodedata

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

# The statement index's SQL, as its migration created it (reindex and bulk loads rebuild it).
statement_search = importlib.import_module("statements_site.archive.migrations.0017_statement_search")
paragraph_words = importlib.import_module("statements_site.archive.migrations.0019_paragraph_words")


def one_group(query):
    """True when a statement has a matching paragraph exactly when its own words match the query: a
    single group of alternatives (words, phrases, prefixes; OR) and no exclusion. Two groups must
    match in the same paragraph and an exclusion applies per paragraph, which a statement's words
    cannot tell."""
    return len(query.groups) == 1 and not query.excluded


def positional(query):
    """True when matching the query on PostgreSQL needs the words' positions: it has a phrase (a term
    written as several index words), or an index word that PostgreSQL's parser reads as several, which
    to_tsquery makes a phrase. The archive's words are letters, digits and the marks on them, but
    PostgreSQL splits a word at a character that is neither a letter nor a decimal digit: '2½' is
    folded to '21⁄2' (NFKD), which PostgreSQL reads as '21' <-> '2'; so are 'coŀlecció' and the Indic
    fraction signs."""
    terms = [term for group in query.groups for term in group] + list(query.excluded)
    return any(len(tokens) > 1 or any(split_by_postgresql(token) for token, _prefix in tokens)
               for term in terms for tokens in term.variants())


def split_by_postgresql(token):
    """Whether PostgreSQL's parser reads this index word as several: it has a character that is
    neither a letter nor a decimal digit."""
    return any(unicodedata.category(char)[0] != "L" and unicodedata.category(char) != "Nd" for char in token)


# The FTS rowid is the paragraph id; the statement id comes from a narrow covering index
# (migration 0006) instead of the wide paragraph rows.
PARAGRAPH_HITS = (
    "FROM archive_paragraph_fts JOIN archive_paragraph p INDEXED BY paragraph_statement_cover_idx "
    "ON p.id = archive_paragraph_fts.rowid WHERE archive_paragraph_fts MATCH %s"
)


class SQLite:
    """FTS5 over the paragraphs' index text; bm25() ranks. The statement index (migration 0017) holds
    each statement's paragraphs with a separator token between them, so phrases match within one
    paragraph there too: it answers every one_group query."""

    statement_level = staticmethod(one_group)

    def find(self, cursor, query, table, rank_limit):
        """The newest `rank_limit` hits with their bm25 scores in one pass, kept per paragraph (for
        top_paragraphs) and per statement; then, if there are more, the other matching statements.

        Those come from the statement index (migration 0017) when it answers the query exactly
        (statement_level): one row per statement, so a word in 235,000 paragraphs costs a walk of
        its 41,000 statements, not a join of every paragraph hit to its statement. Their numbers of
        matching paragraphs are then left unknown (NULL; count_paragraphs fills them when asked),
        as is the total. Otherwise the older hits are counted per statement from the paragraphs.

        A single INSERT with window functions instead was slower: SQLite evaluated bm25() for every
        hit, not just the ranked ones, and the INSERT of 10,000 rows cost a third more than the pass
        itself. Returns (ranked, total); total is None when not counted."""
        self.create(cursor, table)
        term = query.fts5()
        # The ranked paragraphs keep their scores: top_paragraphs orders a page's paragraphs from them
        # instead of calling bm25() again (every FTS5 cursor that calls bm25() first walks all hits of
        # every phrase to count them: 5-25 ms per statement shown for a common word or phrase).
        cursor.execute(
            f"INSERT INTO {table}_paragraphs (paragraph_id, statement_id, score) "
            f"SELECT p.id, p.statement_id, bm25(archive_paragraph_fts) {PARAGRAPH_HITS} "
            "ORDER BY archive_paragraph_fts.rowid DESC LIMIT %s",
            [term, rank_limit],
        )
        cursor.execute(
            f"INSERT INTO {table} (statement_id, score, hits, ranked) "
            f"SELECT statement_id, MIN(score), COUNT(*), COUNT(*) FROM {table}_paragraphs GROUP BY statement_id"
        )
        cursor.execute(f"SELECT COUNT(*), MIN(paragraph_id) FROM {table}_paragraphs")
        ranked, boundary = cursor.fetchone()
        if ranked < rank_limit:
            return ranked, ranked
        if not (self.statement_level(query) and self.many_older(cursor, term, boundary, rank_limit)):
            # Only the paragraphs older than the ranked ones are left; count them per statement.
            cursor.execute(
                f"INSERT INTO {table} (statement_id, score, hits) "
                f"SELECT p.statement_id, 0, COUNT(*) {PARAGRAPH_HITS} AND archive_paragraph_fts.rowid < %s GROUP BY p.statement_id "
                f"ON CONFLICT (statement_id) DO UPDATE SET hits = {table}.hits + excluded.hits",
                [term, boundary],
            )
            cursor.execute(f"SELECT COALESCE(SUM(hits), 0) FROM {table}")
            return ranked, cursor.fetchone()[0]
        self.refresh_statements(cursor)
        # A ranked statement with a paragraph older than the boundary may have unranked hits too.
        cursor.execute(
            f"UPDATE {table} SET hits = NULL WHERE EXISTS (SELECT 1 FROM archive_paragraph p "
            f"WHERE p.statement_id = {table}.statement_id AND p.id < %s)",
            [boundary],
        )
        cursor.execute(
            f"INSERT INTO {table} (statement_id, score, hits) SELECT rowid, 0, NULL FROM archive_statement_fts "
            "WHERE archive_statement_fts MATCH %s ORDER BY rowid ON CONFLICT (statement_id) DO NOTHING",
            [term],
        )
        return ranked, None

    def many_older(self, cursor, term, boundary, limit):
        """Whether at least `limit` hits are older than the ranked ones. Fewer are cheaper counted from
        the paragraphs (a phrase's 1,600: 3 ms) than the statements read from the statement index
        (11 ms: marking the ranked statements with older paragraphs, matching the statements); this
        walk of at most `limit` rowids costs 1-3 ms."""
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s "
            "AND rowid < %s LIMIT %s)",
            [term, boundary, limit],
        )
        return cursor.fetchone()[0] >= limit

    def refresh_statements(self, cursor):
        """Rebuild the statement index's rows of the statements whose paragraphs changed since it was
        last read (noted by the triggers of migration 0017), in one transaction: the DELETE ...
        RETURNING takes the write lock first, so no note can be added and lost in between. Without
        notes (the usual case) it only reads: a search takes no write lock."""
        cursor.execute("SELECT EXISTS (SELECT 1 FROM archive_statement_fts_pending)")
        if not cursor.fetchone()[0]:
            return
        with transaction.atomic():
            cursor.execute("DELETE FROM archive_statement_fts_pending RETURNING statement_id")
            ids = [row[0] for row in cursor.fetchall()]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM archive_statement_fts WHERE rowid IN ({placeholders})", chunk)
                cursor.execute(
                    "INSERT INTO archive_statement_fts(rowid, search_text) "
                    + statement_search.SQLITE_TEXT.format(ids=placeholders), chunk,
                )

    def count_paragraphs(self, cursor, query, table):
        """Fill in the unknown numbers of matching paragraphs (hits IS NULL) of the hit table: every
        paragraph hit counted per statement, its language versions folded in as find() does."""
        # A count that failed half-way left its table behind, which the next search given these hit
        # tables (search.HitTables) would collide with. Not undone by a transaction instead: the
        # archive's SQLite transactions are IMMEDIATE and would take the write lock for a read.
        cursor.execute(f"DROP TABLE IF EXISTS {table}_counts")
        cursor.execute(f"CREATE TEMP TABLE {table}_counts (statement_id INTEGER PRIMARY KEY, score REAL NOT NULL, hits INTEGER)")
        cursor.execute(
            f"INSERT INTO {table}_counts (statement_id, score, hits) "
            f"SELECT p.statement_id, 0, COUNT(*) {PARAGRAPH_HITS} GROUP BY p.statement_id",
            [query.fts5()],
        )
        fold_versions(cursor, f"{table}_counts", ["hits"])
        cursor.execute(
            f"UPDATE {table} SET hits = c.hits FROM {table}_counts c "
            f"WHERE {table}.hits IS NULL AND c.statement_id = {table}.statement_id"
        )
        cursor.execute(f"DROP TABLE {table}_counts")

    # A search's tables may be kept, emptied, for the connection's next search (search.HitTables decides
    # when): creating or dropping a table changes the schema, after which SQLite prepares every statement
    # of the connection again, and a table of a new name makes every statement that names it one never
    # prepared before. A rare word's page spent 1.8 ms in SQL with new tables, 0.6 ms with kept ones.
    def create(self, cursor, table):
        """The search's two tables, empty: made, or kept from an earlier search and emptied (made again
        if a transaction rolled back since took them away)."""
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {table} (statement_id INTEGER PRIMARY KEY, "
            "score REAL NOT NULL, hits INTEGER, ranked INTEGER NOT NULL DEFAULT 0)"
        )
        # Keyed by statement: grouping the hits per statement reads it in order (no sort), and
        # top_paragraphs seeks a page's statements instead of scanning up to rank_limit rows.
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {table}_paragraphs (statement_id INTEGER NOT NULL, "
            "paragraph_id INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (statement_id, paragraph_id)) WITHOUT ROWID"
        )
        # SQLite clears a whole table without reading its rows.
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"DELETE FROM {table}_paragraphs")

    def drop(self, cursor, table):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"DROP TABLE IF EXISTS {table}_paragraphs")

    def fold_versions(self, cursor, table):
        """Language versions' hits count for their originals (fold_versions below); their ranked
        paragraphs are kept under the original, so top_paragraphs still reads them without a new match."""
        cursor.execute(
            f"UPDATE {table}_paragraphs SET statement_id = (SELECT s.version_of_id FROM archive_statement s "
            f"WHERE s.id = {table}_paragraphs.statement_id) "
            # `version_of_id > 0` (ids start at 1), not IS NOT NULL: SQLite then seeks the few language
            # versions in the version_of_id index instead of walking every published statement (2 ms).
            "WHERE statement_id IN (SELECT id FROM archive_statement WHERE version_of_id > 0 AND status = 'published')"
        )
        fold_versions(cursor, table, ["hits", "ranked"])

    def paragraph_ids(self, query):
        return RawSQL("SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s", (query.fts5(),))

    def top_paragraphs(self, cursor, query, table, statement_ids):
        """[(statement id, paragraph id)], each statement's best first. Statements whose every hit was
        ranked by find() are ordered from the scores it kept; only the others (a statement straddling
        the ranking boundary, and unranked ones, which only reach a page on other sorts) are matched
        again: bm25() in a new FTS5 cursor costs a full walk of every phrase's hits (to count them),
        once per statement, which took ~25 ms each for a phrase."""
        placeholders = ", ".join(["%s"] * len(statement_ids))
        cursor.execute(
            f"SELECT hp.statement_id, hp.paragraph_id FROM {table}_paragraphs hp "
            f"JOIN {table} h ON h.statement_id = hp.statement_id "
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
                "SELECT p.id, COALESCE(s.version_of_id, s.id) FROM archive_paragraph p "
                f"JOIN archive_statement s ON s.id = p.statement_id WHERE {VERSION_TEXTS.format(ids=', '.join(['%s'] * len(rest)))}",
                [*rest, *rest],
            )
            owner = dict(cursor.fetchall())
            matched = fts_rows(cursor, "bm25(archive_paragraph_fts)", query.fts5(), owner)
            # Best first within each statement, ties by paragraph id.
            matched.sort(key=lambda row: (owner[row[0]], row[1], row[0]))
            rows += [(owner[pk], pk) for pk, _score in matched]
        return rows

    def reindex(self, cursor):
        for sql in SQLITE_TRIGGERS + statement_search.SQLITE_TRIGGERS:
            cursor.execute(sql)
        cursor.execute("INSERT INTO archive_paragraph_fts(archive_paragraph_fts) VALUES ('rebuild')")
        for sql in statement_search.SQLITE_FILL:
            cursor.execute(sql)

    def suspend_index(self, cursor):
        for name in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS archive_paragraph_fts_{name}")
            cursor.execute(f"DROP TRIGGER IF EXISTS archive_statement_fts_{name}")

    def resume_index(self, cursor):
        self.reindex(cursor)


class PostgreSQL:
    """A tsvector column generated from the index text, with a GIN index; ts_rank ranks. The statement
    index (migration 0017) holds each statement's lexemes without positions: it answers the
    one_group queries whose every form is a single word (a phrase falls back to the paragraphs)."""

    # Matching statements whose paragraphs are ranked per query, newest first (see find).
    RANK_CHUNK = 1000

    def statement_level(self, query):
        return one_group(query) and not positional(query)

    def find(self, cursor, query, table, rank_limit):
        """With the statement index: the matching statements from it in one pass over its GIN index
        (no paragraph read), then the paragraphs of the newest of them, a chunk of statements at a
        time, until `rank_limit` hits are ranked; those statements' hits are counted and ranked
        exactly, the others' are unknown (NULL) and the total too, unless every statement was read.
        So on PostgreSQL the ranked hits are those of the most recently added statements.

        Without it (two groups, an exclusion, a phrase): one statement, one pass over the GIN index
        for every hit (id, statement), kept in a materialized CTE; hits are counted per statement
        from it and ts_rank is computed for the newest `rank_limit` of them only, read back by
        primary key. A common word's hits are spread over most of the table's pages, so each extra
        pass over them costs a second at 600k rows.

        The hit pass reads the heap through a bitmap of the GIN index: with the default work_mem the
        bitmap goes lossy (every row of a lossy page is rechecked, detoasting its tsvector) and the
        planner prefers a sequential scan that detoasts all 600k; both are about twice as slow."""
        # SET LOCAL ends with the transaction, so these settings only apply to this search. The table
        # may be kept from an earlier search (search.HitTables): emptied with TRUNCATE, which leaves no
        # dead rows (a DELETE's would stay until vacuumed, which autovacuum never does for temporary
        # tables). Creating and dropping it cost 0.74 + 0.91 ms of a rare word's page and added and
        # removed its rows in the system catalogs every search (TRUNCATE only rewrites two of them): on
        # one connection, create, insert and drop took 1.76 ms, truncate and insert 0.67.
        with transaction.atomic():
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {table} (statement_id bigint PRIMARY KEY, score real NOT NULL, hits integer); "
                f"TRUNCATE {table}; SET LOCAL work_mem = '64MB'; SET LOCAL enable_seqscan = off"
            )
            if self.statement_level(query):
                ranked, total = self.find_statements(cursor, query, table, rank_limit)
            else:
                ranked, total = self.find_paragraphs(cursor, query, table, rank_limit)
            # A temporary table has no statistics until analysed (a kept one has its last search's):
            # without them the planner guesses "many rows" and every facet count scans the whole
            # statement table. It needs the number of rows (the ids are unique): a sample of 3,000 rows
            # instead of the default 30,000 gives that in 2 ms instead of 14 for a common word's 41,000
            # statements.
            cursor.execute(
                "SET LOCAL work_mem TO DEFAULT; SET LOCAL enable_seqscan TO DEFAULT; "
                f"SET LOCAL default_statistics_target = 10; ANALYZE {table}"
            )
        return ranked, total

    def find_statements(self, cursor, query, table, rank_limit):
        tsquery = query.tsquery()
        cursor.execute(
            f"INSERT INTO {table} (statement_id, score, hits) SELECT statement_id, 0, NULL FROM archive_statement_search "
            "WHERE search_vector @@ to_tsquery('archive_simple', %s)",
            [tsquery],
        )
        statements = cursor.rowcount
        ranked = read = 0
        last = None
        # A first chunk of a tenth of the limit in statements, then as many as the hits per statement
        # read so far say are still needed: the ranked hits overshoot the limit by a few at most.
        size = max(1, min(self.RANK_CHUNK, rank_limit // 10))
        while ranked < rank_limit and read < statements:
            cursor.execute(
                f"WITH chunk AS (SELECT statement_id FROM {table} WHERE %s::bigint IS NULL OR statement_id < %s "
                "ORDER BY statement_id DESC LIMIT %s), "
                "scored AS (SELECT p.statement_id, MIN(-ts_rank(p.search_vector, q)) AS score, COUNT(*) AS hits "
                "FROM archive_paragraph p, to_tsquery('archive_simple', %s) q "
                "WHERE p.statement_id IN (SELECT statement_id FROM chunk) AND p.search_vector @@ q GROUP BY p.statement_id), "
                # An upsert seeks each scored statement by its key; an UPDATE ... FROM hashed the whole
                # hit table (45,886 rows for a common word) for every chunk: 10 ms each.
                f"kept AS (INSERT INTO {table} (statement_id, score, hits) SELECT statement_id, score, hits FROM scored "
                "ON CONFLICT (statement_id) DO UPDATE SET score = excluded.score, hits = excluded.hits) "
                "SELECT (SELECT COUNT(*) FROM chunk), (SELECT MIN(statement_id) FROM chunk), (SELECT COALESCE(SUM(hits), 0)::bigint FROM scored)",
                [last, last, size, tsquery],
            )
            chunk, last, hits = cursor.fetchone()
            read += chunk
            ranked += hits
            if not chunk:
                break
            # A tenth more than the estimate: one more round trip for a few missing hits costs more.
            size = max(1, min(4 * self.RANK_CHUNK, -(-(rank_limit - ranked) * read * 11 // (10 * max(ranked, 1)))))
        return ranked, ranked if read >= statements else None

    def find_paragraphs(self, cursor, query, table, rank_limit):
        cursor.execute(
            "WITH q AS (SELECT to_tsquery('archive_simple', %s) AS q), "
            f"hit AS MATERIALIZED (SELECT p.id, p.statement_id FROM {postgres_hits(query, 'q.q', also=', q')}), "
            "ranked AS (SELECT h.statement_id, MIN(-ts_rank(p.search_vector, q.q)) AS score "
            " FROM (SELECT id, statement_id FROM hit ORDER BY id DESC LIMIT %s) h "
            " JOIN archive_paragraph p ON p.id = h.id, q GROUP BY h.statement_id) "
            f"INSERT INTO {table} (statement_id, score, hits) "
            "SELECT c.statement_id, COALESCE(r.score, 0), c.hits "
            "FROM (SELECT statement_id, COUNT(*) AS hits FROM hit GROUP BY statement_id) c "
            "LEFT JOIN ranked r ON r.statement_id = c.statement_id",
            [query.tsquery(), rank_limit],
        )
        cursor.execute(f"SELECT COALESCE(SUM(hits), 0) FROM {table}")
        total = cursor.fetchone()[0]
        return min(total, rank_limit), total

    def count_paragraphs(self, cursor, query, table):
        """Fill in the unknown numbers of matching paragraphs (hits IS NULL) of the hit table: every
        paragraph hit counted per statement, its language versions folded in as find() does."""
        # As on SQLite: a count that failed half-way may have left its table.
        cursor.execute(
            f"DROP TABLE IF EXISTS {table}_counts; "
            f"CREATE TEMP TABLE {table}_counts (statement_id bigint PRIMARY KEY, score real NOT NULL, hits integer)"
        )
        cursor.execute(
            f"INSERT INTO {table}_counts (statement_id, score, hits) SELECT p.statement_id, 0, COUNT(*) "
            f"FROM {postgres_hits(query)} GROUP BY p.statement_id",
            [query.tsquery()],
        )
        fold_versions(cursor, f"{table}_counts", ["hits"])
        cursor.execute(
            f"UPDATE {table} h SET hits = c.hits FROM {table}_counts c WHERE h.hits IS NULL AND c.statement_id = h.statement_id"
        )
        cursor.execute(f"DROP TABLE {table}_counts")

    def drop(self, cursor, table):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")

    def fold_versions(self, cursor, table):
        fold_versions(cursor, table, ["hits"])

    def paragraph_ids(self, query):
        return RawSQL(
            "SELECT p.id FROM archive_paragraph p WHERE p.search_vector @@ to_tsquery('archive_simple', %s)",
            (query.tsquery(),),
        )

    def top_paragraphs(self, cursor, query, table, statement_ids):
        """[(statement id, paragraph id)], each statement's best first, in one query: it matches
        again, but only among the paragraphs of the statements shown (a page's worth)."""
        placeholders = ", ".join(["%s"] * len(statement_ids))
        cursor.execute(
            "SELECT COALESCE(s.version_of_id, s.id) AS owner, p.id FROM archive_paragraph p "
            "JOIN archive_statement s ON s.id = p.statement_id, to_tsquery('archive_simple', %s) q "
            f"WHERE {VERSION_TEXTS.format(ids=placeholders)} AND p.search_vector @@ q "
            "ORDER BY owner, ts_rank(p.search_vector, q) DESC, p.id",
            [query.tsquery(), *statement_ids, *statement_ids],
        )
        return cursor.fetchall()

    def reindex(self, cursor):
        # The generated column follows search_text; rebuilding the GIN indexes compacts them.
        for sql in paragraph_words.POSTGRES_FILL:
            cursor.execute(sql)
        cursor.execute("REINDEX INDEX paragraph_search_idx")
        cursor.execute("REINDEX INDEX paragraph_words_idx")
        for sql in statement_search.POSTGRES_FILL:
            cursor.execute(sql)

    def suspend_index(self, cursor):
        cursor.execute("DROP INDEX IF EXISTS paragraph_search_idx")
        cursor.execute("DROP INDEX IF EXISTS paragraph_words_idx")

    def resume_index(self, cursor):
        # The foreign keys are deferred: check them now, or CREATE INDEX refuses to run.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("CREATE INDEX paragraph_search_idx ON archive_paragraph USING gin (search_vector)")
        cursor.execute(paragraph_words.INDEX)


def postgres_hits(query, tsquery="to_tsquery('archive_simple', %s)", also=""):
    """FROM and WHERE of the paragraphs (p: id, statement_id) matching `query` on PostgreSQL (`also`:
    more FROM items). Without a phrase they come from the narrow table of paragraph words (migration
    0019), whose rows are a ninth of the paragraphs' size: counting a common word's 235,000 hits
    reads 58 MB, not 918."""
    if positional(query):
        return f"archive_paragraph p{also} WHERE p.search_vector @@ {tsquery}"
    return f"archive_paragraph_words p{also} WHERE p.words @@ {tsquery}"


# Language versions (versions.py). A search's hits in a published version count for its original:
# lists, counts and facets see each statement once, and a statement's shown paragraphs may come from
# any of its languages.
VERSION_HITS = "FROM {table} h JOIN archive_statement s ON s.id = h.statement_id WHERE s.version_of_id IS NOT NULL"
# Statements `ids` (s) and their published versions, whose paragraphs count for the statement
# COALESCE(s.version_of_id, s.id).
VERSION_TEXTS = "(s.id IN ({ids}) OR (s.version_of_id IN ({ids}) AND s.status = 'published'))"


def fold_versions(cursor, table, counts):
    """Add the hit table's rows of published language versions to their originals' (the `counts`
    columns summed, the best score kept; lower is better) and drop the versions' rows. Two statements,
    which reach the versions through the index of version_of: an archive without versions pays two
    index probes."""
    # A count unknown (NULL) for one of the rows makes the sum unknown.
    summed = ", ".join(f"CASE WHEN COUNT(h.{column}) = COUNT(*) THEN SUM(h.{column}) END" for column in counts)
    updates = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in counts)
    cursor.execute(
        f"INSERT INTO {table} (statement_id, score, {', '.join(counts)}) "
        f"SELECT s.version_of_id, MIN(h.score), {summed} {VERSION_HITS.format(table=table)} AND s.status = 'published' "
        f"GROUP BY s.version_of_id ON CONFLICT (statement_id) DO UPDATE SET {updates}, "
        f"score = CASE WHEN excluded.score < {table}.score THEN excluded.score ELSE {table}.score END"
    )
    cursor.execute(f"DELETE FROM {table} WHERE statement_id IN (SELECT h.statement_id {VERSION_HITS.format(table=table)})")


ENGINES = {"sqlite": SQLite, "postgresql": PostgreSQL}


def engine():
    """The search SQL of the default database (one instance per vendor, made on first use)."""
    vendor = connection.vendor
    if vendor not in _engines:
        _engines[vendor] = ENGINES[vendor]()
    return _engines[vendor]


_engines = {}


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


# The same triggers as migration 0011, idempotent, for `reindex`.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_insert AFTER INSERT ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_delete AFTER DELETE ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS archive_paragraph_fts_update AFTER UPDATE OF search_text ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO archive_paragraph_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]


# Counting a search's hits in the database, grouped by statement columns (the research views) -------
#
# No ranking and no hit table: one statement that matches, counts the matching paragraphs per
# statement, folds published language versions into their originals (as find() and fold_versions
# do), keeps the statements `statements_sql` selects and groups them by their `columns`.


class SQLiteCounts:
    def hits(self, query):
        """(SQL, params): the statement id of every matching paragraph, one row per paragraph."""
        return ("SELECT p.statement_id FROM archive_paragraph_fts JOIN archive_paragraph p INDEXED BY "
                "paragraph_statement_cover_idx ON p.id = archive_paragraph_fts.rowid WHERE archive_paragraph_fts MATCH %s",
                [query.fts5()])

    def folded(self, hit_sql):
        """A WITH clause ending in `folded (owner, n)`: the matching paragraphs counted per statement
        whose hits they are (a published language version's for its original). Here the hits are
        grouped per statement first, then joined to their statements: SQLite's grouping of the
        paragraph hits reads them in statement order, and a join of each hit to a table of versions
        instead cost 12 % more (over time, a common word)."""
        return (f"WITH hit (statement_id, n) AS (SELECT statement_id, COUNT(*) FROM ({hit_sql}) h GROUP BY statement_id), "
                "folded (owner, n) AS (SELECT COALESCE(s.version_of_id, s.id), CAST(SUM(hit.n) AS BIGINT) FROM hit "
                "JOIN archive_statement s ON s.id = hit.statement_id WHERE s.version_of_id IS NULL OR s.status = 'published' "
                "GROUP BY COALESCE(s.version_of_id, s.id)) ")

    def fetch(self, sql, params):
        # No transaction: SQLite's atomic() begins IMMEDIATE, a write lock for a read.
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class PostgreSQLCounts:
    def hits(self, query):
        return f"SELECT p.statement_id FROM {postgres_hits(query)}", [query.tsquery()]

    def folded(self, hit_sql):
        """As SQLiteCounts.folded, in one grouping: the language versions (few, found through the
        version_of index) are joined to the hits, not every hit's statement (45,000 statements joined
        and grouped a second time for a common word: 240 ms instead of 175)."""
        return ("WITH version (id, original, shown) AS (SELECT id, version_of_id, status = 'published' "
                "FROM archive_statement WHERE version_of_id IS NOT NULL), "
                "folded (owner, n) AS (SELECT COALESCE(v.original, h.statement_id), COUNT(*) "
                f"FROM ({hit_sql}) h LEFT JOIN version v ON v.id = h.statement_id WHERE v.shown IS NOT FALSE "
                "GROUP BY COALESCE(v.original, h.statement_id)) ")

    def fetch(self, sql, params):
        # As in PostgreSQL.find: without the memory, the bitmap of a common word's hits goes lossy and
        # every row of a lossy page is rechecked (its tsvector detoasted). SET LOCAL ends with the
        # transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            return cursor.fetchall()


COUNTS = {"sqlite": SQLiteCounts, "postgresql": PostgreSQLCounts}


def grouped_hits(query, columns, statements_sql, statements_params):
    """[(values of the Statement `columns`..., statements, matching paragraphs)] over the statements
    with hits among those `statements_sql` selects (a subquery of their ids), one row per distinct
    value of `columns`. A published language version's hits count for its original; an unpublished
    version's are not counted (as for find())."""
    counts = COUNTS[connection.vendor]()
    hit_sql, hit_params = counts.hits(query)
    names = ", ".join(f"s.{column}" for column in columns)
    sql = (
        f"{counts.folded(hit_sql)}SELECT {names}, COUNT(*), CAST(SUM(f.n) AS BIGINT) FROM folded f "
        f"JOIN archive_statement s ON s.id = f.owner WHERE f.owner IN ({statements_sql}) GROUP BY {names}"
    )
    return counts.fetch(sql, [*hit_params, *statements_params])
