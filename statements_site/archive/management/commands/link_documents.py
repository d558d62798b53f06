from django.core.management.base import BaseCommand

from statements_site.archive import documents


class Command(BaseCommand):
    help = "Read every paragraph again for the UN documents it cites (after a bulk load or a change to the recognition)."

    def handle(self, *args, **options):
        read, stored = documents.rebuild()
        self.stdout.write(f"Read {read} paragraph{'s' if read != 1 else ''}: {stored} document citation{'s' if stored != 1 else ''}.")
