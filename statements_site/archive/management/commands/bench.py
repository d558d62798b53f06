"""Time the archive's key pages at the current database's scale, through the full Django stack.

Each page is requested through django.test.Client (every middleware, URL resolution, the view,
template rendering; no network), first a few times to warm caches, then --repeat times for the
timings, then once more inside CaptureQueriesContext to count queries (capturing adds its own
overhead, so it is kept out of the timed runs). Works with DEBUG on or off: requests are sent as
HTTPS to an allowed host.
"""
import json
import platform
import resource
import sqlite3
import statistics
import sys
import time
from urllib.parse import parse_qs, urlsplit

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ... import search
from ...models import AgendaItem, Meeting, Paragraph, Statement

EXPORT_ROWS = 10_000


class Command(BaseCommand):
    help = "Measure the key pages (median and p95 server time, query count) at this database's scale."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
        parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (default 7)")
        parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
        parser.add_argument("--common", default="cooperation", help="the common word to search for")
        parser.add_argument("--very-common", default="international", help="a word in about half the paragraphs")
        parser.add_argument("--rare", default="Kisumu", help="the rare word to search for")
        parser.add_argument("--phrase", default="access to justice", help="the phrase to search for (no quotes)")

    def handle(self, *args, **options):
        if not Statement.objects.published().exists():
            raise CommandError("No published statements to measure. Run generate_corpus --statements N first.")
        pages = self.pages(options)
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        results = {}
        for name, url in pages:
            results[name] = self.measure(client, url, options["warmup"], max(1, options["repeat"]))
            query = parse_qs(urlsplit(url).query).get("q")
            if query:  # how common the searched words are decides what a search costs: say it
                results[name]["matching_paragraphs"] = search.find(search.parse(query[0])).total
            if not options["json"]:
                self.stderr.write(f"  measured {name}", ending="\r")
        report = {
            "database": database_info(),
            "scale": {
                "statements": Statement.objects.count(),
                "published_statements": Statement.objects.published().count(),
                "paragraphs": Paragraph.objects.count(),
                "meetings": Meeting.objects.count(),
            },
            "versions": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "sqlite": sqlite3.sqlite_version,
            },
            "repeat": options["repeat"],
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "pages": results,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(render_table(report))

    def pages(self, options):
        """[(name, url)]: the pages to time, chosen from the data so every database gets the same kinds."""
        published = Statement.objects.published()
        # A typical meeting: the one with the median number of statements.
        sizes = list(
            published.order_by().values_list("meeting_id").annotate(n=Count("pk")).order_by("n", "meeting_id")
        )
        meeting = Meeting.objects.get(pk=sizes[len(sizes) // 2][0])
        item = (
            AgendaItem.objects.filter(meeting=meeting).annotate(n=Count("statements")).order_by("-n", "position").first()
        )
        statement = published.filter(meeting=meeting).order_by("position", "pk").first()
        paragraph = statement.paragraphs.order_by("position").first()
        statements_url = reverse("archive:statement-list")
        pages = [
            ("home", reverse("archive:home")),
            ("browse, unfiltered, all facets", statements_url),
            ("browse by meeting", f"{statements_url}?meeting={meeting.slug}"),
        ]
        if item:
            pages.append(("browse by meeting and agenda item", f"{statements_url}?meeting={meeting.slug}&item={item.pk}"))
        pages += [
            ("search common word + facets", f"{statements_url}?q={options['common']}"),
            ("search very common word + facets", f"{statements_url}?q={options['very_common']}"),
            ("search rare word + facets", f"{statements_url}?q={options['rare']}"),
            ("search phrase + facets", f"{statements_url}?q=%22{options['phrase'].replace(' ', '+')}%22"),
            ("statement page", statement.get_absolute_url()),
            ("meeting page, all statements", meeting.get_absolute_url()),
        ]
        if item:
            pages.append(("agenda item page", item.get_absolute_url()))
        pages += [
            ("paragraph permalink", reverse("archive:paragraph-permalink", args=[paragraph.public_id])),
            ("API list", "/api/statements/"),
            (f"CSV export, ~{EXPORT_ROWS:,} rows", export_url()),
        ]
        return pages

    def measure(self, client, url, warmup, repeat):
        for _ in range(max(1, warmup)):
            response, _ = fetch(client, url)
        if response.status_code == 404:
            return {"url": url, "status": 404, "available": False}
        times = []
        for _ in range(repeat):
            response, elapsed = fetch(client, url)
            times.append(elapsed)
        with CaptureQueriesContext(connection) as queries:
            response, _ = fetch(client, url)
        times.sort()
        return {
            "url": url,
            "status": response.status_code,
            "available": True,
            "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 1),
            "queries": len(queries),
            "bytes": getattr(response, "_bench_bytes", 0),
        }


def fetch(client, url):
    """One request through the whole stack; a streamed body is read to the end inside the timing."""
    started = time.perf_counter()
    response = client.get(url, secure=True)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    elapsed = time.perf_counter() - started
    response._bench_bytes = size
    return response, elapsed


def export_url():
    """A CSV export of about EXPORT_ROWS paragraph rows: whole meetings, smallest first, until enough."""
    counts = (
        Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED)
        .order_by().values_list("statement__meeting__slug").annotate(n=Count("pk")).order_by("n", "statement__meeting__slug")
    )
    chosen, total = [], 0
    for slug, n in counts:
        if total >= EXPORT_ROWS:
            break
        if total + n <= EXPORT_ROWS * 1.2:
            chosen.append(slug)
            total += n
    query = "&".join(f"meeting={slug}" for slug in chosen)
    return f"{reverse('archive:statement-export', args=['csv'])}?{query}"


def database_info():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        else:
            version = sqlite3.sqlite_version
    return {"vendor": connection.vendor, "version": version}


def render_table(report):
    db, scale, versions = report["database"], report["scale"], report["versions"]
    lines = [
        f"Database: {db['vendor']} {db['version']}; {scale['statements']:,} statements, "
        f"{scale['paragraphs']:,} paragraphs, {scale['meetings']:,} meetings",
        f"Python {versions['python']}, Django {versions['django']}, SQLite library {versions['sqlite']}; "
        f"{report['repeat']} timed requests per page; bench process max RSS {report['max_rss_mb']} MB",
        "",
        f"{'page':<40} {'median ms':>10} {'p95 ms':>9} {'queries':>8}  status  matching paragraphs",
    ]
    for name, r in report["pages"].items():
        if not r["available"]:
            lines.append(f"{name:<40} {'not available (404)':>29}")
            continue
        matches = f"{r['matching_paragraphs']:>10,}" if "matching_paragraphs" in r else ""
        lines.append(f"{name:<40} {r['median_ms']:>10.1f} {r['p95_ms']:>9.1f} {r['queries']:>8}  {r['status']}     {matches}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Run as: python manage.py bench")
