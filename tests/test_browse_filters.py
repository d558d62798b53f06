"""Browse filters a reader can trust: unknown names are named, years in order and as a range, ids bounded."""
import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")


@pytest.fixture
def years():
    """Statements in 2018 (1), 2019 (3), 2020 (2) and 2022 (1)."""
    made = {}
    for year, count in [(2018, 1), (2019, 3), (2020, 2), (2022, 1)]:
        meeting = make_meeting(title=f"Meeting {year}", date_start=datetime.date(year, 3, 1), date_end=None)
        for n in range(count):
            made.setdefault(year, []).append(make_statement(meeting=meeting, delegation=make_delegation(f"State {n}"),
                                                            year=year, paragraphs=[f"Words of {year}."]))
    return made


def page(client, params):
    return client.get(BROWSE, params).content.decode()


def notices(html):
    return [unescape(n) for n in re.findall(r'<p class="notice" role="status">(.*?)</p>', html)]


def facet_years(html):
    section = html.split('id="facet-year"')[1].split("</section>")[0]
    return re.findall(r'href="[^"]*year=(\d{4})[^"]*"', section)


def listed_count(html):
    heading = re.search(r'<h2 id="results-heading"[^>]*>(.*?)</h2>', html, re.S).group(1)
    return int(re.search(r"([\d,]+) statements?\b", heading).group(1).replace(",", ""))


def test_an_unknown_filter_name_is_named_in_a_message(client, years):
    html = page(client, {"speaker_group": "g77", "delegation": "state-0"})
    assert any("“speaker_group”" in notice and "not narrowed" in notice for notice in notices(html))
    assert not notices(page(client, {"delegation": "state-0", "q": "words", "sort": "oldest", "page": "1"}))


def test_the_year_facet_lists_years_newest_first_whatever_their_counts(client, years):
    assert facet_years(page(client, {})) == ["2022", "2020", "2019", "2018"]
    assert facet_years(page(client, {"q": "words"})) == ["2022", "2020", "2019", "2018"]
    assert facet_years(page(client, {"delegation": "state-0"})) == ["2022", "2020", "2019", "2018"]


def test_a_year_range_filters_and_shows_as_a_removable_pill(client, years):
    html = page(client, {"year_from": "2019", "year_to": "2020"})
    assert listed_count(html) == 5
    pills = dict((unescape(label), unescape(url)) for url, label in re.findall(r'<a class="pill" href="([^"]*)">([^<]*)<', html))
    assert set(pills) == {"From 2019", "To 2020"}
    assert pills["To 2020"] == "?year_from=2019"
    assert listed_count(page(client, {"year_from": "2019"})) == 6
    assert listed_count(page(client, {"year_to": "2018", "q": "words"})) == 1


def test_the_year_range_form_keeps_the_other_filters(client, years):
    html = page(client, {"q": "words", "delegation": "state-0", "year_from": "2019"})
    form = html.split('<form class="year-range"')[1].split("</form>")[0]
    assert '<input type="hidden" name="q" value="words">' in form
    assert '<input type="hidden" name="delegation" value="state-0">' in form
    assert 'name="year_from" type="number"' in form and 'value="2019"' in form


@pytest.mark.parametrize("bound", ["abc", "99999", "1200", "2019.5", "9" * 5000])
def test_a_year_range_out_of_bounds_gives_an_empty_list_with_a_message(client, years, bound):
    response = client.get(BROWSE, {"year_from": bound})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_count(html) == 0 and any("year_from" in notice for notice in notices(html))


@pytest.mark.parametrize("value", ["9223372036854775808", "99999999999999999999999", "1" * 5000, "-9223372036854775809", "٣"])
def test_an_id_filter_beyond_what_the_database_holds_finds_nothing_never_a_500(client, years, value):
    client.raise_request_exception = False
    response = client.get(BROWSE, {"item": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_count(html) == 0 and any("item" in notice for notice in notices(html))
    for path in (reverse("archive:statement-feed"), reverse("archive:statement-export", args=["csv"]),
                 reverse("archive:statement-export", args=["json"])):
        assert client.get(path, {"item": value}).status_code in (200, 400), path


def test_a_real_item_id_still_filters(client, years):
    item = make_item(years[2019][0].meeting)
    years[2019][0].agenda_items.add(item)
    assert listed_count(page(client, {"item": str(item.pk)})) == 1


def test_a_repeated_filtered_address_looks_its_records_up_once(client, years):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = years[2019][0].meeting
    address = {"meeting": meeting.slug, "delegation": "state-1"}

    def lookups():
        with CaptureQueriesContext(connection) as queries:
            html = page(client, address)
        assert listed_count(html) == 1 and "Meeting 2019" in html
        return [q["sql"] for q in queries.captured_queries if '"slug" IN' in q["sql"]]

    assert len(lookups()) == 2
    assert lookups() == []
