"""A statement-level search index, so that counting a common word's statements costs about what a
statement count costs instead of reading every paragraph hit (issue #18).

Each statement's words in one row, kept in step with its paragraphs by triggers:
- SQLite: an FTS5 table (rowid = statement id) over the paragraphs' index text joined with a
  separator token between paragraphs (U+E000, a private-use character: FTS5's tokenizer keeps it as
  a token, the search parser never produces one), so a phrase cannot match across two paragraphs.
  Row triggers note a statement when one of its paragraphs is added, changed or removed; its row is
  rebuilt once, when the index is next read (search_sql.SQLite.refresh_statements).
- PostgreSQL: a table of one stripped tsvector per statement (the set of its paragraphs' lexemes,
  no positions: phrases are answered from the paragraphs), with a GIN index; statement-level
  triggers with transition tables recompute the statements a paragraph write touched, once per
  SQL statement.
search_sql.py says which searches the index answers exactly (a single group of alternatives, no
exclusions) and falls back to the paragraphs for the others.
"""
from django.db import migrations

SEPARATOR = "\ue000"
# A statement's row: its paragraphs' index text joined by the separator.
SQLITE_TEXT = (
    "SELECT statement_id, group_concat(search_text, ' " + SEPARATOR + " ') FROM archive_paragraph "
    "WHERE statement_id IN ({ids}) GROUP BY statement_id"
)


def sqlite_pending(expression):
    return f"INSERT OR IGNORE INTO archive_statement_fts_pending (statement_id) VALUES ({expression});"


# Row triggers only note the statement: rebuilding its row for every paragraph written made saving
# a statement of n paragraphs cost n rebuilds (300 paragraphs: 4.7 s instead of 0.1 s).
# search_sql.SQLite.refresh_statements rebuilds the noted rows once, before the index is read.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS archive_statement_fts_insert AFTER INSERT ON archive_paragraph BEGIN
        {sqlite_pending('new.statement_id')}
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS archive_statement_fts_delete AFTER DELETE ON archive_paragraph BEGIN
        {sqlite_pending('old.statement_id')}
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS archive_statement_fts_update AFTER UPDATE OF search_text, statement_id ON archive_paragraph BEGIN
        {sqlite_pending('old.statement_id')}
        {sqlite_pending('new.statement_id')}
    END""",
]
SQLITE_FILL = [
    "DELETE FROM archive_statement_fts_pending",
    "DELETE FROM archive_statement_fts",
    "INSERT INTO archive_statement_fts(rowid, search_text) SELECT statement_id, group_concat(search_text, ' "
    + SEPARATOR + " ') FROM archive_paragraph GROUP BY statement_id",
]
SQLITE = [
    "CREATE VIRTUAL TABLE archive_statement_fts USING fts5(search_text, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE archive_statement_fts_pending (statement_id INTEGER PRIMARY KEY)",
    *SQLITE_FILL,
    *SQLITE_TRIGGERS,
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS archive_statement_fts_insert",
    "DROP TRIGGER IF EXISTS archive_statement_fts_delete",
    "DROP TRIGGER IF EXISTS archive_statement_fts_update",
    "DROP TABLE IF EXISTS archive_statement_fts_pending",
    "DROP TABLE IF EXISTS archive_statement_fts",
]

# The statements' lexemes, from the paragraphs' own vectors (no second parse of the text).
POSTGRES_VECTORS = (
    "INSERT INTO archive_statement_search (statement_id, search_vector) "
    "SELECT p.statement_id, array_to_tsvector(array_agg(DISTINCT w.word)) "
    "FROM archive_paragraph p, unnest(tsvector_to_array(p.search_vector)) AS w(word) {where} GROUP BY p.statement_id"
)
POSTGRES_FILL = ["DELETE FROM archive_statement_search", POSTGRES_VECTORS.format(where="")]
REFRESH = f"""
        DELETE FROM archive_statement_search WHERE statement_id = ANY(ids);
        {POSTGRES_VECTORS.format(where="WHERE p.statement_id = ANY(ids)")};"""
POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION archive_statement_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids bigint[];
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT statement_id) INTO ids FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(DISTINCT statement_id) INTO ids FROM old_rows;
        ELSE
            SELECT array_agg(DISTINCT statement_id) INTO ids FROM (
                SELECT o.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.search_text IS DISTINCT FROM n.search_text OR o.statement_id IS DISTINCT FROM n.statement_id
                UNION SELECT n.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.search_text IS DISTINCT FROM n.search_text OR o.statement_id IS DISTINCT FROM n.statement_id) changed;
        END IF;
        IF ids IS NOT NULL THEN{REFRESH}
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_statement_search_insert AFTER INSERT ON archive_paragraph
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_search_refresh()""",
    """CREATE TRIGGER archive_statement_search_delete AFTER DELETE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_search_refresh()""",
    """CREATE TRIGGER archive_statement_search_update AFTER UPDATE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_search_refresh()""",
]
POSTGRES = [
    "CREATE TABLE archive_statement_search (statement_id bigint PRIMARY KEY, search_vector tsvector NOT NULL)",
    *POSTGRES_FILL,
    "CREATE INDEX statement_search_idx ON archive_statement_search USING gin (search_vector)",
    *POSTGRES_TRIGGERS,
    "ANALYZE archive_statement_search",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS archive_statement_search_insert ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_statement_search_delete ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_statement_search_update ON archive_paragraph",
    "DROP FUNCTION IF EXISTS archive_statement_search_refresh()",
    "DROP TABLE IF EXISTS archive_statement_search",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_portuguese")]

    operations = [
        migrations.RunPython(run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             run({"sqlite": SQLITE_BACK, "postgresql": POSTGRES_BACK})),
    ]
