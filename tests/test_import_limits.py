"""Bounded imports: upload bombs are refused quickly with a message naming the file and the limit."""
import io
import time
import zipfile
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from statements_site.archive.importing import limits, office, readers
from statements_site.archive.importing.parse import parse_file
from statements_site.archive.importing.readers import ReadError, read_upload
from statements_site.archive.models import Statement

# --- bombs, built small in memory ----------------------------------------------


def make_docx(paragraphs=("Mr. Chair,", "We welcome the report.")):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document


def docx_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip_bomb_docx(inflated_bytes):
    """A valid .docx whose word/document.xml inflates to `inflated_bytes` (whitespace before the root)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(make_docx())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, content)
                continue
            declaration, _, rest = content.partition(b"?>")
            with bomb.open(info.filename, "w", force_zip64=True) as handle:
                handle.write(declaration + b"?>")
                chunk = b" " * (1 << 20)
                for _ in range(inflated_bytes >> 20):
                    handle.write(chunk)
                handle.write(rest)
    return buffer.getvalue()


def make_numbered_docx(start=None, fmt="decimal", start_override=None):
    """A .docx with a two-item list whose numbering starts at `start` (or is overridden to `start_override`)."""
    document = make_docx(())
    numbering = document.part.numbering_part.element
    num = numbering.find(qn("w:num"))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:numFmt")).set(qn("w:val"), fmt)
    level.find(qn("w:lvlText")).set(qn("w:val"), "%1.")
    if start is not None:
        level.find(qn("w:start")).set(qn("w:val"), str(start))
    if start_override is not None:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        value = OxmlElement("w:startOverride")
        value.set(qn("w:val"), start_override)
        override.append(value)
        num.append(override)
    for text in ("We welcome the report.", "We support the work."):
        properties = document.add_paragraph(text)._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", num.get(qn("w:numId")))):
            node = OxmlElement(tag)
            node.set(qn("w:val"), val)
            num_pr.append(node)
        properties.append(num_pr)
    return docx_bytes(document)


def _pdf(objects):
    """A PDF file from numbered object bodies (1-based), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content, compress=False):
    if compress:
        content = zlib.compress(content, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def make_page_tree_bomb_pdf(fan_out=300):
    """A few kilobytes of PDF whose page tree lists one page fan_out * fan_out times (90,000 for 300)."""
    kids = lambda ref: b"[" + b" ".join([ref] * fan_out) + b"]"  # noqa: E731
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids(b"3 0 R") + b" /Count %d >>" % (fan_out * fan_out),
        b"<< /Type /Pages /Parent 2 0 R /Kids " + kids(b"4 0 R") + b" /Count %d >>" % fan_out,
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (We welcome the report.) Tj ET"),
        FONT,
    ])


def make_text_bomb_pdf(characters):
    """A one-page PDF whose compressed content stream shows `characters` letters."""
    content = b"BT /F1 12 Tf 72 720 Td (" + b"a" * characters + b") Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, compress=True),
        FONT,
    ])


def refused(data, name):
    """The reader's refusal and the processor time it took (wall time varies with the machine's load)."""
    started = time.process_time()
    with pytest.raises(ReadError) as error:
        read_upload(data, name)
    return str(error.value), time.process_time() - started


# --- Word ------------------------------------------------------------------------


def test_a_docx_part_that_inflates_past_the_cap_is_refused_without_inflating_it():
    bomb = make_zip_bomb_docx(office.DOCX_MAX_PART_BYTES + (8 << 20))
    assert len(bomb) < 100_000
    message, seconds = refused(bomb, "bomb.docx")
    assert message.startswith("bomb.docx: ")
    assert "word/document.xml" in message and f"{office.DOCX_MAX_PART_BYTES // (1 << 20)} MB" in message
    assert seconds < 2


def test_inflating_a_docx_part_stops_one_byte_past_the_cap():
    archive = zipfile.ZipFile(io.BytesIO(make_zip_bomb_docx(4 << 20)))
    info = archive.getinfo("word/document.xml")
    assert office._inflated_size(archive, info, limit=1 << 20) == (1 << 20) + 1


def test_a_docx_part_whose_header_understates_its_size_is_not_inflated_past_it(monkeypatch):
    archive = zipfile.ZipFile(io.BytesIO(make_zip_bomb_docx(4 << 20)))
    info = archive.getinfo("word/document.xml")
    monkeypatch.setattr(info, "file_size", 100)  # only reading can tell
    with pytest.raises(zipfile.BadZipFile):  # which the reader reports as a damaged file
        office._inflated_size(archive, info, limit=1 << 20)


def test_a_docx_within_the_caps_is_still_read():
    assert read_upload(docx_bytes(make_docx()), "fine.docx") == "Mr. Chair,\n\nWe welcome the report."


@pytest.mark.parametrize("start,fmt", [(26_000_000_000, "lowerLetter"), (10**11, "upperRoman"), (10**11, "decimal")])
def test_list_numbering_that_starts_absurdly_high_is_refused_at_once(start, fmt):
    message, seconds = refused(make_numbered_docx(start=start, fmt=fmt), "numbers.docx")
    assert message.startswith("numbers.docx: ")
    assert f"{start:,}" in message and f"{office.NUMBERING_MAX:,}" in message
    assert seconds < 2


