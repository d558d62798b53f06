"""Browse: facets, several values per facet, pills, pagination state, downloads, bounded queries."""
import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")


@pytest.fixture
def corpus():
    meeting = make_meeting()
    item = make_item(meeting, "4(a)", "Demand reduction")
    g77 = make_group()
    statements = [
        make_statement(meeting=meeting, delegation=make_delegation("Sweden"), language="en", position=1,
                       paragraphs=["Sweden supports prevention."]),
        make_statement(meeting=meeting, delegation=make_delegation("Mexico"), language="es", position=2,
                       paragraphs=["México apoya la prevención."]),
        make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77, position=3,
                       paragraphs=["The Group stresses prevention and cooperation."]),
    ]
    statements[0].agenda_items.add(item)
    statements[2].agenda_items.add(item)
    other = make_meeting(title="Human Rights Council", session="52nd session", date_start=__import__("datetime").date(2021, 3, 1),
                         date_end=None)
    make_statement(meeting=other, delegation=make_delegation("Sweden"), paragraphs=["Human rights matter."])
    return meeting, item, g77


def delegations_listed(page):
    return re.findall(r'<li class="statement-row">\s*<a href="[^"]+"><strong>([^<]+)</strong>', page)


def test_browse_lists_newest_statements_first(client, corpus):
    page = client.get(BROWSE).content.decode()
    assert delegations_listed(page) == ["Sweden", "Mexico", "Palestine", "Sweden"]
    assert "4 statements" in page


def test_several_values_of_one_facet_are_ored(client, corpus):
    page = client.get(BROWSE, {"delegation": ["mexico", "palestine"]}).content.decode()
    assert delegations_listed(page) == ["Mexico", "Palestine"]


def test_different_facets_are_anded(client, corpus):
    page = client.get(BROWSE, {"delegation": ["sweden"], "year": ["2021"]}).content.decode()
    assert "1 statement<" in page or "1 statement\n" in page
    assert delegations_listed(page) == ["Sweden"]


@pytest.mark.parametrize("param,value,expected", [
    ("language", "es", ["Mexico"]),
    ("on_behalf_of", "group-of-77-and-china", ["Palestine"]),
    ("delegation_kind", "state", ["Sweden", "Mexico", "Palestine", "Sweden"]),
    ("type", "general", ["Sweden", "Mexico", "Palestine", "Sweden"]),
    ("version", "prepared", ["Sweden", "Mexico", "Palestine", "Sweden"]),
    ("body", "cnd", ["Sweden", "Mexico", "Palestine", "Sweden"]),
])
def test_each_facet_filters(client, corpus, param, value, expected):
    assert delegations_listed(client.get(BROWSE, {param: value}).content.decode()) == expected


def test_agenda_item_facet_appears_once_a_meeting_is_chosen(client, corpus):
    meeting, item, _ = corpus
    assert "Agenda item" not in client.get(BROWSE).content.decode()
    page = client.get(BROWSE, {"meeting": meeting.slug}).content.decode()
    assert "Item 4(a): Demand reduction</a> <span class=\"count\">2</span>" in page
    page = client.get(BROWSE, {"meeting": meeting.slug, "item": item.pk}).content.decode()
    assert delegations_listed(page) == ["Sweden", "Palestine"]


def test_facet_values_are_counted_and_ordered_by_count(client, corpus):
    page = client.get(BROWSE).content.decode()
    delegation_facet = page.split('id="facet-delegation"')[1].split("</section>")[0]
    assert re.findall(r'rel="nofollow">([^<]+)</a> <span class="count">(\d+)', delegation_facet) == [
        ("Sweden", "2"), ("Mexico", "1"), ("Palestine", "1")]


def test_chosen_values_show_as_removable_pills_and_changing_a_filter_drops_the_page(client, corpus):
    page = client.get(BROWSE, {"delegation": ["mexico"], "page": "1"}).content.decode()
    assert re.search(r'<a class="pill" href="\?">Mexico', page)
    assert 'href="?delegation=mexico&amp;delegation=sweden"' in page


def test_invalid_filter_values_give_an_empty_result_with_a_message(client, corpus):
    for params in [{"delegation": "atlantis"}, {"year": "abc"}, {"item": "x"}, {"language": "klingon"}, {"page": "zz"}]:
        response = client.get(BROWSE, params)
        assert response.status_code == 200, params
    page = client.get(BROWSE, {"delegation": "atlantis"}).content.decode()
    assert "not in the archive" in page and "0 statements" in page


