"""Read the meeting a statement was given at from its header: the body, the session, the agenda items, the place.

"55th session of the Human Rights Council", "79th session of the General
Assembly", "Agenda item 4: General debate": each reader returns None (or an
empty list) when the text does not say; the caller turns that into a warning.
A body named only by its short name ("the Council") is left for staff to
choose between the full names the text around it allows.
"""

import re

from . import dates, groups
from .header import INTRO, SMALL_WORDS

_ORDINAL = (
    r"(?:\d{1,3}(?:st|nd|rd|th|e|er|ème|º|°|ª)?|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|eleventh|twelfth|(?:twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth))?|(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)th|"
    r"twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)"
)
_MEETING_NAME = r"(?:[A-ZÀ-Ý][\w'’-]*|of|the|on|and|for|to|a|an|in|de|la|las|los|del|y|des|du|et)"
SESSION = re.compile(
    rf"\b(?P<session>{_ORDINAL}\s+(?:(?:regular|special|resumed|ordinary|extraordinary)\s+)?"
    rf"(?:session|período\s+de\s+sesiones|periodo\s+de\s+sesiones|session\s+ordinaire))"
    rf"\s+(?:of|de|du|del)\s+(?:the\s+|la\s+|l'|el\s+)?(?P<body>{_MEETING_NAME}(?:\s+{_MEETING_NAME}){{0,12}})",
    re.IGNORECASE,
)
MEETING_AFTER = re.compile(
    rf"\b(?:during|at|to|before|en|ante|lors\s+de|à)\s+(?:the|el|la|l')\s+(?P<body>[A-ZÀ-Ý][\w'’-]*"
    rf"(?:\s+{_MEETING_NAME}){{0,14}})",
)
# A body referred to by its last word ("the 55th session of the Council"): which
# one is read from the full names the text gives around it.
SHORT_BODIES = {"Assembly", "Council", "Conference", "Commission", "Committee", "Board",
                "Assemblée", "Conseil", "Conférence", "Commission", "Comité", "Asamblea", "Consejo",
                "Conferencia", "Comisión", "Comité"}


SESSION_ITEM = re.compile(
    rf"(?:^|[,;–—]\s*)(?P<session>{_ORDINAL}\s+(?:(?:regular|special|resumed|ordinary|extraordinary)\s+)?"
    rf"(?:session|período\s+de\s+sesiones|periodo\s+de\s+sesiones|session\s+ordinaire))\s*(?=$|[,;.–—])",
    re.IGNORECASE,
)


def read_session(text: str, context: str = "") -> tuple[str | None, str | None]:
    """(session, meeting title) from "the sixth session of the Expert Group ...".

    A body named by its last word alone ("the 55th session of the Council")
    is the one the text names in full (context: the header and opening), or
    none: "Council" is the Human Rights Council as often as the Security Council.
    """
    for match in SESSION.finditer(text):
        body = _trim_meeting(match["body"])
        if body in SHORT_BODIES:
            names = full_body_names(body, f"{text} {context}")
            return match["session"], names[0] if len(names) == 1 else None
        if body:
            return match["session"], body
    return None, None


def full_body_names(short: str, context: str) -> list[str]:
    """The bodies context names in full whose name ends (or, in French and Spanish, opens) with short."""
    names = set(re.findall(rf"\b((?:[A-Z][\w'’-]+\s+(?:(?:and|of|on|for|the)\s+)*){{1,4}}{short})\b", context))
    names |= set(re.findall(rf"\b({short}(?:\s+(?:de|des|du|de\s+la|del|de\s+los)\s+[\w'’-]+){{1,4}})", context))
    names = {re.sub(r"^(?:The|At|During|In|Of)\s+", "", name) for name in names}
    return sorted(name for name in names if name.count(short) == 1)


def short_body_in_session(text: str) -> str | None:
    """The last word a session names its body by ("... session of the Council"), or None."""
    for match in SESSION.finditer(text):
        body = _trim_meeting(match["body"])
        if body in SHORT_BODIES:
            return body
    return None


def read_session_item(header: str) -> str | None:
    """A session given as an item of its own in the header: "..., 66th session, Vienna"."""
    match = SESSION_ITEM.search(header)
    return match["session"] if match else None


# Words that make a name the name of a meeting or the body that holds it.
MEETING_WORDS = {
    "assembly", "council", "commission", "committee", "conference", "meeting", "group",
    "forum", "session", "summit", "dialogue", "debate", "event", "board", "convention",
    "segment", "consultations", "panel", "symposium", "workshop", "negotiations", "review",
    "assemblée", "conseil", "comité", "conférence", "réunion", "groupe", "sommet", "débat",
    "asamblea", "consejo", "comisión", "conferencia", "reunión", "grupo", "cumbre", "foro",
    "diálogo", "período", "periodo", "sesiones",
}
# Items of a header that are never a meeting's name.
NOT_MEETING = re.compile(
    rf"\b(?:{INTRO}|Permanent\s+Mission|Mission\s+permanente|Misión\s+Permanente|"
    rf"Delegation|Délégation|Delegación|Representative|Représentant|Representante|delivered)\b",
    re.IGNORECASE,
)


