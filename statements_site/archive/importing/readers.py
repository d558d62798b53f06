"""Turn an uploaded statement file into plain text for the parser.

One entry point, read_upload(data, filename), chosen by extension: .txt (any
common encoding), .md (Markdown as the plain lines it shows, YAML front matter
left out and read by front_matter()), .rtf (its text, through striprtf), .docx (with Word's automatic numbering rendered as text),
.pdf (the text layer, pages separated by a form feed so the parser can spot
running headers and page numbers) and .html/.htm (visible text only). Every
failure raises ReadError with a message staff can act on. The caller enforces
the upload's size limit; the limits below bound what reading it may cost, so a
small hostile file (a zip bomb, a looping page tree) is refused in well under
two seconds and 200 MB instead of taking a worker down.
"""

import io
import re
import signal
import threading
import zipfile
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import PurePath

PAGE_BREAK = "\f"
SUPPORTED = (".txt", ".md", ".docx", ".rtf", ".pdf", ".html", ".htm")

# What reading one file may cost. A real statement is a few hundred kilobytes of text at most.
READ_SECONDS = 10  # per file, below gunicorn's 30 s worker timeout
DOCX_MAX_PARTS = 1000
DOCX_MAX_PART_BYTES = 16 << 20  # one part of a .docx (document.xml, an image) once inflated
DOCX_MAX_TOTAL_BYTES = 48 << 20
NUMBERING_MAX = 10_000  # the highest list number rendered; Word's own lists stop far below
PDF_MAX_PAGES = 1000
PDF_MAX_CHARACTERS = 1_000_000  # some 300 pages of dense text
PDF_MAX_STREAM_BYTES = 32 << 20  # one decompressed PDF stream


class ReadError(Exception):
    """A file that cannot be turned into text; str(error) is for staff."""


class _OutOfTime(BaseException):
    # A BaseException, so that no library's `except Exception` swallows the alarm.
    pass


@contextmanager
def time_limit(name: str, doing: str = "reading the file", seconds: float | None = None):
    """Stop the block with a ReadError once it has run `seconds` (READ_SECONDS by default).

    A SIGALRM timer interrupts pure-Python work (pypdf, the parser) wherever it is; the size limits
    bound the C code (zlib, lxml) in between. Signals reach only the main thread, which is where the
    command and gunicorn's sync workers run; elsewhere (the threaded development server) only the
    size limits apply. An enclosing time_limit keeps its own timer and message.
    """
    seconds = READ_SECONDS if seconds is None else seconds
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0]
    ):
        yield
        return

    def expire(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise ReadError(f"{name}: {doing} took longer than the {seconds:g} second limit; it was stopped.") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_upload(data: bytes, filename: str) -> str:
    """Plain text of an uploaded file; raises ReadError saying what is wrong, whatever goes wrong."""
    name = PurePath(filename or "").name or "(unnamed file)"
    extension = PurePath(name).suffix.lower()
    if extension not in SUPPORTED:
        raise ReadError(
            f"{name}: unsupported file type {extension or '(no extension)'!r}; "
            f"upload one of {', '.join(SUPPORTED)}."
        )
    if not data:
        raise ReadError(f"{name}: the file is empty.")
    try:
        with time_limit(name):
            text = READERS[extension](data, name)
    except ReadError:
        raise
    except Exception as error:  # a reader's bug or a library's surprise is this file's problem, not the batch's
        raise ReadError(
            f"{name}: the file could not be read ({type(error).__name__}); check that it opens, then try again."
        ) from None
    if not text.strip():
        raise ReadError(f"{name}: the file contains no text.")
    return text


# --- plain text -------------------------------------------------------------

def decode_text(data: bytes, name: str) -> str:
    """Decode bytes whose encoding nobody told us: BOMs first, then UTF-8, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name)
    if b"\x00" in data:
        # UTF-16 without a BOM shows as every other byte NUL; anything else is binary.
        raise ReadError(f"{name}: this looks like a binary file, not text (it contains NUL bytes).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; a file using them is not cp1252 text.
    return _decode(data, "cp1252", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            f"{name}: cannot decode the text as {encoding} (byte {error.start}); "
            "save it as UTF-8 and upload it again."
        ) from None


def _read_txt(data: bytes, name: str) -> str:
    text = decode_text(data, name)
    visible = [ch for ch in text if ch.isprintable() or ch in "\n\r\t\f"]
    if len(visible) < 0.9 * len(text):
        raise ReadError(f"{name}: this looks like a binary file, not text (mostly unprintable characters).")
    return text


# --- Markdown ----------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_RULES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\n\1\n"),  # headings
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # thematic breaks
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.MULTILINE), r"\1• "),  # bullet items
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # emphasis
    (re.compile(r"[ \t]+$", re.MULTILINE), ""),  # trailing spaces (Markdown's line breaks)
]


class _MarkdownHTML(HTMLParser):
    """HTML inside Markdown: list items become lines ("1. " in an <ol>, "• " in a <ul>), block tags
    break lines, other tags vanish; the text between them is kept as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.lists = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("ol", "ul"):
            self.lists.append([tag, 0])
        elif tag == "li":
            marker = "• "
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            self.parts.append("\n\n" + marker)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def _read_markdown(data: bytes, name: str) -> str:
    text = decode_text(data, name).replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if match:
        text = text[match.end():]
    # Escaped characters ("\\*") are text, not markup: park them outside the rules' reach.
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", lambda m: chr(0xE000 + ord(m.group(1))), text)
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    parser = _MarkdownHTML()
    parser.feed(text)
    parser.close()
    text = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), "".join(parser.parts))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def front_matter(data: bytes, filename: str) -> dict:
    """Title, date (ISO) and source URL from a Markdown file's YAML front matter, where it gives them."""
    if PurePath(filename or "").suffix.lower() != ".md":
        return {}
    try:
        match = FRONT_MATTER.match(decode_text(data, filename).replace("\r\n", "\n"))
    except ReadError:
        return {}
    if not match:
        return {}
    import yaml  # PyYAML, pinned in requirements.txt

    try:
        values = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    if not isinstance(values, dict):
        return {}
    found = {}
    title = values.get("title")
    if isinstance(title, str) and title.strip():
        found["title"] = " ".join(title.split())
    date = values.get("date")
    if hasattr(date, "isoformat"):
        found["date"] = date.isoformat()[:10]
    elif isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.strip()[:10]):
        found["date"] = date.strip()[:10]
    for key in ("source_url", "source", "url", "link", "original_url"):
        url = values.get(key)
        if isinstance(url, str) and re.match(r"https?://\S+$", url.strip()):
            found["source_url"] = url.strip()
            break
    return found


