"""Abuse the archive's per-client limits as an attacker would, against gunicorn with 5 workers.

Loopback only, bounded (at most MAX_REQUESTS requests and --seconds), and stops by itself: it
builds a throw-away SQLite archive (the demo) in a temporary folder, serves it with gunicorn in
production mode (DJANGO_DEBUG=0) on 127.0.0.1, runs three attacks, stops the server and prints
what each one got. Standard library only.

    python tools/abuse.py --proxies 1 --redis redis://127.0.0.1:6379/2
    python tools/abuse.py --proxies 0            # the database cache, no Redis

The script plays the trusted proxy too: with --proxies 1 it sends what nginx would pass on
("<whatever the client forged>, <client address>"); with 0 it sends a new forged
X-Forwarded-For on every request, which the archive must ignore.

1. API: 61 requests from one client within a minute, 10 at a time over the 5 workers, each with
   a different forged X-Forwarded-For: 60 must pass and the rest be refused (429).
2. Login lockout: five wrong passwords for a staff username from the attacker's address lock
   the attacker out, not the staff member signing in from another address.
3. Problem reports: six reports from one reader in an hour, 5 pass; a replayed form is refused;
   another reader behind the same proxy still gets theirs through.
"""
import argparse
import concurrent.futures
import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: this tool must not attack someone else's server
ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 400
API_RATE = 60
STAFF = ("editor", "the-right-password-4821")


class Budget:
    """Stops the run when it has made MAX_REQUESTS requests or run out of time."""

    def __init__(self, seconds):
        self.deadline, self.requests = time.monotonic() + seconds, 0

    def spend(self):
        self.requests += 1
        if self.requests > MAX_REQUESTS or time.monotonic() > self.deadline:
            raise SystemExit(f"stopped: the budget of {MAX_REQUESTS} requests or the time limit was reached")


class Client:
    """One client (an address behind the proxy), with its own cookies."""

    def __init__(self, port, budget, address, proxies):
        self.port, self.budget, self.address, self.proxies = port, budget, address, proxies
        self.cookies = {}

    def forwarded(self):
        forged = f"203.0.113.{secrets.randbelow(250) + 1}"
        # What the app sees: the client's own forgery, then what each trusted proxy appended.
        return forged if self.proxies == 0 else ", ".join([forged, self.address] + ["10.0.0.1"] * (self.proxies - 1))

    def request(self, method, path, fields=None):
        self.budget.spend()
        headers = {"Host": "localhost", "X-Forwarded-For": self.forwarded()}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=15)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, content
        finally:
            conn.close()


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def prepare(folder, args):
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0", "DATABASE_URL": f"sqlite:///{folder}/abuse.sqlite3",
        "DJANGO_MEDIA_ROOT": f"{folder}/media", "TRUSTED_PROXY_COUNT": str(args.proxies),
        "API_ANON_RATE": f"{API_RATE}/min", "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"{HOST}:{args.port}", "GUNICORN_WORKERS": "5",
    }
    if args.redis:
        env["REDIS_URL"] = args.redis
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", "-c", "from django.contrib.auth.models import User; "
           f"User.objects.create_user({STAFF[0]!r}, password={STAFF[1]!r}, is_staff=True)")
    public_id = manage(env, "shell", "-c", "from statements_site.archive.models import Paragraph; "
                       "print(Paragraph.objects.filter(statement__status='published').first().public_id)").split()[-1]
    if args.redis:
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    return env, public_id


def serve(env, port):
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "statements_site.wsgi"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 20 s")


def next_window():
    """Wait for a fresh minute when this one has under 20 s left: the throttle counts per clock minute."""
    left = 60 - time.time() % 60
    if left < 20:
        time.sleep(left + 0.5)


