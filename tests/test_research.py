"""Research views over a search: over time, who said it, in context. Counts equal the database's own
GROUP BY over the same selection."""
import csv
import datetime
import io
from urllib.parse import urlencode

import pytest
from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from statements_site.archive import research, search
from statements_site.archive.models import Paragraph, Statement
from statements_site.archive.selection import Selection

from .conftest import make_body, make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    """Three sessions (2019, 2020, 2021) where delegations speak of cooperation and sovereignty."""
    body = make_body("Ad Hoc Committee on Cybercrime", "AHC")
    meetings = [make_meeting(body, "Ad Hoc Committee on Cybercrime", f"session {n}", date_start=datetime.date(year, 5, 1),
                             date_end=datetime.date(year, 5, 3)) for n, year in enumerate((2019, 2020, 2021), start=1)]
    sweden, brazil, egypt = (make_delegation(name) for name in ("Sweden", "Brazil", "Egypt"))
    g77 = make_group()
    texts = {
        (0, sweden): ["International cooperation is key.", "Digital sovereignty is not the answer.", "Thank you."],
        (0, brazil): ["We value digital sovereignty.", "Cooperation must respect digital sovereignty."],
        (1, sweden): ["Cooperation, cooperation and more cooperation.", "Free flow of data matters."],
        (1, egypt): ["Digital sovereignty of States must be respected."],
        (2, brazil): ["The free flow of data with trust.", "Capacity building."],
        (2, sweden): ["Nothing on this today."],
    }
    statements = []
    for (n, delegation), paragraphs in texts.items():
        statements.append(make_statement(meetings[n], delegation, paragraphs))
    statements.append(make_statement(meetings[2], egypt, ["On digital sovereignty the Group is united."], on_behalf_of=g77))
    make_statement(meetings[2], brazil, ["A draft on digital sovereignty."], status=Statement.Status.DRAFT)
    return meetings, statements


def database_counts(q, column):
    """{value of the statement's `column`: (statements, paragraphs)} by the database's GROUP BY."""
    paragraphs = Paragraph.objects.filter(
        pk__in=search.Hits(search.parse(q)).paragraph_ids(), statement__status=Statement.Status.PUBLISHED
    )
    rows = paragraphs.values(f"statement__{column}").annotate(s=Count("statement", distinct=True), p=Count("pk"))
    return {row[f"statement__{column}"]: (row["s"], row["p"]) for row in rows}


def test_over_time_counts_each_year_as_the_database_groups_them(client, sessions):
    response = client.get(reverse("archive:research-over-time-download", args=["json"]),
                          {"q": ["digital sovereignty", "cooperation"]})
    assert response.status_code == 200
    rows = response.json()["rows"]
    for q in ("digital sovereignty", "cooperation"):
        mine = {row["year"]: (row["statements"], row["paragraphs"]) for row in rows if row["search"] == q and row["period"] == "year"}
        expected = database_counts(q, "year")
        assert {year: counts for year, counts in mine.items() if counts != (0, 0)} == expected
        assert sorted(mine) == [2019, 2020, 2021]  # a year without a match is a zero, not a gap


def test_over_time_counts_each_session_as_the_database_groups_them(client, sessions):
    rows = client.get(reverse("archive:research-over-time-download", args=["json"]), {"q": "digital sovereignty"}).json()["rows"]
    mine = {row["meeting_slug"]: (row["statements"], row["paragraphs"]) for row in rows if row["period"] == "session"}
    expected = database_counts("digital sovereignty", "meeting__slug")
    assert mine == expected


