"""Print the change feed as JSON Lines: `manage.py changes --since-seq N` or `--since 2026-12-01`.

What changed in the public archive after a change number (a dump's header gives its `change_seq`)
or a date: statements and paragraphs added, corrected or removed, and paragraph redirects.
"""
from django.core.management.base import BaseCommand, CommandError

from ... import changes


class Command(BaseCommand):
    help = "Write the change feed (JSON Lines) since a change number or a date to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument("--since-seq", help="The last change already applied (a dump's change_seq).")
        parser.add_argument("--since", help="A date or time (ISO 8601, UTC): the changes made after it.")
        parser.add_argument("--output", help="A file to write instead of stdout.")
        parser.add_argument("--base-url", default="", help="Prefix of the url and permalink keys.")

    def handle(self, since_seq, since, output, base_url, **options):
        seq, error = changes.parse_since(since_seq, since)
        if error:
            raise CommandError(error)
        lines = changes.feed_lines(seq, base_url=base_url.rstrip("/"))
        if not output:
            for line in lines:
                self.stdout.write(line)
            return
        with open(output, "w", encoding="utf-8") as out:
            for line in lines:
                out.write(line + "\n")
