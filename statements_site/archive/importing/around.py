"""The text around a statement: what a page or file holds besides the statement itself.

Front matter, "Source:" and document-symbol lines, notes on the delivery
("Check against delivery", "This statement was delivered by ... on ..."),
and a second statement that follows the first in the same text. Each is read
for what it says, reported in a warning, and kept out of the paragraphs.
"""

import re

import yaml

from . import body, conventions, dates, header
from .body import quote
from .fields import confidence

FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text: str, warnings: list[str]) -> tuple[str, dict]:
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
        found = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(found, dict):
        return text, {}
    warnings.append(f"front matter read for metadata, not kept as text: {quote(match.group(1))}")
    return text[match.end():], found


def fill_from_front_matter(result: dict, front: dict) -> None:
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
            result["confidence"]["date"] = confidence("inferred", "the date of the page's front matter")
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


def read_source_lines(units: list[dict], result: dict, warnings: list[str]) -> list[dict]:
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


def drop_delivery_notes(units: list[dict], warnings: list[str], notes: list[str]) -> list[dict]:
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


MAX_SECOND_HEADER_WORDS = 40


def cut_second_statement(units: list[dict], warnings: list[str]) -> list[dict]:
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
