"""Office documents as plain text: Word .docx and OpenDocument .odt.

Both are zip archives of XML; a hostile one (a zip bomb) is refused by the
sizes its parts inflate to before any XML parser sees them. Word's automatic
paragraph numbering is not in the text runs and is rendered here, so the
parser sees the numbers a reader sees.
"""

import io
import re
import zipfile

from .limits import ReadError

DOCX_MAX_PARTS = 1000
DOCX_MAX_PART_BYTES = 16 << 20  # one part of a .docx (document.xml, an image) once inflated
DOCX_MAX_TOTAL_BYTES = 48 << 20
NUMBERING_MAX = 10_000  # the highest list number rendered; Word's own lists stop far below


# --- Word -------------------------------------------------------------------

def read_docx(data: bytes, name: str) -> str:
    import docx  # imported here: only .docx uploads pay for python-docx's import

    try:
        _check_docx_sizes(data, name)
        document = docx.Document(io.BytesIO(data))
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadError(f"{name}: not a readable Word .docx file ({error}).") from None
    except Exception as error:  # python-docx raises assorted lxml errors on bad XML
        raise ReadError(f"{name}: the Word file is damaged ({type(error).__name__}).") from None
    numbering = _WordNumbering(document, name)
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        paragraphs.append(numbering.label_for(paragraph) + text)
    return "\n\n".join(paragraphs)


def _check_docx_sizes(data: bytes, name: str) -> None:
    check_zip_sizes(data, name, "Word file")


