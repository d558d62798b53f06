"""Parse a statement's text into the archive's parse object (what `import_statements --dry-run
--json` prints, documented in the README).

parse_statement(text) never raises: whatever it cannot read becomes null with a
warning, and every word of the input ends up in a field, a paragraph or a
warning (dropped page furniture, repeated vocatives, text it did not place).
parse_file(data, filename) reads an upload first; an unreadable file gives
ok=False with the reason in errors. Pure Python: no Django, no requests.
"""

import re

from . import around, body, conventions, dates, fields, header, meeting
from .body import quote
from .language import detect_language, detect_language_of_address
from .readers import ReadError, apply_front_matter, front_matter, read_upload, time_limit

MAX_HEADER_UNITS = 15
MAX_HEADER_WORDS = 25
MAX_HEADING_WORDS = 12


def empty_result(source: str | None) -> dict:
    """A parse object with every key present and nothing known."""
    return {
        "source": source, "ok": True, "errors": [], "warnings": [], "language": None,
        "title": None, "delegation": None, "on_behalf_of": None, "speaker": None,
        "speaker_title": None, "date": None,
        "meeting": {"title": None, "session": None, "location": None,
                    "date_start": None, "date_end": None},
        "agenda_items": [], "salutation": None, "closing": None, "paragraphs": [],
        "source_url": None, "document_symbol": None, "confidence": {},
    }


def parse_file(data: bytes, filename: str) -> dict:
    """Read an uploaded file and parse it within the per-file time limit; unreadable files give ok=False."""
    try:
        with time_limit(filename, "reading and parsing the file"):
            result = parse_statement(read_upload(data, filename), source=filename)
        return apply_front_matter(result, front_matter(data, filename))
    except ReadError as error:
        result = empty_result(filename)
        result.update(ok=False, errors=[str(error)])
        return result


def parse_statement(text: str, source: str | None = None) -> dict:
    """The parse object for a statement's plain text. Never raises."""
    result = empty_result(source)
    if not isinstance(text, str) or not text.strip():
        result.update(ok=False, errors=["the statement has no text"])
        return result
    try:
        _parse_into(result, text)
    except Exception as error:  # a parser bug must not take an import down with it
        result.update(ok=False, errors=[f"the parser failed on this text ({type(error).__name__}: {error})"])
    _report_unplaced_words(result, text)
    return result


def _parse_into(result: dict, text: str) -> None:
    warnings = result["warnings"]
    text, front = around.front_matter(text, warnings)
    units = body.split_units(body.normalise(text), _stands_alone, warnings)
    notes = []
    units = around.drop_delivery_notes(units, warnings, notes)
    units = around.read_source_lines(units, result, warnings)
    head, salutation, rest = _split_header(units)
    rest = around.cut_second_statement(rest, warnings)
    width = _wrap_width(rest)
    rest, closing = _split_closing(rest, warnings)
    paragraphs = _body_paragraphs(rest, warnings)
    if not salutation and paragraphs:
        salutation = _inline_salutation(paragraphs)
    agenda_units = [u for u in head if meeting.AGENDA_LINE.match(u["text"])]
    head = _dedupe_header([u for u in head if u not in agenda_units], warnings)

    result["salutation"] = " ".join(u["text"] for u in salutation) or None
    result["closing"] = closing
    result["paragraphs"] = [{"label": p["label"], "text": p["text"]} for p in paragraphs]
    result["agenda_items"] = _agenda_items(agenda_units, warnings)
    result["title"] = _title(head, width)
    for unit in head:
        if result["title"] is None or unit["text"] not in result["title"]:
            warnings.append(f"header line read for metadata, not kept as text: {quote(unit['text'])}")
    fields.read_header_fields(result, head, paragraphs, warnings, width, notes)
    fields.read_delivery_notes(result, notes)
    around.fill_from_front_matter(result, front)
    result["language"] = _language(result, head, warnings)
    _warn_unknown(result, warnings)
    fields.fill_confidence(result)


def _agenda_items(agenda_units: list[dict], warnings: list[str]) -> list[dict]:
    """Items from the agenda lines; a line with words the items do not keep is reported."""
    items = []
    for unit in agenda_units:
        found = meeting.read_agenda(unit["text"])
        kept = set(_words(" ".join(f"{i['number']} {i['title'] or ''}" for i in found)))
        if any(w not in kept and w not in STRUCTURAL_WORDS for w in _words(unit["text"])):
            warnings.append(f"agenda line read for its items: {quote(unit['text'])}")
        items += found
    return items


def _language(result: dict, head: list[dict], warnings: list[str]) -> str | None:
    """The body's language; for a body too short to tell, the whole text's, said in a warning."""
    body_text = " ".join(p["text"] for p in result["paragraphs"])
    language = detect_language(body_text)
    if language:
        return language
    address = " ".join(filter(None, [result["salutation"], result["closing"]]))
    whole = " ".join([*(u["text"] for u in head), address, body_text])
    language = detect_language(whole) or detect_language_of_address(address)
    if language:
        warnings.append(f"language {quote(language)} read from the header, salutation and closing: "
                        "the body alone is too short to tell")
        result["confidence"]["language"] = fields.confidence(
            "inferred", "read from the header, salutation and closing: the body is too short to tell")
    return language


