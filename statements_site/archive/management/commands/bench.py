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
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ... import search, search_sql
from ...models import AgendaItem, Meeting, Paragraph, Statement

EXPORT_ROWS = 10_000
# Timed requests of the trivial view at least: the median of 7 requests of a view that takes 0.4 ms
# read 0.3 to 0.6 ms from one run to the next, and every "× trivial view" figure moved with it.
YARDSTICK_REPEAT = 101


class Command(BaseCommand):
    help = "Measure the key pages (median and p95 server time, query count) at this database's scale."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
        parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (default 7; the trivial view at least "
                            f"{YARDSTICK_REPEAT})")
        parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
        parser.add_argument("--common", default="cooperation", help="the common word to search for")
        parser.add_argument("--very-common", default="international", help="a word in about half the paragraphs")
        parser.add_argument("--rare", default="Kisumu", help="the rare word to search for")
        parser.add_argument("--phrase", default="access to justice", help="the phrase to search for (no quotes)")
        parser.add_argument("--only", default="", help="measure only the pages whose name contains this (and the "
                            "trivial view, the yardstick): --only research:")

    def handle(self, *args, **options):
        if not Statement.objects.published().exists():
            raise CommandError("No published statements to measure. Run generate_corpus --statements N first.")
        meeting = typical_meeting()
        pages = self.pages(options, meeting)
        yardstick = reverse("healthz")
        if options["only"]:
            pages = [(name, url) for name, url in pages if options["only"] in name or url == yardstick]
        floors = floor_queries(options, meeting)
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        results = {}
        for name, url in pages:
            # The yardstick is cheap and divides every "× trivial view": timed more often than the pages.
            repeat = max(1, options["repeat"]) if url != yardstick else max(options["repeat"], YARDSTICK_REPEAT)
            results[name] = self.measure(client, url, options["warmup"], repeat)
            if name in floors and results[name]["available"]:
                results[name]["floor_ms"] = time_floor(floors[name], options["warmup"], max(1, options["repeat"]))
            query = parse_qs(urlsplit(url).query).get("q")
            if query:  # how common the searched words are decides what a search costs: say it
                with search.find(search.parse(query[0])) as hits:
                    hits.count_paragraphs()
                    results[name]["matching_paragraphs"] = hits.total
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

    def pages(self, options, meeting):
        """[(name, url)]: the pages to time, chosen from the data so every database gets the same kinds."""
        published = Statement.objects.published()
        item = (
            AgendaItem.objects.filter(meeting=meeting).annotate(n=Count("statements")).order_by("-n", "position").first()
        )
        statement = published.filter(meeting=meeting).order_by("position", "pk").first()
        paragraph = statement.paragraphs.order_by("position").first()
        statements_url = reverse("archive:statement-list")
        pages = [
            # What the stack alone costs on this machine (one SELECT 1): the yardstick for the pages
            # whose floor is a fraction of a millisecond.
            ("trivial view (/healthz)", reverse("healthz")),
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
            # The pages every page's header and head link to, a delegation's own page, and what crawlers read.
            ("delegation page", statement.delegation.get_absolute_url()),
            ("delegations", reverse("archive:delegation-list")),
            ("bodies and meetings", reverse("archive:body-list")),
            ("Atom feed, new and corrected statements", reverse("archive:statement-feed")),
            ("sitemap index", reverse("archive:sitemap-index")),
            ("sitemap of statements, first page", reverse("archive:sitemap-section", args=["statements"])),
            ("API list", "/api/statements/"),
            (f"CSV export, ~{EXPORT_ROWS:,} rows", export_url()),
        ]
        # Said similarly of an English paragraph (most of the corpus): what most readers meet.
        english = published.filter(meeting=meeting, language="en").order_by("position", "pk").first() or statement
        pages += research_pages(options, english.paragraphs.order_by("position").first())
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
            "timed": repeat,
            # Two decimals: the trivial view takes a fraction of a millisecond, and rounded to 0.1 ms
            # before dividing by it (0.36 read as 0.4) the ratios to it were a tenth off.
            "median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 2),
            "queries": len(queries),
            "bytes": getattr(response, "_bench_bytes", 0),
        }


def research_pages(options, paragraph):
    """[(name, url)]: the research views over the common word and the phrase, and a paragraph's
    "said similarly" (its vocabulary is read during the warm-up: see similar.document_frequencies)."""
    common, phrase = options["common"], f'%22{options["phrase"].replace(" ", "+")}%22'
    return [
        ("research: over time, common word", f"{reverse('archive:research-over-time')}?q={common}"),
        ("research: over time, two searches", f"{reverse('archive:research-over-time')}?q={common}&q={phrase}"),
        ("research: who said it, common word", f"{reverse('archive:research-who')}?q={common}"),
        ("research: in context, phrase", f"{reverse('archive:research-in-context')}?q={phrase}"),
        ("research: said similarly", reverse("archive:paragraph-similar", args=[paragraph.public_id])),
    ]


