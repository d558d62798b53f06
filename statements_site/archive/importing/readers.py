"""Turn an uploaded statement file into plain text for the parser.

One entry point, read_upload(data, filename), chosen by extension: .txt (any
common encoding), .md (Markdown as the plain lines it shows, YAML front matter
left out and read by front_matter()), .rtf (its text, through striprtf),
.docx and .odt (office.py: numbering rendered as text), .pdf (the text
layer, pages separated by a form feed so the parser can spot running headers
and page numbers) and .html/.htm (visible text only). Every failure raises
ReadError (limits.py) with a message staff can act on. The caller enforces
the upload's size limit; the limits here and in office.py bound what reading
it may cost, so a small hostile file (a zip bomb, a looping page tree) is
refused in well under two seconds and 200 MB instead of taking a worker down.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import PurePath

from .limits import ReadError, time_limit
from .office import read_docx, read_odt

PAGE_BREAK = "\f"
SUPPORTED = (".txt", ".md", ".docx", ".odt", ".rtf", ".pdf", ".html", ".htm")

# What reading one file may cost. A real statement is a few hundred kilobytes of text at most.
PDF_MAX_PAGES = 1000
PDF_MAX_CHARACTERS = 1_000_000  # some 300 pages of dense text
PDF_MAX_STREAM_BYTES = 32 << 20  # one decompressed PDF stream


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


READERS = {".txt": _read_txt, ".md": _read_markdown, ".rtf": _read_rtf, ".docx": read_docx, ".odt": read_odt,
           ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html}
