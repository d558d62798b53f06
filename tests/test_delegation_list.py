"""The delegations page: every state and group with the number of statements its own page lists."""
import re

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_group, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def listed_counts(client):
    page = client.get(reverse("archive:delegation-list")).content.decode()
    return dict(re.findall(r'<a href="/delegations/[^"]+/">([^<]+)</a> <span class="meta">(\d+)</span>', page))


def test_a_group_counts_the_statements_spoken_on_its_behalf(client):
    meeting = make_meeting()
    g77 = make_group()
    for state in ("Palestine", "Guyana", "Egypt"):
        make_statement(meeting=meeting, delegation=make_delegation(state), on_behalf_of=g77)
    make_statement(meeting=meeting, delegation=make_delegation("Egypt"))
    make_statement(meeting=meeting, delegation=make_delegation("Egypt"), on_behalf_of=g77, status="draft")
    counts = listed_counts(client)
    assert counts["Group of 77 and China"] == "3"
    assert counts["Egypt"] == "2"  # its own statement and the one it delivered for the group
    assert counts["Palestine"] == "1"
    page = client.get(g77.get_absolute_url()).content.decode()
    assert len(re.findall(r'class="statement-row"', page)) == 3


def test_a_delegations_page_runs_as_many_queries_for_many_statements_on_agenda_items_as_for_one(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import make_item

    def queries_for(delegation):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(delegation.get_absolute_url()).status_code == 200
        return len(captured)

    counts = []
    for name, meetings in [("Sweden", 1), ("Mexico", 12)]:
        delegation = make_delegation(name)
        for n in range(meetings):
            meeting = make_meeting(title=f"{name} meeting {n}")
            make_statement(meeting=meeting, delegation=delegation).agenda_items.add(make_item(meeting, str(n % 3 + 1)))
        queries_for(delegation)  # the archive's version and cached lists read once
        counts.append(queries_for(delegation))
    assert counts[0] == counts[1]


def test_the_delegations_page_lists_names_in_the_order_of_the_language_they_are_written_in(client):
    meeting = make_meeting()
    for name in ("Denmark", "Egypt", "Germany", "Zambia"):
        make_statement(meeting=meeting, delegation=make_delegation(name))

    path = reverse("archive:delegation-list")  # before a /fr/ request leaves French active in this thread

    def listed(prefix):
        page = client.get(f"{prefix}{path}").content.decode()
        return re.findall(r'<a href="[^"]*/delegations/[^"]+/">([^<]+)</a>', page)

    assert listed("") == ["Denmark", "Egypt", "Germany", "Zambia"]
    # Accented capitals sort with their letter, not after Z.
    assert listed("/fr") == ["Allemagne", "Danemark", "Égypte", "Zambie"]
    assert listed("/es") == ["Alemania", "Dinamarca", "Egipto", "Zambia"]
