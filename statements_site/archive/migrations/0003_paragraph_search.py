"""Full-text index over paragraph text, maintained by the database itself.

SQLite: an FTS5 table reading its text from archive_paragraph (external content), kept in
step by triggers, so every insert, correction and deletion updates the index in the same
transaction. PostgreSQL: a stored generated tsvector column with a GIN index. Neither is a
Django model field: the ORM never reads them, search.py does.

Both fold case and accents and do no stemming, so the two databases find the same paragraphs.

Caution for later migrations on SQLite: an AlterField that makes Django rebuild
archive_paragraph drops these triggers. Run `manage.py reindex` afterwards; it restores them.
"""
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE archive_paragraph_fts USING fts5(
        text, content='archive_paragraph', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER archive_paragraph_fts_insert AFTER INSERT ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER archive_paragraph_fts_delete AFTER DELETE ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER archive_paragraph_fts_update AFTER UPDATE OF text ON archive_paragraph BEGIN
        INSERT INTO archive_paragraph_fts(archive_paragraph_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO archive_paragraph_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    "INSERT INTO archive_paragraph_fts(archive_paragraph_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_insert",
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_delete",
    "DROP TRIGGER IF EXISTS archive_paragraph_fts_update",
    "DROP TABLE IF EXISTS archive_paragraph_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # "simple" does no stemming and has no stop words, like FTS5's unicode61; unaccent folds accents.
    "CREATE TEXT SEARCH CONFIGURATION archive_simple (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION archive_simple ALTER MAPPING FOR word, numword, hword_part, hword_numpart WITH unaccent, simple",
    # Hyphenated compounds are indexed by their parts only, as FTS5 does, so phrases match alike.
    "ALTER TEXT SEARCH CONFIGURATION archive_simple DROP MAPPING FOR asciihword, hword, numhword",
    """ALTER TABLE archive_paragraph ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('archive_simple'::regconfig, text)) STORED""",
    "CREATE INDEX paragraph_search_idx ON archive_paragraph USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS paragraph_search_idx",
    "ALTER TABLE archive_paragraph DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_simple",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_statement_editors_group")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
