"""The words of the full-text index with the number of paragraphs each is in: spelling suggestions.

SQLite: an fts5vocab table over the FTS5 index, which FTS5 keeps exact by itself. PostgreSQL: a
table of the lexemes of the paragraphs' search_vector with paragraph counts, kept in step by
statement-level triggers on the paragraph table, in the same transaction as each insert,
correction and deletion (one grouped upsert per statement, not one per row). Reading the stored
vector, not computing to_tsvector again: at 600,373 paragraphs 8 s instead of 55 s.
"""
from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS archive_paragraph_fts_vocab USING fts5vocab(archive_paragraph_fts, row)",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS archive_paragraph_fts_vocab"]

# Adds `sign` times the words of the paragraph rows `rows` (a FROM clause, alias r) to the counts:
# an upsert in ascending word order, so two transactions lock the rows they share in the same order.
COUNT_WORDS = """INSERT INTO archive_search_word (word, paragraphs)
        SELECT word, {sign} COUNT(*) FROM {rows}, unnest(tsvector_to_array(r.search_vector)) AS word
        GROUP BY word ORDER BY word
        ON CONFLICT (word) DO UPDATE SET paragraphs = archive_search_word.paragraphs + excluded.paragraphs;"""
# Transition tables cannot be limited to a column, so an update compares the texts itself.
CHANGED = "{side} r JOIN {other} x ON x.id = r.id AND x.text IS DISTINCT FROM r.text"

POSTGRES_FORWARD = [
    "CREATE TABLE archive_search_word (word text PRIMARY KEY, paragraphs integer NOT NULL)",
    f"""CREATE FUNCTION archive_search_word_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {COUNT_WORDS.format(sign="", rows="new_rows r")}
        ELSIF TG_OP = 'DELETE' THEN
            {COUNT_WORDS.format(sign="-", rows="old_rows r")}
        ELSE
            {COUNT_WORDS.format(sign="-", rows=CHANGED.format(side="old_rows", other="new_rows"))}
            {COUNT_WORDS.format(sign="", rows=CHANGED.format(side="new_rows", other="old_rows"))}
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_search_word_insert AFTER INSERT ON archive_paragraph
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_search_word_count()""",
    """CREATE TRIGGER archive_search_word_delete AFTER DELETE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_search_word_count()""",
    """CREATE TRIGGER archive_search_word_update AFTER UPDATE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION archive_search_word_count()""",
    # TRUNCATE (Django's flush, a restore into an emptied database) fires no delete trigger.
    """CREATE FUNCTION archive_search_word_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM archive_search_word;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_search_word_truncate AFTER TRUNCATE ON archive_paragraph
        FOR EACH STATEMENT EXECUTE FUNCTION archive_search_word_clear()""",
    COUNT_WORDS.format(sign="", rows="archive_paragraph r"),
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS archive_search_word_insert ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_search_word_delete ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_search_word_update ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_search_word_truncate ON archive_paragraph",
    "DROP FUNCTION IF EXISTS archive_search_word_count()",
    "DROP FUNCTION IF EXISTS archive_search_word_clear()",
    "DROP TABLE IF EXISTS archive_search_word",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_security_cache_and_source_urls")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