def test_each_row_names_its_agenda_items_in_agenda_order_for_visitors_staff_and_searches(client, corpus):
    meeting, item, _ = corpus
    first = make_item(meeting, "2", "General debate", position=1)
    item.position = 2
    item.save()
    mexico = make_statement(meeting=meeting, delegation=make_delegation("Mexico"), position=2, paragraphs=["Prevention."])
    mexico.agenda_items.add(item, first)  # linked in the other order
    for params in [{}, {"q": "prevention"}, {"language": "en"}]:
        assert "item 2, item 4(a)" in client.get(BROWSE, params).content.decode(), params
    client.force_login(User.objects.create_user("editor", is_staff=True))  # staff lists are not cached
    assert "item 2, item 4(a)" in client.get(BROWSE).content.decode()


def test_browse_runs_a_bounded_number_of_queries(client, corpus, django_assert_max_num_queries):
    for n in range(30):
        make_statement(meeting=corpus[0], delegation=make_delegation(f"State {n}"), paragraphs=["Prevention works."])
    # Unfiltered, with a cold cache: one grouped count per facet (eleven, with the speaker facet).
    with django_assert_max_num_queries(15):
        client.get(BROWSE)
    with django_assert_max_num_queries(20):
        client.get(BROWSE, {"meeting": corpus[0].slug, "delegation": ["sweden", "mexico"], "year": "2023"})
    with django_assert_max_num_queries(24):
        client.get(BROWSE, {"q": "prevention", "meeting": corpus[0].slug, "language": "en"})


def test_a_statement_on_items_of_two_meetings_lists_them_in_the_same_order_on_every_page(client):
    older = make_meeting(title="Older meeting", date_start=__import__("datetime").date(2020, 1, 6), date_end=None)
    newer = make_meeting(title="Newer meeting", date_start=__import__("datetime").date(2024, 1, 8), date_end=None)
    statement = make_statement(meeting=older, paragraphs=["Prevention."])
    statement.agenda_items.add(make_item(older, "7"), make_item(newer, "3"))
    expected = "item 3, item 7"  # agenda items are ordered by meeting, newest first, then position
    assert expected in client.get(BROWSE).content.decode()
    assert expected in client.get(BROWSE, {"q": "prevention"}).content.decode()
    assert expected in client.get(older.get_absolute_url()).content.decode()


def test_staff_browse_runs_a_bounded_number_of_queries(client, staff, corpus, django_assert_max_num_queries):
    for n in range(30):
        make_statement(meeting=corpus[0], delegation=make_delegation(f"State {n}"), paragraphs=["Prevention works."])
        make_statement(meeting=corpus[0], delegation=make_delegation(f"State {n}"), status="draft", paragraphs=["Draft."])
    with django_assert_max_num_queries(16):
        client.get(BROWSE)


def test_download_csv_has_every_field_for_matching_paragraphs(client, corpus):
    response = client.get(reverse("archive:statement-export", args=["csv"]), {"q": "prevention", "language": "en"})
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["delegation"] for row in rows) == ["Palestine", "Sweden"]
    row = next(r for r in rows if r["delegation"] == "Palestine")
    assert row["on_behalf_of"] == "Group of 77 and China"
    assert row["agenda_items"] == "4(a): Demand reduction"
    assert row["permalink"].startswith("http://testserver/p/")


def test_download_json_lists_all_paragraphs_of_the_filtered_statements(client, corpus):
    response = client.get(reverse("archive:statement-export", args=["json"]), {"delegation": "sweden"})
    rows = json.loads(b"".join(response.streaming_content))
    assert [row["text"] for row in rows] == ["Human rights matter.", "Sweden supports prevention."]


def test_download_of_an_unknown_format_is_a_404(client, corpus):
    assert client.get("/statements/download.xml").status_code == 404


@pytest.mark.parametrize("number", [str(10**9), "9" * 5000])
def test_an_absurd_page_number_is_a_400_with_a_message(client, corpus, number):
    response = client.get(BROWSE, {"page": number})
    assert response.status_code == 400
    assert "Pages go up to" in response.content.decode()


def test_a_page_number_with_leading_zeros_is_that_page(client, corpus):
    assert client.get(BROWSE, {"page": "0000000001"}).status_code == 200


@pytest.mark.parametrize("number", ["²", "٣", "x"])
def test_a_page_number_in_other_digits_or_none_shows_a_page(client, corpus, number):
    # "²".isdigit() is true but int("²") raises; "٣" (Arabic-Indic three) is a number int() reads.
    assert client.get(BROWSE, {"page": number}).status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, corpus):
    assert client.get(BROWSE, {"page": "999"}).status_code == 200