def read_meeting_title(header: str) -> str | None:
    """The meeting named after "during the", "at the", "en el", or as an item of the header."""
    for match in MEETING_AFTER.finditer(header):
        body = _trim_meeting(match["body"])
        if (body and len(body.split()) >= 2 and not groups.find_city(body[:12])
                and _names_a_meeting(body)):
            return body
    return _meeting_item(header)


def _names_a_meeting(name: str) -> bool:
    return any(word in MEETING_WORDS for word in re.findall(r"[^\W\d_]+", name.lower()))


def _meeting_item(header: str) -> str | None:
    """A header item that is nothing but a meeting's name: "Conference on Disarmament, Geneva".

    Items are what commas (or a dash) separate; the item must start with a
    capital, hold no digit and name a meeting word.
    """
    for item in re.split(r"\s*[,;]\s*|\s+[–—-]\s+|\.\s+", header):
        item = item.strip(" .")
        words = item.split()
        if (words and item[0].isupper() and len(words) <= 15 and not re.search(r"\d", item)
                and _names_a_meeting(item) and not NOT_MEETING.search(item)
                and not re.match(rf"{_ORDINAL}\s", item, re.IGNORECASE)):
            return _trim_meeting(item)
    return None


def _trim_meeting(body: str) -> str | None:
    """Cut a captured meeting name at a city, a date word or trailing small words."""
    city = groups.find_city(body)
    if city:
        body = body[: body.find(city)]
    words = body.split()
    for i, word in enumerate(words):
        if (i and dates.month_number(word)) or word.lower() in {"from", "delivered"}:
            words = words[:i]
            break
    while words and words[-1].lower() in SMALL_WORDS | {"from", "delivered"}:
        words.pop()
    return " ".join(words).strip(" ,.") or None


AGENDA = re.compile(
    r"(?:(?:agenda\s+)?items?|point|punto|tema)\s+(?P<number>\d{1,3}(?:\.\d{1,2})*[a-z]?(?:\s*\([a-z]\))?)"
    r"(?:\s+(?:de\s+l'ordre\s+du\s+jour|del\s+(?:programa|orden\s+del\s+día)))?"
    r"(?:\s*[:.–—-]\s*(?P<title>[^;]+?))?"
    r"(?=\s*(?:;|\band\s+(?:agenda\s+)?items?\b|\bet\s+point\b|\by\s+tema\b|$))",
    re.IGNORECASE,
)
AGENDA_LINE = re.compile(
    r"^(?:agenda\s+items?|items?|point|punto|tema)\s+\d{1,3}", re.IGNORECASE
)


def read_agenda(line: str) -> list[dict]:
    """Agenda items on a line: "Agenda item 2: X and item 3: Y", "Agenda items 4 and 5"."""
    plural = re.match(r"^agenda\s+items\s+((?:\d{1,3}[a-z]?(?:\s*,\s*|\s+and\s+|\s*&\s*))+\d{1,3}[a-z]?)\s*$",
                      line, re.IGNORECASE)
    if plural:
        return [{"number": n, "title": None} for n in re.findall(r"\d{1,3}[a-z]?", plural.group(1))]
    items = []
    for match in AGENDA.finditer(line):
        title = (match["title"] or "").strip(" .") or None
        items.append({"number": match["number"].replace(" ", ""), "title": title})
    return items


AGENDA_IN_SENTENCE = re.compile(
    r"\b(?:on|under|at|sur|au\s+titre\s+du|bajo\s+el|en\s+el)\s+(?:the\s+|le\s+)?(?:agenda\s+item|point\s+de\s+l'ordre"
    r"\s+du\s+jour|tema\s+del\s+programa|punto\s+del\s+orden\s+del\s+día|item|point)\s+"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})*[a-z]?)(?:\s*:\s*[\"“«]\s*(?P<title>[^\"”»]+)[\"”»])?",
    re.IGNORECASE,
)


# "Human Rights Council 55th session, Item 4: ...", "HRC55 – Item 4 General Debate": an item set
# off by a comma or dash among a header's items, written with its capital.
AGENDA_AMONG_ITEMS = re.compile(
    r"(?:^|[,;–—]\s*|\s-\s+)(?:Agenda\s+item|AGENDA\s+ITEM|Item|ITEM|Point|Punto|Tema)\s+"
    r"(?P<number>\d{1,3}(?:\.\d{1,2})*[a-z]?)\b(?![.,]\d)")


def read_agenda_in_sentence(text: str) -> list[dict]:
    """Agenda items a header names inside its sentence: 'Statement ... on agenda item 11.8: "Title"'."""
    found = [{"number": m["number"], "title": (m["title"] or "").strip(" .") or None}
             for m in AGENDA_IN_SENTENCE.finditer(text)]
    return found or [{"number": m["number"], "title": None} for m in AGENDA_AMONG_ITEMS.finditer(text)]


def read_location(header: str) -> str | None:
    """A known meeting city, or the place written before a date ("Nairobi, 5 May 2023")."""
    city = groups.find_city(header)
    if city:
        return city
    for _, (start, _end) in dates.find_dates(header):
        match = re.search(r"(?:^|[.;]\s+|\n)([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}),\s*$", header[:start])
        if match and not groups.find_countries(match.group(1)):
            return match.group(1)
    return None
