"""Time the archive against Datasette (and against other checkouts of the archive) on one SQLite file.

    python tools/side_by_side.py DATABASE.sqlite3 [--archive NAME=DIR ...] [--requests 11] [--port 8100]
    python tools/side_by_side.py DATABASE.sqlite3 --pages --archive old=DIR:OLD.sqlite3 --archive new=DIR
    python tools/side_by_side.py DATABASE.sqlite3 --pages --cpu --archive old=DIR:OLD.sqlite3 --archive new=DIR

Serves DATABASE with each archive checkout (gunicorn, one sync worker, production settings: DEBUG
off, static files collected, no cache server) and with Datasette 0.65 (immutable, facet
suggestions off, time limits raised so that no facet is skipped), then requests each view from
each server in turn, alternating, and prints the median of the requests per view and server, as
a Markdown table. Without --archive it serves this checkout as "archive". Datasette searches a
view joining each published paragraph to its statement's facet columns (created in the file if
missing: `side_by_side_paragraphs`), through the archive's own FTS5 table, with four facets
(meeting, delegation, on behalf of, year) and no ranking or snippets.

With --cpu (archive checkouts only) nothing is served: each checkout times the pages in a process
of its own through Django's test client, in CPU time (time.process_time: what the request costs the
machine, much less disturbed by other work on a busy machine than wall time), and the checkouts
take turns for --rounds rounds; a page's figure is the median over all its timed requests.

Only for loopback: the servers listen on 127.0.0.1 and are stopped at the end.
"""
import argparse
import http.client
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent.parent
FACETS = ["meeting_id", "delegation_id", "on_behalf_of_id", "year"]
VIEW = "side_by_side_paragraphs"
WORDS = {"common": "cooperation", "phrase": "access to justice", "rare": "Kisumu"}


def typical_meeting(database):
    """The meeting with the median number of published statements (as `manage.py bench` picks it)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        sizes = db.execute(
            "SELECT meeting_id, COUNT(*) n FROM archive_statement WHERE status = 'published' "
            "GROUP BY meeting_id ORDER BY n, meeting_id"
        ).fetchall()
        meeting_id = sizes[len(sizes) // 2][0]
        slug = db.execute("SELECT slug FROM archive_meeting WHERE id = ?", (meeting_id,)).fetchone()[0]
    return meeting_id, slug


def ensure_view(database):
    """Create the view Datasette searches, written through to the file itself: Datasette reads the file
    as immutable, which ignores the write-ahead log, so a view left there was not found (404). (The
    `with` block of sqlite3 only commits; the connection has to be closed.)"""
    db = sqlite3.connect(database)
    try:
        with db:
            db.execute(
                f"CREATE VIEW IF NOT EXISTS {VIEW} AS SELECT p.id, p.text, s.meeting_id, s.delegation_id, "
                "s.on_behalf_of_id, s.year FROM archive_paragraph p JOIN archive_statement s ON s.id = p.statement_id "
                "WHERE s.status = 'published'"
            )
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def page_views(directory, database, python):
    """{view: archive path} for the pages `manage.py bench` times, for issue #16's "no page slower than
    before": home, browse, the pages of one meeting, the searches, the API list and a CSV download."""
    meeting_id, slug = typical_meeting(database)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        item_id, number = db.execute(
            "SELECT i.id, i.number FROM archive_agendaitem i JOIN archive_statement_agenda_items l ON l.agendaitem_id = i.id "
            "WHERE i.meeting_id = ? GROUP BY i.id ORDER BY COUNT(*) DESC, i.id LIMIT 1", (meeting_id,)
        ).fetchone()
        statement_id = db.execute(
            "SELECT id FROM archive_statement WHERE meeting_id = ? AND status = 'published' ORDER BY position, id LIMIT 1",
            (meeting_id,)).fetchone()[0]
        public_id = db.execute("SELECT public_id FROM archive_paragraph WHERE statement_id = ? ORDER BY position LIMIT 1",
                               (statement_id,)).fetchone()[0]
    return {
        "home": "/",
        "browse, unfiltered": "/statements/",
        "browse, one meeting": f"/statements/?meeting={slug}",
        "browse, meeting and item": f"/statements/?meeting={slug}&item={item_id}",
        "meeting page": f"/meetings/{slug}/",
        "agenda item page": f"/meetings/{slug}/items/{quote(number)}/",
        "statement page": f"/statements/{statement_id}/",
        "paragraph permalink": f"/p/{public_id}/",
        f"search, common word (“{WORDS['common']}”)": f"/statements/?q={WORDS['common']}",
        f"search, phrase (“{WORDS['phrase']}”)": f"/statements/?q={quote(chr(34) + WORDS['phrase'] + chr(34))}",
        f"search, rare word (“{WORDS['rare']}”)": f"/statements/?q={WORDS['rare']}",
        "API list": "/api/statements/",
        "CSV download, ~10,000 rows": export_path(directory, database, python),
    }


