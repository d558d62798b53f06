"""Send the e-mail alert digests that are due: `manage.py send_alerts` (run it hourly, or at least daily, from cron).

Each confirmed alert gets the paragraphs published since its previous digest, daily or weekly as
its reader chose; an alert with nothing new gets no message. Unconfirmed alerts older than a week
are deleted, with their addresses.
"""
from django.core.management.base import BaseCommand

from ... import alerts


class Command(BaseCommand):
    help = "Send due e-mail alert digests and delete unconfirmed alerts older than a week."

    def handle(self, **options):
        forgotten = alerts.forget_unconfirmed()
        stats = alerts.send_digests()
        self.stdout.write(
            f"{stats['alerts']} alerts due: {stats['sent']} digests sent with {stats['paragraphs']} paragraphs; "
            f"{forgotten} unconfirmed alerts deleted."
        )
