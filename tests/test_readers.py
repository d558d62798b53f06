"""Reading uploads: encodings, Word numbering, PDFs, hostile HTML and clear refusals."""

import io

import docx
import pypdf
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from statements_site.archive.importing.parse import parse_file
from statements_site.archive.importing.readers import ReadError, read_upload

TEXT = "Señor Presidente:\n\nLa délégation «salue» le rapport – merci.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_files_are_read_in_common_encodings(encoding):
    assert read_upload(TEXT.encode(encoding), "statement.txt") == TEXT


def test_binary_file_named_txt_is_rejected():
    with pytest.raises(ReadError, match="statement.txt: .*binary"):
        read_upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "statement.txt")


def test_empty_file_is_rejected():
    with pytest.raises(ReadError, match="statement.txt: the file is empty"):
        read_upload(b"", "statement.txt")


def test_unsupported_extension_is_rejected_naming_the_types_accepted():
    with pytest.raises(ReadError, match=r"statement.pages: unsupported file type '.pages'.*\.docx"):
        read_upload(b"anything", "statement.pages")


@pytest.mark.parametrize("name, kind", [("statement.docx", "Word"), ("statement.pdf", "PDF")])
def test_corrupt_word_and_pdf_files_are_rejected_clearly(name, kind):
    with pytest.raises(ReadError, match=f"statement.(docx|pdf): .*{kind}"):
        read_upload(b"this is not really a document at all", name)


def test_pdf_without_text_layer_needs_ocr():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ReadError, match="needs OCR"):
        read_upload(buffer.getvalue(), "scan.pdf")


def test_unreadable_file_gives_a_failed_parse_object_with_every_key():
    result = parse_file(b"", "empty.txt")
    assert result["ok"] is False and result["source"] == "empty.txt"
    assert result["errors"] == ["empty.txt: the file is empty."]
    assert result["paragraphs"] == [] and result["meeting"]["title"] is None


def test_hostile_html_comes_out_as_visible_text_only():
    html = (
        b"<html><head><title>Hidden title</title><style>p{color:red}</style></head><body>"
        b"<script>alert('x')</script><!-- a comment -->"
        b"<p onclick=\"steal()\">Mr. President,</p><img src=x onerror=\"alert(1)\">"
        b"<div>We welcome <b>the report</b> &amp; its findings.</div>"
        b"<noscript>enable js</noscript></body></html>"
    )
    assert read_upload(html, "statement.html") == "Mr. President,\n\nWe welcome the report & its findings."


def _numbered(paragraph, num_id, level=0):
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        node = OxmlElement(tag)
        node.set(qn("w:val"), str(value))
        num_pr.append(node)
    properties.append(num_pr)


def _docx_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_list_style_numbering_is_rendered_as_labels():
    document = docx.Document()
    document.add_paragraph("Mr. Chair,")
    document.add_paragraph("We welcome the report.", style="List Number")
    document.add_paragraph("We support the work.", style="List Number")
    text = read_upload(_docx_bytes(document), "statement.docx")
    assert text == "Mr. Chair,\n\n1. We welcome the report.\n\n2. We support the work."


