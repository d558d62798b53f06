"""A bounded load test of a running archive: mixed browse, search, statement and permalink traffic.

Loopback only (127.0.0.1) and stops by itself. Standard library only (threads + http.client).

    python tools/loadtest.py --port 8000 --clients 50 --seconds 60

Paths are discovered from the site itself before the run (the browse page's facet links,
statement links and paragraph permalinks), so it works on any corpus. Prints throughput,
error count and p50/p95 latency per kind of request and overall; with --pid-file (gunicorn's
master pid) it samples worker RSS with ps during the run.
"""
import argparse
import http.client
import random
import re
import statistics
import subprocess
import threading
import time
import urllib.parse
from collections import defaultdict

HOST = "127.0.0.1"  # never anything else: this tool must not load someone else's server
SEARCHES = ["cooperation", "international", "Kisumu", '"access to justice"', "technical assistance", "prevent*",
            "human rights -oceans", "Ouagadougou", "capacity-building", "réaffirme"]


def get(conn, path):
    conn.request("GET", path, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
    response = conn.getresponse()
    body = response.read()
    return response.status, body


def discover(port):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    status, body = get(conn, "/statements/")
    if status != 200:
        raise SystemExit(f"/statements/ answered {status}; is the server running with the corpus loaded?")
    page = body.decode()
    facets = sorted(set(re.findall(r'href="\?((?:meeting|delegation|year|language)=[^"&]+)"', page)))[:40]
    statements = sorted(set(re.findall(r'href="(/statements/\d+/)"', page)))
    permalinks = []
    for path in statements[:10]:
        status, body = get(conn, path)
        permalinks += re.findall(r'href="(/p/[^"/]+/)"', body.decode())[:5]
    conn.close()
    return {
        "browse": ["/statements/"] + [f"/statements/?{f}" for f in facets],
        "search": ["/statements/?" + urllib.parse.urlencode({"q": q}) for q in SEARCHES],
        "statement": statements,
        "permalink": sorted(set(permalinks)),
    }


def client(port, paths, deadline, results, lock, seed):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    kinds = [k for k in ("browse", "search", "statement", "permalink") if paths[k]]
    weights = {"browse": 35, "search": 25, "statement": 25, "permalink": 15}
    local = []
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        path = rng.choice(paths[kind])
        started = time.monotonic()
        try:
            status, _ = get(conn, path)
        except (OSError, http.client.HTTPException):
            status = "connection error"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        local.append((kind, status, time.monotonic() - started))
    conn.close()
    with lock:
        results.extend(local)


def worker_rss(master_pid):
    """{pid: RSS MB} of the gunicorn master's children."""
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout
    return {int(pid): int(rss) / 1024 for pid, rss in (line.split() for line in out.splitlines() if line.strip())}


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))] if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pid-file", help="gunicorn master pid file: sample its workers' RSS during the run")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 600:
        raise SystemExit("Keep it bounded: 1-200 clients, 1-600 seconds.")

    paths = discover(args.port)
    print("paths: " + ", ".join(f"{k} {len(v)}" for k, v in paths.items()))
    results, lock = [], threading.Lock()
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=client, args=(args.port, paths, deadline, results, lock, n), daemon=True)
               for n in range(args.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    peak = {}
    master = int(open(args.pid_file).read().strip()) if args.pid_file else None
    while any(thread.is_alive() for thread in threads):
        if master:
            for pid, rss in worker_rss(master).items():
                peak[pid] = max(peak.get(pid, 0), rss)
        time.sleep(1)
    elapsed = time.monotonic() - started

    by_kind = defaultdict(list)
    for kind, status, seconds in results:
        by_kind[kind].append((status, seconds))
    errors = sum(1 for _, status, _ in results if status != 200)
    print(f"{len(results)} requests in {elapsed:.1f} s from {args.clients} clients: "
          f"{len(results) / elapsed:.1f} requests/s, {errors} errors (non-200)")
    print(f"{'kind':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, rows in sorted(by_kind.items()):
        times = [seconds * 1000 for _, seconds in rows]
        print(f"{kind:<10} {len(rows):>8} {sum(1 for s, _ in rows if s != 200):>6} "
              f"{statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f}")
    times = [seconds * 1000 for _, _, seconds in results]
    print(f"{'all':<10} {len(results):>8} {errors:>6} {statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f}")
    statuses = defaultdict(int)
    for _, status, _ in results:
        statuses[status] += 1
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str)))
    if peak:
        print("worker peak RSS MB: " + ", ".join(f"{rss:.0f}" for rss in sorted(peak.values(), reverse=True))
              + f" (max {max(peak.values()):.0f})")


if __name__ == "__main__":
    main()
