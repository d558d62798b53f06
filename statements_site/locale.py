"""The interface's language: from the address first, then the reader's choice, then the browser.

English pages keep their unprefixed addresses (/statements/, /p/<id>/); French, Spanish and Arabic
pages live under /fr/, /es/ and /ar/. An unprefixed page asked for by a reader whose language cookie
(set by the switcher) or, failing that, Accept-Language prefers another interface language is
redirected to that language's address, so each address always shows one language and can be
shared. Only HTML pages are redirected: the API, feeds and downloads answer as they always have.
"""
from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware import locale
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        if translation.get_language_from_path(request.path_info):
            return response
        # What an unprefixed address shows depends on the language cookie and Accept-Language.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        if not self._is_page(request, response):
            return response
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE:
            return response
        target = translate_url(request.get_full_path(), preferred)
        if target == request.get_full_path():  # not a translated page (the admin, say)
            return response
        redirect = HttpResponseRedirect(target)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect

    @staticmethod
    def _is_page(request, response):
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        )
