"""Parse a statement's text into the archive's parse object (what `import_statements --dry-run
--json` prints, documented in the README).

parse_statement(text) never raises: whatever it cannot read becomes null with a
warning, and every word of the input ends up in a field, a paragraph or a
warning (dropped page furniture, repeated vocatives, text it did not place).
parse_file(data, filename) reads an upload first; an unreadable file gives
ok=False with the reason in errors. Pure Python: no Django, no requests.
"""

import re

import yaml

from . import body, conventions, dates, delegation, groups, header
from .body import quote
from .language import detect_language, detect_language_of_address
from .readers import ReadError, apply_front_matter, front_matter, read_upload, time_limit

MAX_HEADER_UNITS = 15
MAX_HEADER_WORDS = 25
MAX_HEADING_WORDS = 12
OPENING_PARAGRAPHS = 3


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
    text, front = _front_matter(text, warnings)
    units = body.split_units(body.normalise(text), _stands_alone, warnings)
    notes = []
    units = _drop_delivery_notes(units, warnings, notes)
    units = _read_source_lines(units, result, warnings)
    head, salutation, rest = _split_header(units)
    rest = _cut_second_statement(rest, warnings)
    width = _wrap_width(rest)
    rest, closing = _split_closing(rest, warnings)
    paragraphs = _body_paragraphs(rest, warnings)
    if not salutation and paragraphs:
        salutation = _inline_salutation(paragraphs)
    agenda_units = [u for u in head if header.AGENDA_LINE.match(u["text"])]
    head = _dedupe_header([u for u in head if u not in agenda_units], warnings)

    result["salutation"] = " ".join(u["text"] for u in salutation) or None
    result["closing"] = closing
    result["paragraphs"] = [{"label": p["label"], "text": p["text"]} for p in paragraphs]
    result["agenda_items"] = _agenda_items(agenda_units, warnings)
    result["title"] = _title(head, width)
    for unit in head:
        if result["title"] is None or unit["text"] not in result["title"]:
            warnings.append(f"header line read for metadata, not kept as text: {quote(unit['text'])}")
    _read_header_fields(result, head, paragraphs, warnings, width, notes)
    _read_delivery_notes(result, notes)
    _fill_from_front_matter(result, front)
    result["language"] = _language(result, head, warnings)
    _warn_unknown(result, warnings)
    _fill_confidence(result)


FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _front_matter(text: str, warnings: list[str]) -> tuple[str, dict]:
    """(text without its YAML front matter, the front matter's fields).

    Habit: pages mirrored from mission and ministry sites (Jekyll, Hugo,
    harvested press releases) open with a "---" block of title, date and
    source; it is metadata, never a paragraph. Anything that is not a
    mapping of fields is left as text.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(fields, dict):
        return text, {}
    warnings.append(f"front matter read for metadata, not kept as text: {quote(match.group(1))}")
    return text[match.end():], fields


def _fill_from_front_matter(result: dict, front: dict) -> None:
    """Title, date and source from the front matter, where the text itself did not give them."""
    if not front:
        return
    title = front.get("title")
    if isinstance(title, str) and not result["title"]:
        result["title"] = re.sub(r"\s+", " ", title).strip() or None
    date = front.get("date")
    if not result["date"] and date:
        result["date"] = date.isoformat()[:10] if hasattr(date, "isoformat") else dates.parse_date(str(date))
        if result["date"]:
            result["confidence"]["date"] = _confidence("inferred", "the date of the page's front matter")
    for key in ("source_url", "url", "link", "source"):
        value = front.get(key)
        if not result["source_url"] and isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            result["source_url"] = value.strip()


SOURCE_LINE = re.compile(
    r"^(?:Source|Sources|Fuente|Fonte|Quelle|Источник|来源|المصدر|URL|Link|Lien|Enlace)\s*[:：]\s*"
    r"(?P<url>https?://\S+)$", re.IGNORECASE)
# A UN document symbol: "A/79/PV.5", "S/2024/123", "A/HRC/55/L.12", "E/CN.6/2005/11".
SYMBOL_LINE = re.compile(
    r"^(?:(?:Document\s+)?symbol|Cote|Signatura|UN\s+Doc\.?)?\s*[:：]?\s*"
    r"(?P<symbol>[A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,6})$", re.IGNORECASE)


def _read_source_lines(units: list[dict], result: dict, warnings: list[str]) -> list[dict]:
    """Lines that say where a statement comes from fill source_url and document_symbol.

    Habit: archives and mission sites end or open a text with "Source: URL",
    and UN records print their document symbol on a line of its own
    ("A/79/PV.5"); both are references, not paragraphs.
    """
    kept = []
    for unit in units:
        text = unit["text"].strip()
        source = SOURCE_LINE.match(text)
        symbol = SYMBOL_LINE.match(text)
        if source and not result["source_url"]:
            result["source_url"] = source["url"]
            warnings.append(f"source read from the text: {quote(text)}")
        elif symbol and re.search(r"\d", symbol["symbol"]) and not result["document_symbol"]:
            result["document_symbol"] = symbol["symbol"]
            warnings.append(f"document symbol read from the text: {quote(text)}")
        else:
            kept.append(unit)
    return kept


def _agenda_items(agenda_units: list[dict], warnings: list[str]) -> list[dict]:
    """Items from the agenda lines; a line with words the items do not keep is reported."""
    items = []
    for unit in agenda_units:
        found = header.read_agenda(unit["text"])
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
        result["confidence"]["language"] = _confidence(
            "inferred", "read from the header, salutation and closing: the body is too short to tell")
    return language


def _stands_alone(line: str) -> bool:
    """Lines that are a unit of their own even without a blank line around them."""
    return (conventions.is_vocative(line) or conventions.is_closing(line)
            or conventions.is_delivery_note(line) or bool(header.AGENDA_LINE.match(line)))


# "This statement was delivered by Ambassador X on 8 May 2018 at ...": a note on
# the delivery, set above or below the text, never a paragraph of it.
DELIVERED_NOTE = re.compile(
    r"^\W*(?:This|The)\s+(?:statement|speech|intervention)\s+was\s+(?:delivered|made|given|read(?:\s+out)?)"
    r"\s+(?:by|on|at|during|before|in)\b"
    r"|^\W*(?:Cette\s+(?:déclaration|intervention)\s+a\s+été\s+prononcée|"
    r"Esta\s+(?:declaración|intervención)\s+fue\s+pronunciada)\b",
    re.IGNORECASE,
)
MAX_NOTE_WORDS = 45


def _drop_delivery_notes(units: list[dict], warnings: list[str], notes: list[str]) -> list[dict]:
    """Units that only note how the text was delivered; notes with facts are kept in notes."""
    kept = []
    for unit in units:
        if conventions.is_delivery_note(unit["text"]):
            warnings.append(f"dropped delivery note: {quote(unit['text'])}")
            notes.append(unit["text"])  # no facts, but in the publisher's language
        elif (DELIVERED_NOTE.match(unit["text"]) and not unit["label"]
              and len(unit["text"].split()) <= MAX_NOTE_WORDS):
            warnings.append(f"delivery note read for speaker and date, not kept as text: {quote(unit['text'])}")
            notes.append(unit["text"])
        else:
            kept.append(unit)
    return kept


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
    if header.AGENDA_LINE.match(text) or re.search(
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


MAX_SECOND_HEADER_WORDS = 40


def _cut_second_statement(units: list[dict], warnings: list[str]) -> list[dict]:
    """The units of the first statement, when a second one follows it in the same text.

    Habit: a file of the general debate, or a mission's page of the day,
    can hold two statements one after the other: the first ends with its
    thanks, and a new header introduces the next speaker ("Statement by
    H.E. Mr ..., Prime Minister of Tuvalu") before a new salutation. One
    record has one delegation and one speaker, so the second statement is
    left out, quoted whole in a warning for staff to import on its own,
    rather than filed under the first speaker's name or split unasked.
    """
    for i, unit in enumerate(units[1:], start=1):
        text = unit["text"]
        if (unit["label"] or len(text.split()) > MAX_SECOND_HEADER_WORDS or body.ends_sentence(text)
                or not re.match(rf"\W*{header.INTRO}\s+(?:by|of|de|du|del|delivered)\b", text, re.IGNORECASE)):
            continue
        closed = conventions.is_closing(units[i - 1]["text"])
        greets = any(conventions.is_vocative(u["text"]) for u in units[i + 1:i + 3])
        if (closed or greets) and i + 1 < len(units):
            second = " ".join(u["text"] for u in units[i:])
            warnings.append(f"a second statement follows the first in this text and was left out of it; "
                            f"import it as a file of its own: {quote(second)}")
            return units[:i]
    return units


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


# --- header fields ----------------------------------------------------------

def _read_header_fields(result: dict, head: list[dict], paragraphs: list[dict], warnings: list[str],
                        width: int, notes: list[str]) -> None:
    header_text = header.join_header_lines(
        [line for u in head for line in header.cased_lines(u["lines"])],
        width=width)
    opening = [p["text"] for p in paragraphs[:OPENING_PARAGRAPHS]]
    result["speaker"], result["speaker_title"] = header.read_speaker(header_text)
    labelled = LABELLED_SPEAKER.search(header_text)
    if labelled and not result["speaker"]:
        result["speaker"] = labelled["name"].strip()
    _delegation(result, header_text, paragraphs, warnings, notes)
    result["on_behalf_of"] = _on_behalf_of(header_text, opening[:1])
    _read_meeting(result, header_text, opening)
    if not result["agenda_items"]:
        result["agenda_items"] = header.read_agenda_in_sentence(header_text)


# "发言人:张军", "Speaker: Ambassador Jane Doe", "Intervenant : M. X", "Выступающий: ...".
LABELLED_SPEAKER = re.compile(
    r"(?:^|[,，\s])(?:Speaker|Intervenant|Intervenante|Orador|Oradora|Выступающий|Выступающая|发言人|讲话人)"
    r"\s*[:：]\s*(?P<name>[^,;，。：:]{2,60}?)(?=\s*(?:[,;，。]|$))",
    re.IGNORECASE,
)


def _read_delivery_notes(result: dict, notes: list[str]) -> None:
    """Speaker and date from a note on the delivery: it states them for the occasion itself."""
    for note in notes:
        speaker, title = header.read_speaker(note)
        if speaker and not result["speaker"]:
            result["speaker"], result["speaker_title"] = speaker, result["speaker_title"] or title
        found = dates.parse_date(note)
        if found:
            result["date"] = found


def _wrap_width(units: list[dict]) -> int:
    """The width the body was wrapped at, or 0 when the body shows no wrapping.

    Measured on the body, not the header: in a short text the header's own
    lines would set the width and every header line would look wrapped.
    """
    lines = [line for u in units for line in u["lines"]]
    width = body.line_width(lines)
    has_long_lines = any(body.columns(line) >= body.MIN_WRAPPED_LINE for line in lines)
    return width if has_long_lines and body.is_hard_wrapped(lines, width) else 0


def _delegation(result: dict, header_text: str, paragraphs: list[dict], warnings: list[str],
                notes: list[str]) -> None:
    """The delegation taking the floor, decided by the role each name plays (see delegation.py)."""
    found = delegation.decide(header_text, result["speaker_title"], [p["text"] for p in paragraphs],
                              result["speaker"], page=" ".join([header_text, *notes]))
    result["delegation"] = found.delegation
    if found.status == "inferred":
        warnings.append(f"delegation inferred, not stated: {found.why}; check it")
    elif found.delegation is None and len(found.candidates) > 1:
        names = ", ".join(quote(name) for name in found.candidates)
        warnings.append(f"delegation left empty: the text names {names} and does not settle which speaks")
    result["confidence"]["delegation"] = _confidence(found.status, found.why, found.candidates)


BEHALF = re.compile(
    r"\b(?:on\s+behalf\s+of|au\s+nom\s+(?:de\s+la|de\s+l'|du|des|de)|en\s+nombre\s+(?:de\s+la|de\s+los|del|de)|"
    r"på\s+uppdrag\s+av)\s+(?P<phrase>[^.;:!?]+)",
    re.IGNORECASE,
)
ALIGNMENT = re.compile(r"\b(?:align|associate|endorse|support|s'aligne|se\s+suma|hace\s+suy)", re.IGNORECASE)


def _on_behalf_of(header_text: str, opening: list[str]) -> str | None:
    """The group a statement speaks for, when the header or opening paragraph says so."""
    head_group = re.match(r"\s*(.{2,60}?)\s+(?:joint\s+)?statement\b", header_text, re.IGNORECASE)
    if head_group and groups.canonical_group(head_group.group(1)):
        return groups.canonical_group(head_group.group(1))
    for written, offset in groups.find_groups(header_text):
        # "Statement by the Nordic-Baltic countries", "Déclaration du Groupe africain",
        # "Nordic-Baltic statement delivered by Estonia"
        if re.match(r"\s+(?:joint\s+)?statement\b", header_text[offset + len(written):], re.IGNORECASE):
            return groups.canonical_group(written)
        if re.search(rf"\b{header.INTRO}\s+(?:by|of|de|du|del)\s+(?:the\s+|la\s+|l'|el\s+)?$",
                     header_text[max(0, offset - 60):offset], re.IGNORECASE):
            return groups.canonical_group(written)
    for text in [header_text, *opening]:
        for match in BEHALF.finditer(text):
            sentence_start = max(text.rfind(". ", 0, match.start()), 0)
            if ALIGNMENT.search(text[sentence_start:match.start()]):
                continue  # "we align ourselves with the statement made on behalf of ..."
            found = _group_in_phrase(match["phrase"])
            if found:
                return found
    return None


def _group_in_phrase(phrase: str) -> str | None:
    words = phrase.split()
    for n in range(min(len(words), 12), 0, -1):
        canonical = groups.canonical_group(" ".join(words[:n]).strip(" ,"))
        if canonical:
            return canonical
    listed = re.split(r",?\s+(?:on|at|in|to)\s+(?:the|this)\b", phrase)[0].strip(" ,")
    countries = groups.find_country_names(listed)
    if len(countries) < 2:
        return None
    # A list of states ("Canada, Iceland, ... and my own country") is recorded as
    # written; a phrase that only mentions states ("au nom du Président de la
    # République du Burundi") is not a list.
    rest = listed
    for _, offset, written in reversed(countries):
        rest = rest[:offset] + rest[offset + len(written):]
    if set(re.findall(r"\w+", rest.casefold())) <= LIST_WORDS:
        return listed
    return None


# Words a list of states may hold besides the names: "Canada, Iceland and my own country".
LIST_WORDS = {"and", "my", "own", "country", "the", "et", "y", "e", "mon", "propre", "pays", "mi", "propio",
              "país", "of", "de", "la", "le", "du", "des", "el", "o", "a", "meu", "próprio"}


def _read_meeting(result: dict, header_text: str, opening: list[str]) -> None:
    meeting = result["meeting"]
    context = ". ".join([header_text, *opening])
    meeting["session"], meeting["title"] = header.read_session(header_text, context)
    if not meeting["title"]:
        meeting["title"] = header.read_meeting_title(header_text)
        meeting["session"] = meeting["session"] or header.read_session_item(header_text)
    for text in opening:
        if meeting["session"] and meeting["title"]:
            break
        session, title = header.read_session(text, context)
        meeting["session"] = meeting["session"] or session
        meeting["title"] = meeting["title"] or title
    short = None if meeting["title"] else next(
        filter(None, map(header.short_body_in_session, [header_text, *opening])), None)
    if short:
        names = header.full_body_names(short, context)
        if len(names) > 1:
            result["confidence"]["meeting"] = _confidence("missing", candidates=names)
            result["warnings"].append(
                f"meeting left for staff: {quote(short)} may be " + " or ".join(quote(n) for n in names))
    meeting["location"] = header.read_location(header_text)
    span = dates.find_range(header_text)
    if span:
        meeting["date_start"], meeting["date_end"] = span[0], span[1]
        header_text = header_text[: span[2][0]] + header_text[span[2][1]:]
    result["date"] = _delivery_date(header_text, result)


# A date a page was published or updated on, not the day the statement was given:
# "The press release issued by the Mission on 25 October 2023", "Last updated: ...".
PUBLICATION = re.compile(
    r"(?:press\s+release|issued|published|posted|(?:last\s+)?updated|Letzte\s+Aktualisierung|publié|mis\s+à\s+jour|"
    r"publicado|actualizado|atualizado|опубликовано|обновлено|发布|更新)[^,;.]{0,80}$",
    re.IGNORECASE,
)


def _delivery_date(header_text: str, result: dict) -> str | None:
    """The first date in the header that is not a publication date; a publication date only when alone."""
    published = []
    for iso, (start, _end) in dates.find_dates(header_text):
        if PUBLICATION.search(header_text[max(0, start - 100):start]):
            published.append(iso)
        else:
            return iso
    if published:
        result["confidence"]["date"] = _confidence("inferred", "the only date is the page's publication date")
        return published[0]
    return None


# Fields staff confirm before saving; each gets a mark in "confidence".
CONFIDENCE_FIELDS = ("delegation", "on_behalf_of", "speaker", "date", "meeting", "agenda_items", "language")


def _confidence(status: str, why: str = "", candidates=()) -> dict:
    """One field's mark: "stated" by the text, "inferred" (with why), or "missing"."""
    mark = {"status": status, "candidates": list(candidates)}
    if status == "inferred":
        mark["why"] = why
    return mark


def _fill_confidence(result: dict) -> None:
    """Mark each field a rule above did not mark: stated when found, missing when not."""
    for name in CONFIDENCE_FIELDS:
        if name in result["confidence"]:
            continue
        value = result[name]
        if name == "meeting":
            value = any(value.values())
        result["confidence"][name] = _confidence("stated" if value else "missing")


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
    meeting = result["meeting"]
    parts = [
        result["title"], result["delegation"], result["on_behalf_of"], result["speaker"],
        result["speaker_title"], result["salutation"], result["closing"],
        *(meeting[k] for k in ("title", "session", "location")),
        *(f"{i['number']} {i['title'] or ''}" for i in result["agenda_items"]),
        *(f"{p['label'] or ''} {p['text']}" for p in result["paragraphs"]),
        *result["warnings"],
    ]
    return "\n".join(part for part in parts if part)
