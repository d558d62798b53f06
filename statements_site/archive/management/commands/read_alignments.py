"""Read "X aligns itself with the statement of Y" from statements already in the archive (imports
record it themselves; this is for statements loaded before, or by other means)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from ...importing import alignment
from ...models import Statement


class Command(BaseCommand):
    help = "Record the alignments that statements' texts state (all statements, or those of --meeting SLUG)."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", action="append", default=[], help="a meeting's slug (repeatable)")

    def handle(self, *args, **options):
        statements = Statement.objects.order_by("pk")
        if options["meeting"]:
            statements = statements.filter(meeting__slug__in=options["meeting"])
        # Only statements whose text may say it.
        statements = statements.filter(paragraphs__text__iregex=r"(align|associate)").distinct()
        found = 0
        for statement in statements.iterator(chunk_size=500):
            with transaction.atomic():
                found += len(alignment.record(statement))
        self.stdout.write(f"{found} alignments recorded.")
