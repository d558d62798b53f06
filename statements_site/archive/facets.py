"""Facet counts for a browse page: each facet's values under every filter except the facet's own,
so choosing one delegation still shows the others to add.

A facet is counted from the selection's tally (tally.py) where no chosen value of its own narrows
it, else with one grouped COUNT; over the whole archive (no filter, no search) the counts are
cached (caching.py). What a facet is (its filter, columns, labels) is declared once in
filters.FACETS.
"""
import re
from dataclasses import dataclass, field
from urllib.parse import quote_plus, urlencode

from django.db.models import Count

from .caching import archive_version, cached
from .filters import FACETS, RANGES, url_value
from .models import Statement

FACET_SHOWN = 10  # values shown before "show more"
FACET_LOADED = 100  # values loaded at most; beyond that the facet says so (and rendering stays cheap)


@dataclass
class CountedFacet:
    """One facet as a page shows it: its parameter, heading and [(value, label, count, selected, url)]
    best first."""

    name: str
    label: str
    values: list = field(default_factory=list)
    truncated: bool = False

    @property
    def shown(self):
        return self.values[:FACET_SHOWN]

    @property
    def more(self):
        return self.values[FACET_SHOWN:]


def facets(filterset, toggle_url, restrict=None, cache_scope=None, tally=None, version=None):
    """Every facet of the browse page with its values counted, in FACETS order (empty ones left out).

    `restrict` narrows every count (the search's matching statements); `toggle_url(name, value)`
    gives the address that adds or removes a value. With `cache_scope` (a name for the base
    queryset, e.g. "published"), a facet that no other filter narrows is read from the cache when it
    can be. With a `tally` of the selected statements, the facets without a chosen value are
    counted from it (the agenda items with the chosen meetings' links). `version` is the archive's
    version when the caller has already read it.
    """
    data = filterset.form.cleaned_data
    selected = {name: {value if isinstance(value, str) else url_value(name, value) for value in values or []}
                for name, values in data.items() if name not in RANGES}
    versions = [version] if version else []

    def cache_version():
        if not versions:  # one indexed lookup per page, only when some facet may come from the cache
            versions.append(archive_version())
        return versions[0]

    def counted(facet):
        if facet.after and not data.get(facet.after):
            return []
        if tally is not None and not data.get(facet.name):
            if facet.after:
                return tally.item_rows(data[facet.after], FACET_LOADED + 1)
            return tally.facet_rows(facet, FACET_LOADED + 1)
        if facet.after:
            return count_items(filterset, restrict, data[facet.after])
        unfiltered = restrict is None and not any(values for other, values in data.items() if other != facet.name)
        if cache_scope and unfiltered:
            return cached(f"facets:{cache_scope}:{facet.name}", cache_version(),
                          lambda: count_rows(filterset, restrict, facet))
        return count_rows(filterset, restrict, facet)

    result = []
    for facet in FACETS:
        counted_facet = CountedFacet(facet.name, facet.label)
        rows = counted(facet)
        counted_facet.truncated = len(rows) > FACET_LOADED
        chosen = selected.get(facet.name, ())
        label = facet.labeller()
        for row in rows[:FACET_LOADED]:
            value = str(row[0])
            counted_facet.values.append((value, label(row), row[-1], value in chosen, toggle_url(facet.name, value)))
        if counted_facet.values:
            result.append(counted_facet)
    return result


def statements_without(filterset, restrict, name):
    qs = filterset.queryset_without(name)
    return (restrict(qs) if restrict is not None else qs).order_by()


def count_rows(filterset, restrict, facet):
    """One grouped COUNT of the statements under every filter but the facet's own."""
    columns = facet.columns
    rows = (
        statements_without(filterset, restrict, facet.name)
        .exclude(**{f"{columns[0]}__isnull": True})
        .values_list(*columns)
        .annotate(n=Count("pk"))
        .order_by(*([f"-{columns[0]}"] if facet.by_value else ["-n", columns[0]]))
    )
    return list(rows[: FACET_LOADED + 1])


def count_items(filterset, restrict, meetings):
    """The agenda item facet, counted on the statement–item link table, for the chosen meetings' agenda only."""
    links = Statement.agenda_items.through.objects.filter(
        statement__in=statements_without(filterset, restrict, "item").values("pk"), agendaitem__meeting__in=meetings
    )
    rows = (
        links.values_list("agendaitem_id", "agendaitem__number", "agendaitem__title")
        .annotate(n=Count("statement_id"))
        .order_by("-n", "agendaitem__position")
    )
    return list(rows[: FACET_LOADED + 1])


# What quote_plus() leaves as it is: a value made only of these is its own encoding.
_unquoted = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def toggler(params):
    """For one request's parameters, `toggle(name, value)`: the browse address with
    `value` added to or removed from facet `name`, back to page 1.

    Called for every facet value on the page (hundreds): the current parameters are encoded once,
    and adding a value only appends `name=value` to them, encoded as urlencode() would; a value
    urlencode() leaves as it is (a slug, an id, a year, a code) is not encoded again (urlencode()
    per value was a tenth of the facets' time)."""
    pairs = [(key, v) for key, values in params.lists() if key != "page" for v in values]
    base = urlencode(pairs)
    prefix = f"?{base}&" if base else "?"
    chosen = set(pairs)
    names = {}

    def toggle(name, value):
        if (name, value) in chosen:
            encoded = urlencode([pair for pair in pairs if pair != (name, value)])
            return f"?{encoded}" if encoded else "?"
        key = names.get(name)
        if key is None:
            key = names[name] = quote_plus(name)
        return f"{prefix}{key}={value if _unquoted(value) else quote_plus(value)}"

    return toggle
