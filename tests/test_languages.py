"""Statement text marked with its language: `lang`, and `dir="rtl"` for Arabic, wherever a page shows it."""
import re

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

ARABIC = "ونؤكد على أهمية التعاون الدولي في مكافحة الجريمة السيبرانية."


@pytest.fixture
def arabic():
    meeting = make_meeting()
    item = make_item(meeting)
    statement = make_statement(
        meeting=meeting, delegation=make_delegation("Egypt"), language="ar", title="بيان جمهورية مصر العربية",
        salutation="السيد الرئيس،", closing="شكراً.", paragraphs=[ARABIC], position=1,
    )
    english = make_statement(meeting=meeting, delegation=make_delegation("Sweden"), position=2,
                             paragraphs=["Sweden values international cooperation."])
    for each in (statement, english):
        each.agenda_items.add(item)
    return statement, english, item


def elements_containing(html, text):
    """The opening tags of the elements whose own text starts with `text`."""
    return re.findall(r"<[a-z]+[^>]*>(?=" + re.escape(text) + ")", html)


def test_arabic_paragraphs_read_right_to_left_on_the_statement_page(client, arabic):
    page = client.get(arabic[0].get_absolute_url()).content.decode()
    tags = elements_containing(page, ARABIC)
    assert tags and all('lang="ar"' in tag and 'dir="rtl"' in tag for tag in tags)


def test_arabic_title_salutation_and_closing_are_marked(client, arabic):
    page = client.get(arabic[0].get_absolute_url()).content.decode()
    for text in ("بيان جمهورية", "السيد الرئيس", "شكراً"):
        assert any('lang="ar" dir="rtl"' in tag for tag in elements_containing(page, text)), text


def test_english_paragraphs_carry_lang_en_without_a_direction(client, arabic):
    page = client.get(arabic[1].get_absolute_url()).content.decode()
    tags = elements_containing(page, "Sweden values")
    assert tags and all('lang="en"' in tag and "dir=" not in tag for tag in tags)


def test_paragraph_permalink_cite_and_report_pages_mark_the_quoted_text(client, arabic):
    paragraph = arabic[0].paragraphs.get()
    for url in (paragraph.get_absolute_url(), reverse("archive:paragraph-cite", args=[paragraph.public_id]),
                reverse("archive:paragraph-report", args=[paragraph.public_id])):
        page = client.get(url).content.decode()
        tags = elements_containing(page, ARABIC) + elements_containing(page, "1. " + ARABIC)
        assert tags and all('lang="ar" dir="rtl"' in tag for tag in tags), url


def test_agenda_item_and_compare_pages_mark_each_statement_by_its_own_language(client, arabic):
    statement, english, item = arabic
    compare = reverse("archive:agenda-item-compare", args=[item.meeting.slug, item.number]) + "?d=egypt&d=sweden"
    for url in (item.get_absolute_url(), compare):
        page = client.get(url).content.decode()
        assert all('lang="ar" dir="rtl"' in tag for tag in elements_containing(page, ARABIC)), url
        assert elements_containing(page, ARABIC), url
        assert all('lang="en"' in tag for tag in elements_containing(page, "Sweden values")), url


def test_search_snippets_are_marked_with_their_statements_language(client, arabic):
    page = client.get(reverse("archive:statement-list"), {"q": "التعاون"}).content.decode()
    snippets = re.findall(r'<span class="snippet"[^>]*>', page)
    assert snippets and all('lang="ar" dir="rtl"' in tag for tag in snippets)


def test_statements_in_an_unlisted_language_get_no_language_claim(client):
    statement = make_statement(language="other", paragraphs=["Kiswahili: ushirikiano wa kimataifa."])
    page = client.get(statement.get_absolute_url()).content.decode()
    tags = elements_containing(page, "Kiswahili")
    assert tags and all("lang=" not in tag for tag in tags)


def test_report_form_help_texts_have_the_ids_its_fields_point_at(client, arabic):
    paragraph = arabic[0].paragraphs.get()
    page = client.get(reverse("archive:paragraph-report", args=[paragraph.public_id])).content.decode()
    described = set(" ".join(re.findall(r'aria-describedby="([^"]+)"', page)).split())
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert described and described <= ids
