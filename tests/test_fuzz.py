"""Fuzzing the browse and search page: whatever a visitor puts in the address, never a 500.

Runs on whichever database DATABASE_URL selects (SQLite FTS5 or PostgreSQL tsquery), so the
same properties hold on both. Bounded to stay a few seconds long.
"""
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")
SYNTAX = ['"', "*", "^", ":", "(", ")", "-", "+", "NEAR", "NEAR(", "OR", "AND", "NOT", "|", "&", "!", "<->", "'",
          "\\", "\x00", "{", "}", "[", "]", "%", "_", "é", "中文", "🙂", "\u200b", "\ue000"]
PARAMS = ["q", "page", "sort", "body", "meeting", "item", "delegation", "on_behalf_of", "delegation_kind", "year",
          "language", "type", "version", "unknown"]

query_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(alphabet="abcdeéprvnto ", max_size=8)), max_size=12).map(" ".join),
)
params = st.dictionaries(
    st.sampled_from(PARAMS),
    st.one_of(st.text(max_size=20), st.integers(-10**12, 10**12).map(str), st.sampled_from(["sweden", "2023", "en", "item"])),
    max_size=5,
)


@pytest.fixture
def corpus(db):
    meeting = make_meeting()
    item = make_item(meeting)
    make_statement(meeting=meeting, delegation=make_delegation("Sweden"),
                   paragraphs=["International cooperation on prevention.", "Near the end: résumé (draft) *."])
    statement = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(),
                               paragraphs=["The Group stresses technical assistance."])
    statement.agenda_items.add(item)


def check(client, data):
    response = client.get(BROWSE, data)
    assert response.status_code in (200, 400), (data, response.status_code)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=query_text)
def test_no_search_text_gives_a_server_error(client, corpus, q):
    check(client, {"q": q})


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=params)
def test_no_combination_of_parameters_gives_a_server_error(client, corpus, data):
    check(client, data)
