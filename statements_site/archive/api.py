"""The read-only JSON API under /api/: bodies, meetings, agenda items, delegations, statements, paragraphs.

Statements and paragraphs are filtered by the browse page's own `StatementFilter` and `?q=` full
text (search.py), so an API call and a browse address with the same parameters select the same
statements. Anonymous, read-only, throttled; cursor pagination in the order rows were added (id),
which stays stable while the archive grows.
"""
import django_filters
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import CursorPagination
from rest_framework.routers import SimpleRouter

from . import search
from .filters import InFilter, StatementFilter
from .limits import ArchiveAnonThrottle
from .models import AgendaItem, Body, Delegation, Meeting, Paragraph, Statement


class ArchiveCursorPagination(CursorPagination):
    # Ids only grow: a cursor stays valid while statements are added or corrected.
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def absolute(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


# Filters -------------------------------------------------------------------------------------


class FullTextSearchBackend(BaseFilterBackend):
    """`?q=`: the browse page's full-text search (search.py); the view's `search_hits` names the ids kept."""

    def filter_queryset(self, request, queryset, view):
        query = search.parse(request.query_params.get("q"))
        if not query:
            if query.text:
                raise exceptions.ValidationError({"q": [query.message]})
            return queryset
        hits = search.find(query)
        return queryset.filter(pk__in=getattr(hits, view.search_hits)())

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "q",
                "required": False,
                "in": "query",
                "description": 'Full-text search, as on the browse page: words, "exact phrases", prefix*, -exclusion, OR.',
                "schema": {"type": "string"},
            }
        ]


class ParagraphStatementFilterBackend(DjangoFilterBackend):
    """Paragraphs of the statements that the browse filters (StatementFilter) select."""

    def get_filterset_class(self, view, queryset=None):
        return StatementFilter

    def filter_queryset(self, request, queryset, view):
        filterset = StatementFilter(request.query_params, queryset=Statement.objects.published(), request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        if not any(filterset.form.cleaned_data.values()):
            return queryset
        return queryset.filter(statement__in=filterset.qs.values("pk"))


# For the OpenAPI description only: the value types of the browse filters that name rows (slugs, an
# item id), which drf-spectacular cannot find on the paragraph model. The filters themselves stay as
# filters.py defines them.
for _name, _type in [("body", OpenApiTypes.STR), ("meeting", OpenApiTypes.STR), ("delegation", OpenApiTypes.STR),
                     ("on_behalf_of", OpenApiTypes.STR), ("item", OpenApiTypes.INT)]:
    extend_schema_field(_type)(StatementFilter.base_filters[_name])


class MeetingFilter(django_filters.FilterSet):
    body = InFilter(to_field_name="slug", queryset=Body.objects.all())
    year = django_filters.NumberFilter()

    class Meta:
        model = Meeting
        fields = []


class AgendaItemFilter(django_filters.FilterSet):
    meeting = InFilter(to_field_name="slug", queryset=Meeting.objects.all())

    class Meta:
        model = AgendaItem
        fields = []


class DelegationFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Delegation.Kind.choices)

    class Meta:
        model = Delegation
        fields = []


# Serializers ---------------------------------------------------------------------------------