def test_too_many_values_for_one_facet_is_a_400_with_a_message(client, corpus):
    response = client.get(BROWSE, {"delegation": [f"state-{n}" for n in range(51)]})
    assert response.status_code == 400
    assert "at most 50 values" in response.content.decode()
    assert client.get(BROWSE, {"delegation": [f"state-{n}" for n in range(50)]}).status_code == 200


@pytest.mark.parametrize("params", [
    {"year": "99999999999999999999"}, {"item": "-1"}, {"item": "1e9"}, {"meeting": "\x00"}, {"sort": "<script>"},
    {"page": "-3"}, {"page": "1.5"}, {"language": ["en"] * 3}, {"on_behalf_of": "sweden"}, {"version": ""},
])
def test_junk_values_give_a_page_with_a_message_never_a_500(client, corpus, params):
    assert client.get(BROWSE, params).status_code == 200


def facet_panel(client):
    return client.get(BROWSE).content.decode().split('<aside class="facets"')[1].split("</aside>")[0]


def results_heading(client):
    return re.search(r'<h2 id="results-heading"[^>]*>\s*(.*?)\s*</h2>', client.get(BROWSE).content.decode(), re.S).group(1)


def test_unfiltered_counts_and_list_are_cached_but_a_new_statement_shows_at_once(client, corpus, django_assert_max_num_queries):
    first, heading = facet_panel(client), results_heading(client)
    with django_assert_max_num_queries(3):  # archive version, the page's statements, their agenda items
        client.get(BROWSE)
    assert facet_panel(client) == first
    make_statement(meeting=corpus[0], delegation=make_delegation("Norway"), paragraphs=["New."])
    assert "Norway" in facet_panel(client)
    count = int(heading.split()[0])
    assert results_heading(client) == f"{count + 1} statement{'s' if count else ''}"
    assert '<strong>Norway</strong>' in client.get(BROWSE, {"sort": "newest"}).content.decode()


def test_forgetting_facet_counts_recounts(client, corpus, django_assert_max_num_queries):
    from statements_site.archive import filters

    client.get(BROWSE)
    filters.forget_facet_counts()
    with django_assert_max_num_queries(15) as captured:
        client.get(BROWSE)
    assert len(captured) > 4


def test_publishing_in_the_admin_shows_at_once_in_cached_counts(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from statements_site.archive.models import Statement

    cache.clear()
    draft = make_statement(status=Statement.Status.DRAFT)
    assert "<strong>0</strong> statements" in client.get("/").content.decode()
    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Statement editors"))
    client.force_login(editor)
    client.post(reverse("admin:archive_statement_changelist"), {"action": "publish", "_selected_action": [draft.pk]})
    client.logout()
    assert "<strong>1</strong> statement<" in client.get("/").content.decode()


def test_large_counts_have_thousands_separators_and_totals_agree_in_number(client):
    from statements_site.archive.templatetags.archive_tags import facet_values

    assert '<span class="count">33,000</span>' in facet_values([("en", "English", 33000, False, "?language=en")])
    make_statement(paragraphs=["Only one."])
    home = " ".join(client.get("/").content.decode().split())
    assert "<strong>1</strong> meeting</li>" in home and "<strong>1</strong> paragraph</li>" in home


@pytest.mark.parametrize("value", ["mexico", "2020", "4(a)", "a b&c=d", "côte-d’ivoire", "x+y/z?#"])
def test_a_facet_link_selects_exactly_the_value_it_adds_or_removes(value):
    from django.http import QueryDict

    from statements_site.archive.facets import toggler

    toggle = toggler(QueryDict("delegation=sweden&page=3"))
    added = QueryDict(toggle("speaker", value)[1:])
    assert added.getlist("speaker") == [value] and added.getlist("delegation") == ["sweden"] and "page" not in added
    assert toggler(QueryDict(toggle("speaker", value)[1:]))("speaker", value) == "?delegation=sweden"


def test_selections_alive_at_once_each_keep_their_own_filters(corpus):
    from statements_site.archive.selection import Selection

    meeting, item, _g77 = corpus
    by_item = Selection(f"item={item.pk}")
    by_language = Selection("language=es&delegation=mexico")
    whole = Selection("")
    assert sorted(s.delegation.name for s in by_item.statements) == ["Palestine", "Sweden"]
    assert [s.delegation.name for s in by_language.statements] == ["Mexico"]
    assert whole.statements.count() == 4 and by_item.statements.count() == 2
