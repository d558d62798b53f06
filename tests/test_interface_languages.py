"""The interface in English, French, Spanish and Arabic: addresses, the browser's language, the
switcher, right-to-left Arabic, and data (API, downloads) that stay the same in every language."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_again():
    """A request to /fr/ leaves French active in this thread; later tests expect English."""
    yield
    translation.deactivate()


@pytest.fixture
def statement():
    meeting = make_meeting(location="Vienna")
    make_item(meeting, "2", "International cooperation")
    return make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(),
                          paragraphs=["The Group values international cooperation.", "Electronic evidence matters."])


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize("prefix, lang, words", [
    ("", "en", "Search every paragraph"),
    ("/fr", "fr", "Chercher dans tous les paragraphes"),
    ("/es", "es", "Buscar en todos los párrafos"),
    ("/ar", "ar", "ابحث في كل الفقرات"),
])
def test_home_page_speaks_the_language_of_its_address(client, statement, prefix, lang, words):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    assert words in response.content.decode()
    tag = html_tag(response)
    assert f'lang="{lang}"' in tag
    assert ('dir="rtl"' in tag) == (lang == "ar")


@pytest.mark.parametrize("prefix, words", [
    ("/fr", "Lire toute la déclaration"), ("/es", "Leer la declaración completa"), ("/ar", "اقرأ البيان كاملًا"),
])
def test_permalink_page_is_translated_and_keeps_its_permanent_link(client, statement, prefix, words):
    paragraph = statement.paragraphs.first()
    response = client.get(f"{prefix}/p/{paragraph.public_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert words in page
    assert f'href="{prefix}/p/{paragraph.public_id}/"' in page  # the permalink in the page's language


def test_english_addresses_are_unchanged(client, statement):
    paragraph = statement.paragraphs.first()
    assert reverse("archive:home") == "/"
    assert reverse("archive:paragraph-permalink", args=[paragraph.public_id]) == f"/p/{paragraph.public_id}/"
    for url in ["/", "/statements/", f"/statements/{statement.pk}/", f"/p/{paragraph.public_id}/", "/api/",
                "/statements/feed/", "/api/statements/", "/statements/download.csv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            assert 'lang="en"' in html_tag(response), url


def test_a_french_browser_is_sent_to_the_french_page(client, statement):
    response = client.get("/statements/?q=cooperation", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/fr/statements/?q=cooperation"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    assert client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="fr").status_code == 200


def test_an_english_or_unknown_browser_language_stays_on_the_english_page(client, statement):
    for accept in ["en-GB,en;q=0.9", "de-DE,de;q=0.9", "zh-CN"]:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, accept
        assert 'lang="en"' in html_tag(response)


def test_the_switchers_choice_beats_the_browsers_language(client, statement):
    response = client.post("/fr/language/", {"language": "en", "next": "/fr/statements/?q=cooperation"})
    assert response.status_code == 302
    assert response["Location"] == "/statements/?q=cooperation"
    response = client.get("/statements/?q=cooperation", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert 'lang="en"' in html_tag(response)


def test_switching_to_arabic_keeps_the_page(client, statement):
    paragraph = statement.paragraphs.first()
    response = client.post("/language/", {"language": "ar", "next": f"/p/{paragraph.public_id}/"})
    assert response["Location"] == f"/ar/p/{paragraph.public_id}/"
    assert client.cookies["django_language"].value == "ar"


def test_every_page_offers_the_other_languages_in_their_own_names(client, statement):
    page = client.get(f"/es/statements/{statement.pk}/").content.decode()
    switcher = page[page.index('class="language-switcher"'):]
    switcher = switcher[: switcher.index("</form>")]
    assert f'name="next" value="/es/statements/{statement.pk}/"' in switcher
    for code, name in [("en", "English"), ("fr", "Français"), ("ar", "العربيّة")]:
        assert f'value="{code}" lang="{code}"' in switcher and name in switcher
    assert '<span lang="es" aria-current="true">Español</span>' in switcher


def test_api_feeds_and_downloads_are_never_redirected_by_the_browsers_language(client, statement):
    for url in ["/api/statements/", "/statements/feed/", "/statements/download.csv", "/healthz", "/robots.txt",
                "/admin/login/"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
        assert response.status_code == 200, url


def test_downloads_are_the_same_data_in_every_language(client, statement):
    english = b"".join(client.get("/statements/download.csv").streaming_content)
    for prefix in ["/fr", "/es", "/ar"]:
        translated = b"".join(client.get(f"{prefix}/statements/download.csv").streaming_content)
        # The same rows and words; only the addresses carry the page's language prefix.
        assert translated.replace(f"{prefix}/".encode(), b"/") == english, prefix
    assert b",English,General statement,As prepared," in english
    text = client.get(f"/ar/statements/{statement.pk}/statement.txt").content.decode()
    assert text == client.get(f"/statements/{statement.pk}/statement.txt").content.decode()


def test_api_answers_in_english_at_its_address(client, statement):
    response = client.get("/api/statements/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["results"][0]["delegation"]["name"] == "Palestine"
    assert client.get("/api/statements/?colour=red", HTTP_ACCEPT_LANGUAGE="fr").json() == \
        client.get("/api/statements/?colour=red").json()


@pytest.mark.parametrize("prefix, language_name, kind", [
    ("", "English", "General statement"), ("/fr", "Anglais", "Déclaration générale"),
    ("/es", "Inglés", "Declaración general"), ("/ar", "الإنجليزية", "بيان عام"),
])
def test_statement_page_names_the_language_and_type_in_the_interfaces_language(
    client, statement, prefix, language_name, kind
):
    page = client.get(f"{prefix}/statements/{statement.pk}/").content.decode()
    assert f"<dd>{language_name}</dd>" in page
    assert f"<dd>{kind}</dd>" in page


def test_month_names_and_attribution_follow_the_interface(client, statement):
    statement.meeting.date_start = statement.meeting.date_end = __import__("datetime").date(2020, 7, 27)
    statement.meeting.save()
    assert "27 juillet 2020" in client.get(f"/fr/statements/{statement.pk}/").content.decode()
    page = client.get(f"/ar/statements/{statement.pk}/").content.decode()
    assert "27 يوليو 2020" in page
    assert "دولة فلسطين باسم Group of 77 and China" in page


@pytest.mark.parametrize("prefix, egypt, palestine", [
    ("", "Egypt", "Palestine"), ("/fr", "Égypte", "État de Palestine"), ("/es", "Egipto", "Estado de Palestina"),
    ("/ar", "مصر", "دولة فلسطين"),
])
def test_country_names_come_from_cldr_in_the_interfaces_language(client, statement, prefix, egypt, palestine):
    make_statement(meeting=statement.meeting, delegation=make_delegation("Egypt"), paragraphs=["Egypt speaks."])
    home = client.get(f"{prefix}/").content.decode()
    assert f">{egypt}</a>" in home and f">{palestine}</a>" in home
    browse = client.get(f"{prefix}/statements/").content.decode()
    assert f"<strong>{egypt}</strong>" in browse  # the statement rows
    assert f">{egypt}</a> <span class=\"count\">" in browse  # the delegation facet
    assert f"<h1>{egypt}</h1>" in client.get(f"{prefix}/delegations/egypt/").content.decode()


def test_groups_and_the_data_keep_the_archives_names(client, statement):
    page = client.get("/fr/delegations/").content.decode()
    assert ">Group of 77 and China</a>" in page
    assert b"Palestine" in b"".join(client.get("/fr/statements/download.csv").streaming_content)
    for url in ["/api/delegations/", "/fr/api/delegations/"]:
        assert "Palestine" in [row["name"] for row in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["results"]]


def test_arabic_counts_use_arabic_plural_forms(client):
    for n, words in [(1, "1 اجتماع"), (2, "2 اجتماعان"), (5, "5 اجتماعات"), (11, "11 اجتماعًا"), (100, "100 اجتماع")]:
        with translation.override("ar"):
            assert translation.ngettext("%(n)s meeting", "%(n)s meetings", n) % {"n": n} == words


def test_english_text_in_an_arabic_page_runs_left_to_right(client, statement):
    page = client.get(f"/ar/statements/{statement.pk}/").content.decode()
    assert '<p lang="en" dir="ltr">The Group values international cooperation.</p>' in page
    page = client.get(f"/statements/{statement.pk}/").content.decode()
    assert '<p lang="en">The Group values international cooperation.</p>' in page


def test_a_search_refused_as_too_long_says_so_in_french(client):
    response = client.get("/fr/statements/", {"q": "mot " * 400})
    assert response.status_code == 400
    assert "Une recherche peut compter au plus" in response.content.decode()


def test_error_pages_are_translated(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert "No hay ninguna página en esta dirección" in response.content.decode()


def test_feed_titles_are_translated_at_the_feeds_translated_address(client, statement):
    assert "<title>Archive des déclarations : déclarations nouvelles et corrigées</title>" in \
        client.get("/fr/statements/feed/").content.decode()
    assert "<title>Statements Archive: new and corrected statements</title>" in \
        client.get("/statements/feed/").content.decode()


def test_citations_carry_the_permanent_address_without_a_language(client, statement):
    paragraph = statement.paragraphs.first()
    permanent = f"http://testserver/p/{paragraph.public_id}/"
    cite = client.get(f"/ar/p/{paragraph.public_id}/cite/").content.decode()
    assert f'<a rel="bookmark" href="{permanent}">{permanent}</a>' in cite
    citations = re.findall(r'<p class="citation" id="cite-plain">(.*?)</p>|<pre id="cite-\w+" tabindex="0">(.*?)</pre>', cite, re.S)
    assert len(citations) == 3  # plain text, BibTeX, CSL-JSON
    assert all(permanent in "".join(found) and "/ar/p/" not in "".join(found) for found in citations)
    page = client.get(f"/fr/statements/{statement.pk}/").content.decode()
    assert f'data-copy="{permanent}"' in page  # "Copy link"
    assert f'rel="bookmark" href="/fr/p/{paragraph.public_id}/"' in page  # reading on stays in French


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_message_is_translated_and_the_compiled_catalogue_is_current(language):
    """A .po edited without compilemessages (or an untranslated or fuzzy entry) would show English."""
    import gettext
    from pathlib import Path

    from babel.messages.pofile import read_po

    folder = Path(__file__).resolve().parent.parent / "locale" / language / "LC_MESSAGES"
    with open(folder / "django.po", "rb") as po:
        catalog = read_po(po)
    entries = [message for message in catalog if message.id]
    assert [message.id for message in entries if message.fuzzy or not all(message.string)] == []
    with open(folder / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in entries:
        context = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 5, 11, 100):
                form = gettext.c2py(catalog.plural_expr)(n)
                assert compiled.ngettext(context + message.id[0], message.id[1], n) == message.string[form], message.id
        else:
            assert compiled.gettext(context + message.id) == message.string, message.id


def test_each_page_names_its_other_languages_for_search_engines(client, statement):
    page = client.get(f"/es/statements/{statement.pk}/?q=cooperation").content.decode()
    for code, prefix in [("en", ""), ("fr", "/fr"), ("es", "/es"), ("ar", "/ar"), ("x-default", "")]:
        href = f"http://testserver{prefix}/statements/{statement.pk}/?q=cooperation"
        assert f'<link rel="alternate" hreflang="{code}" href="{href}">' in page


def test_one_template_translates_its_words_into_each_language_it_is_rendered_in():
    # Constant {% translate %} tags keep what they rendered for each language (i18n_cached): one
    # template, rendered in turn in several languages, still says each in its own.
    from django.template import engines

    template = engines["django"].from_string(
        '{% load i18n %}{% translate "Search" %}|{% translate "Search statements" as label %}{{ label }}'
    )
    rendered = {}
    for language in ("en", "fr", "en", "fr"):
        with translation.override(language):
            rendered.setdefault(language, set()).add(template.render({}))
    assert rendered == {"en": {"Search|Search statements"}, "fr": {"Chercher|Chercher des déclarations"}}


def test_browse_facets_name_languages_and_types_in_each_readers_language(client, statement):
    for prefix, language_name, kind in [("/fr", "Anglais", "Déclaration générale"), ("", "English", "General statement"),
                                        ("/es", "Inglés", "Declaración general"), ("/fr", "Anglais", "Déclaration générale")]:
        page = client.get(f"{prefix}/statements/").content.decode()
        assert f'rel="nofollow">{language_name}</a>' in page, prefix
        assert f'rel="nofollow">{kind}</a>' in page, prefix
