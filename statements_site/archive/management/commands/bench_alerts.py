"""Time one run of the e-mail alert digests at this database's scale: `manage.py bench_alerts`.

On a generated corpus (generate_corpus), inside a transaction that is rolled back (the database is
left as it was): --alerts confirmed alerts following searches drawn from a fixed mix (common,
middling and rare words and phrases, with and without filters on delegation, body, year and
language), then --new statements published (copies of existing ones' text, so their words are as
common as the corpus's), then alerts.send_digests() timed, messages built and handed to Django's
in-memory mail backend.
"""
import json
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from ... import alerts, changes
from ...models import Body, Delegation, Paragraph, Statement
from ...records import Alert

WORDS = ["cooperation", "access to justice", "Kisumu", "cybercrime", "human rights", "capacity building",
         "electronic evidence", "gender", "climate", "sovereignty", "technical assistance", "drug*",
         "corruption", "children", "\"rule of law\"", "extradition", "trafficking OR smuggling", "data -privacy"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time one run of the alert digests for N alerts over this database's corpus (left unchanged)."

    def add_arguments(self, parser):
        parser.add_argument("--alerts", type=int, default=1000, help="confirmed alerts (default 1000)")
        parser.add_argument("--new", type=int, default=200, help="statements published since the last digest (default 200)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        if not Statement.objects.published().exists():
            raise CommandError("No published statements. Run generate_corpus --statements N first.")
        report = {}
        try:
            with transaction.atomic():
                report = bench_alerts(options["alerts"], options["new"], random.Random(options["seed"]))
                raise Rollback
        except Rollback:
            pass
        if options["json"]:
            self.stdout.write(json.dumps(report))
        else:
            for key, value in report.items():
                self.stdout.write(f"{key:>28}: {value}")


def bench_alerts(count, new, rng):
    """Create `count` alerts and `new` statements, time send_digests; the caller rolls back."""
    delegations = list(Delegation.objects.filter(statements__isnull=False).distinct().values_list("slug", flat=True)[:60])
    bodies = list(Body.objects.values_list("slug", flat=True)[:20])
    since = changes.latest_seq()
    now = timezone.now()
    rows = []
    for n in range(count):
        params = []
        if rng.random() < 0.8:
            params.append(("q", rng.choice(WORDS)))
        extra = rng.random()
        if extra < 0.3:
            params.append(("delegation", rng.choice(delegations)))
        elif extra < 0.45:
            params.append(("body", rng.choice(bodies)))
        elif extra < 0.55:
            params.append(("language", "en"))
        elif extra < 0.65:
            params.append(("year_from", "2020"))
        if not params:
            params.append(("q", rng.choice(WORDS)))
        query = QueryDict(mutable=True)
        for key, value in params:
            query.appendlist(key, value)
        rows.append(Alert(email=f"reader{n}@example.org", query=alerts.saved_search(query), frequency=Alert.Frequency.DAILY,
                          confirmed=now, unsubscribe_nonce=f"bench{n}", last_seq=since))
    Alert.objects.bulk_create(rows, batch_size=500)
    published = publish_copies(new, rng)
    start, cpu = time.perf_counter(), time.process_time()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), \
            CaptureQueriesContext(connection) as queries:
        stats = alerts.send_digests(now=now)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "database": connection.vendor,
        "statements": Statement.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "alerts": count,
        "distinct_searches": len({row.query for row in rows}),
        "new_statements": len(published),
        "digests_sent": stats["sent"],
        "paragraphs_sent": stats["paragraphs"],
        "queries": len(queries),
        "seconds": round(seconds, 2),
        # This process's CPU time: on a shared machine the wall time above depends on its load; on
        # SQLite the queries run in this process and count here, on PostgreSQL in the server.
        "cpu_seconds": round(cpu, 2),
    }


def publish_copies(new, rng):
    """`new` statements published now (saved one by one, so the change log records them as an import
    does): copies of random existing ones, their paragraphs included."""
    ids = list(Statement.objects.published().values_list("pk", flat=True))
    sources = Statement.objects.filter(pk__in=rng.sample(ids, min(new, len(ids)))).prefetch_related("paragraphs")
    created = []
    for source in sources:
        copy = Statement.objects.create(
            meeting_id=source.meeting_id, delegation_id=source.delegation_id, on_behalf_of_id=source.on_behalf_of_id,
            title=source.title, language=source.language, kind=source.kind, date=source.date,
            status=Statement.Status.PUBLISHED, is_synthetic=True, position=source.position,
        )
        Paragraph.objects.bulk_create([Paragraph(statement=copy, position=p.position, label=p.label, text=p.text)
                                       for p in source.paragraphs.all()])
        created.append(copy)
    return created
