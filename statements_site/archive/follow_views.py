"""Pages and endpoints for following the archive: e-mail alerts (alerts.py) and the change feed (changes.py)."""
import hashlib

from django import forms
from django.http import HttpResponseNotAllowed, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import alerts, changes
from .api import ArchiveAutoSchema
from .limits import ArchiveAnonThrottle, client_key, take_slot
from .records import Alert


class AlertForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"), choices=Alert.Frequency.choices, initial=Alert.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def clean_query(self):
        query = alerts.saved_search(QueryDict(self.cleaned_data.get("query", "").lstrip("?")))
        if not alerts.is_valid_search(query):
            raise forms.ValidationError(_("This search cannot be followed: its words or filters are not valid. "
                                          "Go back to the search, correct it and ask again."))
        return query


def alert_new(request):
    """The subscription form (GET: for the search in the address) and its handling (POST)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        form = AlertForm(initial={"query": alerts.saved_search(request.GET)})
        return _subscribe_page(request, form)
    form = AlertForm(request.POST)
    if not form.is_valid():
        return _subscribe_page(request, form, status=400)
    address = form.cleaned_data["email"].strip().lower()
    if not take_slot(client_key("alert-subscribe", request), alerts.CLIENT_LIMIT, alerts.CLIENT_SECONDS) or not take_slot(
        "alert-address:" + hashlib.sha256(address.encode()).hexdigest(), alerts.ADDRESS_LIMIT, alerts.ADDRESS_SECONDS
    ):
        message = _("Too many alert requests have come from here or for this address. Please try again in an hour.")
        return render(request, "archive/bad_request.html", {"message": message}, status=429)
    query = form.cleaned_data["query"]
    alerts.subscribe(form.cleaned_data["email"], query, form.cleaned_data["frequency"],
                     base_url=request.build_absolute_uri("/").rstrip("/"))
    context = {"description": alerts.describe(query), "query": query, "days": alerts.CONFIRM_DAYS}
    return render(request, "archive/alerts/sent.html", context)


def _subscribe_page(request, form, status=200):
    query = form.data.get("query", "") if form.is_bound else form.initial["query"]
    query = alerts.saved_search(QueryDict(query))
    context = {"form": form, "query": query, "description": alerts.describe(query)}
    return render(request, "archive/alerts/subscribe.html", context, status=status)


def alert_confirm(request, token):
    """GET shows what is being confirmed (link checkers that open links confirm nothing); POST confirms."""
    alert = alerts.alert_to_confirm(token)
    if alert is None:
        return render(request, "archive/alerts/confirm.html", {"invalid": True}, status=404)
    context = {"description": alerts.describe(alert.query), "query": alert.query,
               "frequency": alert.get_frequency_display().lower()}
    if request.method == "POST":
        alerts.confirm(alert)
        return render(request, "archive/alerts/confirm.html", {**context, "done": True})
    return render(request, "archive/alerts/confirm.html", context)


@csrf_exempt  # the signed single-use token is the proof; mail programs POST without a CSRF cookie (RFC 8058)
def alert_unsubscribe(request, token):
    """GET asks; POST (the page's button, or a mail program's one-click) deletes the alert and its address."""
    alert = alerts.alert_to_unsubscribe(token)
    if alert is None:
        return render(request, "archive/alerts/unsubscribe.html", {"invalid": True}, status=404)
    description = alerts.describe(alert.query)
    if request.method == "POST":
        alerts.unsubscribe(alert)
        return render(request, "archive/alerts/unsubscribe.html", {"description": description, "done": True})
    return render(request, "archive/alerts/unsubscribe.html", {"description": description})


# The change feed ---------------------------------------------------------------------------------

class ChangeFeedView(APIView):
    """GET /api/changes/?since_seq=N or ?since=DATE: the change feed as JSON Lines (throttled as the API)."""

    authentication_classes = []
    throttle_classes = [ArchiveAnonThrottle]
    schema = ArchiveAutoSchema()

    @extend_schema(
        summary="What changed since a change number or a date",
        description="JSON Lines: a first line of type feed (since_seq, until_seq, licence), then rows in the "
        "dump's shape with an action (added, corrected, unchanged, removed), and redirect lines (old paragraph "
        "id, new one or null, kind: edited, split, merged, removed). Give since_seq or since; with neither, "
        "every change from the first.",
        parameters=[
            # The bounds parse_since() accepts, so that a request the schema allows is one the view answers.
            OpenApiParameter("since_seq", {"type": "integer", "minimum": 0, "maximum": 10**18 - 1},
                             description="The last change you have: a dump's change_seq or the previous feed's until_seq."),
            OpenApiParameter("since", OpenApiTypes.DATE, description="A date (or a time), ISO 8601, UTC: 2026-12-01 "
                             "or 2026-12-01T06:00:00Z."),
        ],
        responses={(200, "application/jsonl"): OpenApiTypes.STR},
    )
    def get(self, request):
        seq, error = changes.parse_since(request.query_params.get("since_seq"), request.query_params.get("since"))
        if error:
            name = "since" if "since" in request.query_params and "since_seq" not in request.query_params else "since_seq"
            return Response({name: [error]}, status=400)
        base = request.build_absolute_uri("/").rstrip("/")
        lines = (line + "\n" for line in changes.feed_lines(seq, base_url=base))
        response = StreamingHttpResponse(lines, content_type="application/jsonl; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="changes.jsonl"'
        return response
