"""A statement in several languages: the original and its versions, aligned paragraph by paragraph,
each with its own permalinks; counted once everywhere; found by search in any of its languages."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from statements_site.archive.models import Paragraph, Statement

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

ENGLISH = [
    "The Group recognizes the complex nature of cybercrime and the need for cooperation between States.",
    "International cooperation is important for gathering and sharing electronic evidence across borders.",
    "The Group encourages prevention measures at the national and international levels.",
]
FRENCH = [
    "Le Groupe reconnaît la nature complexe de la cybercriminalité et la nécessité d'une coopération entre États.",
    "La coopération internationale est importante pour recueillir et partager des preuves électroniques.",
    "Le Groupe encourage les mesures de prévention aux niveaux national et international.",
]
SPANISH = [
    "El Grupo reconoce la naturaleza compleja de la ciberdelincuencia y la necesidad de cooperación entre Estados.",
    "La cooperación internacional es importante para reunir y compartir pruebas electrónicas.",
    "El Grupo alienta las medidas de prevención en los planos nacional e internacional.",
]


def make_version(original, language, paragraphs, **kwargs):
    """A language version of `original`: same meeting, delegation and group, its own paragraphs."""
    kwargs.setdefault("status", original.status)
    return make_statement(
        meeting=original.meeting, delegation=original.delegation, on_behalf_of=original.on_behalf_of,
        paragraphs=paragraphs, language=language, version_of=original, date=original.date, **kwargs,
    )


@pytest.fixture
def trilingual(db):
    """An English statement on item 2 with French and Spanish versions, all published."""
    meeting = make_meeting(date_start=datetime.date(2020, 7, 27), date_end=datetime.date(2020, 7, 29))
    item = make_item(meeting)
    original = make_statement(
        meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(), paragraphs=ENGLISH,
        language="en", title="Statement of the Group of 77 and China",
    )
    original.agenda_items.add(item)
    french = make_version(original, "fr", FRENCH, title="Déclaration du Groupe des 77 et de la Chine")
    spanish = make_version(original, "es", SPANISH)
    return original, french, spanish


def public_ids(statement):
    return list(statement.paragraphs.order_by("position").values_list("public_id", flat=True))


# Reading one statement in several languages

def test_a_version_is_read_at_its_own_address_with_links_to_the_other_languages(client, trilingual):
    original, french, spanish = trilingual
    page = client.get(french.get_absolute_url()).content.decode()
    assert FRENCH[0].replace("'", "&#x27;") in page
    assert f'href="{original.get_absolute_url()}" hreflang="en"' in page
    assert f'href="{spanish.get_absolute_url()}" hreflang="es"' in page
    assert '<strong aria-current="page" lang="fr">Français</strong>' in page
    assert reverse("archive:statement-languages", args=[french.pk]) in page
    # Its own permalinks, one per paragraph, and the original's agenda item.
    for public_id in public_ids(french):
        assert f'id="p-{public_id}"' in page and f'rel="bookmark" href="/p/{public_id}/"' in page
    assert "Item 2: International cooperation" in page


def test_a_statement_in_one_language_shows_no_language_links(client, db):
    statement = make_statement()
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "Read in:" not in page and "Side by side" not in page


def test_side_by_side_page_aligns_the_paragraphs_each_with_its_permalink(client, trilingual, django_assert_max_num_queries):
    original, french, spanish = trilingual
    with django_assert_max_num_queries(6):
        response = client.get(reverse("archive:statement-languages", args=[french.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    rows = page.split('<div class="aligned-row">')[1:]
    assert len(rows) == 3
    for row, texts in zip(rows, zip(ENGLISH, FRENCH, SPANISH)):
        english, french_text, spanish_text = (text.replace("'", "&#x27;") for text in texts)
        # The original first, then the versions by language (UN order: en, fr, ..., es).
        assert row.index(english) < row.index(french_text) < row.index(spanish_text)
    for statement in trilingual:
        for public_id in public_ids(statement):
            assert f'id="p-{public_id}"' in page and f'href="/p/{public_id}/"' in page
    assert 'lang="fr"' in page and 'lang="es"' in page


def test_side_by_side_page_shows_a_gap_where_a_version_has_fewer_paragraphs(client, db):
    original = make_statement(paragraphs=ENGLISH, language="en")
    make_version(original, "fr", FRENCH[:2])
    page = client.get(reverse("archive:statement-languages", args=[original.pk])).content.decode()
    assert "No paragraph here in this language." in page


def test_permalink_of_a_paragraph_shows_the_same_paragraph_in_the_other_languages(client, trilingual):
    original, french, spanish = trilingual
    page = client.get(f"/p/{public_ids(original)[1]}/").content.decode()
    assert "This paragraph in other languages" in page
    assert f'href="/p/{public_ids(french)[1]}/" hreflang="fr"' in page
    assert f'href="/p/{public_ids(spanish)[1]}/" hreflang="es"' in page
    assert SPANISH[1] in page
    # And from a version back to the original.
    page = client.get(f"/p/{public_ids(french)[2]}/").content.decode()
    assert f'href="/p/{public_ids(original)[2]}/" hreflang="en"' in page and "English (original)" in page


def test_a_draft_version_is_not_public(client, trilingual):
    original, french, _spanish = trilingual
    german = make_version(original, "other", ["Ein Entwurf."], status=Statement.Status.DRAFT)
    assert client.get(german.get_absolute_url()).status_code == 404
    assert client.get(f"/p/{public_ids(german)[0]}/").status_code == 404
    page = client.get(original.get_absolute_url()).content.decode()
    assert german.get_absolute_url() not in page
    assert client.get(f"{reverse('archive:statement-list')}?q=Entwurf").content.decode().count('class="result"') == 0


def test_a_version_of_a_draft_is_not_public(client, db):
    original = make_statement(paragraphs=ENGLISH, status=Statement.Status.DRAFT)
    french = make_version(original, "fr", FRENCH, status=Statement.Status.PUBLISHED)
    assert client.get(french.get_absolute_url()).status_code == 404


def test_version_permalinks_keep_working_through_a_correction_of_the_version(client, trilingual):
    from statements_site.archive.importing.store import replace_paragraphs
    from statements_site.archive.revisions import retire_vanished

    _original, french, _spanish = trilingual
    before = list(french.paragraphs.values("public_id", "label", "text"))
    old_ids = public_ids(french)
    # The translator merges the last two paragraphs.
    replace_paragraphs(french, [{"label": "1", "text": FRENCH[0]}, {"label": "2", "text": FRENCH[1] + " " + FRENCH[2]}])
    retire_vanished(french, before, reason="Corrected translation")
    for public_id in old_ids:
        response = client.get(f"/p/{public_id}/")
        assert response.status_code == 200
        assert FRENCH[1][:40].replace("'", "&#x27;") in response.content.decode()


# Rules a version follows

def test_a_version_is_in_another_language_than_its_original(db):
    original = make_statement(language="en")
    version = Statement(meeting=original.meeting, delegation=original.delegation, language="en", version_of=original)
    with pytest.raises(ValidationError, match="another language"):
        version.full_clean()


def test_a_version_of_a_version_is_refused_with_the_original_named(trilingual):
    original, french, _spanish = trilingual
    version = Statement(meeting=original.meeting, delegation=original.delegation, language="ru", version_of=french)
    with pytest.raises(ValidationError, match=f"choose its original, statement {original.pk}"):
        version.full_clean()


def test_a_version_has_its_originals_meeting_and_delegation(trilingual):
    original, *_ = trilingual
    version = Statement(meeting=original.meeting, delegation=make_delegation("Cuba"), language="ru", version_of=original)
    with pytest.raises(ValidationError, match="same delegation and meeting"):
        version.full_clean()


def test_one_version_per_language(trilingual):
    original, *_ = trilingual
    duplicate = Statement(
        meeting=original.meeting, delegation=original.delegation, language="fr", version_of=original, year=2020
    )
    with pytest.raises(ValidationError, match="already has a version in that language"):
        duplicate.full_clean()


def test_an_original_with_versions_cannot_be_deleted(trilingual):
    from django.db.models import ProtectedError

    original, *_ = trilingual
    with pytest.raises(ProtectedError):
        original.delete()


# A statement counts once

def result_count(client, query=""):
    page = client.get(f"{reverse('archive:statement-list')}{query}").content.decode()
    return page.count('class="statement-row"') + page.count('class="result"')


def test_browse_lists_and_counts_a_statement_once(client, trilingual, django_assert_max_num_queries):
    original, *_ = trilingual
    make_statement(meeting=original.meeting, delegation=make_delegation("Cuba"), language="es")
    assert result_count(client) == 2
    page = client.get(reverse("archive:statement-list") + "?language=en").content.decode()
    assert page.count('class="statement-row"') == 1
    # The language facet counts originals: one English, one Spanish statement.
    response = client.get(reverse("archive:statement-list"))
    facets = {label: count for facet in response.context["facets"] if facet.name == "language"
              for _value, label, count, _selected, _url in facet.values}
    assert facets == {"English": 1, "Spanish": 1}


def test_meeting_item_delegation_and_home_pages_count_a_statement_once(client, trilingual):
    original, *_ = trilingual
    meeting_page = client.get(original.meeting.get_absolute_url()).content.decode()
    assert meeting_page.count('class="statement-row"') == 1
    item = original.agenda_items.get()
    assert client.get(item.get_absolute_url()).content.decode().count(ENGLISH[0]) == 1
    delegation = client.get(original.delegation.get_absolute_url())
    assert delegation.context["page"].paginator.count == 1
    assert client.get(reverse("archive:home")).context["totals"]["statements"] == 1
    delegations = {d.name: d.statement_count for d in client.get(reverse("archive:delegation-list")).context["delegations"]}
    assert delegations["Palestine"] == 1 and delegations["Group of 77 and China"] == 1
    body = client.get(original.meeting.body.get_absolute_url())
    assert [m.statement_count for m in body.context["meetings"]] == [1]


def test_feeds_carry_a_statement_once(client, trilingual):
    original, *_ = trilingual
    for url in [reverse("archive:statement-feed"), reverse("archive:meeting-feed", args=[original.meeting.slug])]:
        assert client.get(url).content.decode().count("</entry>") == 1


def test_api_lists_a_statement_once_with_its_language_versions(client, trilingual, django_assert_max_num_queries):
    original, french, spanish = trilingual
    with django_assert_max_num_queries(12):
        data = client.get("/api/statements/").json()
    assert [row["id"] for row in data["results"]] == [original.pk]
    versions = data["results"][0]["language_versions"]
    assert [(v["id"], v["language"]) for v in versions] == [(spanish.pk, "es"), (french.pk, "fr")]
    assert [p["public_id"] for p in versions[1]["paragraphs"]] == public_ids(french)
    assert versions[1]["paragraphs"][0]["permalink"].endswith(f"/p/{public_ids(french)[0]}/")


def test_public_dump_holds_the_versions_with_their_original(trilingual):
    import json

    from statements_site.archive.dump import dump_lines

    original, french, spanish = trilingual
    rows = [json.loads(line) for line in dump_lines(public_only=True)]
    statements = {row["id"]: row for row in rows if row["type"] == "statement"}
    assert statements[french.pk]["version_of_id"] == original.pk and statements[original.pk]["version_of_id"] is None
    paragraphs = {row["public_id"] for row in rows if row["type"] == "paragraph"}
    assert set(public_ids(spanish)) <= paragraphs


def test_sitemap_lists_the_version_pages_but_not_a_version_of_a_draft(client, trilingual):
    _original, french, _spanish = trilingual
    page = client.get(reverse("archive:sitemap-section", args=["statements"])).content.decode()
    assert f"{french.get_absolute_url()}</loc>" in page
    draft = make_statement(paragraphs=["A draft."], status=Statement.Status.DRAFT)
    version = make_version(draft, "fr", ["Un brouillon."], status=Statement.Status.PUBLISHED)
    page = client.get(reverse("archive:sitemap-section", args=["paragraphs"])).content.decode()
    assert f"/p/{public_ids(french)[0]}/</loc>" in page and f"/p/{public_ids(version)[0]}/</loc>" not in page


# Search in any language

def test_search_finds_a_paragraph_in_a_version_and_lists_the_statement_once(client, trilingual):
    original, french, spanish = trilingual
    response = client.get(reverse("archive:statement-list") + "?q=recueillir")
    page = response.content.decode()
    assert page.count('class="result"') == 1
    assert f'href="{original.get_absolute_url()}?q=recueillir"' in page  # the statement is the original
    # The hit is the French paragraph, at the French text's address, with its siblings in the other languages.
    french_id = public_ids(french)[1]
    assert f'href="{french.get_absolute_url()}?q=recueillir#p-{french_id}"' in page
    assert "Paragraph 2 (Français)" in page
    assert '<span class="snippet" lang="fr"><mark>recueillir</mark>' in page or "<mark>recueillir</mark>" in page
    assert f'href="/p/{public_ids(original)[1]}/" hreflang="en"' in page
    assert f'href="/p/{public_ids(spanish)[1]}/" hreflang="es"' in page


def test_a_word_in_every_language_counts_the_statement_once(client, trilingual):
    # "Grupo" and "Groupe" and "Group" are different words; a name common to all texts is not.
    response = client.get(reverse("archive:statement-list") + "?q=Group OR Groupe OR Grupo")
    assert response.content.decode().count('class="result"') == 1
    facets = {label: count for facet in response.context["facets"] if facet.name == "delegation"
              for _value, label, count, _selected, _url in facet.values}
    assert facets == {"Palestine": 1}


def test_search_in_the_original_language_shows_the_original_paragraph(client, trilingual):
    original, *_ = trilingual
    page = client.get(reverse("archive:statement-list") + "?q=borders").content.decode()
    assert page.count('class="result"') == 1
    assert f'#p-{public_ids(original)[1]}"' in page
    assert "Also in:" in page


def test_search_result_page_query_count_does_not_grow_with_versions(client, trilingual):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    original, *_ = trilingual
    url = reverse("archive:statement-list") + "?q=coopération"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), response.content.decode().count('class="result"')

    one = queries()
    for n in range(5):
        other = make_statement(meeting=original.meeting, delegation=make_delegation(f"State {n}"), paragraphs=ENGLISH)
        make_version(other, "fr", FRENCH)
    assert queries() == (one[0], 6)


def test_a_search_download_holds_the_matching_paragraph_of_a_version(client, trilingual):
    import json

    _original, french, _spanish = trilingual
    response = client.get(reverse("archive:statement-export", args=["json"]) + "?q=recueillir")
    rows = json.loads(b"".join(response.streaming_content))
    assert [(row["paragraph_id"], row["language_code"], row["statement_id"]) for row in rows] == [
        (public_ids(french)[1], "fr", french.pk)
    ]


def test_staff_attach_a_version_in_the_admin_and_a_wrong_one_is_refused_with_a_reason(client, staff, trilingual):
    from .test_admin import inline_management

    original, french, _spanish = trilingual
    assert 'name="version_of"' in client.get(reverse("admin:archive_statement_change", args=[french.pk])).content.decode()
    other = make_statement(meeting=original.meeting, delegation=make_delegation("Cuba"), language="ru", paragraphs=["Один."])
    url = reverse("admin:archive_statement_change", args=[other.pk])
    data = {
        "change_reason": "Attach", "status": "published", "meeting": other.meeting_id, "delegation": other.delegation_id,
        "position": "0", "language": "ru", "kind": "general", "version": "prepared", "version_of": original.pk,
        **inline_management("paragraphs", 0), **inline_management("revisions", 0),
    }
    response = client.post(url, data)
    assert "a version has the same delegation and meeting" in response.content.decode()
    other.refresh_from_db()
    assert other.version_of_id is None
    response = client.post(url, {**data, "delegation": original.delegation_id, "on_behalf_of": original.on_behalf_of_id})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.version_of == original


def test_beyond_the_ranking_limit_a_versions_hit_is_still_shown_with_its_statement(client, trilingual, monkeypatch):
    from statements_site.archive import search

    original, french, _spanish = trilingual
    monkeypatch.setattr(search, "RANK_LIMIT", 1)  # one hit ranked, the other counted, and matched again for the page
    page = client.get(reverse("archive:statement-list") + "?q=recueillir OR borders").content.decode()
    assert page.count('class="result"') == 1
    assert f'href="{french.get_absolute_url()}?q=recueillir%20OR%20borders#p-{public_ids(french)[1]}"' in page
    assert f'href="{original.get_absolute_url()}?q=recueillir%20OR%20borders#p-{public_ids(original)[1]}"' in page


def test_statement_and_permalink_pages_of_a_statement_in_three_languages_have_bounded_queries(
    client, trilingual, django_assert_max_num_queries
):
    original, french, _spanish = trilingual
    # The first visit reads which statements have versions or corrections (two queries, then cached).
    with django_assert_max_num_queries(11):
        assert client.get(french.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(french.get_absolute_url()).status_code == 200
    first = public_ids(original)[0]
    with django_assert_max_num_queries(8):
        assert client.get(f"/p/{first}/").status_code == 200


def test_api_paragraph_of_a_version_links_to_the_statement_that_lists_it(client, trilingual):
    original, french, _spanish = trilingual
    data = client.get(f"/api/paragraphs/{public_ids(french)[0]}/").json()
    assert data["statement"] == french.pk
    assert data["statement_url"].endswith(f"/api/statements/{original.pk}/")
    assert client.get(data["statement_url"]).status_code == 200
    assert data["statement_html_url"].endswith(french.get_absolute_url())
