"""Downloads and exports read safely by the programs people open them in: spreadsheets, Markdown renderers."""
import csv
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
