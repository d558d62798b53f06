"""Restore a dump made by export_archive into an empty database: `manage.py import_archive dump/archive.jsonl`.

Every primary key and paragraph identifier is kept, so every address and citation works as before.
Refuses a database that already holds archive data. All or nothing: one transaction.
"""
import gzip
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import dump


class Command(BaseCommand):
    help = "Restore an export_archive dump (.jsonl or .jsonl.gz) into an empty database, keeping every id."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The dump written by export_archive.")

    def handle(self, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No dump at {source}.")
        opener = gzip.open if source.suffix == ".gz" else open
        try:
            with opener(source, "rt", encoding="utf-8") as lines:
                counts = dump.restore(lines)
        except dump.RestoreError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        self.stdout.write(f"Restored {summary or 'nothing'} from {source}.")