def check_zip_sizes(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """Refuse an office file whose parts inflate past the limits, before any XML parser inflates them.

    The declared sizes refuse an honest bomb without inflating a byte; counting while inflating
    (and stopping one byte past the limit) catches a header that understates.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if len(members) > DOCX_MAX_PARTS:
        raise ReadError(f"{name}: the {kind} has {len(members):,} parts, over the limit of {DOCX_MAX_PARTS:,}.")

    def too_big(part):
        return ReadError(
            f"{name}: {part} inside the {kind} inflates to more than {DOCX_MAX_PART_BYTES // (1 << 20)} MB, "
            "the limit for one part; a statement is far smaller, so the file was refused."
        )

    def too_big_in_all():
        return ReadError(
            f"{name}: the {kind} inflates to more than {DOCX_MAX_TOTAL_BYTES // (1 << 20)} MB in all, "
            "the limit for one file; a statement is far smaller, so the file was refused."
        )

    for info in members:
        if info.file_size > DOCX_MAX_PART_BYTES:
            raise too_big(info.filename)
    if sum(info.file_size for info in members) > DOCX_MAX_TOTAL_BYTES:
        raise too_big_in_all()
    total = 0
    for info in members:
        size = _inflated_size(archive, info, limit=DOCX_MAX_PART_BYTES)
        if size > DOCX_MAX_PART_BYTES:
            raise too_big(info.filename)
        total += size
        if total > DOCX_MAX_TOTAL_BYTES:
            raise too_big_in_all()
    return archive


def _inflated_size(archive, info, limit):
    """How many bytes a zip member inflates to, counting no further than one byte past `limit`."""
    size = 0
    with archive.open(info) as handle:
        while size <= limit:
            chunk = handle.read(min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            size += len(chunk)
    return size


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _WordNumbering:
    """Renders Word's automatic numbering, which is not part of the run text.

    Counters are kept per (numId, level); a level restarts when a shallower
    level advances. Formats beyond decimal, letters and roman numerals fall
    back to decimal; bullets render as nothing (the item stays a paragraph).
    A start value that is not a number, or is above NUMBERING_MAX, refuses
    the file: no statement has such a list, and rendering it would not end.
    """

    def __init__(self, document, name):
        self.name = name
        self.levels = {}  # (numId, ilvl) -> (start, numFmt, lvlText)
        self.counters = {}
        self.style_numbering = {}
        self._load_styles(document)
        self._load_numbering(document)

    def _load_styles(self, document):
        for style in document.styles.element.iter(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            based_on = style.find(f"{_W}basedOn")
            self.style_numbering[style.get(f"{_W}styleId")] = (
                _num_pr_values(num_pr) if num_pr is not None else None,
                based_on.get(f"{_W}val") if based_on is not None else None,
            )

    def _load_numbering(self, document):
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId")] = {
                lvl.get(f"{_W}ilvl"): _level_format(lvl, self.name) for lvl in node.iter(f"{_W}lvl")
            }
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = override.get(f"{_W}ilvl")
                if start is not None and ilvl in levels:
                    value = _start_value(start.get(f"{_W}val") or "1", self.name, "restarts")
                    levels[ilvl] = (value, *levels[ilvl][1:])
            for ilvl, fmt in levels.items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = fmt

    def _num_pr(self, paragraph):
        num_pr = paragraph._p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            return _num_pr_values(num_pr)
        style = paragraph._p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        for _ in range(10):  # basedOn chains are short; guard against loops
            values, based_on = self.style_numbering.get(style_id, (None, None))
            if values or not based_on:
                return values
            style_id = based_on
        return None

    def label_for(self, paragraph) -> str:
        values = self._num_pr(paragraph)
        if not values or (values[0], values[1]) not in self.levels:
            return ""
        num_id, ilvl = values
        start, fmt, text = self.levels[(num_id, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        count = self.counters.get((num_id, ilvl), start - 1) + 1
        self.counters[(num_id, ilvl)] = count
        for key in [k for k in self.counters if k[0] == num_id and int(k[1]) > int(ilvl)]:
            del self.counters[key]  # deeper levels restart under a new parent
        rendered = re.sub(r"%\d", _format_counter(count, fmt), text or "%1.")
        return rendered.strip() + " "


def _num_pr_values(num_pr):
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    if num_id is None or num_id.get(f"{_W}val") in (None, "0"):
        return None
    return num_id.get(f"{_W}val"), ilvl.get(f"{_W}val") if ilvl is not None else "0"


def _start_value(value, name, verb="starts"):
    try:
        number = int(value)
    except ValueError:
        raise ReadError(
            f"{name}: the list numbering {verb} at “{value[:40]}”, which is not a number; "
            "open the file in Word, renumber the list and save it again."
        ) from None
    if not 0 <= number <= NUMBERING_MAX:
        raise ReadError(
            f"{name}: the list numbering {verb} at {number:,}, over the limit of {NUMBERING_MAX:,}; "
            "open the file in Word, renumber the list and save it again."
        )
    return number


def _level_format(lvl, name):
    def val(tag, default):
        node = lvl.find(f"{_W}{tag}")
        return node.get(f"{_W}val") if node is not None else default

    start = _start_value(val("start", "1") or "1", name)
    fmt = val("numFmt", "decimal")
    text = val("lvlText", "%1.")
    # Word writes "%1." for decimals; legal style "(a)" comes from lvlText "(%1)".
    return start, fmt, text


def _format_counter(count: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(count)
    if fmt == "upperLetter":
        return _letters(count).upper()
    if fmt == "lowerRoman":
        return _roman(count).lower()
    if fmt == "upperRoman":
        return _roman(count)
    return str(count)


def _letters(count: int) -> str:
    # Word repeats the letter past z: aa, bb, ...
    if count < 1:
        return str(count)
    return chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)


def _roman(count: int) -> str:
    if count < 1:
        return str(count)
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, numeral in numerals:
        times, count = divmod(count, value)
        out.append(numeral * times)
    return "".join(out)


# --- OpenDocument -------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# What a reader does not see as the statement's text: notes, comments, deleted changes.
_ODT_SKIPPED = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes", f"{_TEXT}bookmark-ref"}


def read_odt(data: bytes, name: str) -> str:
    """An OpenDocument text (LibreOffice, Google Docs export) as its paragraphs, one per block.

    Read from content.xml with lxml, entities and the network off, after the
    zip sizes are checked. A numbered list's items get the numbers shown
    (the numbers are a list style, not text, as in Word); bullet items "•".
    Footnotes and comments are left out, as in the Word reader.
    """
    from lxml import etree

    try:
        archive = check_zip_sizes(data, name, "OpenDocument file")
        content = archive.read("content.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
        root = etree.fromstring(content, parser)
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as error:
        raise ReadError(f"{name}: not a readable OpenDocument .odt file ({type(error).__name__}).") from None
    numbered = _numbered_list_styles(root)
    paragraphs = []
    for element in root.iter(f"{_TEXT}p", f"{_TEXT}h"):
        if any(parent.tag in _ODT_SKIPPED for parent in element.iterancestors()):
            continue
        text = re.sub(r"[ \t]+", " ", _odt_text(element)).strip()
        if text:
            paragraphs.append(_odt_list_label(element, numbered) + text)
    return "\n\n".join(paragraphs)


def _odt_text(element) -> str:
    """The visible text of a paragraph: spans, spaces (text:s), tabs and line breaks, notes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in _ODT_SKIPPED:
            pass
        elif child.tag == f"{_TEXT}s":
            parts.append(" " * min(int(child.get(f"{_TEXT}c", "1") or 1), 100))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _numbered_list_styles(root) -> dict[str, tuple[str, str]]:
    """List style name -> (number format, suffix) of its first level, for styles that number."""
    styles = {}
    for style in root.iter(f"{_TEXT}list-style"):
        level = style.find(f"{_TEXT}list-level-style-number")
        if level is not None and level.get(f"{_TEXT}level", "1") == "1":
            styles[style.get(f"{_STYLE}name")] = (level.get(f"{_STYLE}num-format", "1") or "1",
                                                  level.get(f"{_STYLE}num-suffix", ".") or "")
    return styles


def _odt_list_label(paragraph, numbered: dict) -> str:
    """"3. " for the first paragraph of the third item of a numbered list, "• " in a bullet list."""
    item = paragraph.getparent()
    if item is None or item.tag != f"{_TEXT}list-item" or item.index(paragraph) != 0:
        return ""
    listing = item.getparent()
    if listing is None or listing.tag != f"{_TEXT}list":
        return ""
    fmt = numbered.get(listing.get(f"{_TEXT}style-name"))
    if not fmt:
        return "• "
    start = 1
    continued = listing.get(f"{_TEXT}start-value") or item.get(f"{_TEXT}start-value")
    if continued and continued.isdigit():
        start = int(continued)
    count = start + sum(1 for sibling in item.itersiblings(preceding=True) if sibling.tag == f"{_TEXT}list-item")
    if count > NUMBERING_MAX:
        return ""
    return f"{_format_counter(count, _ODF_FORMATS.get(fmt[0], 'decimal'))}{fmt[1]} "


# ODF's number formats in Word's names, which _format_counter renders.
_ODF_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
