"""Statement, paragraph, citation, meeting, agenda item, compare and delegation pages."""
import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate():
    meeting = make_meeting(location="Vienna", symbol="E/CN.7/2023/1")
    item = make_item(meeting, "4(a)", "Demand reduction")
    g77 = make_group()
    palestine = make_statement(
        meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77, position=1,
        speaker="Ms. Safa Shabat", date=datetime.date(2023, 3, 14), source_symbol="CND/2023/ST/1",
        source_url="https://example.org/st1.pdf", salutation="Mr. Chairman,", closing="Thank you.",
        paragraphs=["The Group calls for prevention.", "Cooperation must respect sovereignty."],
    )
    sweden = make_statement(meeting=meeting, delegation=make_delegation("Sweden"), position=2,
                            paragraphs=["Sweden stresses prevention and <evidence>."])
    mexico = make_statement(meeting=meeting, delegation=make_delegation("Mexico"), position=3, is_synthetic=True,
                            paragraphs=["México apoya la prevención."])
    for statement in (palestine, sweden, mexico):
        statement.agenda_items.add(item)
    return meeting, item, g77, palestine, sweden, mexico


def test_statement_page_shows_all_metadata_salutation_and_closing(client, debate):
    _, _, _, palestine, _, _ = debate
    page = html.unescape(client.get(palestine.get_absolute_url()).content.decode())
    for text in ["Palestine on behalf of Group of 77 and China", "Ms. Safa Shabat", "Item 4(a): Demand reduction",
                 "14 March 2023", "English", "General statement", "As prepared", "CND/2023/ST/1",
                 'href="https://example.org/st1.pdf"', "Mr. Chairman,", "Thank you.", "Vienna"]:
        assert text in page, text


def test_each_paragraph_has_a_copy_link_button_and_a_cite_details(client, debate):
    palestine = debate[3]
    page = client.get(palestine.get_absolute_url()).content.decode()
    first = palestine.paragraphs.get(position=1)
    assert f'data-copy="http://testserver/p/{first.public_id}/"' in page
    assert page.count('<details class="cite">') == 2


def test_plain_citation_names_delegation_group_meeting_item_date_paragraph_and_url(client, debate):
    palestine = debate[3]
    first = palestine.paragraphs.get(position=1)
    page = html.unescape(client.get(reverse("archive:paragraph-cite", args=[first.public_id])).content.decode())
    plain = re.search(r'<p class="citation" id="cite-plain">(.*?)</p>', page, re.S).group(1)
    assert plain == (
        "Palestine on behalf of Group of 77 and China, statement at the Commission on Narcotic Drugs, 66th session (CND), "
        f"item 4(a) “Demand reduction”, 14 March 2023, para. 1. Statements Archive, http://testserver/p/{first.public_id}/"
    )
    assert f"@misc{{archive-{first.public_id}," in page
    assert "author = {{Palestine on behalf of Group of 77 and China}}" in page
    csl = json.loads(re.search(r'<pre id="cite-csl" tabindex="0">(.*?)</pre>', page, re.S).group(1))
    assert csl[0]["type"] == "speech" and csl[0]["issued"] == {"date-parts": [[2023, 3, 14]]}
    assert csl[0]["URL"] == f"http://testserver/p/{first.public_id}/"


def test_permalink_page_has_opengraph_and_twitter_meta(client, debate):
    first = debate[3].paragraphs.get(position=1)
    page = client.get(first.get_absolute_url()).content.decode()
    url = f"http://testserver/p/{first.public_id}/"
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:description" content="The Group calls for prevention.">' in page
    assert re.search(r'<meta property="og:title" content="Palestine on behalf of Group of 77 and China, Commission on Narcotic Drugs, 66th session, paragraph 1">', page)
    assert '<meta name="twitter:card" content="summary">' in page
    assert f'<link rel="canonical" href="{url}">' in page


def test_synthetic_statements_are_labelled_wherever_shown(client, debate):
    meeting, item, _, _, _, mexico = debate
    for url in [mexico.get_absolute_url(), mexico.paragraphs.first().get_absolute_url(), meeting.get_absolute_url(),
                item.get_absolute_url(), reverse("archive:statement-list"), reverse("archive:statement-list") + "?q=prevencion"]:
        assert "Synthetic demo" in client.get(url).content.decode(), url


def test_search_words_are_highlighted_on_the_statement_page_and_html_is_escaped(client, debate):
    sweden = debate[4]
    page = client.get(sweden.get_absolute_url(), {"q": "PREVENTION"}).content.decode()
    assert "Sweden stresses <mark>prevention</mark> and &lt;evidence&gt;." in page


def test_meeting_page_lists_statements_under_each_item_in_speaking_order(client, debate):
    meeting = debate[0]
    page = client.get(meeting.get_absolute_url()).content.decode()
    section = page.split("Item 4(a): Demand reduction</h2>")[1]
    assert re.findall(r"<strong>(\w+)</strong>", section)[:3] == ["Palestine", "Sweden", "Mexico"]
    assert "Delegations that spoke" in page and "Group of 77 and China" in page
    assert "E/CN.7/2023/1" in page and "CND/2023/ST/1" in page


def test_agenda_item_page_reads_as_the_debate(client, debate):
    item = debate[1]
    page = client.get(item.get_absolute_url()).content.decode()
    order = [page.index(text) for text in ["The Group calls for prevention.", "Sweden stresses", "México apoya"]]
    assert order == sorted(order)


