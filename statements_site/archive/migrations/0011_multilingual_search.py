"""Search in the six UN languages: the full-text index reads each paragraph's index text.

A new column, search_text, holds a paragraph's words as the index should see them (stems in its
statement's language, Arabic normalised, Chinese in two-character pieces: wordforms.py), written by
Python when the paragraph is saved. Both databases now index that column instead of the text:
SQLite's FTS5 table (same name, same triggers, reading search_text) and PostgreSQL's generated
tsvector column. The vocabulary the spelling suggestions read follows (fts5vocab over the new
FTS5 table; PostgreSQL's word counts recounted, and kept when only the index text changes).

Existing paragraphs get their index text here, in batches, with their statements' languages.
"""
from django.db import migrations, models

from statements_site.archive.wordforms import index_text

BATCH = 5000

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_insert",
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_delete",
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_update",
    "DROP TABLE IF EXISTS archive_paragraph_fts_vocab",
    "DROP TABLE IF EXISTS archive_paragraph_fts",
]
SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE archive_paragraph_fts USING fts5(
        search_text, content='archive_paragraph', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER archive_paragraph_fts_insert AFTER INSERT ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER archive_paragraph_fts_delete AFTER DELETE ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER archive_paragraph_fts_update AFTER UPDATE OF search_text ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO archive_paragraph_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO archive_paragraph_fts(archive_paragraph_fts) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE archive_paragraph_fts_vocab USING fts5vocab(archive_paragraph_fts, row)",
]
# The text as it was indexed before, for going back.
SQLITE_CREATE_BACK = [sql.replace("search_text", "text") for sql in SQLITE_CREATE]

COUNT_WORDS = """INSERT INTO archive_search_word (word, paragraphs)
        SELECT word, {sign} COUNT(*) FROM {rows}, unnest(tsvector_to_array(r.search_vector)) AS word
        GROUP BY word ORDER BY word
        ON CONFLICT (word) DO UPDATE SET paragraphs = archive_search_word.paragraphs + excluded.paragraphs;"""
CHANGED = "{side} r JOIN {other} x ON x.id = r.id AND x.{column} IS DISTINCT FROM r.{column}"


def count_function(column):
    changed_old = CHANGED.format(side="old_rows", other="new_rows", column=column)
    changed_new = CHANGED.format(side="new_rows", other="old_rows", column=column)
    return f"""CREATE OR REPLACE FUNCTION archive_search_word_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {COUNT_WORDS.format(sign="", rows="new_rows r")}
        ELSIF TG_OP = 'DELETE' THEN
            {COUNT_WORDS.format(sign="-", rows="old_rows r")}
        ELSE
            {COUNT_WORDS.format(sign="-", rows=changed_old)}
            {COUNT_WORDS.format(sign="", rows=changed_new)}
        END IF;
        RETURN NULL;
    END $$"""


def postgres_index(column):
    return [
        "ALTER TABLE archive_paragraph DROP COLUMN IF EXISTS search_vector",
        f"""ALTER TABLE archive_paragraph ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('archive_simple'::regconfig, {column})) STORED""",
        "CREATE INDEX paragraph_search_idx ON archive_paragraph USING gin (search_vector)",
        count_function(column),
        "DELETE FROM archive_search_word",
        COUNT_WORDS.format(sign="", rows="archive_paragraph r"),
        "ALTER TABLE archive_paragraph ENABLE TRIGGER USER",
    ]


# Before the new column is filled: the old index goes (SQLite) or stops following (PostgreSQL).
BEFORE = {"sqlite": SQLITE_DROP, "postgresql": ["ALTER TABLE archive_paragraph DISABLE TRIGGER USER"]}
AFTER = {"sqlite": SQLITE_CREATE, "postgresql": postgres_index("search_text")}
BEFORE_BACK = {"sqlite": SQLITE_DROP, "postgresql": ["ALTER TABLE archive_paragraph DISABLE TRIGGER USER"]}
AFTER_BACK = {"sqlite": SQLITE_CREATE_BACK, "postgresql": postgres_index("text")}


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


def fill_index_text(apps, schema_editor):
    """Every paragraph's index text, in batches by id."""
    connection = schema_editor.connection
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT p.id, p.text, s.language FROM archive_paragraph p JOIN archive_statement s "
                "ON s.id = p.statement_id WHERE p.id > %s ORDER BY p.id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(
                "UPDATE archive_paragraph SET search_text = %s WHERE id = %s",
                [(index_text(text, language), pk) for pk, text, language in rows],
            )
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_research_search_vocabulary")]

    operations = [
        migrations.RunPython(run(BEFORE), run(AFTER_BACK)),
        migrations.AddField(
            model_name="paragraph",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_index_text, migrations.RunPython.noop),
        migrations.RunPython(run(AFTER), run(BEFORE_BACK)),
    ]
