"""Links to UN documents: symbols linked in the text, a document page listing who cited it, the data."""
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from statements_site.archive import dump
from statements_site.archive.documents import DocumentMention
from statements_site.archive.importing.store import plan_import, save_import
from statements_site.archive.models import Statement

from .conftest import make_delegation, make_meeting, make_statement, parse_of

pytestmark = pytest.mark.django_db

CITING = "We recall General Assembly resolution 74/247 and the draft E/CN.15/2020/L.4/Rev.1."


def test_symbols_in_a_paragraph_link_to_the_un_document_system(client):
    statement = make_statement(paragraphs=[CITING])
    page = client.get(statement.get_absolute_url()).content.decode()
    assert ('<a class="document-symbol" href="https://undocs.org/A/RES/74/247" title="A/RES/74/247" '
            'data-symbol="A/RES/74/247">resolution 74/247</a>') in page
    assert 'href="https://undocs.org/E/CN.15/2020/L.4/Rev.1"' in page


def test_the_statement_page_lists_the_documents_it_cites_with_their_archive_pages(client):
    statement = make_statement(paragraphs=[CITING, "And resolution 74/247 again."])
    page = client.get(statement.get_absolute_url()).content.decode()
    assert page.count(f'href="{reverse("archive:document-detail", args=["A/RES/74/247"])}"') == 1
    assert f'href="{reverse("archive:document-detail", args=["E/CN.15/2020/L.4/Rev.1"])}"' in page


def test_text_around_a_symbol_is_escaped_and_search_words_are_still_marked(client):
    statement = make_statement(paragraphs=["<script>alert(1)</script> Cybercrime: see A/74/130 on cybercrime."])
    page = client.get(statement.get_absolute_url(), {"q": "cybercrime"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Cybercrime</mark>: see <a class=\"document-symbol\"" in page


def import_citing(texts, delegation="Palestine", title="Statement"):
    make_delegation(delegation)
    meeting = make_meeting()
    plan = plan_import(parse_of(texts, delegation=delegation, title=title), meeting_slug=meeting.slug)
    return save_import(plan, publish=True)[0]


def test_an_import_records_which_paragraphs_cite_which_documents_and_a_correction_updates_them():
    statement = import_citing([CITING, "Nothing cited here."])
    assert sorted(DocumentMention.objects.values_list("symbol", "written")) == [
        ("A/RES/74/247", "resolution 74/247"), ("E/CN.15/2020/L.4/Rev.1", "E/CN.15/2020/L.4/Rev.1"),
    ]
    plan = plan_import(parse_of(["We recall Security Council resolution 2334 (2016).", "Nothing cited here."],
                                delegation="Palestine", title="Statement"), meeting_slug=statement.meeting.slug)
    save_import(plan, publish=True)
    assert list(DocumentMention.objects.values_list("symbol", flat=True)) == ["S/RES/2334(2016)"]


def test_the_document_page_lists_who_cited_it_and_when(client):
    early = make_statement(paragraphs=["Resolution 74/247 set up the committee."], delegation=make_delegation("Brazil"))
    late = make_statement(paragraphs=["First.", "We welcome A/RES/74/247."], delegation=make_delegation("Kenya"))
    make_statement(paragraphs=["A draft citing resolution 74/247."], status=Statement.Status.DRAFT)
    call_command("link_documents")
    response = client.get(reverse("archive:document-detail", args=["A/RES/74/247"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="https://undocs.org/A/RES/74/247"' in page
    assert page.index("Brazil") < page.index("Kenya") and "A draft citing" not in page
    assert "2</strong> paragraphs cite it" in page
    for statement in (early, late):
        paragraph = statement.paragraphs.get(text__contains="74/247")
        assert paragraph.get_absolute_url() in page


def test_a_document_no_one_cites_says_so_and_junk_is_not_found(client):
    page = client.get(reverse("archive:document-detail", args=["A/RES/75/1"]))
    assert page.status_code == 200 and "No statement in the archive cites this document yet." in page.content.decode()
    assert client.get("/documents/not-a-symbol/").status_code == 404
    assert client.get("/documents/A/RES/74/247%00/").status_code == 404


def test_the_document_list_finds_a_document_by_resolution_number(client):
    response = client.get(reverse("archive:document-list"), {"symbol": "resolution 74/247"})
    assert response.status_code == 302 and response["Location"] == reverse("archive:document-detail", args=["A/RES/74/247"])
    response = client.get(reverse("archive:document-list"), {"symbol": "12/2020"})
    assert "is not a UN document symbol or resolution number the archive recognises" in response.content.decode()


def test_the_api_lists_each_paragraphs_documents(client):
    statement = make_statement(paragraphs=[CITING])
    data = client.get(reverse("archive:api:statement-detail", args=[statement.pk])).json()
    assert data["paragraphs"][0]["documents"] == [
        {"symbol": "A/RES/74/247", "written": "resolution 74/247", "url": "https://undocs.org/A/RES/74/247",
         "archive_url": "http://testserver/documents/A/RES/74/247/"},
        {"symbol": "E/CN.15/2020/L.4/Rev.1", "written": "E/CN.15/2020/L.4/Rev.1",
         "url": "https://undocs.org/E/CN.15/2020/L.4/Rev.1", "archive_url": "http://testserver/documents/E/CN.15/2020/L.4/Rev.1/"},
    ]


def test_the_dump_lists_each_paragraphs_documents_and_a_restore_rebuilds_them():
    make_statement(paragraphs=[CITING])
    lines = list(dump.dump_lines())
    paragraph = [json.loads(line) for line in lines if json.loads(line)["type"] == "paragraph"][0]
    assert [d["symbol"] for d in paragraph["documents"]] == ["A/RES/74/247", "E/CN.15/2020/L.4/Rev.1"]
    assert paragraph["documents"][0]["url"] == "https://undocs.org/A/RES/74/247"
    for model in reversed(list(dump.DUMP_TYPES.values())):
        model.objects.all().delete()
    dump.restore(lines)
    assert sorted(DocumentMention.objects.values_list("symbol", flat=True)) == ["A/RES/74/247", "E/CN.15/2020/L.4/Rev.1"]


def test_the_document_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for n in range(15):
        make_statement(paragraphs=[f"Paragraph {n} recalls resolution 74/247."], delegation=make_delegation(f"State {n}"))
    call_command("link_documents")
    with django_assert_max_num_queries(4):
        client.get(reverse("archive:document-detail", args=["A/RES/74/247"]))
