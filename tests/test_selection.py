"""One reading of a browse address (selection.Selection) serves the list, its feed, its downloads and the
API: the same parameters select the same statements everywhere, say the same things about bad input,
and give the same name to what they select."""
import csv
import io

import pytest
from django.http import QueryDict
from django.urls import reverse

from statements_site.archive import filters
from statements_site.archive.models import Paragraph, Statement
from statements_site.archive.selection import Selection

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate():
    meeting = make_meeting(title="Expert Group Meeting on Cybercrime", session="sixth session")
    prevention = make_item(meeting, "3", "Prevention")
    cooperation = make_item(meeting, "2", "International cooperation")
    g77 = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(),
                         paragraphs=["We value cooperation between states.", "Prevention matters."])
    g77.agenda_items.add(prevention)
    sweden = make_statement(meeting=meeting, delegation=make_delegation("Sweden"),
                            paragraphs=["Cooperation with the private sector.", "Oceans."])
    sweden.agenda_items.add(cooperation)
    make_statement(meeting=meeting, delegation=make_delegation("Mexico"), paragraphs=["Nothing on that."],
                   status=Statement.Status.DRAFT)
    return meeting, prevention, g77, sweden


def test_a_selection_built_from_a_query_string_gives_statements_paragraphs_and_hits(debate):
    meeting, prevention, g77, sweden = debate
    with Selection(f"q=cooperation&meeting={meeting.slug}") as selection:
        assert set(selection.statements) == {g77, sweden}
        assert [p.text for p in selection.paragraphs()] == [
            "We value cooperation between states.", "Cooperation with the private sector."]
        assert selection.hits.total == 2
        assert selection.notices == []


def test_a_selection_gives_its_filtered_statements_and_matches_without_running_the_ranked_search(
        debate, django_assert_num_queries):
    meeting, prevention, g77, sweden = debate
    with Selection(f"q=cooperation&item={prevention.pk}") as selection:
        assert selection.valid  # the filters are checked against the archive
        with django_assert_num_queries(0):  # nothing searched yet: a subquery for the caller's own query
            matched = selection.paragraph_ids()
        assert set(selection.unsearched) == {g77}
        matching = Paragraph.objects.filter(pk__in=matched, statement__in=selection.unsearched)
        assert [p.text for p in matching] == ["We value cooperation between states."]
        assert selection._hits is None
    assert Selection("delegation=atlantis&q=cooperation").paragraph_ids() is None
    assert not Selection("delegation=atlantis").unsearched.exists()


def test_a_selection_can_read_another_search_under_the_same_filters(debate):
    meeting, prevention, g77, sweden = debate
    with Selection(f"q=cooperation&meeting={meeting.slug}", text="oceans") as selection:
        assert list(selection.statements) == [sweden]
    assert Selection("q=%22%22").selects_nothing and not Selection("q=oceans").selects_nothing


def test_a_selection_without_a_request_sees_what_the_public_sees(debate):
    assert Selection(QueryDict("")).statements.count() == 2  # not the draft


def test_a_selection_describes_itself_in_words_and_as_a_file_name(debate):
    meeting, prevention, g77, sweden = debate
    group = g77.on_behalf_of
    selection = Selection(f"on_behalf_of={group.slug}&item={prevention.pk}&year=2023&q=cooperation")
    assert selection.describe() == "Group of 77 and China · Item 3: Prevention · “cooperation” · 2023"
    assert selection.slug() == "group-of-77-and-china-prevention-cooperation-2023"
    assert Selection("").describe() == "" and Selection("").slug() == "statements-archive"


def test_unknown_parameters_and_invalid_values_are_named_and_select_nothing(debate):
    selection = Selection("speaker_group=g77&delegation=atlantis")
    assert selection.unknown == ["speaker_group"]
    assert not selection.valid and set(selection.errors) == {"delegation"}
    assert "speaker_group" in selection.notices[0] and "delegation" in selection.notices[1]
    assert list(selection.statements) == []


def test_a_too_expensive_address_is_refused_before_anything_runs(debate, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert "Pages go up to" in Selection("page=999999").refusal
        assert "at most 50 values" in Selection("&".join(f"year={y}" for y in range(1950, 2010))).refusal


@pytest.mark.parametrize("params", ["q=cooperation", "delegation=sweden", "q=cooperation&delegation_kind=group",
                                    "q=oceans&year=2023"])
def test_the_list_the_feed_the_download_and_the_api_select_the_same_statements(client, debate, params):
    expected = {s.pk for s in Selection(params).statements}
    page = client.get(reverse("archive:statement-list") + "?" + params).content.decode()
    assert {pk for pk in expected if f'href="/statements/{pk}/' in page} == expected
    feed = client.get(reverse("archive:statement-feed") + "?" + params).content.decode()
    assert {pk for pk in expected if f"/statements/{pk}/</id>" in feed} == expected
    download = client.get(reverse("archive:statement-export", args=["csv"]) + "?" + params)
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert {int(row["statement_id"]) for row in rows} == expected
    api = client.get(reverse("archive:api:statement-list") + "?" + params).json()
    assert {row["id"] for row in api["results"]} == expected


def test_every_facet_is_one_definition_giving_filter_label_and_column():
    for facet in filters.FACETS:
        assert filters.StatementFilter.base_filters[facet.name] is not None
        assert facet.columns and facet.label
    assert list(filters.StatementFilter.base_filters) == [f.name for f in filters.FACETS] + ["year_from", "year_to"]