def export_path(directory, database, python):
    """The CSV download `manage.py bench` of the checkout in `directory` times on `database`."""
    code = ("import django; django.setup(); "
            "from statements_site.archive.management.commands.bench import export_url; print(export_url())")
    env = environment(database)
    env["DJANGO_SETTINGS_MODULE"] = "statements_site.settings"
    result = subprocess.run([python, "-c", code], cwd=directory, env=env, check=True, capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1]


def views(database):
    """{view: (archive path, Datasette path)}."""
    meeting_id, slug = typical_meeting(database)
    name = Path(database).stem
    facets = "".join(f"&_facet={facet}" for facet in FACETS)
    statements = f"/{name}/archive_statement?status=published{facets}"

    expressions = fts5_expressions(database, [WORDS["common"], f'"{WORDS["phrase"]}"', WORDS["rare"]])

    def search(text):
        # The same FTS5 expression the archive matches: the index holds each paragraph's word stems
        # (wordforms.py), so Datasette searching the words as typed would find (almost) nothing.
        return f"/{name}/{VIEW}?_search={quote(expressions[text])}&_searchmode=raw{facets}"

    return {
        "browse, unfiltered": ("/statements/", statements),
        "browse, one meeting": (f"/statements/?meeting={slug}", f"{statements}&meeting_id={meeting_id}"),
        f"search, common word (“{WORDS['common']}”) + facets": (f"/statements/?q={WORDS['common']}", search(WORDS["common"])),
        f"search, phrase (“{WORDS['phrase']}”) + facets": (
            f"/statements/?q={quote(chr(34) + WORDS['phrase'] + chr(34))}", search(f'"{WORDS["phrase"]}"')),
        f"search, rare word (“{WORDS['rare']}”) + facets": (f"/statements/?q={WORDS['rare']}", search(WORDS["rare"])),
    }


def fts5_expressions(database, texts):
    """{search text: the FTS5 MATCH expression this checkout's search.parse() makes of it}."""
    code = ("import json, sys, django; django.setup(); from statements_site.archive import search; "
            "print(json.dumps({text: search.parse(text).fts5() for text in json.loads(sys.argv[1])}))")
    env = environment(database)
    env["DJANGO_SETTINGS_MODULE"] = "statements_site.settings"
    result = subprocess.run([sys.executable, "-c", code, json.dumps(texts)], cwd=HERE, env=env, check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def environment(database):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="side-by-side-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_SECURE_SSL_REDIRECT="0", GUNICORN_WORKERS="1",
        API_ANON_RATE="1000000/min",  # timed requests are answered, not throttled
    )
    env.pop("REDIS_URL", None)
    return env