def test_word_direct_numbering_uses_the_level_format():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    num = numbering.find(qn("w:num"))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iter(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:numFmt")).set(qn("w:val"), "lowerLetter")
    level.find(qn("w:lvlText")).set(qn("w:val"), "(%1)")
    num_id = num.get(qn("w:numId"))
    for text in ("first item;", "second item."):
        _numbered(document.add_paragraph(text), num_id)
    result = read_upload(_docx_bytes(document), "statement.docx")
    assert result == "(a) first item;\n\n(b) second item."


MARKDOWN = """---
title: "Statement by Norway: WHA 72"
date: 2019-05-22
source_url: https://example.org/statements/norway-wha72
permalink: /statements/norway-wha72/
---

## Statement by Norway at the World Health Assembly

Mr. President,

1. Norway **welcomes** the [report](https://example.org/report) and *supports* its call.

We stress:

- access to medicines;
* primary health care.

<ol><li>first commitment</li><li>second commitment</li></ol>

\\*\\*\\*

Thank you.
"""


def test_markdown_is_read_as_the_plain_lines_it_shows_without_its_front_matter():
    assert read_upload(MARKDOWN.encode(), "norway.md") == (
        "Statement by Norway at the World Health Assembly\n\nMr. President,\n\n"
        "1. Norway welcomes the report and supports its call.\n\nWe stress:\n\n"
        "• access to medicines;\n• primary health care.\n\n"
        "1. first commitment\n\n2. second commitment\n\n***\n\nThank you."
    )


def test_markdown_front_matter_fills_title_date_and_source_where_the_text_does_not():
    result = parse_file(MARKDOWN.encode(), "norway.md")
    assert result["ok"]
    assert result["date"] == "2019-05-22"
    assert result["source_url"] == "https://example.org/statements/norway-wha72"
    assert not any("permalink" in p["text"] or "title:" in p["text"] for p in result["paragraphs"])


def test_rtf_files_are_read_as_their_text():
    rtf = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\pard Mr. Chair,\par\par 1. We welcome the report \u8211? fully.\par}"
    assert read_upload(rtf, "statement.rtf").strip() == "Mr. Chair,\n\n1. We welcome the report – fully."


def test_a_file_named_rtf_that_is_not_rtf_is_refused():
    with pytest.raises(ReadError, match=r"notes.rtf: not an RTF file"):
        read_upload(b"plain words", "notes.rtf")


# --- OpenDocument ---------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
NUMBERED_STYLE = ('<office:automatic-styles><text:list-style style:name="L1">'
                  '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
                  '</text:list-style><text:list-style style:name="L2">'
                  '<text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>'
                  '</office:automatic-styles>')


def make_odt(body, styles=NUMBERED_STYLE, prolog=""):
    import zipfile

    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODF_NS}>{styles}'
               f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def numbered(*items, style="L1"):
    return (f'<text:list text:style-name="{style}">'
            + "".join(f"<text:list-item><text:p>{item}</text:p></text:list-item>" for item in items) + "</text:list>")


def test_an_odt_is_read_as_its_paragraphs_with_the_list_numbers_a_reader_sees():
    data = make_odt(
        '<text:h text:outline-level="1">Statement by <text:span>Ghana</text:span></text:h>'
        "<text:p>Mr. President,</text:p>"
        + numbered("Ghana welcomes the report.<text:s text:c=\"2\"/>It is timely.",
                   'We call for action.<text:note><text:note-citation>1</text:note-citation>'
                   "<text:note-body><text:p>A/79/1, para. 2.</text:p></text:note-body></text:note>")
        + numbered("priority one;", style="L2")
        + '<text:p><office:annotation><text:p>check this</text:p></office:annotation>Thank you.</text:p>')
    assert read_upload(data, "ghana.odt").split("\n\n") == [
        "Statement by Ghana", "Mr. President,", "1. Ghana welcomes the report. It is timely.",
        "2. We call for action.", "• priority one;", "Thank you."]


def test_an_odt_statement_is_parsed_like_any_other():
    data = make_odt("<text:p>Statement by Ghana</text:p><text:p>Mr. President,</text:p>"
                    + numbered("Ghana welcomes the report of the Secretary-General.", "We call for action now.")
                    + "<text:p>Thank you.</text:p>")
    parse = parse_file(data, "ghana.odt")
    assert parse["ok"] and parse["delegation"] == "Ghana"
    assert [(p["label"], p["text"]) for p in parse["paragraphs"]] == [
        ("1", "Ghana welcomes the report of the Secretary-General."), ("2", "We call for action now.")]


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 not really a zip", "not a readable OpenDocument .odt file"),
    (make_odt("<text:p>unclosed"), "not a readable OpenDocument .odt file"),
])
def test_a_damaged_odt_is_refused_with_a_message(data, message):
    with pytest.raises(ReadError, match=f"statement.odt: {message}"):
        read_upload(data, "statement.odt")


def test_an_odt_does_not_expand_entities_declared_in_its_xml():
    prolog = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = make_odt("<text:p>Statement &b; text</text:p>", prolog=prolog)
    try:
        text = read_upload(data, "statement.odt")
    except ReadError:
        return
    assert "aaaaaaaaaa" not in text
