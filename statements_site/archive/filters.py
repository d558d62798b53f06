"""Browse filters, the statements they select, and their facet counts.

`StatementFilter` validates the GET parameters (several values per facet) and gives `.qs`.
`Tally` reads what a search or filtered list selects once, and pages and counts it.
`facets()` counts each facet's values under every filter except the facet's own, so choosing
one delegation still shows the others to add: from the tally where it can, else with one
grouped COUNT (cached for the whole archive).
"""
import json
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Count, Max
from django.utils.translation import gettext, gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .local_names import delegation_name
from .models import AgendaItem, Body, Delegation, Language, Meeting, Statement
from .people import Person

FACET_SHOWN = 10  # values shown before "show more"
FACET_LOADED = 100  # values loaded at most; beyond that the facet says so (and rendering stays cheap)
MAX_VALUES_PER_FACET = 50  # more chosen values than this in one facet is a 400, not a slow query
# Facet counts over all published statements (no other filter, no search) are the same for every
# visitor and cost a full pass over the table each: they are cached (in the shared cache) under a key
# made of the latest statement write time (an indexed MAX, so any added or edited statement
# makes a new key at once) and a generation number that forget_facet_counts() bumps. Deletions
# and renamed delegations or meetings show after at most FACET_CACHE_SECONDS.
FACET_CACHE_SECONDS = 60


class ChosenModels(django_filters.fields.ModelMultipleChoiceField):
    """The chosen objects as a list, [] when none: Django's empty value is a `none()` queryset, which
    is compiled again each time it is tested for truth (about 1 ms per facet per request)."""

    def clean(self, value):
        if not value and not self.required:
            return []
        if self.to_field_name is None:
            self.check_ids(value)
        return super().clean(value)

    def check_ids(self, values):
        """Ids the database can hold: a larger number made it raise (a 500), not find nothing."""
        pk = self.queryset.model._meta.pk
        for value in values if isinstance(values, (list, tuple)) else [values]:
            text = str(value).strip()
            try:
                # The length first: int() refuses 4,300 digits with a ValueError of its own.
                if not text.isdecimal() or len(text) > 20:
                    raise ValidationError("not an id")
                for validator in pk.validators:  # the database's integer range
                    validator(int(text))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": value}
                ) from None


class InFilter(django_filters.ModelMultipleChoiceFilter):
    """Several model values as one `field IN (...)`, without DISTINCT (the relations are foreign keys).

    Give `queryset` as a function of the request: a filter set deep-copies its filters for every
    request, and copying a function is free where copying a queryset is not."""

    field_class = ChosenModels

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


class ChoicesInFilter(django_filters.MultipleChoiceFilter):
    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


YEARS = (1945, 2100)  # what the year facet, the year range and the API accept


def year_choices():
    return [(str(year), str(year)) for year in range(YEARS[0], YEARS[1] + 1)]


@extend_schema_field(OpenApiTypes.INT)  # the API schema: years are integers (the choices are a function)
class YearFilter(ChoicesInFilter):
    """Years as choices given by a function, not a list: a filter set and its form deep-copy their
    choices on every request, and these are 156 pairs (a third of the filter set's setup time)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=year_choices, **kwargs)




class YearBoundFilter(django_filters.NumberFilter):
    """One end of a year range (`year_from=2019`): a whole year in YEARS, else the form is invalid."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, field_name="year", min_value=YEARS[0], max_value=YEARS[1], **kwargs)


def visible(request, queryset):
    """Bodies, meetings, agenda items or delegations as this visitor may see them: without those only
    drafts use, except for staff, who see drafts too. Without a request (a feed, the API), the public's."""
    if request is not None and request.user.is_staff:
        return queryset.all()
    if isinstance(queryset, models.Manager) and queryset is queryset.model._default_manager:
        return public_rows(queryset.model)  # Model.objects itself, not a related manager
    return queryset.public()


def public_rows(model):
    """model.objects.public(), built once in this process and handed out as a copy.

    Building it (nested EXISTS subqueries) cost 0.4-1.7 ms of Python per call, several times a page;
    a copy costs 4 microseconds. The queryset kept here is never evaluated, only copied, so it holds
    no rows and reads the database afresh each time it is used."""
    built = _public_rows.get(model)
    if built is None:
        built = _public_rows[model] = model.objects.public()
    return built.all()


_public_rows = {}


