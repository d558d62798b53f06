"""Citation files read by real parsers: BibTeX through pybtex, with the dates the archive knows and the speaker."""
import datetime
import json

import pytest
from django.urls import reverse
from pybtex.database import parse_string

from .conftest import make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def cite(client, statement, fmt):
    paragraph = statement.paragraphs.order_by("position").first()
    return client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, fmt])).content.decode()


def bibtex_entry(client, statement):
    """The entry's fields as pybtex reads them, the author among them (pybtex keeps persons apart)."""
    (entry,) = parse_string(cite(client, statement, "bib"), "bibtex").entries.values()
    (author,) = entry.persons["author"]  # a delegation is one corporate author, not a list of people
    return {**entry.fields, "author": str(author)}


@pytest.fixture
def egm():
    """A meeting that ran 27-29 July 2020."""
    return make_meeting(title="Expert Group Meeting on Cybercrime", session="sixth session",
                        date_start=datetime.date(2020, 7, 27), date_end=datetime.date(2020, 7, 29))


def test_bibtex_of_a_statement_without_its_own_date_gives_the_meetings_month_not_a_day(client, egm):
    fields = bibtex_entry(client, make_statement(meeting=egm))
    assert fields["year"] == "2020" and fields["month"] == "July" and fields["date"] == "2020-07"
    csl = json.loads(cite(client, make_statement(meeting=egm, delegation=make_delegation("Chile")), "json"))
    assert csl[0]["issued"] == {"date-parts": [[2020, 7]]}


def test_bibtex_of_a_meeting_across_two_months_gives_the_year_only(client):
    meeting = make_meeting(date_start=datetime.date(2021, 1, 30), date_end=datetime.date(2021, 2, 3))
    fields = bibtex_entry(client, make_statement(meeting=meeting))
    assert fields["date"] == "2021" and "month" not in fields


def test_bibtex_of_a_dated_statement_gives_its_day(client, egm):
    fields = bibtex_entry(client, make_statement(meeting=egm, date=datetime.date(2020, 7, 28)))
    assert fields["date"] == "2020-07-28" and fields["month"] == "July"


def test_bibtex_names_the_speaker(client, egm):
    statement = make_statement(meeting=egm, speaker="Ms. Safa Shabat", speaker_title="Permanent Mission of Palestine")
    assert "Delivered by Ms. Safa Shabat, Permanent Mission of Palestine" in bibtex_entry(client, statement)["note"]
    assert "N1  - Delivered by Ms. Safa Shabat" in cite(client, statement, "ris")


@pytest.mark.parametrize("name", ["Group {of} 77", "Unbalanced { group", "Closing } first", "Ampersand & Co. 100% #1 $x_y ~^\\"])
def test_bibtex_with_special_characters_in_names_is_read_by_a_real_parser(client, egm, name):
    statement = make_statement(meeting=egm, delegation=make_delegation(name), speaker=f"Mr. {name}")
    fields = bibtex_entry(client, statement)
    assert set(fields) == {"author", "title", "howpublished", "date", "year", "month", "url", "note"}
    assert fields["url"].startswith("http://testserver/p/")
    author = fields["author"]
    assert author.startswith("{") and author.endswith("}")
    for special in "&%#$_":
        assert special not in name or f"\\{special}" in author
