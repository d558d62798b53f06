"""Load a meeting's list of speakers from a text file as published (importing/speakers.py)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...importing import speakers
from ...models import ListedSpeaker, Meeting


class Command(BaseCommand):
    help = (
        "Make FILE the list of speakers of the meeting MEETING (its slug): one delegation a line, numbered or not, "
        "“X on behalf of Y” for a group. Idempotent; nothing is saved unless every line names a delegation the archive knows."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="the meeting's slug, as in its address")
        parser.add_argument("file", help="a UTF-8 text file")
        parser.add_argument("--source", choices=ListedSpeaker.Source.values, default=ListedSpeaker.Source.SPEAKERS_LIST,
                            help="list: the official list of speakers (default); record: a summary or verbatim record")
        parser.add_argument("--dry-run", action="store_true", help="Read the file and say what it lists; write nothing.")

    def handle(self, *args, **options):
        meeting = Meeting.objects.filter(slug=options["meeting"]).first()
        if meeting is None:
            raise CommandError(f"No meeting with the slug “{options['meeting']}”. Check the slug on the meeting's page.")
        try:
            text = Path(options["file"]).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        found = speakers.read(text)
        for warning in found.warnings:
            self.stderr.write(f"Warning: {warning}")
        if found.errors:
            raise CommandError("Nothing was saved.\n" + "\n".join(found.errors))
        if options["dry_run"]:
            self.stdout.write(f"{len(found.entries)} speakers read for {meeting.name}; nothing written (--dry-run):")
            for n, entry in enumerate(found.entries, start=1):
                group = f" on behalf of {entry.on_behalf_of}" if entry.on_behalf_of else ""
                self.stdout.write(f"  {n}. {entry.delegation}{group}")
            return
        counts = speakers.store(meeting, found.entries, options["source"])
        self.stdout.write(
            f"List of speakers of {meeting.name}: {counts['created']} added, {counts['updated']} moved, "
            f"{counts['unchanged']} unchanged, {counts['removed']} removed (no longer on the list)."
        )