class StatementFilter(django_filters.FilterSet):
    # A value naming a record only drafts use is no valid choice for the public: its pill would show its name.
    body = InFilter(field_name="meeting__body", to_field_name="slug", queryset=lambda request: visible(request, Body.objects))
    meeting = InFilter(to_field_name="slug", queryset=lambda request: visible(request, Meeting.objects))
    item = InFilter(label=_("Agenda item"), queryset=lambda request: visible(request, AgendaItem.objects), method="filter_items")
    delegation = InFilter(to_field_name="slug", queryset=lambda request: visible(request, Delegation.objects))
    on_behalf_of = InFilter(
        label=_("On behalf of"), to_field_name="slug", queryset=lambda request: visible(request, Delegation.objects).groups()
    )
    delegation_kind = ChoicesInFilter(label=_("Kind of delegation"), field_name="delegation__kind", choices=Delegation.Kind.choices)
    year = YearFilter()
    year_from = YearBoundFilter(label=_("From year"), lookup_expr="gte")
    year_to = YearBoundFilter(label=_("To year"), lookup_expr="lte")
    language = ChoicesInFilter(choices=Language.choices)
    type = ChoicesInFilter(label=_("Type"), field_name="kind", choices=Statement.Kind.choices)
    version = ChoicesInFilter(choices=Statement.Version.choices)
    # Speakers as people: see SPEAKER_FACET.
    speaker = InFilter(label="Speaker", field_name="person", to_field_name="slug", queryset=lambda request: visible(request, Person.objects))

    class Meta:
        model = Statement
        fields = []

    def get_form_class(self):
        """The form class, built once: django-filter builds a new class (and fields) per request."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        """The form, its model choices as this request's visitor may see them (the cached form class
        holds the choices of whichever request built it)."""
        if not hasattr(self, "_form"):
            form = super().form
            # Only a parameter the request gives is validated against its choices; building the
            # visitor's querysets for every filter cost about 3 ms per FilterSet, and a page builds three.
            given = set(self.data or ())
            for name, filter_ in self.filters.items():
                if isinstance(filter_, InFilter) and name in given:
                    form.fields[name].queryset = filter_.get_queryset(self.request)
        return self._form

    def filter_items(self, queryset, name, value):
        if not value:
            return queryset
        through = Statement.agenda_items.through.objects.filter(agendaitem__in=value)
        return queryset.filter(pk__in=through.values("statement_id"))

    def queryset_without(self, skip):
        """The statements under every valid filter except `skip` (a facet counting itself)."""
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != skip:
                qs = self.filters[name].filter(qs, value)
        return qs

    def selected(self):
        """[(param, value in the URL, label)] for every chosen value: the removable pills."""
        pills = []
        for name, values in self.form.cleaned_data.items():
            if name in RANGE_PILLS:
                if values is not None:
                    pills.append((name, self.data.get(name), RANGE_PILLS[name].format(values)))
                continue
            choices = getattr(self.filters[name], "extra", {}).get("choices")
            choices = choices() if callable(choices) else choices
            for value in values or []:
                if isinstance(value, str):
                    pills.append((name, value, dict(choices or []).get(value, value)))
                else:
                    url_value = value.pk if name == "item" else value.slug
                    pills.append((name, str(url_value), facet_label(name, value)))
        return pills


RANGE_PILLS = {"year_from": _("From {}"), "year_to": _("To {}")}  # filters with one value, not a list
# Parameters of a browse address that are not filters.
OTHER_PARAMETERS = ("q", "sort", "page")


def unknown_parameters(params, known=OTHER_PARAMETERS):
    """The names in `params` that are neither a filter of StatementFilter nor in `known`, sorted:
    a misspelt filter (?speaker_group=) would otherwise be ignored while the reader believes the
    list is filtered."""
    return sorted(set(params) - set(StatementFilter.base_filters) - set(known))


def facet_label(name, value):
    return value.label if name == "item" else str(value)


@dataclass
class Facet:
    """One facet: its parameter, heading and [(value, label, count, selected, url)] best first."""

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


# param, heading, the GROUP BY columns (first is the value in the URL, then what makes the label)
MODEL_FACETS = [
    ("body", _("Body"), ["meeting__body__slug", "meeting__body__short_name", "meeting__body__name"]),
    ("meeting", _("Meeting"), ["meeting__slug", "meeting__title", "meeting__session", "meeting__year"]),
    ("delegation", _("Delegation"), ["delegation__slug", "delegation__name"]),
    ("on_behalf_of", _("On behalf of"), ["on_behalf_of__slug", "on_behalf_of__name"]),
]
BY_VALUE = {"year"}  # facets listed in their values' order (newest year first), not by count
CHOICE_FACETS = [
    ("delegation_kind", _("Kind of delegation"), "delegation__kind", Delegation.Kind.choices),
    ("year", _("Year"), "year", None),
    ("language", _("Language"), "language", Language.choices),
    ("type", _("Type"), "kind", Statement.Kind.choices),
    ("version", _("Version"), "version", Statement.Version.choices),
]


# The speaker facet: the person's slug in the URL, their name as the label. Counted with a grouped
# COUNT in SQL (cached when unfiltered), not from the Tally, which does not read the person column.
SPEAKER_PARAMETER = "speaker"
SPEAKER_FACET = (SPEAKER_PARAMETER, "Speaker", ["person__slug", "person__name"])


def model_label(name, row):
    if name in ("delegation", "on_behalf_of"):
        return delegation_name(row[1])
    if name == "body":
        return row[1] or row[2]
    if name == "meeting":
        return f"{Meeting.format_name(row[1], row[2])} ({row[3]})"
    if name == "item":
        return AgendaItem.format_label(row[1], row[2])
    return row[1]


def archive_version():
    """A key that changes whenever a statement is added or edited (the latest write time, an indexed
    MAX) or forget_facet_counts() is called: cached counts made under an older key are never read."""
    latest = Statement.objects.aggregate(latest=Max("updated"))["latest"]
    return f"{cache.get('archive:facets:generation', 0)}:{latest.timestamp() if latest else 0}"


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


# What cached() read lately in this process, oldest first: {key: (expiry time, value)}.
_recent = OrderedDict()
RECENT_VALUES = 256


def whole_archive_page(statements, order, number, size, version=None):
    """Page `number` (as the URL gave it) of all `statements` in `order`, loaded for result rows.

    With the archive's `version` (public visitors) the count and each page's ids are cached under it,
    like the facet counts: the same for every visitor until a statement changes. Without it (staff,
    who also see drafts) nothing is cached."""
    paginator = Paginator(statements.order_by(*order), size)
    if version is not None:
        paginator.count = cached("published:count", version, statements.count)
    page = paginator.get_page(number)

    def page_ids():
        return list(page.object_list.values_list("pk", flat=True))

    ids = page_ids() if version is None else cached(f"published:page:{','.join(order)}:{page.number}", version, page_ids)
    page.object_list = Statement.objects.result_rows(ids)
    return page


def forget_facet_counts():
    """Drop the cached unfiltered facet counts in every process: the generation in the shared cache is
    part of every key, so no worker reads a count made before."""
    try:
        cache.incr("archive:facets:generation")
    except ValueError:
        cache.set("archive:facets:generation", 1, None)


def too_many_values(params):
    """A message if one facet in the GET parameters has more values than we count, else ''."""
    for name in StatementFilter.base_filters:
        if len(params.getlist(name)) > MAX_VALUES_PER_FACET:
            return gettext("Choose at most %(max)s values of one filter (“%(name)s” has %(n)s).") % {
                "max": MAX_VALUES_PER_FACET, "name": name, "n": len(params.getlist(name))}
    return ""


def read_columns(queryset, fields):
    """The `fields` of every row of `queryset` as lists, one per field, all in the same row order.
    For integer and text columns only: on SQLite the values come through JSON, past Django's
    converters (a date would stay a string, a float keep 15 digits).

    Read as one row of aggregates (json_group_array on SQLite, array_agg on PostgreSQL): for 10,000
    to 40,000 rows a third faster on SQLite than a Python tuple per row (whose allocation also made
    the cycle collector run again and again during the read), 4 % faster on PostgreSQL."""
    try:
        sql, params = queryset.order_by().values_list(*fields).query.sql_with_params()
    except EmptyResultSet:  # .none(): invalid filters or a search without words
        return [[] for _ in fields]
    names = [f"c{i}" for i in range(len(fields))]
    sqlite = connection.vendor == "sqlite"
    aggregate = "json_group_array" if sqlite else "array_agg"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH t ({', '.join(names)}) AS ({sql}) SELECT {', '.join(f'{aggregate}({n})' for n in names)} FROM t",
            params,
        )
        row = cursor.fetchone()
    # No rows: SQLite gives '[]', PostgreSQL NULL.
    return [json.loads(value) if sqlite else (value or []) for value in row]


class Tally:
    """The statements one filtered browse or search selects, read once as narrow columns.

    One query gives, per statement, the columns the facets group on and the list sorts on (for a
    search, a second gives each one's best score and number of matching paragraphs from the hit
    table); two small queries give the meetings' and delegations' names. From these, in Python:
    the number of statements and of matching paragraphs, the ids of any page in any sort, and the
    counts of every facet that no chosen value of its own narrows. That is one pass over the
    matching statements instead of a COUNT, a sorted query and a grouped COUNT per facet, each of
    which would read them all again (at 50,000 statements a common word matches ~39,000 of them).

    The statements arrive as columns (see read_columns), not as a tuple per statement, and stay
    columns (lists of plain values).
    """

    FIELDS = ["pk", "meeting_id", "delegation_id", "on_behalf_of_id", "year", "language", "kind", "version", "position"]

    def __init__(self, statements, hits=None):
        fields = self.FIELDS
        self.searched = hits is not None
        self._counters = {}
        columns = read_columns(statements, fields)
        self.columns = dict(zip(fields, columns))  # name -> that value of every selected statement, in one order
        if self.searched:
            scores = hits.scores()
            found = [scores[pk] for pk in self.columns["pk"]]
            self.columns["hit_score"] = [score for score, _count in found]
            self.columns["hit_count"] = [count for _score, count in found]
        self.meetings = {
            row[0]: row[1:] for row in Meeting.objects.filter(pk__in=set(self.columns["meeting_id"])).order_by().values_list(
                "pk", "slug", "title", "session", "year", "date_start", "body__slug", "body__short_name", "body__name"
            )
        } if self.count else {}  # (dictionaries: the models' default orderings would only add sorts)
        delegation_ids = set(self.columns["delegation_id"]) | set(self.columns["on_behalf_of_id"])
        delegation_ids.discard(None)
        self.delegations = {
            row[0]: row[1:]
            for row in Delegation.objects.filter(pk__in=delegation_ids).order_by().values_list("pk", "slug", "name", "kind")
        } if delegation_ids else {}

    @property
    def count(self):
        return len(self.columns["pk"])

    @property
    def paragraph_count(self):
        return sum(self.columns["hit_count"]) if self.searched else None

    def order(self, sort):
        """The row numbers in the order of `sort` (see views.SORTS; the same keys). Stable sorts from
        the last key to the first, each keyed by a list's own __getitem__ (no Python call per row)."""
        pk, meeting, year, position = (self.columns[name] for name in ("pk", "meeting_id", "year", "position"))
        rows = sorted(range(self.count), key=pk.__getitem__)
        if sort == "relevance":
            rows.sort(key=year.__getitem__, reverse=True)
            rows.sort(key=self.columns["hit_score"].__getitem__)
            return rows
        start = [self.meetings[meeting_id][4] for meeting_id in meeting]
        newest = sort == "newest"
        # meeting_id and position ascending in both orders; the meeting's first day and year descending
        # for "newest". (reverse=True keeps equal rows in their order, so the sorts stay stable.)
        rows.sort(key=position.__getitem__)
        rows.sort(key=meeting.__getitem__)
        rows.sort(key=start.__getitem__, reverse=newest)
        rows.sort(key=year.__getitem__, reverse=newest)
        return rows

    def ordered_ids(self, sort):
        """Every statement id, in the order of `sort`."""
        pk = self.columns["pk"]
        return [pk[row] for row in self.order(sort)]

    def page(self, sort, number, size):
        """Page `number` (as the URL gave it) of the statements in `sort` order: a Paginator page whose
        object_list holds the statements, loaded for result rows, each with .hit_count (searches)."""
        page = Paginator(self.order(sort), size).get_page(number)
        rows = list(page.object_list)
        pk = self.columns["pk"]
        page.object_list = Statement.objects.result_rows([pk[row] for row in rows])
        if self.searched:
            hit_counts = {pk[row]: self.columns["hit_count"][row] for row in rows}
            for statement in page.object_list:
                statement.hit_count = hit_counts[statement.pk]
        return page

    def _counted(self, column):
        """Counter of one column's values, counted once (body and meeting share the meeting column)."""
        if column not in self._counters:
            self._counters[column] = Counter(self.columns[column])
        return self._counters[column]

    def facet_rows(self, name):
        """[(value, label parts..., count)] most frequent first, as facets() counts them in SQL.

        Counted by id first (Counter over a column runs in C), labelled afterwards."""
        if name in ("body", "meeting"):
            counts = Counter()
            for meeting_id, n in self._counted("meeting_id").items():
                values = self.meetings[meeting_id]
                counts[values[5:] if name == "body" else values[:4]] += n
        elif name in ("delegation", "on_behalf_of", "delegation_kind"):
            counts = Counter()
            for delegation_id, n in self._counted("on_behalf_of_id" if name == "on_behalf_of" else "delegation_id").items():
                if delegation_id is not None:
                    values = self.delegations[delegation_id]
                    counts[values[2:] if name == "delegation_kind" else values[:2]] += n
        else:
            column = {"year": "year", "language": "language", "type": "kind", "version": "version"}[name]
            counts = Counter({(value,): n for value, n in self._counted(column).items() if value is not None})
        if name in BY_VALUE:
            ranked = sorted(counts.items(), key=lambda pair: pair[0][0], reverse=True)
        else:
            ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0][0]))
        return [(*values, n) for values, n in ranked[: FACET_LOADED + 1]]


