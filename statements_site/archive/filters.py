"""The browse filters: each facet declared once, and the FilterSet that validates a browse address.

A `Facet` definition gives a facet's URL parameter, heading, filter, choices, the columns it groups on
(the value in the URL first, then what makes its label), how a grouped row reads as a label, and the
download column that spells its codes as words. `StatementFilter` is built from FACETS (plus the year
range), facets.py counts them, tally.py counts them in Python, downloads.py names their columns: a
new facet is one entry in FACETS. A little over 400 lines because the definitions and the filter
classes they are built from change together.
"""
import copy
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.utils.translation import get_language, gettext, gettext_lazy as _
from django_filters.filters import FilterMethod
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .caching import archive_version, cached, forget_facet_counts, remembered  # noqa: F401  (forget_facet_counts: callers import it from here)
from .local_names import delegation_namer
from .models import AgendaItem, Body, Delegation, Language, Meeting, Statement
from .people import Person

MAX_VALUES_PER_FACET = 50  # more chosen values than this in one facet is a 400, not a slow query
REMEMBERED_PER_FILTER = 256  # sets of chosen values remembered per filter and process (ChosenModels)


class CopiedPerRequest:
    """A filter copied for each request's filter set without copying what no request changes.

    A filter set deep-copies its filters for every request (the copy gets the filter set as
    parent, and its form field once built): deeply, that also copied the choices and the lazy
    labels, 0.14 ms per request for thirteen filters. The copy shares them, and has its own
    `extra` (which building the field writes to) and its own FilterMethod (which finds the
    method on the copy's parent)."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.extra = dict(self.extra)
        if isinstance(self.__dict__.get("filter"), FilterMethod):
            result.filter = FilterMethod(result)
        return result


class FixedChoices(django_filters.fields.MultipleChoiceField):
    """Coded values, the choices shared by the form's copies: a form deep-copies its fields for every
    request, and the choices (declared once, never changed) were most of that copy."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class ChosenModels(django_filters.fields.ModelMultipleChoiceField):
    """The chosen objects as a list, [] when none: Django's empty value is a `none()` queryset, which
    is compiled again each time it is tested for truth (about 1 ms per facet per request)."""

    # {(field, values): the chosen records} of this filter, shared by the public's requests under one
    # archive version (caching.remembered), set by the form (BaseStatementFilter.form); None for staff.
    # One per filter: two filters may choose from one model (any delegation, or only groups).
    remembered = None

    def __deepcopy__(self, memo):
        # Without cloning the queryset as Django's copy does: the form (BaseStatementFilter.form) gives
        # each filter the request gives its own queryset, and the others are never read.
        return forms.Field.__deepcopy__(self, memo)

    def _check_values(self, value):
        """The chosen records, as Django finds them (one query, and a filter built per value to check
        it), remembered for the public's next requests naming the same values under the same archive
        version: a third of a filtered browse page's setup. Refused values are not remembered."""
        if self.remembered is None or not isinstance(value, (list, tuple)):
            return super()._check_values(value)
        try:
            key = (self.to_field_name, frozenset(value))
        except TypeError:  # unhashable values: Django says why
            return super()._check_values(value)
        records = self.remembered.get(key)
        if records is None:
            if len(self.remembered) >= REMEMBERED_PER_FILTER:
                self.remembered.clear()
            records = self.remembered[key] = super()._check_values(value)
        return list(records)

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


class InFilter(CopiedPerRequest, django_filters.ModelMultipleChoiceFilter):
    """Several model values as one `field IN (...)`, without DISTINCT (the relations are foreign keys).

    Give `queryset` as a function of the request: a filter set deep-copies its filters for every
    request, and copying a function is free where copying a queryset is not."""

    field_class = ChosenModels

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


class ChoicesInFilter(CopiedPerRequest, django_filters.MultipleChoiceFilter):
    field_class = FixedChoices

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




