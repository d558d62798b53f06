"""The read-only JSON API under /api/: bodies, meetings, agenda items, delegations, statements, paragraphs.
Its endpoints, filters and errors; how each record reads as JSON is in api_serializers.py.

Statements and paragraphs are selected as the browse page selects them (selection.Selection: its filters and `?q=` full
text (search.py), so an API call and a browse address with the same parameters select the same
statements. Anonymous, read-only, throttled; cursor pagination in the order rows were added (id),
which stays stable while the archive grows.

The API answers what its OpenAPI description says and nothing else: a parameter it does not take, or
a value its schema does not allow, is a 400 naming the parameter; a filter naming no record (an
unknown slug or item id) or a cursor that does not decode is a 404; an empty value is no filter.
"""
import re

import django_filters
from django import forms
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.routers import SimpleRouter

from . import search, versions
from .api_serializers import (
    AgendaItemSerializer, BodySerializer, DelegationSerializer, MeetingSerializer, ParagraphSerializer,
    StatementSerializer,
)
from .filters import YEARS, InFilter, StatementFilter
from .limits import ArchiveAnonThrottle
from .models import AgendaItem, Body, Delegation, GroupMembership, Meeting, Paragraph, Statement
from .selection import Selection


MAX_ID = 2**63 - 1  # the largest id either database stores: a larger one would overflow the query
# Integer parameters and their ranges, checked before any query and given in the OpenAPI description.
BOUNDS = {"item": (1, MAX_ID), "year": YEARS, "year_from": YEARS, "year_to": YEARS}


def integer_schema(name):
    low, high = BOUNDS[name]
    return {"type": "integer", "minimum": low, "maximum": high}


def require_whole_number(name, value, low, high):
    """A 400 unless `value` is a whole number written in digits from `low` to `high`."""
    if not re.fullmatch(r"-?[0-9]{1,19}", value) or not low <= int(value) <= high:
        raise exceptions.ValidationError({name: [f"“{value[:40]}” is not a whole number from {low} to {high}."]})


class ArchiveCursorPagination(CursorPagination):
    # Ids only grow: a cursor stays valid while statements are added or corrected.
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        require_whole_number(self.page_size_query_param, value, 1, self.max_page_size)
        return int(value)

    def decode_cursor(self, request):
        # DRF checks the cursor's offset but not its position, which goes into `id > position`.
        cursor = super().decode_cursor(request)
        if cursor and cursor.position is not None:
            if not re.fullmatch(r"[0-9]{1,18}", cursor.position):
                raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


# Filters -------------------------------------------------------------------------------------


def names_a_slug(filter_):
    return filter_.extra.get("to_field_name") == "slug"


class ArchiveFilterBackend(DjangoFilterBackend):
    """The view's FilterSet over the query parameters. An empty slug (`?meeting=`) is no filter; an
    empty number or choice is refused, as the schema says. A filter naming no record is a 404, any
    other refused value a 400; both name the filter."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filters = self.get_filterset_class(view, queryset).base_filters
        data = kwargs["data"].copy()
        for name in [name for name in data if name in filters]:
            values = data.getlist(name)
            if names_a_slug(filters[name]):
                values = [value for value in values if value != ""]
                if not values:
                    del data[name]
                    continue
                data.setlist(name, values)
            if "" in values:
                raise exceptions.ValidationError({name: ["Give a value, or leave the parameter out."]})
        for name, (low, high) in BOUNDS.items():
            for value in data.getlist(name):
                require_whole_number(name, value, low, high)
        kwargs["data"] = data
        return kwargs

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        self.check(filterset)
        return filterset.qs

    def check(self, filterset):
        if filterset.is_valid():
            return
        errors = filterset.form.errors.as_data()
        if all(
            isinstance(filterset.filters[name], django_filters.ModelMultipleChoiceFilter)
            and all(error.code == "invalid_choice" for error in field_errors)
            for name, field_errors in errors.items()
        ):
            raise exceptions.NotFound(filterset.errors)
        raise exceptions.ValidationError(filterset.errors)


class SelectionBackend(ArchiveFilterBackend):
    """Statements, or paragraphs, as the browse address with the same parameters selects them
    (selection.Selection: the browse filters and `?q=`); for a search, only the matching paragraphs.
    The view's `selects` is "statements" or "paragraphs"."""

    def get_filterset_class(self, view, queryset=None):
        return StatementFilter

    def filter_queryset(self, request, queryset, view):
        data = self.get_filterset_kwargs(request, Statement.objects.published(), view)["data"]
        statements = queryset if view.selects == "statements" else None
        selection = Selection(data, base=statements)
        self.check(selection.filterset)
        if selection.query.text and not selection.query:
            raise exceptions.ValidationError({"q": [selection.query.message]})
        if statements is not None:
            return selection.statements
        if any(selection.chosen.values()):
            queryset = queryset.filter(statement__in=selection.filterset.qs.values("pk"))
        return queryset.filter(pk__in=selection.hits.paragraph_ids()) if selection.hits else queryset


