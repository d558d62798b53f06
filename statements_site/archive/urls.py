from django.contrib.sitemaps import views as sitemap_views
from django.urls import converters, include, path, register_converter

from . import api, document_views, feeds, follow_views, person_views, research_api, research_views, statement_views, version_views, views
from .sitemaps import SITEMAPS



class TextConverter(converters.StringConverter):
    """A paragraph identifier or agenda item number as typed: any text but a slash or a NUL, which
    PostgreSQL cannot compare (a query with one was a 500, not a 404)."""

    regex = "[^/\x00]+"


register_converter(TextConverter, "text")

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.statement_list, name="statement-list"),
    # The current browse/search result as paragraph rows: statements.csv or statements.json.
    path("statements/download.<str:fmt>", views.statement_export, name="statement-export"),
    path("statements/<int:pk>/", statement_views.statement_detail, name="statement-detail"),
    path("statements/<int:pk>/history/", statement_views.statement_history, name="statement-history"),
    # One statement in all its languages, paragraph beside paragraph.
    path("statements/<int:pk>/languages/", version_views.statement_languages, name="statement-languages"),
    # The short, permanent address of one paragraph: cite this one.
    path("p/<text:public_id>/", statement_views.paragraph_permalink, name="paragraph-permalink"),
    path("p/<text:public_id>/cite/", statement_views.paragraph_cite, name="paragraph-cite"),
    path("p/<text:public_id>/report/", statement_views.paragraph_report, name="paragraph-report"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body-detail"),
    path(
        "meetings/<slug:slug>/",
        include(
            [
                path("", views.meeting_detail, name="meeting-detail"),
                path("items/<text:number>/", views.agenda_item_detail, name="agenda-item-detail"),
                path("items/<text:number>/compare/", views.agenda_item_compare, name="agenda-item-compare"),
                path("feed/", feeds.MeetingFeed(), name="meeting-feed"),
                path("items/<text:number>/feed/", feeds.AgendaItemFeed(), name="agenda-item-feed"),
            ]
        ),
    ),
    path("delegations/", views.delegation_list, name="delegation-list"),
    path("delegations/<slug:slug>/", views.delegation_detail, name="delegation-detail"),
    path("people/", person_views.person_list, name="person-list"),
    path("people/<slug:slug>/", person_views.person_detail, name="person-detail"),
    path("documents/", document_views.document_list, name="document-list"),
    # A UN document by its symbol, slashes and all: /documents/A/RES/74/247/.
    path("documents/<path:symbol>/", document_views.document_detail, name="document-detail"),
    # Open data: feeds, single-statement exports, citation files, the API and discovery.
    path("statements/feed/", feeds.StatementFeed(), name="statement-feed"),
    path("bodies/<slug:slug>/feed/", feeds.BodyFeed(), name="body-feed"),
    path("delegations/<slug:slug>/feed/", feeds.DelegationFeed(), name="delegation-feed"),
    path("statements/<int:pk>/akoma-ntoso.xml", statement_views.statement_akoma_ntoso, name="statement-akoma-ntoso"),
    path("statements/<int:pk>/original/", statement_views.statement_original, name="statement-original"),
    path("statements/<int:pk>/statement.<str:fmt>", statement_views.statement_text, name="statement-text"),
    path("p/<text:public_id>/cite.<str:fmt>", statement_views.paragraph_cite_file, name="paragraph-cite-file"),
    path("research/over-time/", research_views.over_time, name="research-over-time"),
    path("research/over-time/download.<str:fmt>", research_views.over_time, name="research-over-time-download"),
    path("research/who-said-it/", research_views.who_said_it, name="research-who"),
    path("research/who-said-it/download.<str:fmt>", research_views.who_said_it, name="research-who-download"),
    path("research/in-context/", research_views.in_context, name="research-in-context"),
    path("research/in-context/download.<str:fmt>", research_views.in_context, name="research-in-context-download"),
    path("research/alignments/", research_views.alignments, name="research-alignments"),
    path("research/alignments/download.<str:fmt>", research_views.alignments, name="research-alignments-download"),
    path("p/<text:public_id>/similar/", research_views.said_similarly, name="paragraph-similar"),
    path("p/<text:public_id>/similar.<str:fmt>", research_views.said_similarly, name="paragraph-similar-download"),
    path("api/", views.api_docs, name="api-docs"),
    # What changed since a dump or a date, as JSON Lines (follow_views, changes.py).
    path("api/changes/", follow_views.ChangeFeedView.as_view(), name="change-feed"),
    # E-mail alerts for a search: subscribe, confirm (double opt-in), unsubscribe.
    path("alerts/new/", follow_views.alert_new, name="alert-new"),
    path("alerts/confirm/<str:token>/", follow_views.alert_confirm, name="alert-confirm"),
    path("alerts/unsubscribe/<str:token>/", follow_views.alert_unsubscribe, name="alert-unsubscribe"),
    path("api/schema/", api.SchemaView.as_view(), name="api-schema"),
    path("api/research/over-time/", research_api.OverTime.as_view(), name="api-research-over-time"),
    path("api/research/who-said-it/", research_api.WhoSaidIt.as_view(), name="api-research-who"),
    path("api/research/in-context/", research_api.InContext.as_view(), name="api-research-in-context"),
    path("api/research/alignments/", research_api.Alignments.as_view(), name="api-research-alignments"),
    path("api/paragraphs/<text:public_id>/similar/", research_api.SaidSimilarly.as_view(), name="api-paragraph-similar"),
    path("api/", include((api.urlpatterns, "api"))),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap-section"},
         name="sitemap-index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
