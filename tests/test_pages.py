"""Public pages: what an anonymous reader sees, and the permalink promise."""
import re

import pytest
from django.urls import reverse

from statements_site.archive.models import Statement

from .conftest import make_meeting, make_statement

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_home_shows_totals_and_latest_meetings(client):
    make_statement(paragraphs=["One.", "Two.", "Three."])
    page = client.get("/").content.decode()
    assert "Commission on Narcotic Drugs" in page
    assert re.search(r"<strong>3</strong> paragraphs", page)


def test_every_paragraph_has_an_anchor_and_a_bookmark_permalink_that_resolves(client):
    statement = make_statement(paragraphs=["First point.", "Second point."])
    page = client.get(statement.get_absolute_url()).content.decode()
    for paragraph in statement.paragraphs.all():
        assert f'id="{paragraph.anchor}"' in page
        assert f'rel="bookmark" href="{paragraph.get_absolute_url()}"' in page
        target = client.get(paragraph.get_absolute_url())
        assert target.status_code == 200
        assert paragraph.text in target.content.decode()


def test_permalink_page_marks_the_cited_paragraph(client):
    statement = make_statement(paragraphs=["First point.", "Second point."])
    second = statement.paragraphs.get(position=2)
    page = client.get(second.get_absolute_url()).content.decode()
    assert re.search(rf'class="paragraph is-target" id="{second.anchor}"', page)


def test_drafts_are_hidden_from_the_public(client):
    statement = make_statement(status=Statement.Status.DRAFT)
    assert client.get(statement.get_absolute_url()).status_code == 404
    assert client.get(statement.paragraphs.first().get_absolute_url()).status_code == 404
    assert "Sweden" not in client.get(reverse("archive:statement-list")).content.decode()


def test_unknown_permalink_is_a_404(client):
    assert client.get("/p/doesnotexist/").status_code == 404


def test_meeting_and_agenda_item_and_delegation_pages_render(client):
    statement = make_statement()
    item = statement.meeting.agenda_items.create(number="4(a)", title="Demand reduction")
    statement.agenda_items.add(item)
    for url in [statement.meeting.get_absolute_url(), item.get_absolute_url(), statement.delegation.get_absolute_url(),
                statement.meeting.body.get_absolute_url(), reverse("archive:body-list"), reverse("archive:delegation-list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Sweden" in response.content.decode() or "Commission" in response.content.decode()


def test_statement_page_links_previous_and_next_in_speaking_order(client):
    meeting = make_meeting()
    first = make_statement(meeting=meeting, position=1)
    from .conftest import make_delegation
    second = make_statement(meeting=meeting, delegation=make_delegation("Mexico"), position=2)
    page = client.get(first.get_absolute_url()).content.decode()
    assert f'rel="next" href="{second.get_absolute_url()}"' in page
    page = client.get(second.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{first.get_absolute_url()}"' in page


def test_the_bodies_page_is_read_once_per_change_and_counts_a_new_statement_at_once(client, django_assert_max_num_queries):
    statement = make_statement()
    url = reverse("archive:body-list")

    def count_shown():
        page = " ".join(client.get(url).content.decode().split())
        return re.search(r'>Commission on Narcotic Drugs, 66th session</a> <span class="meta">[^<]* · (\d+) statements?<', page).group(1)

    assert count_shown() == "1"
    with django_assert_max_num_queries(1):  # the archive's version; the list itself from the cache
        assert count_shown() == "1"
    make_statement(meeting=statement.meeting)
    assert count_shown() == "2"
    # In another language the page is its own.
    assert "1 réunion" in client.get(f"/fr{url}").content.decode()