# `?q=`, which SelectionBackend reads besides the filters (drf-spectacular describes a django-filter
# backend's parameters itself, from the FilterSet).
SEARCH_PARAMETER = extend_schema_view(list=extend_schema(parameters=[OpenApiParameter(
    "q", str, required=False, description='Full-text search, as on the browse page: words, "exact phrases", prefix*, -exclusion, OR.',
)]))


# For the OpenAPI description only: the value types of the browse filters that name rows (slugs, an
# item id) or are numbers, which drf-spectacular cannot find on the paragraph model. The filters
# themselves stay as filters.py defines them.
for _name, _type in [("body", OpenApiTypes.STR), ("meeting", OpenApiTypes.STR), ("delegation", OpenApiTypes.STR),
                     ("on_behalf_of", OpenApiTypes.STR), ("speaker", OpenApiTypes.STR), ("item", integer_schema("item")),
                     ("year", integer_schema("year")), ("year_from", integer_schema("year_from")),
                     ("year_to", integer_schema("year_to"))]:
    extend_schema_field(_type)(StatementFilter.base_filters[_name])


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter reads decimals: 2017.5 would select 2017, 4.888e-118 nothing)."""

    field_class = forms.IntegerField


class MeetingFilter(django_filters.FilterSet):
    # Only records the public may see: one only drafts use answers as an unknown slug does (a 404).
    body = InFilter(to_field_name="slug", queryset=lambda request: Body.objects.public())
    year = extend_schema_field(integer_schema("year"))(IntegerFilter(min_value=YEARS[0], max_value=YEARS[1]))

    class Meta:
        model = Meeting
        fields = []


class AgendaItemFilter(django_filters.FilterSet):
    meeting = InFilter(to_field_name="slug", queryset=lambda request: Meeting.objects.public())

    class Meta:
        model = AgendaItem
        fields = []


class DelegationFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Delegation.Kind.choices)

    class Meta:
        model = Delegation
        fields = []


# Views ---------------------------------------------------------------------------------------

ERROR = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
REFUSED = {
    "type": "object",
    "description": "Each refused query parameter with the reasons.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class ArchiveAutoSchema(AutoSchema):
    """Every operation's answers besides 200: a refused parameter (400), a record or a filter's
    value not found or a bad cursor (404), too many requests (429)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        not_found = {**ERROR, "description": "Not found; on a list, a filter's value names no record: "
                     "the object names each such filter with the reasons, as a 400 does."}
        for code, schema, description in [
            ("400", REFUSED, "A query parameter this operation does not take, or a value its schema does not allow."),
            ("404", {"oneOf": [not_found, REFUSED]}, "No such record, an invalid cursor, or a filter naming no record."),
            ("429", ERROR, "Too many requests from this client: wait the seconds that Retry-After gives."),
        ]:
            responses[code] = {**self._get_response_for_code(schema, code, direction=direction),
                               "description": description}
        return responses


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []
    throttle_classes = [ArchiveAnonThrottle]
    pagination_class = ArchiveCursorPagination
    filter_backends = [ArchiveFilterBackend]
    schema = ArchiveAutoSchema()
    lookup_value_regex = "[^/]+"  # any id reaches the view: one that matches nothing is a JSON 404

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first: a refused client gets its 429
        if self.action not in ("list", "retrieve"):
            return  # a method the API does not answer: DRF's 405 (OPTIONS: its description)
        taken = self.query_parameters()
        unknown = sorted(set(request.query_params) - taken)
        if unknown:
            takes = f"this operation takes {', '.join(sorted(taken))}" if taken else "this operation takes none"
            raise exceptions.ValidationError({name: [f"Unknown query parameter: {takes}."] for name in unknown})

    def query_parameters(self):
        """The names of the query parameters this action takes (those its OpenAPI description lists)."""
        if self.action != "list":
            return set()
        names = {self.paginator.cursor_query_param, self.paginator.page_size_query_param}
        for backend in self.filter_backends:
            if backend is SelectionBackend:
                names.add("q")
            filterset_class = backend().get_filterset_class(self, self.get_queryset())
            names |= set(filterset_class.base_filters) if filterset_class else set()
        return names