def test_compare_sets_chosen_delegations_side_by_side_with_highlights(client, debate):
    meeting, item = debate[0], debate[1]
    url = reverse("archive:agenda-item-compare", args=[meeting.slug, item.number])
    page = client.get(url, {"d": ["sweden", "mexico"], "q": "prevention OR prevencion"}).content.decode()
    columns = re.findall(r'<section class="compare-column" aria-labelledby="col-([\w-]+)">', page)
    assert columns == ["sweden", "mexico"]
    assert "<mark>prevention</mark>" in page and "<mark>prevención</mark>" in page


def test_compare_explains_how_many_to_choose(client, debate):
    meeting, item = debate[0], debate[1]
    url = reverse("archive:agenda-item-compare", args=[meeting.slug, item.number])
    assert "Choose two to four" in client.get(url, {"d": "sweden"}).content.decode()
    page = client.get(url, {"d": ["sweden", "atlantis"]}).content.decode()
    assert "did not speak on this item" in page


def test_group_page_shows_statements_on_its_behalf_and_who_delivered_them(client, debate):
    g77 = debate[2]
    page = client.get(g77.get_absolute_url()).content.decode()
    assert "delivered by Palestine" in page
    assert "<strong>1</strong> made on its behalf" in page


def test_state_page_shows_group_statements_it_delivered(client, debate):
    palestine = debate[3].delegation
    make_statement(meeting=debate[0], delegation=palestine, position=9, paragraphs=["Own words."])
    page = client.get(palestine.get_absolute_url()).content.decode()
    assert "<strong>1</strong> own statement" in page
    assert "<strong>1</strong> delivered on behalf of a group" in page
    assert "for Group of 77 and China" in page


def test_body_list_shows_meetings_by_year(client, debate):
    page = client.get(reverse("archive:body-list")).content.decode()
    assert "<dt>2023</dt>" in page and "Commission on Narcotic Drugs, 66th session" in page


def test_home_offers_ways_in_by_body_delegation_and_agenda_item(client, debate):
    page = client.get("/").content.decode()
    assert "By body and meeting" in page and "By delegation or group" in page
    assert "Item 4(a): Demand reduction" in page


def test_pages_run_a_bounded_number_of_queries(client, debate, django_assert_max_num_queries):
    meeting, item, g77, palestine, _, _ = debate
    for n in range(20):
        statement = make_statement(meeting=meeting, delegation=make_delegation(f"State {n}"), position=10 + n,
                                   paragraphs=["One.", "Two.", "Three."])
        statement.agenda_items.add(item)
    first = palestine.paragraphs.first()
    # Delegation pages read the archive's version (one indexed MAX) to leave out the records only
    # drafts use by a cached list of ids: cheaper than building public()'s nested EXISTS thrice.
    # Values the same for every visitor until a statement changes are cached under that version: a
    # first visit computes them, a second reads them (the second limit).
    for url, first_visit, again in [
        # Research data (research_groups): +1 for a meeting's list of speakers, a group's memberships, a
        # statement's alignments, an agenda item's link to the same item across sessions; a group
        # statement +1 for the states it spoke for; a state +3 (its memberships, the group statements
        # that covered it, its alignments).
        # The meeting page's coverage panel (research) reads no statement of its own without a list.
        (meeting.get_absolute_url(), 7, 6),
        # Cached: the count, the delegations to compare and the same item in other sessions.
        (item.get_absolute_url(), 7, 4),
        (reverse("archive:agenda-item-compare", args=[meeting.slug, item.number]) + "?d=sweden&d=mexico", 10, 10),
        (g77.get_absolute_url(), 10, 10),
        (palestine.delegation.get_absolute_url(), 12, 12),
        # Cached: which statements were corrected or have language versions.
        (palestine.get_absolute_url(), 9, 7),
        (first.get_absolute_url(), 8, 6),
        (reverse("archive:paragraph-cite", args=[first.public_id]), 3, 3),
        ("/", 10, 1),
        (reverse("archive:body-list"), 3, 3),
    ]:
        for limit in (first_visit, again):
            with django_assert_max_num_queries(limit, info=url):
                assert client.get(url).status_code == 200, url


def test_an_agenda_item_page_reads_its_count_and_speakers_from_the_cache_until_a_statement_changes(
    client, debate, django_assert_max_num_queries
):
    meeting, item, *_ = debate
    client.get(item.get_absolute_url())
    # The archive's version, the item, the page's statements and their paragraphs.
    with django_assert_max_num_queries(4):
        page = client.get(item.get_absolute_url()).content.decode()
    speakers = page.count('name="d"')
    statement = make_statement(meeting=meeting, delegation=make_delegation("Norway"), position=99, paragraphs=["New."])
    statement.agenda_items.add(item)
    statement.save()  # a write to the statement (its agenda items alone leave its time as it was)
    page = client.get(item.get_absolute_url()).content.decode()
    assert page.count('name="d"') == speakers + 1 and 'value="norway"' in page


def test_a_statement_on_many_agenda_items_costs_no_more_queries_than_one_on_a_single_item(client):
    meeting = make_meeting()
    one = make_statement(meeting=meeting, delegation=make_delegation("Chile"), position=1)
    many = make_statement(meeting=meeting, delegation=make_delegation("Peru"), position=2)
    one.agenda_items.add(make_item(meeting, "1"))
    many.agenda_items.add(*(make_item(meeting, str(n), f"Topic {n}") for n in range(1, 7)))
    for url in [lambda s: s.get_absolute_url(), lambda s: s.paragraphs.first().get_absolute_url(),
                lambda s: reverse("archive:paragraph-cite", args=[s.paragraphs.first().public_id])]:
        counts = []
        client.get(url(one))  # the values cached for every statement page (corrections, versions) read once
        for statement in (one, many):
            with CaptureQueriesContext(connection) as queries:
                page = client.get(url(statement)).content.decode()
            counts.append(len(queries))
        assert "Topic 6" in page
        assert counts[0] == counts[1], url(many)

