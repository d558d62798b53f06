"""Paging and sorting keep the search and filters: every link on a page leads back to the same selection."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def link(page, rel=None, text=None):
    """The href of the link with `rel` or with `text`, as a browser reads it."""
    pattern = rf'<a href="([^"]*)"[^>]*rel="{rel}"' if rel else rf'<a href="([^"]*)"[^>]*>{re.escape(text)}</a>'
    return unescape(re.search(pattern, page).group(1))


def followed(client, path, href):
    """The response to clicking `href` on the page at `path`, and the query it sent."""
    assert not href.startswith("??"), href
    split = urlsplit(href)
    query = parse_qs(split.query, keep_blank_values=True)
    return client.get(split.path or path, query), query


@pytest.fixture
def many():
    meeting = make_meeting()
    item = make_item(meeting, "2", "International cooperation")
    sweden = make_delegation("Sweden")
    for n in range(45):
        statement = make_statement(meeting=meeting, delegation=sweden, position=n,
                                   paragraphs=[f"Cooperation matters, says statement {n}."])
        statement.agenda_items.add(item)
    make_statement(meeting=meeting, delegation=make_delegation("Mexico"), paragraphs=["Prevention first."])
    return meeting, item, sweden


def test_paging_a_search_keeps_the_query_and_filters(client, many):
    browse = reverse("archive:statement-list")
    page = client.get(browse, {"q": "cooperation", "delegation": "sweden"}).content.decode()
    response, query = followed(client, browse, link(page, rel="next"))
    assert query["q"] == ["cooperation"] and query["delegation"] == ["sweden"] and query["page"] == ["2"]
    assert "Page 2 of 3" in response.content.decode()


def test_sorting_a_search_keeps_the_query_and_starts_at_page_one(client, many):
    browse = reverse("archive:statement-list")
    page = client.get(browse, {"q": "cooperation", "page": "2"}).content.decode()
    response, query = followed(client, browse, link(page, text="Oldest"))
    assert query == {"q": ["cooperation"], "sort": ["oldest"]}
    assert "Mexico" not in response.content.decode()
    assert "Page 1 of 3" in response.content.decode()


def test_paging_an_agenda_item_and_a_delegation_keeps_their_query(client, many):
    meeting, item, sweden = many
    for path in (item.get_absolute_url(), sweden.get_absolute_url()):
        page = client.get(path, {"q": "cooperation"}).content.decode()
        response, query = followed(client, path, link(page, rel="next"))
        assert query["page"] == ["2"] and query["q"] == ["cooperation"]
        assert response.status_code == 200
