"""Downloads and exports read safely by the programs people open them in: spreadsheets, Markdown renderers."""
import csv
import json
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from markdown_it import MarkdownIt

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def download(client, fmt="csv", **params):
    response = client.get(reverse("archive:statement-export", args=[fmt]), params)
    return response, b"".join(response.streaming_content)


def csv_rows(body):
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_text(client, text):
    make_statement(delegation=make_delegation(text.strip() + " Land"), paragraphs=[text], speaker=text)
    (row,) = csv_rows(download(client)[1])
    for column in ("text", "speaker", "delegation"):
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), column
    assert row["text"] == "'" + text


def test_csv_leaves_ordinary_text_and_numbers_alone(client):
    make_statement(paragraphs=["Cooperation − not confrontation."])
    (row,) = csv_rows(download(client)[1])
    assert row["text"] == "Cooperation − not confrontation." and row["paragraph_position"] == "1"


def rendered_text(markdown):
    return unescape(re.sub(r"<[^>]+>", "", MarkdownIt().render(markdown)))


def test_markdown_export_renders_back_to_the_statements_own_text(client):
    texts = ["R&amp;D &copy; 2020 & Trinidad & Tobago.", "Fish & chips <b>bold</b> *not emphasis* [x](y)."]
    statement = make_statement(delegation=make_delegation("Trinidad & Tobago"), paragraphs=texts)
    markdown = client.get(reverse("archive:statement-text", args=[statement.pk, "md"])).content.decode()
    text = rendered_text(markdown)
    for paragraph in texts:
        assert paragraph in text
    assert "Trinidad & Tobago" in text


@pytest.fixture
def debate():
    meeting = make_meeting(title="Expert Group Meeting on Cybercrime")
    item = make_item(meeting, "2", "International cooperation")
    g77 = make_group()
    statement = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77, kind="item",
                               version="prepared", language="en", year=2020, paragraphs=["“Cooperation” matters."])
    statement.agenda_items.add(item)
    make_statement(meeting=meeting, delegation=make_delegation("Sweden"), year=2020, paragraphs=["Sweden agrees."])
    return item, g77


def test_downloads_are_named_after_the_selection(client, debate):
    item, g77 = debate
    response, _ = download(client, on_behalf_of=g77.slug, item=str(item.pk), year="2020")
    assert response["Content-Disposition"] == 'attachment; filename="group-of-77-and-china-international-cooperation-2020.csv"'
    response, _ = download(client, "json", q="cooperation", year_from="2019", year_to="2021")
    assert response["Content-Disposition"] == 'attachment; filename="cooperation-from-2019-to-2021.json"'
    response, _ = download(client)
    assert response["Content-Disposition"] == 'attachment; filename="statements-archive.csv"'


def test_a_download_name_stays_short_and_safe(client, debate):
    response, _ = download(client, q='"' + "very long words " * 20 + '" ../../etc/passwd')
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    assert re.fullmatch(r"[a-z0-9-]+\.csv", name) and len(name) <= 104


def test_csv_starts_with_a_byte_order_mark_and_reads_as_utf8(client, debate):
    _, body = download(client, delegation="palestine")
    assert body.startswith(b"\xef\xbb\xbfpermalink,")
    (row,) = csv_rows(body)
    assert row["text"] == "“Cooperation” matters."


def test_csv_and_json_give_words_with_the_codes_in_their_own_columns(client, debate):
    _, body = download(client, delegation="palestine")
    (row,) = csv_rows(body)
    assert (row["type"], row["type_code"]) == ("Statement on an agenda item", "item")
    assert (row["version"], row["version_code"]) == ("As prepared", "prepared")
    assert (row["language"], row["language_code"]) == ("English", "en")
    assert (row["status"], row["status_code"]) == ("Published", "published")
    assert (row["delegation_kind"], row["delegation_kind_code"]) == ("State", "state")
    (record,) = json.loads(download(client, "json", delegation="palestine")[1])
    assert (record["type"], record["type_code"]) == ("Statement on an agenda item", "item")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_paragraph_of_a_long_statement_carries_its_agenda_items(client, monkeypatch, fmt):
    """Downloads read paragraphs a chunk at a time (2,000 rows): a statement whose paragraphs span two
    chunks gave the second chunk's rows no agenda items. Three-row chunks make the seam here."""
    monkeypatch.setattr("statements_site.archive.downloads.EXPORT_CHUNK", 3)
    meeting = make_meeting()
    statement = make_statement(meeting=meeting, paragraphs=[f"Paragraph {n}." for n in range(1, 6)])
    statement.agenda_items.add(make_item(meeting, "3", "Prevention"))
    make_statement(meeting=meeting, paragraphs=["Another statement."], position=2)
    _, body = download(client, fmt)
    rows = csv_rows(body) if fmt == "csv" else json.loads(body)
    assert [row["agenda_items"] for row in rows] == ["3: Prevention"] * 5 + [""]


def test_a_download_of_many_statements_gives_each_row_its_own_statement(client, monkeypatch):
    """A statement's columns are written once and repeated for its paragraphs: each row must still
    carry its own statement's values, and the formula guard must apply to them once, not per row."""
    monkeypatch.setattr("statements_site.archive.downloads.DOWNLOAD_PIECE", 2)
    meeting = make_meeting()
    make_statement(meeting=meeting, delegation=make_delegation("Kenya"), speaker="=Ms. A", position=1,
                   paragraphs=["One.", "Two.", "Three."])
    make_statement(meeting=meeting, delegation=make_delegation("Chile"), speaker="Mr. B", position=2,
                   paragraphs=["Four."])
    csv_body, json_body = download(client)[1], download(client, "json")[1]
    expected = [("Kenya", "'=Ms. A", "One."), ("Kenya", "'=Ms. A", "Two."), ("Kenya", "'=Ms. A", "Three."),
                ("Chile", "Mr. B", "Four.")]
    assert [(row["delegation"], row["speaker"], row["text"]) for row in csv_rows(csv_body)] == expected
    records = json.loads(json_body)
    assert [(row["delegation"], row["speaker"]) for row in records] == [("Kenya", "=Ms. A")] * 3 + [("Chile", "Mr. B")]
    assert list(records[0]) == list(csv_rows(csv_body)[0])


@pytest.mark.parametrize("host", ["IDEAS.example", "statements.example:8000"])
def test_download_addresses_are_right_whatever_the_host_is_called(client, settings, host):
    """A download's permalinks were the address of a stand-in "ID" with "ID" replaced: a host with
    those letters in it broke every row (a 500 in the middle of the file)."""
    settings.ALLOWED_HOSTS = [host.split(":")[0]]
    statement = make_statement(paragraphs=["One."])
    paragraph = statement.paragraphs.get()
    response = client.get(reverse("archive:statement-export", args=["csv"]), HTTP_HOST=host)
    (row,) = csv_rows(b"".join(response.streaming_content))
    assert row["permalink"] == f"http://{host}{paragraph.get_absolute_url()}"
    assert row["statement_url"] == f"http://{host}{statement.get_absolute_url()}"