def test_list_numbering_labels_are_computed_for_high_but_plausible_values():
    text = read_upload(make_numbered_docx(start=52, fmt="lowerLetter"), "letters.docx")
    assert text == "zz. We welcome the report.\n\naaa. We support the work."
    text = read_upload(make_numbered_docx(start=3999, fmt="upperRoman"), "roman.docx")
    assert text == "MMMCMXCIX. We welcome the report.\n\nMMMM. We support the work."


def test_a_start_override_that_is_not_a_number_is_a_clear_error():
    message, _ = refused(make_numbered_docx(start_override="abc"), "override.docx")
    assert message == (
        "override.docx: the list numbering restarts at “abc”, which is not a number; "
        "open the file in Word, renumber the list and save it again."
    )


# --- PDF -------------------------------------------------------------------------


def test_a_pdf_page_tree_bomb_is_refused_at_the_page_cap():
    bomb = make_page_tree_bomb_pdf()
    assert len(bomb) < 10_000
    message, seconds = refused(bomb, "pages.pdf")
    assert message.startswith("pages.pdf: ")
    assert f"{readers.PDF_MAX_PAGES:,} pages" in message
    assert seconds < 2


def test_a_pdf_with_more_text_than_the_cap_is_refused():
    message, seconds = refused(make_text_bomb_pdf(readers.PDF_MAX_CHARACTERS + 1000), "long.pdf")
    assert message.startswith("long.pdf: ")
    assert f"{readers.PDF_MAX_CHARACTERS:,} characters" in message
    assert seconds < 2


def test_a_small_pdf_is_still_read():
    assert read_upload(make_page_tree_bomb_pdf(fan_out=2), "small.pdf").startswith("We welcome the report.")


# --- every reader ----------------------------------------------------------------


def test_a_reader_that_runs_past_the_time_limit_is_stopped(monkeypatch):
    def slow(data, name):
        while True:
            sum(range(1000))

    monkeypatch.setattr(limits, "READ_SECONDS", 0.3)
    monkeypatch.setitem(readers.READERS, ".txt", slow)
    message, seconds = refused(b"text", "slow.txt")
    assert message == "slow.txt: reading the file took longer than the 0.3 second limit; it was stopped."
    assert seconds < 1


def test_an_unexpected_error_in_a_reader_becomes_that_files_error(monkeypatch):
    def broken(data, name):
        raise RuntimeError("internal detail")

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    message, _ = refused(b"text", "broken.txt")
    assert message == "broken.txt: the file could not be read (RuntimeError); check that it opens, then try again."
    assert parse_file(b"text", "broken.txt")["errors"] == [message]


# --- where staff meet it ----------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_refuses_a_bomb_with_the_message_and_saves_nothing(client, staff):
    upload = SimpleUploadedFile("numbers.docx", make_numbered_docx(start=26_000_000_000, fmt="lowerLetter"))
    response = client.post(reverse("admin:archive_statement_import"), {"step": "read", "file": upload})
    assert response.status_code == 200
    assert "numbers.docx: the list numbering starts at 26,000,000,000" in response.content.decode()
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_the_admin_turns_a_bad_start_override_into_a_message_not_a_500(client, staff):
    upload = SimpleUploadedFile("override.docx", make_numbered_docx(start_override="abc"))
    response = client.post(reverse("admin:archive_statement_import"), {"step": "read", "file": upload})
    assert response.status_code == 200
    assert "restarts at “abc”, which is not a number" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_import_statements_reports_bombs_as_failed_files_and_imports_the_rest(tmp_path):
    from django.core.management import call_command

    from .test_import_command import STATEMENT

    (tmp_path / "a-override.docx").write_bytes(make_numbered_docx(start_override="abc"))
    (tmp_path / "b-pages.pdf").write_bytes(make_page_tree_bomb_pdf())
    (tmp_path / "c-mexico.txt").write_text(STATEMENT, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("import_statements", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert exit.value.code == 1
    report = out.getvalue()
    assert "Summary: 1 created, 0 updated, 0 skipped, 2 failed." in report
    assert "a-override.docx: the list numbering restarts at “abc”, which is not a number" in report
    assert f"b-pages.pdf: the PDF has more than {readers.PDF_MAX_PAGES:,} pages" in report
    assert Statement.objects.count() == 1


@pytest.mark.django_db
def test_the_admin_stops_a_parse_that_runs_past_the_time_limit(client, staff, monkeypatch):
    from statements_site.archive import admin_statements as archive_admin

    def slow(text, source=None):
        while True:
            sum(range(1000))

    monkeypatch.setattr(limits, "READ_SECONDS", 0.3)
    monkeypatch.setattr(archive_admin, "parse_statement", slow)
    response = client.post(reverse("admin:archive_statement_import"), {"step": "read", "text": "Mr. Chair, ..."})
    assert response.status_code == 200
    assert "pasted text: reading the statement took longer than the 0.3 second limit" in response.content.decode()
