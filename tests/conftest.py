"""Shared fixtures and small make_* helpers. Personas: staff (editors group), researcher, anonymous."""
import datetime
from contextlib import contextmanager
from pathlib import Path

import pytest


SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request to a /fr/ page leaves French active in this thread (as a worker would, until its next
    request): each test starts from the site's default language, whichever test ran before it."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_shared_cache(request, settings, django_db_blocker):
    """Each test starts with an empty shared cache. Redis outlives a test; the database cache's rows
    roll back with it, except after a transactional test (flush empties model tables only)."""
    from django.core.cache import cache

    from statements_site.archive import caching

    caching._recent.clear()  # this process's copies of cached values go with the shared cache
    caching._remembered.update(version=None, values={})

    redis = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    if redis:
        cache.clear()
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if transactional and not redis:
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def django_assert_max_num_queries():
    """pytest-django's fixture, counting the page's own queries: with the database cache (no REDIS_URL)
    each cache read or write is a query on the same connection, a constant per request that Redis
    does not have, and not what these bounds guard against."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache_table = settings.CACHES["default"]["LOCATION"] if "DatabaseCache" in settings.CACHES["default"]["BACKEND"] else None

    def is_cache_query(sql):
        # The cache's writes run in a savepoint of their own.
        return cache_table in sql or "SAVEPOINT" in sql.split(" ", 2)[:2]

    @contextmanager
    def assert_max(num, info=None):
        with CaptureQueriesContext(connection) as context:
            yield context
        queries = [q["sql"] for q in context.captured_queries if not (cache_table and is_cache_query(q["sql"]))]
        if len(queries) > num:
            pytest.fail(f"Expected to perform {num} queries or less but {len(queries)} were done"
                        + (f"\n{info}" if info else "") + "\n\nQueries:\n" + "\n\n".join(queries))

    return assert_max


@pytest.fixture
def samples_dir():
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not here (a user's clone has no ../shared)")
    return SAMPLES


def make_body(name="Commission on Narcotic Drugs", short_name="CND", **kwargs):
    from statements_site.archive.models import Body

    return Body.objects.get_or_create(name=name, defaults={"short_name": short_name, **kwargs})[0]


def make_meeting(body=None, title="Commission on Narcotic Drugs", session="66th session", **kwargs):
    from statements_site.archive.models import Meeting

    kwargs.setdefault("date_start", datetime.date(2023, 3, 13))
    kwargs.setdefault("date_end", datetime.date(2023, 3, 17))
    return Meeting.objects.create(body=body or make_body(), title=title, session=session, **kwargs)


def make_delegation(name="Sweden", kind="state", **kwargs):
    from statements_site.archive.models import Delegation

    return Delegation.objects.get_or_create(name=name, defaults={"kind": kind, **kwargs})[0]


def make_statement(meeting=None, delegation=None, paragraphs=("First paragraph.", "Second paragraph."), **kwargs):
    from statements_site.archive.models import Paragraph, Statement

    kwargs.setdefault("status", Statement.Status.PUBLISHED)
    statement = Statement.objects.create(
        meeting=meeting or make_meeting(), delegation=delegation or make_delegation(), **kwargs
    )
    for position, text in enumerate(paragraphs, start=1):
        Paragraph.objects.create(statement=statement, position=position, label=str(position), text=text)
    return statement


@pytest.fixture
def staff(db, client):
    """A staff member in the Statement editors group, not a superuser, logged in."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Statement editors"))
    client.force_login(user)
    return user


def make_item(meeting, number="2", title="International cooperation", **kwargs):
    """An agenda item of `meeting` (created once per number)."""
    return meeting.agenda_items.get_or_create(number=number, defaults={"title": title, **kwargs})[0]


def make_group(name="Group of 77 and China"):
    return make_delegation(name, kind="group")


# A published statement loaded through the importer, and corrected re-imports of it (corrections, permalinks).

ORIGINAL = [
    "The Group recognizes the complex nature of cybercrime and the need for cooperation between States.",
    "International cooperation is important for gathering and sharing electronic evidence across borders.",
    "The Group encourages prevention measures at the national and international levels.",
    "The Group regrets that some developing countries lack the capacity to combat cybercrime.",
]


def parse_of(texts, **extra):
    return {
        "ok": True, "errors": [], "warnings": [], "language": "en", "title": "Statement by Mexico",
        "delegation": "Mexico", "on_behalf_of": None, "speaker": None, "speaker_title": None, "date": None,
        "meeting": {}, "agenda_items": [], "salutation": "Mr. Chair,", "closing": "Thank you.",
        "paragraphs": [{"label": str(n), "text": t} for n, t in enumerate(texts, start=1)], **extra,
    }


@pytest.fixture
def published(db):
    from statements_site.archive.importing.store import plan_import, save_import

    meeting = make_meeting()
    make_delegation("Mexico")
    statement, _ = save_import(plan_import(parse_of(ORIGINAL), meeting_slug=meeting.slug), publish=True)
    return statement


def ids(statement):
    return list(statement.paragraphs.order_by("position").values_list("public_id", flat=True))


def reimport(statement, texts):
    from statements_site.archive.importing.store import plan_import, save_import

    plan = plan_import(parse_of(texts), meeting_slug=statement.meeting.slug)
    assert plan.existing == statement, "a corrected text of the same statement is offered as an update"
    return save_import(plan, reason="Corrected text")


