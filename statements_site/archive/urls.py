from django.contrib.sitemaps import views as sitemap_views
from django.urls import converters, include, path, register_converter

from . import api, feeds, version_views, views
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
    path("statements/<int:pk>/", views.statement_detail, name="statement-detail"),
    path("statements/<int:pk>/history/", views.statement_history, name="statement-history"),
    # One statement in all its languages, paragraph beside paragraph.
    path("statements/<int:pk>/languages/", version_views.statement_languages, name="statement-languages"),
    # The short, permanent address of one paragraph: cite this one.
    path("p/<text:public_id>/", views.paragraph_permalink, name="paragraph-permalink"),
    path("p/<text:public_id>/cite/", views.paragraph_cite, name="paragraph-cite"),
    path("p/<text:public_id>/report/", views.paragraph_report, name="paragraph-report"),
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
    # Open data: feeds, single-statement exports, citation files, the API and discovery.
    path("statements/feed/", feeds.StatementFeed(), name="statement-feed"),
    path("bodies/<slug:slug>/feed/", feeds.BodyFeed(), name="body-feed"),
    path("delegations/<slug:slug>/feed/", feeds.DelegationFeed(), name="delegation-feed"),
    path("statements/<int:pk>/akoma-ntoso.xml", views.statement_akoma_ntoso, name="statement-akoma-ntoso"),
    path("statements/<int:pk>/original/", views.statement_original, name="statement-original"),
    path("statements/<int:pk>/statement.<str:fmt>", views.statement_text, name="statement-text"),
    path("p/<text:public_id>/cite.<str:fmt>", views.paragraph_cite_file, name="paragraph-cite-file"),
    path("api/", views.api_docs, name="api-docs"),
    path("api/schema/", api.SchemaView.as_view(), name="api-schema"),
    path("api/", include((api.urlpatterns, "api"))),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "archive:sitemap-section"},
         name="sitemap-index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
