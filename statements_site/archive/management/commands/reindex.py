from django.core.management.base import BaseCommand
from django.db import transaction

from statements_site.archive import search


class Command(BaseCommand):
    help = "Rebuild the full-text index of paragraph text (SQLite FTS5 or PostgreSQL GIN)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search.reindex()
        self.stdout.write(f"Indexed {count} paragraph{'s' if count != 1 else ''}.")
