"""PostgreSQL: the statement index's vectors stored out of line, as the paragraph words' are (0019).

A common word is in most statements, so finding its statements read most of the statement index's
rows through the GIN bitmap, and those rows held each statement's vector (1.6 KB on average: 58 MB
at 50,000 statements). Padded past the 2 KB TOAST threshold with a constant that compresses to 35
bytes, every row's vector goes out of line and the heap is 4.5 MB; a query without weights or
phrases (all this index answers) needs no recheck, so the vectors are not read. The pass over the
45,886 statements of "cooperation": 46 -> 13 ms.

The table is made again (its rows must be written again to be stored the new way) and filled from
the paragraphs as migration 0017 fills it; its triggers name it, so they carry on. It is also
emptied when the paragraphs are truncated (Django's flush, which fires no delete trigger and starts
the ids again: a new statement was found by the words of the old one whose id it took).
"""
from django.db import migrations

FILL = (
    "INSERT INTO archive_statement_search (statement_id, search_vector) "
    "SELECT p.statement_id, array_to_tsvector(array_agg(DISTINCT w.word)) "
    "FROM archive_paragraph p, unnest(tsvector_to_array(p.search_vector)) AS w(word) GROUP BY p.statement_id"
)
POSTGRES = [
    "DROP TABLE archive_statement_search",
    "CREATE TABLE archive_statement_search (statement_id bigint PRIMARY KEY, search_vector tsvector NOT NULL, "
    "toast_pad text NOT NULL DEFAULT repeat(' ', 2100)) WITH (toast_tuple_target = 128)",
    FILL,
    "CREATE INDEX statement_search_idx ON archive_statement_search USING gin (search_vector)",
    "ANALYZE archive_statement_search",
    """CREATE OR REPLACE FUNCTION archive_statement_search_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM archive_statement_search;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER archive_statement_search_truncate AFTER TRUNCATE ON archive_paragraph
        FOR EACH STATEMENT EXECUTE FUNCTION archive_statement_search_clear()""",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS archive_statement_search_truncate ON archive_paragraph",
    "DROP FUNCTION IF EXISTS archive_statement_search_clear()",
    "ALTER TABLE archive_statement_search DROP COLUMN toast_pad",
    "ALTER TABLE archive_statement_search RESET (toast_tuple_target)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("archive", "0019_paragraph_words")]

    operations = [migrations.RunPython(run(POSTGRES), run(POSTGRES_BACK))]
