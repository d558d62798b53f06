"""Values that are the same for every visitor until a statement changes (facet counts over the whole
archive, its count and pages, home's totals), cached under the archive's version.

They are cached (in the shared cache) under a key made of the latest statement write time (an
indexed MAX, so any added or edited statement makes a new key at once) and a generation number that
forget_facet_counts() bumps. Deletions and renamed delegations or meetings show after at most
FACET_CACHE_SECONDS.
"""
import time
from collections import OrderedDict

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .models import Statement

FACET_CACHE_SECONDS = 60


def archive_version():
    """A key that changes whenever a statement is added or edited (the latest write time, an indexed
    MAX) or forget_facet_counts() is called: cached counts made under an older key are never read.

    Read once per request (a page asks for it in several places); outside a request, every time."""
    if getattr(_request, "active", False):
        if _request.version is None:
            _request.version = read_archive_version()
        return _request.version
    return read_archive_version()


def read_archive_version():
    # The MAX as plain SQL: building it through the ORM cost ten times the query (130 µs of CPU
    # against 11 µs on SQLite), on every page that reads the version.
    table, column = Statement._meta.db_table, Statement._meta.get_field("updated").column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        latest = cursor.fetchone()[0]
    # A datetime on PostgreSQL, its text on SQLite: either way a key that changes with it (no space,
    # which a cache key may not hold).
    return f"{cache.get('archive:facets:generation', 0)}:{str(latest or 0).replace(' ', 'T')}"


_request = Local()  # this request's archive version, while a request is being answered


@receiver(request_started)
def _request_started(**kwargs):
    _request.active, _request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs):
    _request.active, _request.version = False, None


def cached(key, version, compute):
    """compute() cached under `key` and the archive's version, for FACET_CACHE_SECONDS from when it
    was computed.

    The shared cache holds the value for every worker. A value under one version does not change
    before it expires (a write makes a new version), so this process also keeps the values it read
    until the same moment: a page reads up to a dozen of them, and a round trip to Redis for each
    cost about 6 ms of an unfiltered browse (bench, 50,000 statements)."""
    key = f"archive:cached:{key}:{version}"
    now = time.time()
    entry = _recent.get(key)
    if entry is None or entry[0] <= now:
        entry = cache.get(key)
        if entry is None or entry[0] <= now:
            entry = (now + FACET_CACHE_SECONDS, compute())
            cache.set(key, entry, FACET_CACHE_SECONDS)
        _recent[key] = entry
        while len(_recent) > RECENT_VALUES:
            _recent.popitem(last=False)
    else:
        _recent.move_to_end(key)
    return entry[1]


def cached_html(name, template, context, request):
    """`template` rendered with context(): HTML that is the same for every reader of the interface's
    language until a statement changes (a list of every body or delegation), cached under the
    archive's version and the language (cached())."""
    return cached(f"{name}:{get_language()}", archive_version(),
                  lambda: render_to_string(template, context(), request))


# What cached() read lately in this process, oldest first: {key: (expiry time, value)}.
_recent = OrderedDict()
RECENT_VALUES = 256


def remembered(version):
    """A dictionary this process keeps for `version` (the archive's, as archive_version() gives it),
    for at most FACET_CACHE_SECONDS: emptied when the version changes or the time is up. For what is
    the same for every public visitor until the archive changes and is read on many requests, but is
    not worth a round trip to the shared cache (the records a browse address names, per filter: each
    caller bounds what it keeps under its own key)."""
    now = time.time()
    if _remembered["version"] != version or _remembered["until"] <= now:
        _remembered.update(version=version, until=now + FACET_CACHE_SECONDS, values={})
    return _remembered["values"]


_remembered = {"version": None, "until": 0, "values": {}}


def forget_facet_counts():
    """Drop the cached unfiltered facet counts in every process: the generation in the shared cache is
    part of every key, so no worker reads a count made before."""
    try:
        cache.incr("archive:facets:generation")
    except ValueError:
        cache.set("archive:facets:generation", 1, None)