class LinkedSerializer(serializers.ModelSerializer):
    """Adds `url` (this object in the API) and `html_url` (its page) from the Meta's route names."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return absolute(self.context["request"], f"archive:api:{self.Meta.api_route}-detail", obj.pk)

    def get_html_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class BodySerializer(LinkedSerializer):
    class Meta:
        model = Body
        api_route = "body"
        fields = ["id", "slug", "name", "short_name", "organisation", "description", "is_synthetic", "created",
                  "url", "html_url"]


class MeetingSerializer(LinkedSerializer):
    body_slug = serializers.CharField(source="body.slug")
    feed_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        api_route = "meeting"
        fields = ["id", "slug", "title", "session", "date_start", "date_end", "location", "symbol", "source_url",
                  "year", "body", "body_slug", "created", "url", "html_url", "feed_url"]

    def get_feed_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:meeting-feed", obj.slug)


class AgendaItemSerializer(LinkedSerializer):
    meeting_slug = serializers.CharField(source="meeting.slug")

    class Meta:
        model = AgendaItem
        api_route = "agenda-item"
        fields = ["id", "meeting", "meeting_slug", "number", "title", "position", "url", "html_url"]


class DelegationSerializer(LinkedSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    feed_url = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        api_route = "delegation"
        fields = ["id", "slug", "name", "kind", "iso_code", "aliases", "members", "created", "url", "html_url",
                  "feed_url"]

    def get_feed_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:delegation-feed", obj.slug)


class DelegationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegation
        fields = ["id", "slug", "name", "kind"]


class MeetingSummarySerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.name")

    class Meta:
        model = Meeting
        fields = ["id", "slug", "title", "session", "date_start", "date_end", "location", "body"]


class AgendaItemSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "number", "title"]


class StatementParagraphSerializer(serializers.ModelSerializer):
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Paragraph
        fields = ["public_id", "position", "label", "text", "text_changed", "permalink"]

    def get_permalink(self, obj) -> str:
        return absolute(self.context["request"], "archive:paragraph-permalink", obj.public_id)


class ParagraphSerializer(StatementParagraphSerializer):
    url = serializers.SerializerMethodField()
    statement_url = serializers.SerializerMethodField()
    statement_html_url = serializers.SerializerMethodField()

    class Meta:
        model = Paragraph
        fields = ["public_id", "position", "label", "text", "text_changed", "permalink", "url", "statement",
                  "statement_url", "statement_html_url"]

    def get_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:api:paragraph-detail", obj.public_id)

    def get_statement_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:api:statement-detail", obj.statement_id)

    def get_statement_html_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:statement-detail", obj.statement_id)


@extend_schema_field({"type": "object", "properties": {
    "akoma_ntoso": {"type": "string"}, "text": {"type": "string"}, "markdown": {"type": "string"}}})
class ExportLinksField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="pk", read_only=True, **kwargs)

    def to_representation(self, pk):
        request = self.context["request"]
        return {
            "akoma_ntoso": absolute(request, "archive:statement-akoma-ntoso", pk),
            "text": absolute(request, "archive:statement-text", pk, "txt"),
            "markdown": absolute(request, "archive:statement-text", pk, "md"),
        }


class StatementSerializer(LinkedSerializer):
    meeting = MeetingSummarySerializer()
    delegation = DelegationSummarySerializer()
    on_behalf_of = DelegationSummarySerializer(allow_null=True)
    agenda_items = AgendaItemSummarySerializer(many=True)
    type = serializers.CharField(source="kind")
    exports = ExportLinksField()
    paragraphs = StatementParagraphSerializer(many=True)

    class Meta:
        model = Statement
        api_route = "statement"
        fields = ["id", "url", "html_url", "title", "meeting", "delegation", "on_behalf_of", "agenda_items",
                  "speaker", "speaker_title", "date", "year", "language", "type", "version", "salutation",
                  "closing", "source_url", "source_symbol", "is_synthetic", "created", "updated", "exports",
                  "paragraphs"]


# Views ---------------------------------------------------------------------------------------


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []
    throttle_classes = [ArchiveAnonThrottle]
    pagination_class = ArchiveCursorPagination
    filter_backends = [DjangoFilterBackend]


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

    queryset = Delegation.objects.public().prefetch_related("aliases", "members")
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter


class StatementViewSet(ArchiveViewSet):
    """Published statements with their paragraphs, filtered exactly as the browse page filters them."""

    queryset = (
        Statement.objects.published()
        .with_listing_data()
        .prefetch_related("paragraphs")
    )
    serializer_class = StatementSerializer
    filterset_class = StatementFilter
    filter_backends = [DjangoFilterBackend, FullTextSearchBackend]
    search_hits = "statement_ids"
    pagination_class = type("StatementPagination", (ArchiveCursorPagination,), {"page_size": 20, "max_page_size": 100})


class ParagraphViewSet(ArchiveViewSet):
    """Paragraphs of published statements; the statement filters and `?q=` select them."""

    queryset = Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED)
    serializer_class = ParagraphSerializer
    lookup_field = "public_id"
    filter_backends = [ParagraphStatementFilterBackend, FullTextSearchBackend]
    search_hits = "paragraph_ids"


router = SimpleRouter()
router.register("bodies", BodyViewSet, basename="body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("statements", StatementViewSet, basename="statement")
router.register("paragraphs", ParagraphViewSet, basename="paragraph")
urlpatterns = router.urls
