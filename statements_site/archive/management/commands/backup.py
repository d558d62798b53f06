"""Back up the SQLite database while the site runs: `manage.py backup var/backups/archive-2026-11-28.sqlite3`.

Uses SQLite's online backup API, so readers and writers carry on during the copy and the copy is
consistent. PostgreSQL has its own tool for this: `pg_dump --format=custom "$DATABASE_URL" > archive.dump`
(restore with `pg_restore --clean --dbname "$DATABASE_URL" archive.dump`).

To restore a SQLite backup: stop the server, copy the backup over the database file
(`cp backup.sqlite3 var/archive.sqlite3`, removing any `-wal` and `-shm` files beside it), start again.
"""
import sqlite3
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Copy the SQLite database to PATH while the site keeps running (PostgreSQL: use pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="Where to write the copy; must not exist yet.")

    def handle(self, path, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                "This database is PostgreSQL: back it up with pg_dump --format=custom \"$DATABASE_URL\" > archive.dump "
                "(see README, Production deployment)."
            )
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file name so no backup is overwritten.")
        target.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            with destination:
                # Pages in steps, so a long copy does not hold the database for its whole length.
                connection.connection.backup(destination, pages=1024)
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
        if check != "ok":
            target.unlink(missing_ok=True)
            raise CommandError(f"The copy failed its integrity check ({check}); nothing was kept.")
        size = target.stat().st_size / 1024 / 1024
        self.stdout.write(
            self.style.SUCCESS(f"Backed up to {target} ({size:.1f} MB) in {time.monotonic() - started:.1f} s.")
        )