class YearBoundFilter(CopiedPerRequest, django_filters.NumberFilter):
    """One end of a year range (`year_from=2019`): a whole year in YEARS, else the form is invalid."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, field_name="year", min_value=YEARS[0], max_value=YEARS[1], **kwargs)


def visible(request, queryset):
    """Bodies, meetings, agenda items or delegations as this visitor may see them: without those only
    drafts use, except for staff, who see drafts too. Without a request (a feed, the API), the public's.

    For the public, `queryset` (Model.objects or a related manager such as meeting.agenda_items)
    without the hidden_ids(): a short list of ids rather than public()'s nested EXISTS, whose
    building and compiling cost ~1.5 ms of Python per use (a page has several)."""
    if request is not None and request.user.is_staff:
        return queryset.all()
    return queryset.exclude(pk__in=hidden_ids(queryset.model))


@dataclass(frozen=True)
class Facet:
    """One facet of the statements, declared once.

    `columns` are the Statement paths a grouped COUNT reads (value in the URL first); `label_row`
    turns such a row into the label shown; `choices` spell coded values (and name the download
    column `export`, with the codes in `export`_code); `by_value` lists values in their own order
    (newest year first) instead of by count; `after` shows the facet only once that filter has a
    value (agenda items once a meeting is chosen); `labels`, instead of `label_row`, gives a
    label_row for the rows of one list, reading what the labels depend on (the interface's
    language) once rather than per row."""

    name: str
    label: str
    filter: django_filters.Filter
    columns: tuple
    label_row: object = None
    choices: object = None
    by_value: bool = False
    after: str = ""
    export: str = ""
    labels: object = None

    def label_for(self, row):
        """The label of one grouped row (value, label parts..., count)."""
        return self.labeller()(row)

    def labeller(self):
        """label_for(), for the rows of one list (a browse page labels hundreds)."""
        if self.labels is not None:
            return self.labels()
        if self.label_row is None and self.choices is not None:
            words = self.words_in(get_language())
            return lambda row: words.get(row[0], str(row[0]))
        return self._label_for

    def words_in(self, language):
        """{code: word} of its choices said in `language`, translated once per language and process
        (the catalogues do not change while it runs) rather than once per value shown."""
        translated = self.__dict__.setdefault("_translated", {})
        if language not in translated:
            translated[language] = {code: str(word) for code, word in self.words.items()}
        return translated[language]

    def _label_for(self, row):
        if self.label_row is not None:
            return self.label_row(row)
        if self.choices is not None:
            return self.words.get(row[0], str(row[0]))
        return row[1]

    @cached_property
    def words(self):
        """{code: word} of its choices, made once (a page labels hundreds of values; the labels stay
        lazy, so each is said in the reader's language)."""
        choices = self.choices() if callable(self.choices) else self.choices
        return dict(choices or ())

    @property
    def related(self):
        """The foreign key of Statement its columns go through ("meeting"), or "" for a column of its own."""
        return self.columns[0].split("__", 1)[0] if "__" in self.columns[0] else ""


def shown_to(model, *filter_path):
    """The `queryset` of a filter naming rows of `model`, as a function of the request: a filter set
    deep-copies its filters for every request, and copying a function is free where copying a
    queryset is not. A value naming a record only drafts use is no valid choice for the public: its
    pill would show its name."""
    if filter_path:
        return lambda request: getattr(visible(request, model.objects), filter_path[0])()
    return lambda request: visible(request, model.objects)


def hidden_ids(model):
    """The ids of the rows of `model` (a body, meeting, agenda item or delegation) that only drafts use,
    hidden from the public, sorted: few or none. Read for the four models in one query, cached under
    the archive's version (a new or changed statement makes a new one at once)."""
    return cached("hidden", archive_version(), read_hidden_ids).get(model._meta.label_lower, [])


def read_hidden_ids():
    parts = [
        model.objects.exclude(pk__in=model.objects.public().values("pk")).order_by()
        .annotate(model=Value(model._meta.label_lower)).values_list("model", "pk")
        for model in (Body, Meeting, AgendaItem, Delegation, Person)
    ]
    hidden = {}
    for label, pk in parts[0].union(*parts[1:], all=True):
        hidden.setdefault(label, []).append(pk)
    return {label: sorted(ids) for label, ids in hidden.items()}


def delegation_labels():
    """Grouped rows (slug, canonical name, count) -> the delegation's name in the interface's language."""
    name = delegation_namer()
    return lambda row: name(row[1])


def choice_facet(name, label, field, choices, export="", described=True, **options):
    """A facet of coded values; `described=False` leaves the API's description of the parameter
    without the heading, as it has always been."""
    filter_ = ChoicesInFilter(**({"label": label} if described else {}), field_name=field, choices=choices)
    return Facet(name, label, filter_, (field,), choices=choices, export=export, **options)


FACETS = [
    Facet("body", _("Body"),
          InFilter(label=_("Body"), field_name="meeting__body", to_field_name="slug", queryset=shown_to(Body)),
          ("meeting__body__slug", "meeting__body__short_name", "meeting__body__name"),
          label_row=lambda row: row[1] or row[2]),
    Facet("meeting", _("Meeting"),
          InFilter(label=_("Meeting"), to_field_name="slug", queryset=shown_to(Meeting)),
          ("meeting__slug", "meeting__title", "meeting__session", "meeting__year"),
          label_row=lambda row: f"{Meeting.format_name(row[1], row[2])} ({row[3]})"),
    Facet("item", _("Agenda item"),
          InFilter(label=_("Agenda item"), queryset=shown_to(AgendaItem), method="filter_items"),
          ("agendaitem_id", "agendaitem__number", "agendaitem__title"),
          label_row=lambda row: AgendaItem.format_label(row[1], row[2]), after="meeting"),
    Facet("delegation", _("Delegation"),
          InFilter(label=_("Delegation"), to_field_name="slug", queryset=shown_to(Delegation)),
          ("delegation__slug", "delegation__name"), labels=delegation_labels),
    Facet("on_behalf_of", _("On behalf of"),
          InFilter(label=_("On behalf of"), to_field_name="slug", queryset=shown_to(Delegation, "groups")),
          ("on_behalf_of__slug", "on_behalf_of__name"), labels=delegation_labels),
    choice_facet("delegation_kind", _("Kind of delegation"), "delegation__kind", Delegation.Kind.choices,
                 export="delegation_kind"),
    Facet("year", _("Year"), YearFilter(label=_("Year")), ("year",), choices=year_choices, by_value=True),
    choice_facet("language", _("Language"), "language", Language.choices, export="language", described=False),
    choice_facet("type", _("Type"), "kind", Statement.Kind.choices, export="type"),
    choice_facet("version", _("Version"), "version", Statement.Version.choices, export="version", described=False),
    # Speakers as people: the person's slug in the URL, their name as the label.
    Facet("speaker", _("Speaker"),
          InFilter(label=_("Speaker"), field_name="person", to_field_name="slug", queryset=shown_to(Person)),
          ("person__slug", "person__name")),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# Filters with one value (a year range), not a list of values: the pill's words for each.
RANGES = {"year_from": _("From {}"), "year_to": _("To {}")}


class BaseStatementFilter(django_filters.FilterSet):
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
            # visitor's querysets for every filter cost about 3 ms per FilterSet.
            given = set(self.data or ())
            public = self.request is None or not self.request.user.is_staff
            for name, filter_ in self.filters.items():
                if isinstance(filter_, InFilter) and name in given:
                    field = form.fields[name]
                    field.queryset = filter_.get_queryset(self.request)
                    # The public's choices are the same for everyone until the archive changes.
                    field.remembered = remembered(archive_version()).setdefault(name, {}) if public else None
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
            if name in RANGES:
                if values is not None:
                    pills.append((name, self.data.get(name), str(RANGES[name]).format(values)))
                continue
            words = FACETS_BY_NAME[name].words
            for value in values or []:
                if isinstance(value, str):
                    pills.append((name, value, words.get(value, value)))
                else:
                    pills.append((name, url_value(name, value), facet_label(name, value)))
        return pills


# The browse address's FilterSet: one filter per facet, then the year range.
StatementFilter = type(BaseStatementFilter)("StatementFilter", (BaseStatementFilter,), {
    **{facet.name: facet.filter for facet in FACETS},
    "year_from": YearBoundFilter(label=_("From year"), lookup_expr="gte"),
    "year_to": YearBoundFilter(label=_("To year"), lookup_expr="lte"),
    "__module__": __name__,
    "__doc__": "The browse filters (several values per facet) over the statements: `.qs` is what they select.",
})


def url_value(name, value):
    """A chosen record as the URL names it: an agenda item by id, others by slug."""
    return str(value.pk if name == "item" else value.slug)


def facet_label(name, value):
    return value.label if name == "item" else str(value)


# Parameters of a browse address that are not filters.
OTHER_PARAMETERS = ("q", "sort", "page")


def unknown_parameters(params, known=OTHER_PARAMETERS):
    """The names in `params` that are neither a filter of StatementFilter nor in `known`, sorted:
    a misspelt filter (?speaker_group=) would otherwise be ignored while the reader believes the
    list is filtered."""
    return sorted(set(params) - set(StatementFilter.base_filters) - set(known))


def too_many_values(params):
    """A message if one facet in the GET parameters has more values than we count, else ''."""
    for name in StatementFilter.base_filters:
        if len(params.getlist(name)) > MAX_VALUES_PER_FACET:
            return gettext("Choose at most %(limit)s values of one filter (“%(name)s” has %(count)s).") % {
                "limit": MAX_VALUES_PER_FACET, "name": name, "count": len(params.getlist(name))}
    return ""


def visible_statements(request):
    """Published statements, each once (not their language versions); staff also see drafts (marked as such on the page)."""
    if request is not None and request.user.is_staff:
        return Statement.objects.originals()
    return Statement.objects.published()


def readable_statements(request):
    """What a reader may open at its own address: visible statements and their language versions."""
    from .versions import readable  # versions builds on the models and the search, not on the filters

    return readable(request is not None and request.user.is_staff)
