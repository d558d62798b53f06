"""The research views in the JSON API: /api/research/over-time/, who-said-it/, in-context/ and
/api/paragraphs/<id>/similar/. Each answers what the page's JSON download holds ({..., "rows": [...]}),
for the same parameters as the page: the browse filters and ?q=."""
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from . import kwic, research, research_views, similar
from .api import ArchiveAutoSchema
from .filters import StatementFilter, visible_statements
from .limits import ArchiveAnonThrottle
from .models import Paragraph

FILTERS = [OpenApiParameter(name, OpenApiTypes.STR, many=True, description="A browse filter, as on /statements/.")
           for name in StatementFilter.base_filters]
SEARCH = OpenApiParameter("q", OpenApiTypes.STR, description='Full-text search, as on the browse page.')


class ResearchView(APIView):
    authentication_classes = []
    throttle_classes = [ArchiveAnonThrottle]
    schema = ArchiveAutoSchema()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first
        if message := research.refusal(request.query_params):
            raise exceptions.ValidationError({"q": [message]})


class OverTime(ResearchView):
    @extend_schema(
        summary="A search over time",
        description="Matching statements and paragraphs per year (every year from the first to the last) and "
        "per session, for each `q` (repeat it to compare up to four searches), under the browse filters.",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, many=True, description="A search; repeatable."), *FILTERS],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        texts = research_views.searches(request)
        series, _notices, _labels = research.over_time(request, texts) if texts else ([], [], [])
        about, rows = research_views.over_time_data(request, texts, series)
        return Response({**about, "rows": rows})


class WhoSaidIt(ResearchView):
    @extend_schema(
        summary="Who said it",
        description="Delegations (role delegation) and the groups spoken for (role group) ranked by matching "
        "statements and paragraphs, with their statements under the same filters and the share that matches.",
        parameters=[SEARCH, *FILTERS], responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        with research.selection(request) as chosen:
            ranked, counted = research.who_said_it(chosen)
            about, rows = research_views.who_data(request, chosen, ranked, counted)
        return Response({**about, "rows": rows})


class InContext(ResearchView):
    @extend_schema(
        summary="Keyword in context",
        description="Each hit of the search with the words before and after it, in the newest matching "
        f"paragraphs (at most {kwic.KWIC_LINES}); `sort` by the words before (left) or after (right).",
        parameters=[SEARCH, OpenApiParameter("sort", OpenApiTypes.STR, enum=["left", "right"]), *FILTERS],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        sort = request.query_params.get("sort", "")
        if "sort" in request.query_params and sort not in ("left", "right"):
            raise exceptions.ValidationError({"sort": [_("sort is left (the words before) or right (the words after).")]})
        with research.selection(request) as chosen:
            lines, read, more = kwic.kwic(chosen, sort)
            about, rows = research_views.kwic_data(request, chosen, sort, lines, read, more)
        return Response({**about, "rows": rows})


class SaidSimilarly(ResearchView):
    @extend_schema(
        summary="Said similarly",
        description="Paragraphs of other delegations or other sessions that share this paragraph's rarest words, best first.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, public_id):
        statements = visible_statements(request)
        paragraph = Paragraph.objects.select_related("statement").filter(
            public_id=public_id, statement__in=statements.values("pk")).first()
        if paragraph is None:
            raise Http404("No paragraph has this identifier.")
        about, rows = research_views.similar_data(request, paragraph, similar.similar(paragraph, statements))
        return Response({**about, "rows": rows})


class Alignments(ResearchView):
    @extend_schema(
        summary="Alignments",
        description="Who aligned itself with whose statement, as read from the statements' texts at import.",
        parameters=[OpenApiParameter(name, OpenApiTypes.STR, many=True, description=description) for name, description in (
            ("delegation", "Slug of the delegation that aligned itself."), ("aligned_with", "Slug of the delegation or "
            "group it aligned with."), ("meeting", "Slug of the meeting."))],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        about, rows = research_views.alignment_data(request)
        return Response({"filters": about, "rows": rows})
