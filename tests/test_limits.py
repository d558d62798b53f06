"""Per-client limits that hold across workers and behind proxies: the client's address, the API
throttle, staff login lockouts and the problem-report quota, all keyed the same way."""
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

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