def start_archive(directory, database, port, python):
    env = environment(database)
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=directory, env=env, check=True)
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    return subprocess.Popen(
        [python, "-m", "gunicorn", "statements_site.wsgi", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def start_datasette(database, port, python):
    metadata = {"databases": {Path(database).stem: {"tables": {VIEW: {"fts_table": "archive_paragraph_fts",
                                                                      "fts_pk": "id"}}}}}
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(metadata, handle)
    handle.close()
    return subprocess.Popen(
        [python, "-m", "datasette", "serve", "-i", database, "-p", str(port), "-m", handle.name,
         "--setting", "suggest_facets", "off", "--setting", "sql_time_limit_ms", "60000",
         "--setting", "facet_time_limit_ms", "60000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def cpu_times(directory, database, paths, requests, warmup, python):
    """{path: [CPU milliseconds]} for `paths` requested in a fresh process of the checkout."""
    code = f"""
import json, os, sys, time
sys.path.insert(0, os.getcwd())
os.environ["DJANGO_SETTINGS_MODULE"] = "statements_site.settings"
import django
django.setup()
from django.test import Client
client, out = Client(HTTP_HOST="127.0.0.1"), {{}}
def get(path):
    response = client.get(path)
    if response.streaming:  # a download is made as it is read
        b"".join(response.streaming_content)
    return response.status_code
for path in {paths!r}:
    for _ in range({warmup}):
        assert get(path) == 200, path
    out[path] = []
    for _ in range({requests}):
        started = time.process_time()
        status = get(path)
        out[path].append((time.process_time() - started) * 1000)
        assert status == 200, path
print(json.dumps(out))
"""
    result = subprocess.run([python, "-c", code], cwd=directory, env=environment(database), check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def get(port, path):
    """Milliseconds to the last byte of one GET on a new connection, and the status."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return (time.perf_counter() - started) * 1000, response.status


def wait_until_up(port, path, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return get(port, path)
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered on port {port}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="the SQLite file (generate_corpus --statements 50000 --seed 1)")
    parser.add_argument("--archive", action="append", default=[], metavar="NAME=DIR[:DATABASE]",
                        help="an archive checkout to serve (repeatable), on DATABASE when given (the pages are "
                             "then found in each file); default: this one, as 'archive'")
    parser.add_argument("--pages", action="store_true",
                        help="time the pages manage.py bench times (home, browse, one meeting's pages, searches, "
                             "API list, CSV download) between archive checkouts instead of the searches against Datasette")
    parser.add_argument("--cpu", action="store_true", help="with --pages: CPU time in-process, no servers")
    parser.add_argument("--rounds", type=int, default=3, help="with --cpu: turns each checkout takes (default 3)")
    parser.add_argument("--requests", type=int, default=11, help="requests per view and server (default 11)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per view and server first")
    parser.add_argument("--port", type=int, default=8100, help="first port to serve on (default 8100)")
    parser.add_argument("--python", default=sys.executable, help="the Python with Django, gunicorn and Datasette")
    args = parser.parse_args()
    database = str(Path(args.database).resolve())
    archives = []
    for entry in args.archive or [f"archive={HERE}"]:
        name, _, rest = entry.partition("=")
        directory, _, own = rest.partition(":")
        archives.append((name, directory, str(Path(own).resolve()) if own else database))
    if args.pages:
        paths = {name: page_views(directory, file, args.python) for name, directory, file in archives}
        pages = {view: {name: paths[name][view] for name in paths} for view in next(iter(paths.values()))}
    else:
        ensure_view(database)
        both = views(database)
        pages = {view: {**{name: archive for name, _d, _f in archives}, "Datasette": datasette}
                 for view, (archive, datasette) in both.items()}
    if args.cpu:
        for _name, directory, file in archives:  # production settings render with the static manifest
            subprocess.run([args.python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=directory,
                           env=environment(file), check=True)
        times = {(view, name): [] for view in pages for name, _d, _f in archives}
        for _round in range(args.rounds):
            for name, directory, file in archives:
                paths = [pages[view][name] for view in pages]
                measured = cpu_times(directory, file, paths, args.requests, args.warmup, args.python)
                for view in pages:
                    times[view, name] += measured[pages[view][name]]
            print(f"  round {_round + 1} of {args.rounds}", file=sys.stderr)
        report([name for name, _d, _f in archives], pages, times,
               f"Median CPU time of {args.rounds} × {args.requests} requests in-process, milliseconds")
        return
    servers, processes = [], []
    try:
        for n, (name, directory, file) in enumerate(archives):
            port = args.port + n
            processes.append(start_archive(directory, file, port, args.python))
            servers.append((name, port))
        if not args.pages:
            port = args.port + len(archives)
            processes.append(start_datasette(database, port, args.python))
            servers.append(("Datasette", port))
        for name, port in servers:
            wait_until_up(port, "/" if name == "Datasette" else "/statements/")
        times = {(view, name): [] for view in pages for name, _port in servers}
        for view, paths in pages.items():
            for n in range(args.warmup + args.requests):
                for name, port in servers:  # alternating: each server sees the same machine load
                    elapsed, status = get(port, paths[name])
                    if status != 200:
                        raise SystemExit(f"{name} answered {status} for {paths[name]}")
                    if n >= args.warmup:
                        times[view, name].append(elapsed)
            print(f"  measured {view}", file=sys.stderr)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
    report([name for name, _port in servers], pages, times, f"Median of {args.requests} alternating requests, milliseconds")


def report(names, pages, times, title):
    print(f"{title}:\n")
    header = ["view", *names]
    first = names[0]
    if "Datasette" in names:
        header += [f"Datasette / {name}" for name in names if name != "Datasette"]
    else:
        header += [f"{name} / {first}" for name in names[1:]]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for view in pages:
        medians = {name: statistics.median(times[view, name]) for name in names}
        row = [view, *(f"{medians[name]:,.1f}" for name in names)]
        if "Datasette" in names:
            row += [f"{medians['Datasette'] / medians[name]:.1f}×" for name in names if name != "Datasette"]
        else:
            row += [f"{medians[name] / medians[first]:.2f}" for name in names[1:]]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
