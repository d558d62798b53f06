"""PostgreSQL: a narrow copy of each paragraph's index words, for counting a search's hits (issue #20).

Counting a common word's paragraphs per statement (the research views: over time, who said it)
reads every hit's row through a bitmap of the GIN index. On the paragraph table those rows are
wide (text, index text, vector: 918 MB at 600,000 paragraphs), so the pass read 103,000 pages for
a word in 235,000 paragraphs, most of them from outside PostgreSQL's buffers (430 ms).

This table holds, per paragraph, its id, its statement and its words without positions (a
stripped tsvector: counting needs no positions, a phrase is answered from the paragraphs), with a
GIN index, kept in step with the paragraphs by statement-level triggers in the same transaction.

Its rows carry `toast_pad`, a constant of 2,100 spaces that compresses to 35 bytes: PostgreSQL
moves a value out of line only when a row passes 2 KB, so without it most vectors stayed in the
rows (272 MB). With it every row passes, the vector goes out of line and the row is about 100
bytes (58 MB, which stays in shared buffers). A count never reads the vectors: a query without
phrases or weights needs no recheck, so the index's answer is exact. The same count: 450 → 130 ms.
"""
from django.db import migrations

WORDS = "INSERT INTO archive_paragraph_words (id, statement_id, words) SELECT id, statement_id, strip(search_vector) FROM {rows}"
POSTGRES_FILL = ["DELETE FROM archive_paragraph_words", WORDS.format(rows="archive_paragraph")]
# Transition tables cannot be limited to columns, so an update compares them itself.
CHANGED = "o.search_text IS DISTINCT FROM n.search_text OR o.statement_id IS DISTINCT FROM n.statement_id"

POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION archive_paragraph_words_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {WORDS.format(rows="new_rows")};
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM archive_paragraph_words w USING old_rows o WHERE w.id = o.id;
        ELSE
            UPDATE archive_paragraph_words w SET statement_id = n.statement_id, words = strip(n.search_vector)
            FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE w.id = n.id AND ({CHANGED});
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_paragraph_words_insert AFTER INSERT ON archive_paragraph
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_words_follow()""",
    """CREATE TRIGGER archive_paragraph_words_delete AFTER DELETE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_words_follow()""",
    """CREATE TRIGGER archive_paragraph_words_update AFTER UPDATE ON archive_paragraph
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION archive_paragraph_words_follow()""",
    # TRUNCATE (Django's flush, a restore into an emptied database) fires no delete trigger.
    """CREATE OR REPLACE FUNCTION archive_paragraph_words_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM archive_paragraph_words;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_paragraph_words_truncate AFTER TRUNCATE ON archive_paragraph
        FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_words_clear()""",
]
INDEX = "CREATE INDEX paragraph_words_idx ON archive_paragraph_words USING gin (words)"
POSTGRES = [
    "CREATE TABLE archive_paragraph_words (id bigint PRIMARY KEY, statement_id bigint NOT NULL, words tsvector NOT NULL, "
    "toast_pad text NOT NULL DEFAULT repeat(' ', 2100)) WITH (toast_tuple_target = 128)",
    # The triggers first: creating them locks the paragraphs against writes until the migration
    # commits, so none is written between the fill's reading and the triggers' following.
    *POSTGRES_TRIGGERS,
    *POSTGRES_FILL,
    INDEX,
    "ANALYZE archive_paragraph_words",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS archive_paragraph_words_insert ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_paragraph_words_delete ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_paragraph_words_update ON archive_paragraph",
    "DROP TRIGGER IF EXISTS archive_paragraph_words_truncate ON archive_paragraph",
    "DROP FUNCTION IF EXISTS archive_paragraph_words_follow()",
    "DROP FUNCTION IF EXISTS archive_paragraph_words_clear()",
    "DROP TABLE IF EXISTS archive_paragraph_words",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("archive", "0018_alert_language")]

    operations = [migrations.RunPython(run(POSTGRES), run(POSTGRES_BACK))]