def api_attack(port, budget, proxies):
    attacker = Client(port, budget, "198.51.100.66", proxies)
    next_window()
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: attacker.request("GET", "/api/bodies/")[0], range(API_RATE + 1)))
    passed, refused = statuses.count(200), statuses.count(429)
    after = attacker.request("GET", "/api/bodies/")[0]
    line = f"API: {len(statuses)} requests from one client in parallel, a forged X-Forwarded-For each: " \
           f"{passed} passed, {refused} refused; one more: {after}"
    ok = passed == API_RATE and refused == 1 and after == 429
    if proxies:
        other = Client(port, budget, "198.51.100.7", proxies).request("GET", "/api/bodies/")[0]
        line += f"; another client behind the same proxy: {other}"
        ok = ok and other == 200
    return ok, line


def login(client, password):
    client.request("GET", "/admin/login/")
    return client.request("POST", "/admin/login/", {"username": STAFF[0], "password": password, "next": "/admin/"})[0]


def lockout_attack(port, budget, proxies):
    attacker = Client(port, budget, "198.51.100.66", proxies)
    failures = [login(attacker, f"guess-{n}") for n in range(5)]
    attacker_right = login(attacker, STAFF[1])
    victim = login(Client(port, budget, "198.51.100.7", proxies), STAFF[1])
    # With no trusted proxy every client here is 127.0.0.1: the lockout hits the one address there is,
    # and a new forged X-Forwarded-For on each attempt does not escape it.
    victim_label = "the staff member from their own address" if proxies else "the staff member (the same 127.0.0.1)"
    line = f"Login: 5 wrong passwords from the attacker: {failures}; then the right one from the attacker: " \
           f"{attacker_right}; {victim_label}: {victim}"
    ok = attacker_right == 429 and (victim == 302 if proxies else victim == 429)
    return ok, line


def report_attack(port, budget, proxies, public_id):
    path = f"/p/{public_id}/report/"
    reader = Client(port, budget, "198.51.100.66", proxies)
    forms = []
    for _ in range(7):
        _, page = reader.request("GET", path)
        forms.append(re.search(r'name="started" value="([^"]+)"', page).group(1))
    time.sleep(3.5)  # the form refuses a report sent within 3 s of being shown

    def send(client, started):
        fields = {"message": "The second sentence is missing a word.", "email": "", "website": "", "started": started}
        return client.request("POST", path, fields)[0]

    statuses = [send(reader, started) for started in forms[:6]]
    replay = send(reader, forms[0])
    line = f"Reports: 6 from one reader: {statuses}; a replayed form: {replay}"
    ok = statuses == [302] * 5 + [400] and replay == 400
    if proxies:
        other = Client(port, budget, "198.51.100.7", proxies)
        _, page = other.request("GET", path)
        started = re.search(r'name="started" value="([^"]+)"', page).group(1)
        time.sleep(3.5)
        other_status = send(other, started)
        line += f"; another reader behind the same proxy: {other_status}"
        ok = ok and other_status == 302
    return ok, line


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--proxies", type=int, default=1, help="TRUSTED_PROXY_COUNT of the server under attack")
    parser.add_argument("--redis", default="", help="REDIS_URL for the server (default: the database cache)")
    parser.add_argument("--seconds", type=int, default=240, help="stop after this long whatever happens")
    args = parser.parse_args()
    if args.redis and urllib.parse.urlsplit(args.redis).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("--redis must be on the loopback interface")
    budget = Budget(args.seconds)
    with tempfile.TemporaryDirectory(prefix="archive-abuse-") as folder:
        env, public_id = prepare(folder, args)
        server = serve(env, args.port)
        signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(SystemExit("stopped: time limit")))
        signal.alarm(args.seconds)
        try:
            cache = "Redis" if args.redis else "database cache"
            print(f"gunicorn, 5 workers, DJANGO_DEBUG=0, TRUSTED_PROXY_COUNT={args.proxies}, {cache}")
            results = [api_attack(args.port, budget, args.proxies), lockout_attack(args.port, budget, args.proxies),
                       report_attack(args.port, budget, args.proxies, public_id)]
        finally:
            signal.alarm(0)
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    for ok, line in results:
        print(("PASS " if ok else "FAIL ") + line)
    print(f"{budget.requests} requests")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