def typical_meeting():
    """The meeting with the median number of published statements."""
    sizes = list(
        Statement.objects.published().order_by().values_list("meeting_id").annotate(n=Count("pk")).order_by("n", "meeting_id")
    )
    return Meeting.objects.get(pk=sizes[len(sizes) // 2][0])


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


FLOOR_NOTE = (
    "Raw SQL floor: the same work as hand-written SQL on this connection, timed the same way (no Django):\n"
    "browse = COUNT + four grouped counts (meeting, delegation, on behalf of, year) of the published statements;\n"
    "search = its hits kept once per statement in a temporary table, then the count and the same four grouped\n"
    "counts over the kept statements (the issue's \"search + 4 facets\"; ranking and snippets are extra work).\n"
    "Compare pages by the ratio: it travels between machines, milliseconds do not. Pages whose floor is\n"
    "a fraction of a millisecond are bound by the Django stack: compare them with the trivial view."
)
FACET_COLUMNS = ["meeting_id", "delegation_id", "on_behalf_of_id", "year"]


def floor_queries(options, meeting):
    """{page name: [(sql, params)]}: the raw-SQL floor of the pages that have one (see FLOOR_NOTE)."""
    published = Statement.Status.PUBLISHED
    browse = [("SELECT COUNT(*) FROM archive_statement WHERE status = %s", [published])] + [
        (f"SELECT {column}, COUNT(*) AS n FROM archive_statement WHERE status = %s GROUP BY {column} ORDER BY n DESC", [published])
        for column in FACET_COLUMNS
    ]
    by_meeting = [(sql.replace("WHERE status = %s", "WHERE meeting_id = %s AND status = %s"), [meeting.pk, *params])
                  for sql, params in browse]
    floors = {"browse, unfiltered, all facets": browse, "browse by meeting": by_meeting}
    searches = {
        "search common word + facets": options["common"],
        "search very common word + facets": options["very_common"],
        "search rare word + facets": options["rare"],
        "search phrase + facets": f'"{options["phrase"]}"',
    }
    for name, text in searches.items():
        floors[name] = search_floor(search.parse(text), published)
    floors.update(research_floors(options, published))
    return floors


def research_floors(options, published):
    """The research views' raw SQL (see FLOOR_NOTE): over time and who said it = the common word's
    matching paragraphs counted per statement, joined to the published statements and grouped by
    year and session (by delegation and by group, with the statements per delegation and per group
    as denominators); in context = the text of the phrase's newest KWIC_LINES matching paragraphs."""
    from ...kwic import KWIC_LINES

    common, phrase = search.parse(options["common"]), search.parse(f'"{options["phrase"]}"')
    if connection.vendor == "postgresql":
        setup, term, phrase_term = [("SET LOCAL work_mem = '64MB'", [])], common.tsquery(), phrase.tsquery()
        hits = f"SELECT p.statement_id, COUNT(*) AS n FROM {search_sql.postgres_hits(common)} GROUP BY p.statement_id"
        newest = "SELECT p.id FROM archive_paragraph p WHERE p.search_vector @@ to_tsquery('archive_simple', %s) ORDER BY p.id DESC LIMIT %s"
    else:
        setup, term, phrase_term = [], common.fts5(), phrase.fts5()
        hits = ("SELECT p.statement_id, COUNT(*) AS n FROM archive_paragraph_fts JOIN archive_paragraph p INDEXED BY "
                "paragraph_statement_cover_idx ON p.id = archive_paragraph_fts.rowid WHERE archive_paragraph_fts MATCH %s "
                "GROUP BY p.statement_id")
        newest = "SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s ORDER BY rowid DESC LIMIT %s"

    def grouped(columns):
        return (f"SELECT {columns}, COUNT(*), SUM(h.n) FROM ({hits}) h JOIN archive_statement s ON s.id = h.statement_id "
                f"WHERE s.status = %s GROUP BY {columns}", [term, published])

    totals = [(f"SELECT {column}, COUNT(*) FROM archive_statement WHERE status = %s GROUP BY {column}", [published])
              for column in ("delegation_id", "on_behalf_of_id")]
    return {
        "research: over time, common word": [*setup, grouped("s.year, s.meeting_id")],
        "research: who said it, common word": [*setup, grouped("s.delegation_id, s.on_behalf_of_id"), *totals],
        "research: in context, phrase": [*setup, (f"SELECT id, text FROM archive_paragraph WHERE id IN ({newest})",
                                                  [phrase_term, KWIC_LINES])],
    }


def search_floor(query, published):
    """The raw SQL of a search page's matching and counting (see FLOOR_NOTE), in this database's dialect."""
    if connection.vendor == "postgresql":
        term = query.tsquery()
        # As the page does: enough memory for the GIN bitmap to stay exact (a lossy one rechecks
        # every row of its pages), and statistics on the kept set (or the planner guesses its size).
        setup = [
            ("SET LOCAL work_mem = '64MB'", []),
            ("CREATE TEMP TABLE IF NOT EXISTS floor_hit (statement_id bigint PRIMARY KEY, n integer)", []),
        ]
        keep = f"INSERT INTO floor_hit SELECT p.statement_id, COUNT(*) FROM {search_sql.postgres_hits(query)} GROUP BY p.statement_id"
        after_keep = [("ANALYZE floor_hit", [])]
        kept = "FROM floor_hit h JOIN archive_statement s ON s.id = h.statement_id WHERE s.status = %s"
        count = f"SELECT COUNT(*), SUM(h.n) {kept}"
    else:
        term = query.fts5()
        setup = [("CREATE TEMP TABLE IF NOT EXISTS floor_hit (statement_id INTEGER PRIMARY KEY, n INTEGER)", [])]
        # FTS5 gives the paragraph ids; the statement ids come from the paragraph table's covering index.
        keep = (
            "INSERT INTO floor_hit SELECT p.statement_id, COUNT(*) FROM archive_paragraph_fts "
            "JOIN archive_paragraph p INDEXED BY paragraph_statement_cover_idx ON p.id = archive_paragraph_fts.rowid "
            "WHERE archive_paragraph_fts MATCH %s "
            "GROUP BY p.statement_id"
        )
        after_keep = []
        # IN walks the kept set and seeks each statement; a join (even CROSS JOIN) makes SQLite
        # build a Bloom filter over the whole statement table first, for a table without statistics.
        kept = "FROM archive_statement s WHERE s.id IN (SELECT statement_id FROM floor_hit) AND s.status = %s"
        count = ("SELECT COUNT(*), SUM(h.n) FROM floor_hit h WHERE EXISTS "
                 "(SELECT 1 FROM archive_statement s WHERE s.id = h.statement_id AND s.status = %s)")
    facets = [
        (f"SELECT s.{column}, COUNT(*) AS n {kept} GROUP BY s.{column} ORDER BY n DESC", [published])
        for column in FACET_COLUMNS
    ]
    # Rolled back after each run (time_floor), so the temporary table starts empty every time.
    return [*setup, (keep, [term]), *after_keep, (count, [published]), *facets]


def time_floor(queries, warmup, repeat):
    """Median ms of running `queries` one after another in one transaction, reading every row."""
    times = []
    for attempt in range(max(1, warmup) + repeat):
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            for sql, params in queries:
                cursor.execute(sql, params)
                if cursor.description:
                    cursor.fetchall()
            elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        if attempt >= max(1, warmup):
            times.append(elapsed)
    return round(statistics.median(times) * 1000, 2)  # a floor can be well under 0.1 ms


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


def milliseconds(value):
    """A time in the table: two decimals under a millisecond, where one would be a large share of it."""
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


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
        f"{report['repeat']} timed requests per page (at least {YARDSTICK_REPEAT} of the trivial view); "
        f"bench process max RSS {report['max_rss_mb']} MB",
        "",
        f"{'page':<40} {'median ms':>10} {'p95 ms':>9} {'queries':>8}  status  {'raw SQL floor ms':>16}  "
        "matching paragraphs  × trivial view",
    ]
    trivial = report["pages"].get("trivial view (/healthz)", {}).get("median_ms")
    for name, r in report["pages"].items():
        if not r["available"]:
            lines.append(f"{name:<40} {'not available (404)':>29}")
            continue
        matches = f"{r['matching_paragraphs']:>10,}" if "matching_paragraphs" in r else ""
        floor = f"{milliseconds(r['floor_ms'])} ({r['median_ms'] / r['floor_ms']:.1f}×)" if r.get("floor_ms") else ""
        ratio = f"{r['median_ms'] / trivial:>9,.0f}×" if trivial else ""
        lines.append(
            f"{name:<40} {milliseconds(r['median_ms']):>10} {milliseconds(r['p95_ms']):>9} {r['queries']:>8}  {r['status']}     {floor:>16}  "
            f"{matches:>10}  {ratio}"
        )
    lines += ["", FLOOR_NOTE]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Run as: python manage.py bench")