def facets(filterset, toggle_url, restrict=None, cache_scope=None, tally=None, version=None):
    """Every facet of the browse page, each one grouped COUNT of statements.

    `restrict` narrows every count (the search's matching statements); `toggle_url(name, value)`
    gives the address that adds or removes a value. Agenda items appear once a meeting is chosen.
    With `cache_scope` (a name for the base queryset, e.g. "published"), a facet that no other
    filter narrows is read from the cache when it can be: see FACET_CACHE_SECONDS. With a `tally`
    of the selected statements, the facets without a chosen value are counted from it.
    """
    data = filterset.form.cleaned_data
    selected = {name: {str(v if isinstance(v, str) else (v.pk if name == "item" else v.slug)) for v in values or []}
                for name, values in data.items() if name not in RANGE_PILLS}

    def statements_for(name):
        qs = filterset.queryset_without(name)
        return (restrict(qs) if restrict is not None else qs).order_by()

    def counted(name, columns):
        if tally is not None and not data.get(name) and name != SPEAKER_PARAMETER:
            return tally.facet_rows(name)
        unfiltered = restrict is None and not any(values for other, values in data.items() if other != name)
        if cache_scope and unfiltered:
            return cached(f"facets:{cache_scope}:{name}", cache_version(), lambda: count_rows(name, columns))
        return count_rows(name, columns)

    def count_rows(name, columns):
        rows = (
            statements_for(name)
            .exclude(**{f"{columns[0]}__isnull": True})
            .values_list(*columns)
            .annotate(n=Count("pk"))
            .order_by(*([f"-{columns[0]}"] if name in BY_VALUE else ["-n", columns[0]]))
        )
        return list(rows[: FACET_LOADED + 1])

    def counted_items(meetings):
        # Counted on the statement–item link table, for the chosen meetings' agenda only.
        links = Statement.agenda_items.through.objects.filter(
            statement__in=statements_for("item").values("pk"), agendaitem__meeting__in=meetings
        )
        rows = (
            links.values_list("agendaitem_id", "agendaitem__number", "agendaitem__title")
            .annotate(n=Count("statement_id"))
            .order_by("-n", "agendaitem__position")
        )
        return list(rows[: FACET_LOADED + 1])

    def build(name, label, rows, labeller):
        facet = Facet(name, label, truncated=len(rows) > FACET_LOADED)
        for row in rows[:FACET_LOADED]:
            value = str(row[0])
            is_selected = value in selected.get(name, ())
            facet.values.append((value, labeller(row), row[-1], is_selected, toggle_url(name, value)))
        return facet

    version = [version] if version else []

    def cache_version():
        if not version:  # one indexed lookup per page, only when some facet may come from the cache
            version.append(archive_version())
        return version[0]

    result = []
    for name, label, columns in MODEL_FACETS:
        result.append(build(name, label, counted(name, columns), lambda row, name=name: model_label(name, row)))
        if name == "meeting" and data.get("meeting"):
            rows = counted_items(data["meeting"])
            result.append(build("item", _("Agenda item"), rows, lambda row: model_label("item", row)))
    for name, label, column, choices in CHOICE_FACETS:
        names = dict(choices or [])
        result.append(build(name, label, counted(name, [column]), lambda row, names=names: names.get(row[0], str(row[0]))))
    name, label, columns = SPEAKER_FACET
    result.append(build(name, label, counted(name, columns), lambda row: row[1]))
    return [facet for facet in result if facet.values]


def toggler(params):
    """For one request's parameters, `toggle(name, value)`: the browse address with
    `value` added to or removed from facet `name`, back to page 1.

    Called for every facet value on the page (hundreds): the current parameters are encoded once,
    and adding a value only appends to them."""
    pairs = [(key, v) for key, values in params.lists() if key != "page" for v in values]
    base = urlencode(pairs)
    chosen = set(pairs)

    def toggle(name, value):
        if (name, value) in chosen:
            encoded = urlencode([pair for pair in pairs if pair != (name, value)])
            return f"?{encoded}" if encoded else "?"
        added = urlencode([(name, value)])
        return f"?{base}&{added}" if base else f"?{added}"

    return toggle
