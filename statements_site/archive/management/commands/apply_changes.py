"""Bring a copy of the archive restored from the dump up to date: `manage.py apply_changes feed.jsonl`.

The feed comes from `manage.py changes` or `/api/changes/`, asked from the dump's `change_seq`
(or the last feed's `until_seq`). All or nothing: one transaction.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import changes


class Command(BaseCommand):
    help = "Apply a change feed (JSON Lines) to a copy restored with import_archive."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The change feed file.")

    def handle(self, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No change feed at {source}.")
        try:
            with open(source, encoding="utf-8") as lines:
                counts = changes.apply(lines)
        except changes.ApplyError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{n} {action}" for action, n in counts.items() if n)
        self.stdout.write(f"Applied {summary or 'nothing'} from {source}.")