def apply_front_matter(parse: dict, found: dict) -> dict:
    """Fill the parse's title, date and source URL from front matter where the text itself gave none."""
    for key, value in found.items():
        if not parse.get(key):
            parse[key] = value
    return parse


# --- RTF ---------------------------------------------------------------------

def _read_rtf(data: bytes, name: str) -> str:
    from striprtf.striprtf import rtf_to_text  # imported here: only .rtf uploads pay for it

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError(f"{name}: not an RTF file (it does not start with “{{\\rtf”).")
    # RTF is 7-bit text with escapes for everything else; cp1252 is its default code page.
    return rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace").replace("\r\n", "\n")


# --- Word -------------------------------------------------------------------

def _read_docx(data: bytes, name: str) -> str:
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
    """Refuse a .docx whose parts inflate past the limits, before python-docx inflates any of them.

    The declared sizes refuse an honest bomb without inflating a byte; counting while inflating
    (and stopping one byte past the limit) catches a header that understates.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if len(members) > DOCX_MAX_PARTS:
        raise ReadError(f"{name}: the Word file has {len(members):,} parts, over the limit of {DOCX_MAX_PARTS:,}.")

    def too_big(part):
        return ReadError(
            f"{name}: {part} inside the Word file inflates to more than {DOCX_MAX_PART_BYTES // (1 << 20)} MB, "
            "the limit for one part; a statement is far smaller, so the file was refused."
        )

    def too_big_in_all():
        return ReadError(
            f"{name}: the Word file inflates to more than {DOCX_MAX_TOTAL_BYTES // (1 << 20)} MB in all, "
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


# --- PDF --------------------------------------------------------------------

def _read_pdf(data: bytes, name: str) -> str:
    import pypdf  # imported here: only .pdf uploads pay for pypdf's import
    from pypdf.errors import LimitReachedError, PdfReadError

    too_many_pages = ReadError(
        f"{name}: the PDF has more than {PDF_MAX_PAGES:,} pages, the limit for one file; "
        "import the statement's own pages."
    )
    streams = {
        key: PDF_MAX_STREAM_BYTES
        for key in ("zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
                    "array_based_stream_maximum_output_length", "maximum_declared_stream_length")
    }
    try:
        # pypdf walks the page tree node by node: a tree listing one page 90,000 times stops at the limit.
        with pypdf.apply_configuration(page_tree_maximum_entries=2 * PDF_MAX_PAGES + 10, **streams):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise ReadError(f"{name}: the PDF is password-protected; upload an unprotected copy.")
            try:
                if len(reader.pages) > PDF_MAX_PAGES:
                    raise too_many_pages
            except LimitReachedError:
                raise too_many_pages from None
            pages, characters = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                characters += len(pages[-1])
                if characters > PDF_MAX_CHARACTERS:
                    raise ReadError(
                        f"{name}: the PDF holds more than {PDF_MAX_CHARACTERS:,} characters of text, the limit "
                        "for one file; import the statement's own pages."
                    )
    except ReadError:
        raise
    except LimitReachedError as error:
        raise ReadError(f"{name}: the PDF goes past a safety limit of the PDF reader ({error}).") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ReadError(f"{name}: not a readable PDF ({error}).") from None
    except Exception as error:  # pypdf has many internal failure modes on damaged files
        raise ReadError(f"{name}: the PDF is damaged ({type(error).__name__}).") from None
    if not pages:
        raise ReadError(f"{name}: the PDF has no pages.")
    if not any(page.strip() for page in pages):
        raise ReadError(
            f"{name}: the PDF has no text layer (it is probably a scan); "
            "it needs OCR before it can be imported."
        )
    return PAGE_BREAK.join(page.strip("\n") for page in pages)


# --- HTML -------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr",
    "dd", "dt", "dl", "main", "aside", "nav", "figure", "figcaption", "td", "th",
}
_HIDDEN_TAGS = {"script", "style", "head", "title", "template", "noscript", "svg",
                "iframe", "object", "canvas", "math"}


class _VisibleText(HTMLParser):
    """Collects the text a browser would show; attributes are never read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.hidden_depth = 0  # an unclosed <head> ends where the body starts
        elif tag in _HIDDEN_TAGS:
            self.hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def _read_html(data: bytes, name: str) -> str:
    source = decode_text(data, name)
    parser = _VisibleText()
    try:
        parser.feed(source)
        parser.close()
    except Exception as error:  # html.parser is lenient; this is belt and braces
        raise ReadError(f"{name}: the HTML cannot be read ({error}).") from None
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


READERS = {".txt": _read_txt, ".md": _read_markdown, ".rtf": _read_rtf, ".docx": _read_docx, ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html}
