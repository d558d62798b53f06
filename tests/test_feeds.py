"""Atom feeds of new and corrected statements, for the archive, a search, a delegation, a body, a meeting, an item."""
import datetime
import html

import pytest
from django.urls import reverse
from lxml import etree

from statements_site.archive import revisions
from statements_site.archive.models import Paragraph, Statement

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def archive():
    meeting = make_meeting()
    item = make_item(meeting, "3", "Prevention")
    g77 = make_group()
    palestine = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77,
                               paragraphs=["The Group calls for prevention.", "<script>alert(1)</script> & more"])
    palestine.agenda_items.add(item)
    sweden = make_statement(meeting=meeting, delegation=make_delegation("Sweden"), paragraphs=["Human rights online."])
    draft = make_statement(meeting=meeting, delegation=make_delegation("Mexico"), status="draft",
                           paragraphs=["A draft on prevention."])
    # Sweden first entered, Palestine later, so Palestine is the newest.
    for statement, month in ((sweden, 1), (palestine, 2)):
        when = datetime.datetime(2024, month, 1, tzinfo=datetime.timezone.utc)
        Statement.objects.filter(pk=statement.pk).update(created=when, updated=when)
    return meeting, item, g77, palestine, sweden, draft


def entries(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    return root, root.findall("a:entry", ATOM)


def entry_links(found):
    return [entry.find("a:link", ATOM).get("href") for entry in found]


def test_archive_feed_lists_published_statements_newest_change_first(client, archive):
    palestine, sweden = archive[3], archive[4]
    root, found = entries(client, reverse("archive:statement-feed"))
    assert entry_links(found) == [f"http://testserver/statements/{palestine.pk}/", f"http://testserver/statements/{sweden.pk}/"]
    assert found[0].find("a:title", ATOM).text == "Palestine on behalf of Group of 77 and China, Commission on Narcotic Drugs, 66th session"
    assert found[0].find("a:updated", ATOM).text.startswith("2024-02-01")
    assert root.find("a:updated", ATOM).text.startswith("2024-02-01")


def test_a_corrected_statement_comes_back_to_the_top_marked_with_its_reason(client, archive):
    sweden = archive[4]
    revisions.record_revision(sweden, reason="As first loaded")
    Paragraph.objects.filter(statement=sweden).update(text="Human rights online and offline.")
    revisions.record_revision(sweden, reason="Speaker's correction of paragraph 1")
    Statement.objects.filter(pk=sweden.pk).update(updated=datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc))
    _, found = entries(client, reverse("archive:statement-feed"))
    assert entry_links(found)[0] == f"http://testserver/statements/{sweden.pk}/"
    assert found[0].find("a:title", ATOM).text.startswith("Corrected: Sweden")
    summary = html.unescape(found[0].find("a:summary", ATOM).text)
    assert "<strong>Correction:</strong> Speaker's correction of paragraph 1" in summary
    assert [c.get("term") for c in found[0].findall("a:category", ATOM)][0] == "corrected"


def test_statement_text_in_a_feed_is_text_not_markup(client, archive):
    response = client.get(reverse("archive:statement-feed"))
    assert b"<script>" not in response.content
    _, found = entries(client, reverse("archive:statement-feed"))
    summary = found[0].find("a:summary", ATOM)
    assert summary.get("type") == "html"
    # The summary is HTML; the statement's tags in it are escaped, so a reader shows them as text.
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>" in summary.text


def test_saved_search_feed_follows_the_browse_parameters(client, archive):
    palestine = archive[3]
    root, found = entries(client, reverse("archive:statement-feed"), q="prevention", delegation="palestine")
    assert entry_links(found) == [f"http://testserver/statements/{palestine.pk}/"]
    assert "saved search" in root.find("a:title", ATOM).text
    self_link = root.find("a:link[@rel='self']", ATOM).get("href")
    assert self_link == "http://testserver/statements/feed/?q=prevention&delegation=palestine"
    _, found = entries(client, reverse("archive:statement-feed"), q="nothing-matches-this")
    assert found == []