def _stands_alone(line: str) -> bool:
    """Lines that are a unit of their own even without a blank line around them."""
    return (conventions.is_vocative(line) or conventions.is_closing(line)
            or conventions.is_delivery_note(line) or bool(meeting.AGENDA_LINE.match(line)))


# --- regions ----------------------------------------------------------------

def _split_header(units: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(header units, salutation units, the rest)."""
    start = _salutation_index(units)
    if start is None:
        end = 0
        while end < min(len(units), MAX_HEADER_UNITS) and _looks_like_header(units[end]):
            end += 1
        return units[:end], [], units[end:]
    stop = start + 1
    while stop < len(units) and conventions.is_vocative(units[stop]["text"]) and not units[stop]["label"]:
        stop += 1
    return units[:start], units[start:stop], units[stop:]


def _salutation_index(units: list[dict]) -> int | None:
    for i, unit in enumerate(units[:MAX_HEADER_UNITS]):
        if unit["label"]:
            return None
        text = unit["text"]
        opening_thanks = conventions.is_closing(text) and i + 1 < len(units) - 1
        if conventions.is_vocative(text) or opening_thanks:
            return i
    return None


def _looks_like_header(unit: dict) -> bool:
    text = unit["text"]
    if unit["label"]:
        return False
    # Case matters: "Statement by" opens a header, "the remarks on" runs in prose;
    # at the start of a unit the word may be in capitals ("STATEMENT by the ...").
    if re.match(rf"\W*{header.INTRO}\s+(?:by|of)\b", text, re.IGNORECASE) or _is_dateline(text):
        return True
    if meeting.AGENDA_LINE.match(text) or re.search(
            rf"\b{header.INTRO}\s+(?:by|of|on)\b|delivered\s+by|Permanent\s+Mission",
            header.smart_case(text)):
        return True
    return not body.ends_sentence(text) and len(text.split()) <= MAX_HEADER_WORDS


MAX_DATELINE_PLACE_WORDS = 3


def _is_dateline(text: str) -> bool:
    """A place and a date alone ("Genève, 8 juni 2023."), set under a title: header, whatever its stop."""
    found = dates.find_dates(text)
    if not found:
        return False
    start, end = found[0][1]
    rest = re.findall(r"[^\W\d_]+", text[:start] + " " + text[end:])
    return len(rest) <= MAX_DATELINE_PLACE_WORDS and all(w[0].isupper() or w in {"le", "el", "de"} for w in rest)


def _inline_salutation(paragraphs: list[dict]) -> list[dict]:
    """A greeting that opens the first paragraph as a sentence of its own, split off as the salutation.

    Habit: web pages run the greeting into the first paragraph ("Your
    excellencies, ladies and gentlemen. It is an honour ...").
    """
    first = paragraphs[0]
    match = re.match(r"(.{3,200}?[.!:])\s+(?=[A-ZÀ-Ý])", first["text"])
    if first["label"] or not match or not conventions.is_vocative(match.group(1)[:-1] + ","):
        return []
    first["text"] = first["text"][match.end():]
    return [{"text": match.group(1)}]


def _split_closing(units: list[dict], warnings: list[str]) -> tuple[list[dict], str | None]:
    """(units before the closing, the closing's text); text after it is reported."""
    for i in range(len(units) - 1, max(-1, len(units) - 4), -1):
        if conventions.is_closing(units[i]["text"]):
            for trailing in units[i + 1:]:
                warnings.append(f"dropped text after the closing: {quote(trailing['text'])}")
            if units[i]["label"]:
                warnings.append(f"the closing was numbered {quote(units[i]['label'])}; the number was dropped")
            return units[:i], units[i]["text"]
    return units, None


def _body_paragraphs(units: list[dict], warnings: list[str]) -> list[dict]:
    kept = []
    for unit in units:
        if conventions.is_vocative(unit["text"]) and not unit["label"]:
            warnings.append(f"dropped vocative between paragraphs: {quote(unit['text'])}")
        else:
            kept.append(unit)
    kept = body.rejoin_broken(kept)
    kept = _drop_headings(kept, warnings)
    return body.fold_into_numbered(kept)


def _drop_headings(units: list[dict], warnings: list[str]) -> list[dict]:
    """Section headings ("Introduction", "East Timor") are not paragraphs; nor is a web page's footer.

    Habit: a heading is short and unpunctuated; a sentence that only lost
    its full stop ("In response, Israel embarked on collective punishment
    in its assault on Gaza") stays a paragraph. Pages copied from the web end with a
    form or menu line ("Contact us", "Vinsamlegast svaraðu í tölustöfum")
    after the last paragraph.
    """
    kept = []
    for i, unit in enumerate(units):
        text = unit["text"]
        if not unit["label"] and not body.BULLET.match(text) and _is_heading(text):
            if i + 1 < len(units):
                warnings.append(f"dropped section heading: {quote(text)}")
                continue
            if len(kept) >= MIN_PARAGRAPHS_BEFORE_FOOTER and len(text.split()) <= MAX_FOOTER_WORDS:
                warnings.append(f"dropped page text after the statement: {quote(text)}")
                continue
        kept.append(unit)
    return kept


MAX_FOOTER_WORDS = 6
MIN_PARAGRAPHS_BEFORE_FOOTER = 3
CLAUSE_WORDS = 6
CLAUSE_LOWER_WORDS = 3


def _is_heading(text: str) -> bool:
    """Short and unpunctuated, and not a sentence whose full stop was lost.

    A clause after a comma that runs on in lower case ("In response, Israel
    embarked on collective punishment ...") makes a sentence, not a heading.
    """
    if body.ends_sentence(text) or len(text.split()) > MAX_HEADING_WORDS:
        return False
    clause = text.split(", ", 1)[1].split() if ", " in text else []
    lower = [w for w in clause if w[0].islower() and w.lower() not in header.SMALL_WORDS]
    return not (len(clause) >= CLAUSE_WORDS and len(lower) >= CLAUSE_LOWER_WORDS)


def _dedupe_header(units: list[dict], warnings: list[str]) -> list[dict]:
    """Drop a header line that repeats earlier ones (PDFs often print the title twice).

    The repeat may gather in one line what the first copy spread over several.
    """
    kept, seen = [], []
    for unit in units:
        key = re.sub(r"\W+", "", unit["text"].casefold())
        if key and (key in seen or (len(key) > 20 and key in "".join(seen))):
            warnings.append(f"dropped repeated header line: {quote(unit['text'])}")
            continue
        seen.append(key)
        kept.append(unit)
    return kept


def _title(head: list[dict], width: int) -> str | None:
    """The header's first item, with what continues its sentence.

    A first item that only names an office or a state ("Minister for Foreign
    Affairs") takes in the next line when that one announces the statement.
    """
    if not head:
        return None
    items = header.header_items(head[0]["lines"], width)
    title = items[0]
    if len(items) > 1 and not header.announces_statement(title) and header.announces_statement(items[1]):
        title = body.join_lines([title, items[1]])
    if title != head[0]["text"]:
        return title  # the first block holds more than its title: the rest is metadata
    for unit in head[1:]:
        if not body.continues(title, unit["text"]):
            break
        title = body.join_lines([title, unit["text"]])
    return title


# --- wrapping -----------------------------------------------------------------

def _wrap_width(units: list[dict]) -> int:
    """The width the body was wrapped at, or 0 when the body shows no wrapping.

    Measured on the body, not the header: in a short text the header's own
    lines would set the width and every header line would look wrapped.
    """
    lines = [line for u in units for line in u["lines"]]
    width = body.line_width(lines)
    has_long_lines = any(body.columns(line) >= body.MIN_WRAPPED_LINE for line in lines)
    return width if has_long_lines and body.is_hard_wrapped(lines, width) else 0


def _warn_unknown(result: dict, warnings: list[str]) -> None:
    for field in ("delegation", "speaker", "language", "date"):
        if result[field] is None:
            warnings.append(f"{field} not found in the text")
    if not result["paragraphs"]:
        warnings.append("no body paragraphs found")


# --- no word lost -----------------------------------------------------------

# Words that only mark structure ("Agenda item 2:") and are consumed with it.
STRUCTURAL_WORDS = {"agenda", "item", "items", "point", "ordre", "jour", "tema", "programa"}


def _words(text: str) -> list[str]:
    return body.WORD.findall(text.casefold())


def _report_unplaced_words(result: dict, text: str) -> None:
    """Report, quoting its line, any input text that reached no field or warning.

    The rules above report what they drop; this catches what they missed, so
    staff never lose words silently.
    """
    placed = set(_words(_placed_text(result)))
    missing_lines = []
    # Markup ("&quot;", "**") is no word of the statement: compare the words it wraps.
    for line in re.split(r"[\n\f\r\u2028\u2029\x0b\x1c\x1d\x1e\x85]", body.plain_markup(text)):
        if any(word not in placed and word not in STRUCTURAL_WORDS for word in _words(line)):
            missing_lines.append(line.strip())
    for line in missing_lines:
        result["warnings"].append(f"text not placed in any field: {quote(line)}")


def _placed_text(result: dict) -> str:
    held = result["meeting"]
    parts = [
        result["title"], result["delegation"], result["on_behalf_of"], result["speaker"],
        result["speaker_title"], result["salutation"], result["closing"],
        *(held[k] for k in ("title", "session", "location")),
        *(f"{i['number']} {i['title'] or ''}" for i in result["agenda_items"]),
        *(f"{p['label'] or ''} {p['text']}" for p in result["paragraphs"]),
        *result["warnings"],
    ]
    return "\n".join(part for part in parts if part)
