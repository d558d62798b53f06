"""Write the whole archive as JSON Lines, with DATA_DICTIONARY.md beside it: `manage.py export_archive dump/archive.jsonl`.

A `.gz` path is compressed. `--public` leaves out draft statements (for publishing the dump as open
data); without it the dump holds everything `import_archive` needs to restore the archive.
"""
import gzip
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ... import dump


class Command(BaseCommand):
    help = "Export the archive as JSON Lines (one object a line, with a \"type\") and a data dictionary beside it."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The .jsonl (or .jsonl.gz) file to write; must not exist yet.")
        parser.add_argument("--public", action="store_true", help="Published statements only (drafts left out).")
        parser.add_argument(
            "--base-url", default="", help="Prefix of the url and permalink keys, e.g. https://archive.example.org."
        )

    def handle(self, path, public, base_url, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file name so no dump is overwritten.")
        target.parent.mkdir(parents=True, exist_ok=True)
        opener = gzip.open if target.suffix == ".gz" else open
        lines = 0
        with opener(target, "wt", encoding="utf-8") as out:
            for line in dump.dump_lines(public_only=public, base_url=base_url.rstrip("/")):
                out.write(line + "\n")
                lines += 1
        dictionary = target.parent / "DATA_DICTIONARY.md"
        dictionary.write_text(dump.data_dictionary(), encoding="utf-8")
        self.stdout.write(f"Wrote {lines} objects to {target} and the data dictionary to {dictionary}.")
