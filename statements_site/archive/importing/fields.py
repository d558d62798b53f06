"""The fields a statement's header, opening and notes state: speaker, delegation, group, meeting, date.

Each reader takes the header as one string (its lines joined, a comma
between items) and the opening paragraphs, and fills the parse object;
confidence() marks each field as stated, inferred (with why) or missing,
the marks staff see in the import preview.
"""

import re

from . import dates, delegation, groups, header, meeting
from .body import quote

OPENING_PARAGRAPHS = 3


def read_header_fields(result: dict, head: list[dict], paragraphs: list[dict], warnings: list[str],
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
        result["agenda_items"] = meeting.read_agenda_in_sentence(header_text)


# "发言人:张军", "Speaker: Ambassador Jane Doe", "Intervenant : M. X", "Выступающий: ...".
LABELLED_SPEAKER = re.compile(
    r"(?:^|[,，\s])(?:Speaker|Intervenant|Intervenante|Orador|Oradora|Выступающий|Выступающая|发言人|讲话人)"
    r"\s*[:：]\s*(?P<name>[^,;，。：:]{2,60}?)(?=\s*(?:[,;，。]|$))",
    re.IGNORECASE,
)


def read_delivery_notes(result: dict, notes: list[str]) -> None:
    """Speaker and date from a note on the delivery: it states them for the occasion itself."""
    for note in notes:
        speaker, title = header.read_speaker(note)
        if speaker and not result["speaker"]:
            result["speaker"], result["speaker_title"] = speaker, result["speaker_title"] or title
        found = dates.parse_date(note)
        if found:
            result["date"] = found


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
    result["confidence"]["delegation"] = confidence(found.status, found.why, found.candidates)


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


# A group the archive does not list yet, by the name it gives itself: "the Core Group on Sri
# Lanka", "the Group of Friends of Mediation", "the LGBTI Core Group", "the Like-Minded Group".
_CAPITALISED = r"[A-Z][\w'’-]*"
NAMED_GROUP = re.compile(
    rf"(?:the\s+)?(?P<name>(?:{_CAPITALISED}\s+)*(?:Group|Coalition|Alliance|Friends)"
    rf"(?:\s+(?:of|on|for)\s+(?:the\s+)?{_CAPITALISED}(?:\s+(?:and\s+|of\s+|the\s+)*{_CAPITALISED})*)?)"
    r"(?=\s*(?:$|[,(;:.]|\s(?:at|in|on|to|during|delivered|and)\s))")


def _group_in_phrase(phrase: str) -> str | None:
    """The group a phrase after "on behalf of" names: a listed group, one naming itself, or a list of states.

    Habit: cross-regional groups name themselves with a word that says
    they are a group ("Core Group", "Group of Friends", "Coalition"); they
    are recorded as written until the archive lists them.
    """
    words = phrase.split()
    named = NAMED_GROUP.match(phrase)
    for n in range(min(len(words), 12), 0, -1):
        canonical = groups.canonical_group(" ".join(words[:n]).strip(" ,"))
        if canonical:
            # "the Group of Friends of Mediation" is more than the listed "Group of Friends"
            longer = named and len(named.group(0).split()) > n and not groups.canonical_group(named["name"])
            return named["name"] if longer else canonical
    if named and not groups.canonical_country(named["name"]):
        return named["name"]
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
    held = result["meeting"]
    context = ". ".join([header_text, *opening])
    held["session"], held["title"] = meeting.read_session(header_text, context)
    if not held["title"]:
        held["title"] = meeting.read_meeting_title(header_text)
        held["session"] = held["session"] or meeting.read_session_item(header_text)
    for text in opening:
        if held["session"] and held["title"]:
            break
        session, title = meeting.read_session(text, context)
        held["session"] = held["session"] or session
        held["title"] = held["title"] or title
    short = None if held["title"] else next(
        filter(None, map(meeting.short_body_in_session, [header_text, *opening])), None)
    if short:
        names = meeting.full_body_names(short, context)
        if len(names) > 1:
            result["confidence"]["meeting"] = confidence("missing", candidates=names)
            result["warnings"].append(
                f"meeting left for staff: {quote(short)} may be " + " or ".join(quote(n) for n in names))
    held["location"] = meeting.read_location(header_text)
    span = dates.find_range(header_text)
    if span:
        held["date_start"], held["date_end"] = span[0], span[1]
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
        result["confidence"]["date"] = confidence("inferred", "the only date is the page's publication date")
        return published[0]
    return None


# Fields staff confirm before saving; each gets a mark in "confidence".
CONFIDENCE_FIELDS = ("delegation", "on_behalf_of", "speaker", "date", "meeting", "agenda_items", "language")


def confidence(status: str, why: str = "", candidates=()) -> dict:
    """One field's mark: "stated" by the text, "inferred" (with why), or "missing"."""
    mark = {"status": status, "candidates": list(candidates)}
    if status == "inferred":
        mark["why"] = why
    return mark


def fill_confidence(result: dict) -> None:
    """Mark each field a rule above did not mark: stated when found, missing when not."""
    for name in CONFIDENCE_FIELDS:
        if name in result["confidence"]:
            continue
        value = result[name]
        if name == "meeting":
            # a session, place or dates without the body's name identify no meeting
            value = value["title"]
        result["confidence"][name] = confidence("stated" if value else "missing")
