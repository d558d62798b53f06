"""Compare on an agenda item: each statement in one column only, offered only where there is something to compare."""
import re

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def compare_url(item):
    return reverse("archive:agenda-item-compare", args=[item.meeting.slug, item.number])


def columns(page):
    """{column heading: [statement links in it]}"""
    found = {}
    for section in page.split('<section class="compare-column"')[1:]:
        heading = re.search(r"<h2[^>]*><a[^>]*>([^<]+)</a>", section).group(1)
        found[heading] = re.findall(r'<h3><a href="(/statements/\d+/)">', section)
    return found


def test_a_statement_for_a_group_is_in_the_groups_column_only(client):
    meeting = make_meeting()
    item = make_item(meeting)
    g77 = make_group()
    for_group = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77)
    own = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), position=2)
    for statement in (for_group, own):
        statement.agenda_items.add(item)
    page = client.get(compare_url(item), {"d": ["palestine", g77.slug]}).content.decode()
    assert columns(page) == {
        "Palestine": [own.get_absolute_url()],
        "Group of 77 and China": [for_group.get_absolute_url()],
    }


def test_compare_is_not_offered_where_only_one_delegation_has_a_statement(client):
    meeting = make_meeting()
    lonely, debated = make_item(meeting, "2", "Lonely"), make_item(meeting, "3", "Debated")
    g77 = make_group()
    make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77).agenda_items.add(lonely)
    for name in ("Sweden", "Mexico"):
        make_statement(meeting=meeting, delegation=make_delegation(name)).agenda_items.add(debated)
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert compare_url(lonely) not in meeting_page and compare_url(debated) in meeting_page
    assert "compare-form" not in client.get(lonely.get_absolute_url()).content.decode()
    assert "compare-form" in client.get(debated.get_absolute_url()).content.decode()
