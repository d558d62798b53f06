from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from statements_site.archive import views

admin.site.site_header = "Statements Archive — staff"
admin.site.site_title = "Statements Archive staff"
admin.site.index_title = "Load and correct statements"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", include("statements_site.archive.urls")),
]

handler400 = "statements_site.archive.errors.bad_request"
handler404 = "statements_site.archive.errors.page_not_found"
handler500 = "statements_site.archive.errors.server_error"
