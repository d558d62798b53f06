"""Per-client limits that hold across workers and behind proxies: the client's address, the API
throttle, staff login lockouts and the problem-report quota, all keyed the same way."""
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse

from .conftest import make_statement

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy's own address, REMOTE_ADDR behind it


def client_address(request):
    from statements_site.archive.client_address import client_address

    return client_address(request)


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


# The client's address -------------------------------------------------------------------------


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY, "198.51.100.7")) == "198.51.100.7"
    # Whatever the client wrote itself stays to the left of what the proxy appended.
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_address(request_from(PROXY, "not-an-address, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_client_is_what_the_outer_one_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_a_request_that_did_not_come_through_the_proxies_is_known_by_its_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("127.0.0.1")) == "127.0.0.1"
    assert client_address(request_from("127.0.0.1", "10.0.0.1")) == "127.0.0.1"


def run_settings(env):
    root = Path(__file__).resolve().parent.parent
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'statements_site.settings'); {code}"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1", **env}, capture_output=True, text=True, cwd=root,
    )


def test_the_old_proxy_setting_stops_the_start_up_rather_than_being_ignored():
    result = run_settings({"AXES_PROXY_COUNT": "1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr


def test_the_cache_is_shared_by_processes_redis_when_configured_else_the_database():
    assert run_settings({"REDIS_URL": "redis://127.0.0.1:6379/9"}).stdout.strip().endswith("RedisCache")
    assert run_settings({}).stdout.strip().endswith("DatabaseCache")


def test_the_database_cache_table_is_created_by_migrate(settings):
    from django.db import connection

    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("REDIS_URL is set: the cache is Redis and migrate creates no table")

    assert "archive_cache" in connection.introspection.table_names()


# The API throttle -----------------------------------------------------------------------------


def api(client, **headers):
    return client.get(reverse("archive:api:body-list"), **headers)


@pytest.fixture
def rate(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}


def test_a_new_x_forwarded_for_per_request_is_not_a_new_api_quota(client, rate, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [api(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_behind_a_proxy_each_client_has_its_own_api_quota_whatever_it_forges(client, rate, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = [api(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.66").status_code
                for n in range(5)]
    assert attacker == [200, 200, 200, 429, 429]
    assert api(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200


def test_a_refused_api_request_says_when_to_come_back(client, rate):
    for _ in range(3):
        api(client)
    response = api(client)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 61


# Staff login lockouts -------------------------------------------------------------------------


def login(client, username, password, **headers):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **headers)


@pytest.fixture
def editor(django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 3
    return django_user_model.objects.create_user("editor", password="right-password", is_staff=True)


def test_behind_a_proxy_a_lockout_hits_the_attacker_and_not_the_staff_member(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        login(client, "editor", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert login(client, "editor", "right-password", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 429
    victim = login(client, "editor", "right-password", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert victim.status_code == 302


def test_without_proxies_a_forged_x_forwarded_for_does_not_escape_a_lockout(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        login(client, "editor", "wrong", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = login(client, "editor", "right-password", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_lockouts_record_the_client_address_in_the_admin(client, editor, settings):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1
    login(client, "editor", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.66")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.66"]


# Problem reports ------------------------------------------------------------------------------


@pytest.fixture
def paragraph():
    return make_statement().paragraphs.first()


def token(seconds_ago=60):
    """A report form's token as the page gives it, shown `seconds_ago`."""
    return signing.dumps([int(time.time()) - seconds_ago, secrets.token_urlsafe(9)], salt="problem-report")


def report(client, paragraph, started=None, **headers):
    data = {"message": "The second sentence is missing a word.", "email": "", "website": "", "started": started or token()}
    return client.post(reverse("archive:paragraph-report", args=[paragraph.public_id]), data, **headers)


def test_a_report_form_is_accepted_once_and_its_replay_refused(client, paragraph):
    from statements_site.archive.models import ProblemReport

    started = token()
    assert report(client, paragraph, started).status_code == 302
    replay = report(client, paragraph, started)
    assert replay.status_code == 400
    assert "already been sent" in replay.content.decode()
    assert ProblemReport.objects.count() == 1


def test_a_form_sent_twice_uses_one_place_in_the_quota(client, paragraph):
    started = token()
    assert [report(client, paragraph, started).status_code for _ in range(2)] == [302, 400]
    assert [report(client, paragraph).status_code for _ in range(5)] == [302] * 4 + [400]


def test_a_form_refused_for_the_quota_can_be_sent_when_the_hour_has_passed(client, paragraph):
    from django.core.cache import cache

    from statements_site.archive.limits import client_key

    for _ in range(5):
        report(client, paragraph)
    started = token()
    assert report(client, paragraph, started).status_code == 400
    # The hour passes: the five places expire.
    key = client_key("problem-report", request_from("127.0.0.1"))
    cache.delete_many([f"{key}:{slot}" for slot in range(5)])
    assert report(client, paragraph, started).status_code == 302


def test_five_reports_an_hour_per_client_exactly(client, paragraph, settings):
    from statements_site.archive.models import ProblemReport

    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [report(client, paragraph, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(7)]
    assert statuses == [302] * 5 + [400] * 2
    assert ProblemReport.objects.count() == 5


def test_behind_a_proxy_each_reader_has_their_own_report_quota(client, paragraph, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first = [report(client, paragraph, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code for _ in range(6)]
    assert first == [302] * 5 + [400]
    assert report(client, paragraph, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_a_report_with_a_mistake_can_be_corrected_and_sent_with_the_same_form(client, paragraph):
    started = token()
    data = {"message": "short", "email": "", "website": "", "started": started}
    assert client.post(reverse("archive:paragraph-report", args=[paragraph.public_id]), data).status_code == 400
    assert report(client, paragraph, started).status_code == 302


def test_two_readers_shown_the_form_in_the_same_second_can_both_report(client, paragraph):
    from statements_site.archive.forms import ProblemReportForm

    first, second = ProblemReportForm().fields["started"].initial, ProblemReportForm().fields["started"].initial
    assert first != second


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_loses_no_count_when_workers_add_and_count_at_once():
    """What the throttle and the report quota do, from eight threads with their own connections."""
    import threading

    from django.core.management import call_command
    from django.db import connection, connections

    from statements_site.cache import DatabaseCache

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database locks whole tables between threads; tools/abuse.py measures SQLite")
    call_command("createcachetable", "archive_cache", verbosity=0)
    cache = DatabaseCache("archive_cache", {})
    claimed, errors = [], []

    def worker():
        try:
            for _ in range(10):
                cache.add("count", 0, 60)
                cache.incr("count")
            claimed.append(cache.add("slot", 1, 60))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("count") == 80
    assert claimed.count(True) == 1


def test_many_clients_do_not_push_a_readers_report_quota_out_of_the_database_cache(client, paragraph, settings):
    from django.core.cache import cache

    if not settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        pytest.skip("Redis keeps every entry until it expires")
    for _ in range(5):
        report(client, paragraph)
    cache.set_many({f"throttle_anon_client-{n}": 1 for n in range(400)}, 60)  # a few minutes of API clients
    cache.set("one-more", 1, 60)  # a write after the table passed Django's default of 300 entries
    assert report(client, paragraph).status_code == 400
