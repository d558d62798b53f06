from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from statements_site.archive import views

admin.site.site_header = _("Statements Archive — staff")
admin.site.site_title = _("Statements Archive staff")
admin.site.index_title = _("Load and correct statements")

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]
# English at the addresses the archive has always had; /fr/, /es/ and /ar/ for the other languages.
urlpatterns += i18n_patterns(
    # The language switcher posts here; under the language prefix so that it can translate the
    # address of the page it came from. Without a CSRF token: a forged post could only change the
    # interface's language, and a token would make every page differ from the next and set a cookie.
    path("language/", csrf_exempt(set_language), name="set-language"),
    path("", include("statements_site.archive.urls")),
    prefix_default_language=False,
)

handler400 = "statements_site.archive.errors.bad_request"
handler404 = "statements_site.archive.errors.page_not_found"
handler500 = "statements_site.archive.errors.server_error"
