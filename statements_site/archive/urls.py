from django.urls import include, path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.statement_list, name="statement-list"),
    # The current browse/search result as paragraph rows: statements.csv or statements.json.
    path("statements/download.<str:fmt>", views.statement_export, name="statement-export"),
    path("statements/<int:pk>/", views.statement_detail, name="statement-detail"),
    # The short, permanent address of one paragraph: cite this one.
    path("p/<str:public_id>/", views.paragraph_permalink, name="paragraph-permalink"),
    path("p/<str:public_id>/cite/", views.paragraph_cite, name="paragraph-cite"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body-detail"),
    path(
        "meetings/<slug:slug>/",
        include(
            [
                path("", views.meeting_detail, name="meeting-detail"),
                path("items/<str:number>/", views.agenda_item_detail, name="agenda-item-detail"),
                path("items/<str:number>/compare/", views.agenda_item_compare, name="agenda-item-compare"),
            ]
        ),
    ),
    path("delegations/", views.delegation_list, name="delegation-list"),
    path("delegations/<slug:slug>/", views.delegation_detail, name="delegation-detail"),
]