def test_a_feed_with_junk_parameters_is_empty_not_an_error(client, archive):
    _, found = entries(client, reverse("archive:statement-feed"), delegation="atlantis")
    assert found == []
    _, found = entries(client, reverse("archive:statement-feed"), q="-prevention")
    assert found == []


def test_delegation_feed_of_a_group_includes_what_was_said_on_its_behalf(client, archive):
    g77, palestine, sweden = archive[2], archive[3], archive[4]
    _, found = entries(client, reverse("archive:delegation-feed", args=[g77.slug]))
    assert entry_links(found) == [f"http://testserver/statements/{palestine.pk}/"]
    _, found = entries(client, reverse("archive:delegation-feed", args=["sweden"]))
    assert entry_links(found) == [f"http://testserver/statements/{sweden.pk}/"]
    assert client.get(reverse("archive:delegation-feed", args=["atlantis"])).status_code == 404


def test_meeting_item_and_body_feeds(client, archive):
    meeting, item, _, palestine, sweden, _ = archive
    other = make_statement(meeting=make_meeting(title="Other", session="67th session",
                                                date_start=datetime.date(2024, 3, 11), date_end=None),
                           delegation=make_delegation("Chile"))
    _, found = entries(client, reverse("archive:meeting-feed", args=[meeting.slug]))
    assert len(found) == 2
    _, found = entries(client, reverse("archive:agenda-item-feed", args=[meeting.slug, item.number]))
    assert entry_links(found) == [f"http://testserver/statements/{palestine.pk}/"]
    _, found = entries(client, reverse("archive:body-feed", args=[meeting.body.slug]))
    assert len(found) == 3 and f"http://testserver/statements/{other.pk}/" in entry_links(found)


def test_feed_uses_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    for n in range(15):
        make_statement(meeting=archive[0], delegation=make_delegation(f"State {n}"), on_behalf_of=archive[2])
    with django_assert_max_num_queries(5):
        client.get(reverse("archive:statement-feed"))


def test_a_feed_reads_its_newest_entries_without_counting_every_statements_revisions(client, archive):
    # Feed readers poll the archive's feed: its revision counts are read for the 50 entries it shows.
    # Counted with a GROUP BY over the selection, the database grouped every statement first (932 ms
    # of SQL at 50,000 statements, for every poll).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sweden = archive[4]
    revisions.record_revision(sweden, reason="As first loaded")
    Paragraph.objects.filter(statement=sweden).update(text="Human rights online and offline.")
    revisions.record_revision(sweden, reason="Paragraph 1 corrected")
    with CaptureQueriesContext(connection) as queries:
        _, found = entries(client, reverse("archive:statement-feed"))
    assert [entry.find("a:title", ATOM).text.startswith("Corrected:") for entry in found] == [False, True]
    assert [query["sql"] for query in queries if "GROUP BY" in query["sql"].upper()] == []


def test_pages_link_the_feeds_they_follow(client, archive):
    meeting, item, g77 = archive[:3]
    pages = {
        reverse("archive:delegation-detail", args=[g77.slug]): f"/delegations/{g77.slug}/feed/",
        reverse("archive:meeting-detail", args=[meeting.slug]): f"/meetings/{meeting.slug}/feed/",
        reverse("archive:agenda-item-detail", args=[meeting.slug, item.number]): f"/meetings/{meeting.slug}/items/3/feed/",
        reverse("archive:body-detail", args=[meeting.body.slug]): f"/bodies/{meeting.body.slug}/feed/",
        reverse("archive:home"): "/statements/feed/",
    }
    for page_url, feed_url in pages.items():
        page = client.get(page_url).content.decode()
        head = page.split("</head>")[0]
        assert 'type="application/atom+xml"' in head and f'href="{feed_url}"' in head, page_url
        assert page.count(f'href="{feed_url}"') >= (1 if page_url == "/" else 2), page_url


def test_browse_page_links_the_feed_of_its_search(client, archive):
    page = client.get(reverse("archive:statement-list"), {"q": "prevention", "delegation": "palestine", "page": "1"})
    html_text = page.content.decode()
    expected = 'href="/statements/feed/?q=prevention&amp;delegation=palestine"'
    assert expected in html_text.split("</head>")[0]
    assert "Atom feed of this search" in html_text