def test_over_time_page_draws_an_accessible_chart_with_a_table_of_every_number(client, sessions):
    response = client.get(reverse("archive:research-over-time"), {"q": ["digital sovereignty", "free flow of data"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert html.count("<polyline") == 2
    assert "<caption" in html and ">2020<" in html
    assert "download.csv" in html


def test_over_time_csv_is_spreadsheet_safe(client, sessions):
    response = client.get(reverse("archive:research-over-time-download", args=["csv"]), {"q": "=cooperation"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows and all(row["search"] == "'=cooperation" for row in rows)


def test_over_time_filters_narrow_every_series(client, sessions):
    rows = client.get(reverse("archive:research-over-time-download", args=["json"]),
                      {"q": "digital sovereignty", "delegation": "brazil"}).json()["rows"]
    years = {row["year"]: row["paragraphs"] for row in rows if row["period"] == "year" and row["paragraphs"]}
    assert years == {2019: 2}


def test_who_said_it_ranks_delegations_and_groups_as_the_database_counts(client, sessions):
    rows = client.get(reverse("archive:research-who-download", args=["json"]), {"q": "digital sovereignty"}).json()["rows"]
    delegations = {row["slug"]: (row["statements"], row["paragraphs"]) for row in rows if row["role"] == "delegation"}
    assert delegations == database_counts("digital sovereignty", "delegation__slug")
    groups = [row for row in rows if row["role"] == "group"]
    assert [(g["slug"], g["statements"]) for g in groups] == [("group-of-77-and-china", 1)]
    brazil = next(row for row in rows if row["slug"] == "brazil")
    # Brazil made 2 published statements; 1 says "digital sovereignty" (the draft is not counted).
    assert (brazil["statements_in_selection"], brazil["share"]) == (2, 0.5)
    assert [row["slug"] for row in rows if row["role"] == "delegation"] == ["egypt", "brazil", "sweden"]


def test_who_said_it_links_each_delegation_to_its_filtered_results(client, sessions):
    html = client.get(reverse("archive:research-who"), {"q": "digital sovereignty", "year": "2019"}).content.decode()
    assert 'href="/statements/?year=2019&amp;q=digital+sovereignty&amp;delegation=brazil"' in html
    assert "100.0 %" in html  # in 2019, every statement of Brazil's says it
    html = client.get(reverse("archive:research-who"), {"q": "digital sovereignty"}).content.decode()
    assert "50.0 %" in html  # over all years, one of its two


def test_who_spoke_on_an_agenda_item_across_sessions_without_a_search(client, sessions):
    meetings, statements = sessions
    items = [make_item(meeting, "3", "Prevention") for meeting in meetings]
    statements[0].agenda_items.add(items[0])
    statements[3].agenda_items.add(items[1])
    statements[5].agenda_items.add(items[2])
    rows = client.get(reverse("archive:research-who-download", args=["json"]), {"item": [i.pk for i in items]}).json()["rows"]
    assert {row["slug"]: (row["statements"], row["paragraphs"]) for row in rows} == {"sweden": (2, 4), "egypt": (1, 1)}


def test_in_context_aligns_the_words_before_and_after_each_hit(client, sessions):
    rows = client.get(reverse("archive:research-in-context-download", args=["json"]), {"q": "cooperation"}).json()["rows"]
    assert len(rows) == 5  # "cooperation" three times in one paragraph, once in two others
    line = next(row for row in rows if row["left"] == "International")
    assert (line["keyword"], line["right"], line["attribution"]) == ("cooperation", "is key.", "Sweden")


def test_in_context_sorts_by_the_words_before_or_after(client, sessions):
    url = reverse("archive:research-in-context-download", args=["json"])
    left = [row["left"] for row in client.get(url, {"q": "digital sovereignty", "sort": "left"}).json()["rows"]]
    # Sorted on the word just before the hit, then the one before that.
    assert left == sorted(left, key=lambda text: [w.casefold() for w in reversed(search.WORD.findall(text))])
    right = [row["right"] for row in client.get(url, {"q": "digital sovereignty", "sort": "right"}).json()["rows"]]
    assert right == sorted(right, key=lambda text: [w.casefold() for w in search.WORD.findall(text)])


def test_in_context_page_shows_hits_in_aligned_columns_with_their_sources(client, sessions):
    html = client.get(reverse("archive:research-in-context"), {"q": '"free flow"', "sort": "right"}).content.decode()
    assert '<table class="kwic" dir="ltr">' in html and html.count("<mark>") == 2
    assert 'aria-current="true">words after' in html


@pytest.fixture
def english_again():
    """A request to /ar/ leaves Arabic active in this thread; later tests reverse() English addresses."""
    yield
    translation.deactivate()


def test_in_context_on_the_arabic_page_keeps_english_words_before_the_hit_on_its_left(client, sessions, english_again):
    html = client.get("/ar" + reverse("archive:research-in-context"), {"q": "cooperation"}).content.decode()
    assert 'dir="rtl"' in html and '<table class="kwic" dir="ltr">' in html


def test_who_said_it_names_delegations_as_the_interface_language_writes_them(client, sessions, english_again):
    html = client.get("/fr" + reverse("archive:research-who"), {"q": "sovereignty"}).content.decode()
    assert ">Suède</a>" in html and ">Brésil</a>" in html and ">Sweden</a>" not in html


def test_in_context_lays_out_a_search_in_arabic_script_right_to_left():
    from statements_site.archive.templatetags.archive_tags import script_direction
    assert [script_direction(q) for q in ("التعاون", '"تعاون دولي"', "cooperation", "74/247", "")] == ["rtl", "rtl", "ltr", "ltr", "ltr"]


def test_research_pages_refuse_an_oversized_search_with_a_400(client, sessions):
    for name in ("archive:research-over-time", "archive:research-who", "archive:research-in-context"):
        response = client.get(reverse(name), {"q": "x" * 600})
        assert response.status_code == 400, name


def test_research_download_in_an_unknown_format_is_a_404(client, sessions):
    assert client.get(reverse("archive:research-who-download", args=["xls"]), {"q": "data"}).status_code == 404


def test_research_views_of_junk_filters_say_so_and_count_nothing(client, sessions):
    response = client.get(reverse("archive:research-who"), {"q": "data", "delegation": "atlantis"})
    assert response.status_code == 200 and "not in the archive" in response.content.decode()


def test_search_results_link_to_the_research_views(client, sessions):
    html = client.get(reverse("archive:statement-list"), {"q": "cooperation"}).content.decode()
    for name in ("archive:research-over-time", "archive:research-who", "archive:research-in-context"):
        assert f'href="{reverse(name)}?q=cooperation"' in html


def test_the_api_answers_each_research_view_as_its_json_download(client, sessions):
    for page, api in (("archive:research-over-time-download", "archive:api-research-over-time"),
                      ("archive:research-who-download", "archive:api-research-who"),
                      ("archive:research-in-context-download", "archive:api-research-in-context")):
        params = {"q": "digital sovereignty", "year_from": "2020"}
        download = client.get(reverse(page, args=["json"]), params).json()
        answer = client.get(reverse(api), params)
        assert answer.status_code == 200 and answer.json() == download, api
    assert client.get(reverse("archive:api-research-who"), {"q": "x" * 600}).status_code == 400


def test_in_context_reads_the_newest_matches_under_narrow_filters_in_chunks(client, sessions, monkeypatch):
    from statements_site.archive import kwic

    monkeypatch.setattr(kwic, "KWIC_CHUNK", 1)
    monkeypatch.setattr(kwic, "KWIC_CHUNKS", 2)
    url = reverse("archive:research-in-context-download", args=["json"])
    for params in ({"q": "sovereignty"}, {"q": "sovereignty", "delegation": "sweden"}, {"q": "sovereignty", "year": "2021"}):
        rows = client.get(url, params).json()["rows"]
        expected = Paragraph.objects.filter(
            pk__in=search.Hits(search.parse("sovereignty")).paragraph_ids(), statement__status="published",
            **({"statement__delegation__slug": params["delegation"]} if "delegation" in params else {}),
            **({"statement__year": int(params["year"])} if "year" in params else {}),
        ).order_by("-pk").values_list("public_id", flat=True)
        assert [row["paragraph_id"] for row in rows] == list(expected), params


@pytest.mark.parametrize("query, text, hits", [
    ("cyber*", "Cybercrime and cyber-attacks; not hypercyber.", ["Cybercrime", "cyber"]),
    ("cooperation", "La coopération internationale et la COOPERATION.", ["coopération", "COOPERATION"]),
    ('"free flow of data"', "Free flow of data, the free flow of goods, free flow of data.", ["Free flow of data", "free flow of data"]),
    ("data OR evidence", "Evidence of data.", ["Evidence", "data"]),
])
def test_in_context_finds_hits_as_the_search_matches_them(query, text, hits):
    from statements_site.archive import kwic

    assert [text[start:end] for start, end in kwic.keyword_spans(text, search.parse(query))] == hits


def test_an_agenda_item_page_links_to_who_spoke_on_it_across_sessions(client, sessions):
    meetings, statements = sessions
    items = [make_item(meeting, "3", "Prevention") for meeting in meetings]
    other = make_item(meetings[0], "4", "Prevention")  # another number: another item
    make_item(make_meeting(title="Another body's meeting", body=make_body("Other body", "OB")), "3", "Prevention")
    statements[0].agenda_items.add(items[0])
    html = client.get(items[1].get_absolute_url()).content.decode()
    expected = reverse("archive:research-who") + "?" + "&amp;".join(f"item={item.pk}" for item in items)
    assert f'href="{expected}"' in html and f"item={other.pk}" not in html


@pytest.mark.parametrize("sort", ["AAA", ""])
def test_in_context_api_refuses_a_sort_it_does_not_know(client, sort):
    """The API's schema lists left and right; anything else is a clear 400, not a silent default."""
    response = client.get(reverse("archive:api-research-in-context"), {"q": "cooperation", "sort": sort})
    assert response.status_code == 400 and "sort" in response.json()


@pytest.mark.parametrize("view", ["archive:research-over-time", "archive:research-who", "archive:research-in-context"])
def test_research_pages_say_which_filters_narrow_them(client, sessions, view):
    html = client.get(reverse(view), {"q": "digital sovereignty", "delegation": "brazil", "year": "2019"}).content.decode()
    assert "Filtered by: Brazil; 2019</p>" in html


def test_over_time_without_a_search_still_says_which_filters_are_chosen(client, sessions):
    html = client.get(reverse("archive:research-over-time"), {"delegation": "egypt"}).content.decode()
    assert "Filtered by: Egypt</p>" in html


def test_research_counts_equal_the_result_list_with_language_versions_and_items(client, sessions):
    """A published language version's hits count for its original once (as the result list counts
    them); a draft version's are not counted; an agenda-item filter with two items does not count a
    statement on both items twice."""
    meetings, statements = sessions
    brazil = statements[1]  # 2019: "We value digital sovereignty." "Cooperation must respect digital sovereignty."
    make_statement(meetings[0], brazil.delegation, ["La cooperación internacional.", "Más cooperation."],
                   language="es", version_of=brazil, date=brazil.date)
    make_statement(meetings[0], brazil.delegation, ["Coopération, cooperation."], language="fr", version_of=brazil,
                   status=Statement.Status.DRAFT)
    items = [make_item(meetings[0], "3", "Prevention"), make_item(meetings[0], "4", "Cooperation")]
    for statement in statements[:2]:
        statement.agenda_items.add(*items)
    for params in ({"q": "cooperation"}, {"q": "cooperation", "item": [item.pk for item in items]}):
        with Selection(QueryDict(urlencode(params, doseq=True))) as chosen:
            listed = chosen.statements.count()  # the result list's statements
        rows = client.get(reverse("archive:research-who-download", args=["json"]), params).json()
        years = client.get(reverse("archive:research-over-time-download", args=["json"]), params).json()["rows"]
        assert rows["statements"] == listed == sum(row["statements"] for row in years if row["period"] == "year")
    # Brazil 2019: one paragraph of its own and the Spanish version's two, one statement.
    brazil_row = next(row for row in rows["rows"] if row["slug"] == "brazil")
    assert (brazil_row["statements"], brazil_row["paragraphs"]) == (1, 3)


def test_who_said_it_downloads_give_each_group_its_members_with_dates(client, sessions):
    from statements_site.archive.models import GroupMembership

    g77 = make_group()
    brazil, egypt, sweden = (make_delegation(name) for name in ("Brazil", "Egypt", "Sweden"))
    GroupMembership.objects.create(group=g77, member=brazil, joined=datetime.date(2018, 1, 1))
    GroupMembership.objects.create(group=g77, member=egypt, joined=datetime.date(2015, 3, 1), left=datetime.date(2022, 1, 1))
    g77.members.add(sweden)
    rows = client.get(reverse("archive:research-who-download", args=["json"]), {"q": "digital sovereignty"}).json()["rows"]
    group = next(row for row in rows if row["role"] == "group")
    assert group["members"] == [
        {"slug": "brazil", "name": "Brazil", "joined": "2018-01-01", "left": None},
        {"slug": "egypt", "name": "Egypt", "joined": "2015-03-01", "left": "2022-01-01"},
        {"slug": "sweden", "name": "Sweden", "joined": None, "left": None},
    ]
    assert all(row["members"] == [] for row in rows if row["role"] == "delegation")
    response = client.get(reverse("archive:research-who-download", args=["csv"]), {"q": "digital sovereignty"})
    group = next(row for row in csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))) if row["role"] == "group")
    assert group["members"] == "Brazil (from 2018-01-01); Egypt (2015-03-01 to 2022-01-01); Sweden"
    api = client.get(reverse("archive:api-research-who"), {"q": "digital sovereignty"}).json()["rows"]
    assert next(row for row in api if row["role"] == "group")["members"][0]["slug"] == "brazil"


def test_over_time_lists_each_session_with_its_link_and_counts_in_the_interfaces_number_format(client, sessions):
    meetings, _statements = sessions
    html = client.get(reverse("archive:research-over-time"), {"q": "digital sovereignty"}).content.decode()
    row = html[html.index(f'href="{meetings[0].get_absolute_url()}"'):]
    row = row[:row.index("</tr>")]
    assert ">2019</span>" in row and row.count('<td class="num">') == 2 and '<td class="num">3</td>' in row
    assert "Per session (3 sessions)" in html
    from statements_site.archive import research_views

    with translation.override("fr"):
        one = research.Series("x", 1, 1, {}, {meetings[0].pk: [1234, 56789]}, {})
        cells = str(research_views.session_rows([(meetings[0].pk, "S", meetings[0].date_start, meetings[0].slug)], [one]))
    assert "1\xa0234" in cells and "56\xa0789" in cells


def test_in_context_finds_the_same_hits_in_plain_ascii_text_as_word_by_word():
    """kwic.keyword_spans reads ASCII text with one regular expression: it must find what comparing the
    words one by one finds, for every kind of term."""
    import random

    from statements_site.archive import kwic

    words = ["data", "Data", "free", "flow", "of", "cyber", "cybercrime", "hypercyber", "co-operation", "cooperation",
             "2030", "agenda_2030", "Évidence", "evidence", "DATA,", "(free", "flow)"]
    queries = ["data", '"free flow of data"', "cyber*", "free flow*", "data OR evidence", '"of data" OR flow', "2030",
               "cooperation", '"co operation"', "évidence"]
    generator = random.Random(20)
    for _ in range(300):
        text = " ".join(generator.choice(words) for _ in range(generator.randint(1, 25)))
        for query in queries:
            parsed = search.parse(query)
            assert kwic.keyword_spans(text, parsed) == kwic.token_spans(text, parsed), (query, text)


def test_research_counts_follow_a_correction_a_new_statement_and_a_deletion(client, sessions):
    """The counts come from the index as it stands after each write (on PostgreSQL a narrow table of
    paragraph words kept in step by triggers): a corrected paragraph, an added statement and a deleted
    one each change them as the database's own GROUP BY does."""
    meetings, statements = sessions

    def years():
        rows = client.get(reverse("archive:research-over-time-download", args=["json"]), {"q": "cooperation"}).json()["rows"]
        return {row["year"]: (row["statements"], row["paragraphs"]) for row in rows
                if row["period"] == "year" and row["statements"]}

    assert years() == database_counts("cooperation", "year") == {2019: (2, 2), 2020: (1, 1)}
    corrected = statements[2].paragraphs.get(position=1)  # Sweden 2020: "Cooperation, cooperation and more cooperation."
    corrected.text = "Dialogue, dialogue and more dialogue."
    corrected.save()
    make_statement(meetings[2], statements[0].delegation, ["Cooperation on capacity.", "More cooperation."])
    statements[0].delete()  # Sweden 2019
    assert years() == database_counts("cooperation", "year") == {2019: (1, 1), 2021: (1, 2)}


def test_a_word_postgresql_reads_as_two_is_counted_and_found_as_the_search_page_finds_it(client, sessions):
    """'2½' is one index word ('21⁄2' once folded), which PostgreSQL's parser reads as two ('21', '2'): a
    phrase there, whose match needs positions. The research counts and a search of two words count and
    find it as the paragraphs do."""
    meetings, statements = sessions
    said = make_statement(meetings[1], statements[0].delegation, ["Over 2½ years of negotiation."])
    rows = client.get(reverse("archive:research-over-time-download", args=["json"]), {"q": "2½"}).json()["rows"]
    years = {row["year"]: (row["statements"], row["paragraphs"]) for row in rows if row["period"] == "year" and row["statements"]}
    assert years == database_counts("2½", "year") == {2020: (1, 1)}
    html = client.get(reverse("archive:statement-list"), {"q": "2½ negotiation"}).content.decode()
    assert said.get_absolute_url() in html
