"""Spelling suggestions from the archive's own words, on both databases: "Did you mean cooperation?"."""
import re
from html import unescape

import pytest
from django.urls import reverse

from statements_site.archive import spelling

from .conftest import make_delegation, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")


@pytest.fixture
def corpus():
    make_statement(delegation=make_delegation("Sweden"), paragraphs=[
        "International cooperation on electronic evidence.", "Cooperation between States matters.",
    ])
    make_statement(delegation=make_delegation("Mexico"), paragraphs=["La cooperación internacional es clave."])
    make_statement(delegation=make_delegation("Chile"), paragraphs=["A corporation testified once."])
    make_statement(delegation=make_delegation("Peru"), status="draft", paragraphs=["Confidential negotiaton text."])


def suggestion(client, q):
    page = client.get(BROWSE, {"q": q}).content.decode()
    found = re.search(r'<p class="suggestion">Did you mean <a href="([^"]*)">([^<]*)</a>\?</p>', page)
    return (unescape(found.group(2)), unescape(found.group(1))) if found else None


def test_a_misspelt_search_suggests_the_archives_own_word(client, corpus):
    text, href = suggestion(client, "cooperaton")
    assert text == "cooperation" and href == "?q=cooperation"
    assert "2 matching paragraphs" in client.get(BROWSE, {"q": text}).content.decode()


def test_the_most_frequent_word_one_edit_away_wins_and_accents_do_not_matter(client, corpus):
    # "cooporation" is one edit from "corporation" (1 paragraph) and "cooperation" (2).
    assert spelling.suggest("cooporation") == "cooperation"
    assert spelling.suggest("corporaton") == "corporation"
    assert spelling.suggest("Coopératon") == "cooperation"


def test_every_misspelt_word_is_corrected_and_the_rest_kept(client, corpus):
    text, href = suggestion(client, '"internatonal cooperaton" -states')
    assert text == '"international cooperation" -states'


def test_no_suggestion_when_the_search_finds_something_or_nothing_is_close(client, corpus):
    assert suggestion(client, "cooperation") is None
    assert suggestion(client, "xylophone") is None
    assert suggestion(client, "cyber*") is None


def test_filters_are_kept_in_the_suggestions_link(client, corpus):
    page = client.get(BROWSE, {"q": "cooperaton", "language": "en", "page": "2"}).content.decode()
    href = unescape(re.search(r'<p class="suggestion">Did you mean <a href="([^"]*)"', page).group(1))
    assert href == "?q=cooperation&language=en"


def test_suggestions_cost_one_query_and_one_to_check_them(client, corpus, django_assert_num_queries):
    from statements_site.archive.models import Statement

    with django_assert_num_queries(1):
        assert spelling.suggest("internatonal cooperaton prevension") == "international cooperation prevension"
    with django_assert_num_queries(3):  # each rare correction is checked
        assert spelling.suggest("internatonal cooperaton", Statement.objects.published()) == "international cooperation"


def test_words_of_drafts_are_never_suggested_to_the_public(client, corpus, staff):
    client.logout()
    assert suggestion(client, "negotiation") is None  # only a draft has "negotiaton"
    client.force_login(staff)
    assert suggestion(client, "negotiation")[0] == "negotiaton"  # staff see drafts, and so this


def test_a_rare_word_that_the_chosen_filters_would_empty_is_not_offered(client, corpus):
    assert suggestion(client, "cooperaton")[0] == "cooperation"
    page = client.get(BROWSE, {"q": "cooperaton", "delegation": "mexico"}).content.decode()
    assert "Did you mean" not in page


def test_the_vocabulary_follows_corrections_and_deletions(client, corpus):
    from statements_site.archive.models import Paragraph, Statement

    paragraph = Paragraph.objects.get(text__startswith="A corporation")
    paragraph.text = "A corporaton testified once."
    paragraph.save()
    assert spelling.suggest("corporation") == "corporaton"
    Statement.objects.filter(delegation__name="Chile").delete()
    assert spelling.suggest("corporation") == ""


def test_a_long_search_of_long_words_is_bounded_and_never_fails(client, corpus):
    text = " ".join(f"{'x' * 17}{chr(0x430 + n)}{n:02d}" for n in range(16))  # 16 words of 20 letters
    assert spelling.searched_words(text) == spelling.searched_words(text)[:spelling.MAX_WORDS]
    assert client.get(BROWSE, {"q": text}).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_an_emptied_archive_suggests_nothing(corpus):
    from django.core.management import call_command

    assert spelling.suggest("cooperaton") == "cooperation"
    call_command("flush", interactive=False, verbosity=0)  # TRUNCATE on PostgreSQL: no delete triggers
    assert spelling.suggest("cooperaton") == ""