class SchemaView(SpectacularAPIView):
    """The OpenAPI description of the API's one version. drf-spectacular would take `?version=` from
    the address into the description and its file name: anyone could link a schema saying another
    version, and a newline in it made the header invalid (a 500)."""

    def _get_version_parameter(self, request):
        return None


class BodyViewSet(ArchiveViewSet):
    """Bodies: the forums that meet (an expert group, a commission)."""

    queryset = Body.objects.public()
    serializer_class = BodySerializer


class MeetingViewSet(ArchiveViewSet):
    """Meetings: one session of a body. Filter by `body` (slug, repeatable) and `year`."""

    queryset = Meeting.objects.public().select_related("body")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter


class AgendaItemViewSet(ArchiveViewSet):
    """Agenda items of meetings. Filter by `meeting` (slug, repeatable)."""

    queryset = AgendaItem.objects.public().select_related("meeting")
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter


class DelegationViewSet(ArchiveViewSet):
    """Delegations: states, groups, organisations. Filter by `kind` (repeatable)."""

    # A group's members as the public may see them: not a delegation only a draft names.
    queryset = Delegation.objects.public().prefetch_related(
        "aliases", Prefetch("members", queryset=Delegation.objects.public()),
        Prefetch("memberships", queryset=GroupMembership.objects.filter(member__in=Delegation.objects.public())
                 .select_related("group", "member")),
        Prefetch("group_memberships", queryset=GroupMembership.objects.filter(group__in=Delegation.objects.public())
                 .select_related("group", "member")),
    )
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter


@SEARCH_PARAMETER
class StatementViewSet(ArchiveViewSet):
    """Published statements with their paragraphs, filtered exactly as the browse page filters them."""

    queryset = (
        Statement.objects.published()
        .with_listing_data()
        .select_related("person")
        .prefetch_related("paragraphs", versions.published_versions_prefetch())
    )
    serializer_class = StatementSerializer
    filter_backends = [SelectionBackend]
    selects = "statements"
    pagination_class = type("StatementPagination", (ArchiveCursorPagination,), {"page_size": 20, "max_page_size": 100})


@SEARCH_PARAMETER
class ParagraphViewSet(ArchiveViewSet):
    """Paragraphs of published statements; the statement filters and `?q=` select them."""

    queryset = Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED).exclude(
        statement__version_of__status=Statement.Status.DRAFT  # a version of a draft is not public
    ).annotate(
        listed_statement_id=Coalesce("statement__version_of_id", "statement_id")
    )
    serializer_class = ParagraphSerializer
    lookup_field = "public_id"
    filter_backends = [SelectionBackend]
    selects = "paragraphs"


router = SimpleRouter()
router.register("bodies", BodyViewSet, basename="body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("statements", StatementViewSet, basename="statement")
router.register("paragraphs", ParagraphViewSet, basename="paragraph")
urlpatterns = router.urls
