"""One name for each thing: the statement page, its citations, the CSV, the feed and the admin call a
statement, its meeting and its agenda items the same."""
import csv
import datetime
import io
import json
from html import unescape

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

WHO = "Palestine on behalf of Group of 77 and China"
MEETING = "Expert Group Meeting on Cybercrime, sixth session"
ITEM = "Item 2: International cooperation"


@pytest.fixture
def statement():
    meeting = make_meeting(title="Expert Group Meeting on Cybercrime", session="sixth session",
                           date_start=datetime.date(2020, 7, 27), date_end=datetime.date(2020, 7, 29))
    statement = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group())
    statement.agenda_items.add(make_item(meeting))
    return statement


def first_paragraph(statement):
    return statement.paragraphs.order_by("position").first()


def text_of(response):
    return unescape(response.content.decode())


def test_the_models_name_a_statement_its_meeting_and_its_agenda_item(statement):
    assert statement.attribution == WHO
    assert statement.meeting.name == MEETING
    assert statement.agenda_items.get().label == ITEM
    assert str(statement) == f"{WHO}, {MEETING}"


def test_a_meeting_without_a_session_is_named_by_its_title_alone():
    meeting = make_meeting(title="Special Session", session="")
    assert meeting.name == "Special Session"


def test_a_statement_for_no_group_is_named_by_its_delegation():
    assert make_statement(delegation=make_delegation("Sweden")).attribution == "Sweden"


def test_the_statement_page_shows_the_names(client, statement):
    page = text_of(client.get(statement.get_absolute_url()))
    assert f"<h1>{WHO}</h1>" in page
    assert f"{MEETING}</a>" in page
    assert f"{ITEM}</a>" in page


def test_the_citations_use_the_names_the_page_shows(client, statement):
    paragraph = first_paragraph(statement)
    cite = text_of(client.get(reverse("archive:paragraph-cite", args=[paragraph.public_id])))
    assert f"{WHO}, statement at the {MEETING} (" in cite

    def file(fmt):
        return client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, fmt])).content.decode()

    ris = dict(line.split("  - ", 1) for line in file("ris").splitlines() if "  - " in line and line[:2] != "N1")
    assert (ris["AU"], ris["T2"]) == (WHO, MEETING)
    bib = file("bib")
    assert "author = {{" + WHO + "}}" in bib
    assert "title = {Statement at the " + MEETING + ", para. 1}" in bib
    (csl,) = json.loads(file("json"))
    assert (csl["author"], csl["event-title"]) == ([{"literal": WHO}], MEETING)


def test_the_csv_download_names_the_meeting_as_the_page_does(client, statement):
    response = client.get(reverse("archive:statement-export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {(row["delegation"], row["on_behalf_of"], row["meeting"]) for row in rows} == {
        ("Palestine", "Group of 77 and China", MEETING)
    }


def test_the_feed_names_the_statement_as_the_page_does(client, statement):
    feed = text_of(client.get(reverse("archive:meeting-feed", args=[statement.meeting.slug])))
    assert f"<title>Statements Archive: {MEETING}</title>" in feed
    assert f"<title>{WHO}, {MEETING}</title>" in feed
    assert f'term="{ITEM}"' in feed


def test_the_admin_names_the_statement_as_the_page_does(client, staff, statement):
    page = text_of(client.get(reverse("admin:archive_statement_change", args=[statement.pk])))
    assert f"{WHO}, {MEETING}" in page
