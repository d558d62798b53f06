from django.core.management.base import BaseCommand
from django.db import transaction

from statements_site.archive import people
from statements_site.archive.filters import forget_facet_counts


class Command(BaseCommand):
    help = (
        "Link statements' speaker names to people: a name one person has links to them, a new name becomes "
        "a person proposed for review, a name several people could have is listed and left for staff. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be linked and proposed; write nothing.")
        parser.add_argument("--no-create", action="store_true", help="Link to existing people only; propose no one.")

    def handle(self, *args, **options):
        with transaction.atomic():
            result = people.link_all(create=not options["no_create"], write=not options["dry_run"])
        if not options["dry_run"]:
            forget_facet_counts()
        would = "would be " if options["dry_run"] else ""
        self.stdout.write(f"Statements {would}linked: {result['linked']}.")
        verb = "Would propose" if options["dry_run"] or options["no_create"] else "Proposed, for staff review"
        self.stdout.write(f"{verb}: {len(result['proposed'])} new {'person' if len(result['proposed']) == 1 else 'people'}.")
        for name in result["proposed"]:
            self.stdout.write(f"  {name}")
        if result["ambiguous"]:
            self.stdout.write("Left unlinked, could be several people (choose in the admin):")
            for text, names in result["ambiguous"].items():
                self.stdout.write(f"  “{text}”: {', '.join(names)}")
