"""Read who spoke, for whom, where and when from a statement's header lines.

The header is whatever precedes the salutation (or the first prose paragraph):
"G-77 and China statement during the Expert Group Meeting ..., from 27-29 July
2020 delivered by Ms. Safa Shabat, Permanent Mission of Palestine", or a block
in capitals, or a title spread over short lines. Each reader returns None when
the text does not say; the caller turns that into a warning.
"""

import re

from . import body, groups, russian

SMALL_WORDS = {
    "of", "the", "and", "for", "on", "to", "at", "in", "by", "a", "an", "de", "la", "las",
    "los", "del", "el", "y", "en", "du", "des", "le", "les", "et", "à", "au", "aux",
    "período", "sesiones", "session", "sesión", "période",
}
# Courtesy titles stay part of the name as printed; honours are dropped.
COURTESY = r"(?:Mr|Ms|Mrs|Mx|Dr|Prof)\.?"
HONOURS = (
    r"(?:H\.\s?E\.|S\.\s?[Ee]\.?(?:\s?[Mm]\.?)?(?=\s)|His\s+Excellency|Her\s+Excellency|Son\s+Excellence|"
    r"The\s+(?:Rt\.?\s+)?Hon(?:ourable|orable)?\.?|Hon(?:ourable|orable)?\.?|"
    r"Excm[oa]\.|Excelentísim[oa]|Sr\.|Sra\.|Mme|M\.|Monsieur|Madame|Ambassador|"
    r"Embajador(?:a)?|Embaixador(?:a)?|Ambassadeur|Minister|Senator)"
)
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÝÖ][\w’'-]*\.?)"
_PARTICLE = r"(?:de|da|do|dos|del|van|von|der|bin|binti|al|el|la|le)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{0,4}}"
POSTNOMINALS = {"MP", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "PhD", "AO", "AC"}
ROLE_WORDS = {"Minister", "Permanent", "Representative", "Ambassador", "President",
              "Secretary", "Deputy", "Head", "Chargé", "Counsellor", "Ministro", "Ministre",
              "Representante", "Représentant", "Vice", "National", "Statement"}
# Where a speaker's title ends: the meeting it was said at, or a date.
TITLE_STOP = re.compile(
    r",|;|\.\s|\s(?:at|to|during|before|in|on|en|ante|à|lors|devant|durante|på)\s+"
    r"(?:the|el|la|las|los|l'|le)?\b|\s\d{1,2}\s"
    # "A L'OCCASION DE": capitals drop the accent of "à"
    r"|\sa\s+(?=l['’]occasion\b)",
    re.IGNORECASE,
)
# A header line this close to the wrapping width was wrapped, not ended.
WRAPPED_SHARE_OF_WIDTH = 0.75
# Who a representative is accredited to: part of the title, not a meeting.
# Only when the item ends there: "to the United Nations General Assembly" is a meeting.
ADDRESSEE = re.compile(
    r"\s+(?:to\s+the\s+(?:United\s+Nations|UN)(?:\s+(?:Office\s+)?(?:at|in)\s+[A-Z][\w-]+)?|"
    r"auprès\s+de(?:s|\s+l'Office\s+des)\s+Nations\s+Unies(?:\s+à\s+[A-Z][\w-]+)?|"
    r"ante\s+(?:las\s+)?Naciones\s+Unidas(?:\s+en\s+[A-Z][\w-]+)?)(?=\s*(?:[,;.]|$))",
)
INTRO = r"(?:Statement|Remarks|Intervention|Address|Speech|Declaration|Déclaration|Intervención|Discurso|Declaración|Anförande)"


def smart_case(text: str, opens_title: bool = True) -> str:
    """Text in capitals rewritten as a title would be printed; other text unchanged.

    opens_title=False for a line that continues a title, whose first word may
    be a small one ("DE LA REPÚBLICA" -> "de la República").
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return text
    return _title_case(text, opens_title)


def cased_lines(lines: list[str]) -> list[str]:
    """A header block's lines, each in capitals rewritten in title case.

    A line in lower case inside a capitals block ("de septiembre de 2024.")
    stays as it is.
    """
    lines = _join_capitals_block(lines)
    return [smart_case(line, opens_title=i == 0) for i, line in enumerate(lines)]


MIN_CAPITALS_BLOCK_LINES = 3
MIN_CAPITALS_LINE = 40
CAPITALS_MARGIN_SHARE = 0.85


def _join_capitals_block(lines: list[str]) -> list[str]:
    """A title set in capitals over several lines, wrapped at the block's own margin, as one line.

    Habit: a letterhead announces the speech in one long sentence in
    capitals broken at the block's margin ("ALLOCUTION DE S.E.M ...,
    MINISTRE DES AFFAIRES" / "ETRANGERES ET DE LA COOPERATION ..."): a full
    line that stops without punctuation runs on into the next capitals line.
    """
    if len(lines) < MIN_CAPITALS_BLOCK_LINES:
        return lines
    width = max(body.columns(line) for line in lines)
    joined, previous = [], ""
    for line in lines:
        if (joined and _in_capitals(previous) and _in_capitals(line) and not re.search(r"[.!?:;]$", previous)
                and body.columns(previous) >= max(MIN_CAPITALS_LINE, CAPITALS_MARGIN_SHARE * width)):
            joined[-1] = body.join_lines([joined[-1], line])
        else:
            joined.append(line)
        previous = line
    return joined


def _in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


def header_items(lines: list[str], width: int = 0) -> list[str]:
    """A header's lines gathered into items: the speaker, the meeting, the place and date.

    A header line is an item of its own unless it visibly runs on into the
    next ("... of the" / "General Assembly", "... REPÚBLICA DE" / "CUBA",
    a trailing comma) or was wrapped at the margin (width: the body's
    wrapping width, 0 when the body is not wrapped).
    """
    items, previous = [], ""
    for line in lines:
        wrapped = width and body.columns(previous) >= WRAPPED_SHARE_OF_WIDTH * width
        if items and (wrapped or re.search(r"[,;:(\[/–—-]$", items[-1])
                      or body.continues(items[-1], line)):
            items[-1] = body.join_lines([items[-1], line])
        else:
            items.append(line)
        previous = line
    return items


def join_header_lines(lines: list[str], width: int = 0) -> str:
    """The header as one string, a comma between its items.

    Without the comma a speaker's title would swallow the meeting named on
    the next line ("Permanent Mission of Mexico" / "Commission on ...").
    """
    text = ""
    for item in header_items(lines, width):
        text = f"{text}{'' if not text or re.search(r'[.!?]$', text) else ','} {item}".strip()
    return text


def announces_statement(text: str) -> bool:
    """Whether a header item announces the statement ("Statement by", "National Statement")."""
    return bool(re.search(rf"\b{INTRO}\b", text, re.IGNORECASE))


def _title_case(text: str, opens_title: bool = True) -> str:
    words = []
    for i, word in enumerate(text.split(" ")):
        lower = word.lower()
        if re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            words.append(word)  # initials: "E.K." stays as printed
            continue
        if (i or not opens_title) and re.sub(r"\W", "", lower) in SMALL_WORDS:
            words.append(lower)
        else:
            words.append(lower[:1].upper() + lower[1:])
    return " ".join(words)


def read_speaker(header: str) -> tuple[str | None, str | None]:
    """(speaker, speaker_title) from the header, or Nones."""
    for honour in re.finditer(rf"(?:(?:{HONOURS})\s+)*(?:{HONOURS})\s+(?=[A-ZÀ-Ý])|{COURTESY}\s+(?=[A-ZÀ-Ý])",
                              header):
        if _addressed(header[max(0, honour.start() - 120):honour.start()]):
            continue
        name, end = _name_after(header, honour)
        if name:
            return name, _title_after(header, end) or _role_before(header, honour.start())
        break
    match = re.search(
        rf"{INTRO}\s+(?:by|of|av|de|del)\s+(?:the\s+)?"
        rf"(?P<title>[a-zà-ÿ][\w-]*(?:\s+[a-zà-ÿ][\w-]*){{0,3}})\s+(?P<name>{NAME})",
        header,
    )
    if match and _is_person(_trim_name(match["name"])):
        return _trim_name(match["name"]), match["title"]
    speaker, title = russian.read_speaker(header)
    if speaker:
        return speaker, title
    return _titled_speaker(header)


# Offices a speaker is announced by, in capitals: "State Secretary", "Prime Minister", "Canciller".
TITLE_WORD = (r"(?:State|Secretary|Deputy|Prime|Foreign|Minister|Ministers|Ambassador|Permanent|Representative|"
              r"Counsell?or|President|Vice|Chair|Chargé|Head|Special|Envoy|General|Alternate|Political|"
              r"Ministre|Ministro|Ministra|Canciller|Embajador|Embajadora|Ambassadeur|Ambassadrice|Présidente?|"
              r"Presidenta|Secrétaire|Secretario|Secretaria|Représentante?|Representante|Vice-[A-Z]\w+)")
_TITLE = rf"{TITLE_WORD}(?:\s+(?:{TITLE_WORD}|of|for|de|del|d['’]|des|du|la|the|and|et|y|[A-ZÀ-Ý][\w-]+)){{0,8}}?"
# "Statement by Jane Doe, Permanent Representative ...", "delivered by State Secretary Eivind Vad
# Petersson", "Speech by the Prime Minister, Jonas Gahr Støre, at ...", "Discurso del Canciller de
# Chile, Alberto van Klaveren, ante ...".
# A person's name of two words or more (one word is a state's or an office's).
_FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{1,4}}"
_NAME_THEN_TITLE = re.compile(rf"\b(?:{INTRO}|delivered|presented)\s+by\s+(?P<name>{_FULL_NAME})\s*,\s*(?P<title>{_TITLE})"
                              rf"(?=\s*(?:,|$|\s(?:at|to|on|in|before|during)\s))")
_TITLE_THEN_NAME = re.compile(
    rf"\b(?:{INTRO}|delivered|presented|read)\s+(?:by|of|de|del|du|de\s+la|da|do)\s+(?:the\s+|la\s+|le\s+|el\s+|l['’])?"
    rf"(?P<title>{_TITLE})(?:\s*,\s*|\s+)(?!{TITLE_WORD}\b|of\b|de\b)(?P<name>{_FULL_NAME})"
    rf"(?=\s*(?:,|$|\s(?:at|to|on|in|before|during|ante|à|en|na|no)\s))")


# Swedish, Norwegian and Danish government sites title a speech with the
# speaker's name in the genitive: "Jämställdhetsminister Paulina Brandbergs
# anförande vid ...", "Utenriksminister Espen Barth Eides innlegg i ...".
_GENITIVE_SPEECH = re.compile(rf"(?P<name>{_FULL_NAME})s\s+(?:anförande|tal|inlägg|innlegg|tale|indlæg)\b")


# Chinese titles put the name between the office held for the state and the rank, run
# together: "中国常驻联合国代表傅聪大使在安理会...的发言", "中国代表团张丹参赞在...".
_CJK_SPEAKER = re.compile(r"(?:代表团|代表|团长|部长|外长)(?P<name>[\u4e00-\u9fff]{2,3}?)"
                          r"(?P<title>大使|参赞|公使|特使|先生|女士)(?=在|于|出席|的)")


def _titled_speaker(header: str) -> tuple[str | None, str | None]:
    """A speaker announced by name and office without an honorific, in either order."""
    cjk = _CJK_SPEAKER.search(header)
    if cjk:
        return cjk["name"], cjk["title"]
    genitive = _GENITIVE_SPEECH.search(header)
    if genitive:
        # "Utrikesminister Anna Lind": the office is one compound word before the name
        words = genitive["name"].split()
        while words and re.search(r"(?:minister|sekreterare|sekretær|ambassadör|ambassadør)$", words[0], re.I):
            words.pop(0)
        name = " ".join(words)
        if _is_person(name):
            return name, None
    for pattern in (_NAME_THEN_TITLE, _TITLE_THEN_NAME):
        for match in pattern.finditer(header):
            name = _trim_name(match["name"])
            if _is_person(name) and not re.match(rf"{TITLE_WORD}\b", name):
                return name, match["title"].strip(" ,")
    return None, None


# A presiding officer's office just before a name: the person greeted, not the
# speaker ("President of the 79th Session of the UN General Assembly, Mr. Philemon
# Yang", "United Nations Secretary-General, Mr. António Guterres").
PRESIDING = re.compile(
    r"(?:\b(?:President|Président|Presidente|Chair(?:man|person|woman)?)\s+(?:of|de|du|del)\s+(?:the\s+|la\s+|l['’])?"
    r"[^,;]{0,60}(?:Assembly|Council|Conference|Commission|Committee|Assemblée|Conseil|Asamblea|Consejo)"
    r"|\bSecretary[- ]General|\bSecrétaire\s+général|\bSecretario\s+General)\s*,\s*$",
    re.IGNORECASE,
)


# "Excellence Monsieur Philémon Yang, Président de ...", "Your Excellency Mr ...": a salutation
# greets a dignitary by the form of address alone, before the honorific and name.
GREETING = re.compile(r"(?:^|[\s,])(?:Excellence|Excellences|Excellency|Excellencies|Excelencia|Excelência|"
                      r"Your|Votre|Vuestra)\s*,?\s*$")


def _addressed(before: str) -> bool:
    """Whether a name after this text is a presiding officer the statement greets.

    Habit: speaking notes and letterheads list whom the speech addresses,
    office first ("Secretary-General, Mr. ..."); a header announcing the
    officer's own statement ("Statement by the President of the General
    Assembly, ...") is the officer speaking.
    """
    item = re.split(r"[.;]\s", before)[-1]
    if GREETING.search(before):
        return True
    return bool(PRESIDING.search(before)) and not re.search(rf"{INTRO}\s+(?:by|of)\b[^,]*,\s*$", item,
                                                             re.IGNORECASE)


# Capitalised words that open the name of an office, not of a person.
OFFICE_WORDS = {"Delegation", "Délégation", "Delegación", "Mission", "Misión", "Government",
                "Gouvernement", "Gobierno", "Republic", "République", "República", "Kingdom",
                "State", "States", "Group", "Groupe", "Grupo", "Permanent", "United", "Ministry"}


def _is_person(name: str) -> bool:
    """Whether a captured name can be a person's: two words or more, not an office or a country."""
    words = name.split()
    return (len(words) >= 2 and words[0] not in OFFICE_WORDS
            and not groups.find_countries(name) and not groups.find_groups(name))


def _name_after(header: str, honour: re.Match) -> tuple[str | None, int]:
    """(name, where it ends) for the name following an honorific."""
    courtesy = re.search(rf"(?:^|\s){COURTESY}\s+$", " " + honour.group(0))
    match = re.match(NAME, header[honour.end():])
    if not match:
        return None, 0
    name = _trim_name(match.group(0))
    if not name or len(name.split()) < 2 and not courtesy:
        return None, 0
    end = honour.end() + header[honour.end():].find(name.split()[-1]) + len(name.split()[-1])
    return ((courtesy.group(0).strip() + " " + name) if courtesy else name), end


def _trim_name(name: str) -> str:
    """Cut a captured name at a possessive, a post-nominal or a role word."""
    words = []
    for word in re.split(r"\s+", name):
        bare = re.sub(r"(?:['’]s)$", "", word)
        if word.rstrip(".") in POSTNOMINALS or word in ROLE_WORDS:
            break
        initials = re.fullmatch(r"(?:[A-Z]\.){2,}", bare)
        words.append(bare.rstrip(".") if (bare != word or len(bare) > 3) and not initials else bare)
        if bare != word:
            break
    return " ".join(words).strip()


# "Ministre des Affaires Etrangères et de la Coopération au Développement de la République du Burundi"
MAX_TITLE_WORDS = 18


def _title_after(header: str, position: int) -> str | None:
    rest = header[position:]
    match = re.match(r"\s*(?:[A-Z]{2,4}\s*)?,\s*(.+)", rest)
    if not match:
        return None
    title = TITLE_STOP.split(match.group(1), maxsplit=1)[0]
    addressee = ADDRESSEE.match(match.group(1)[len(title):])
    if addressee:  # "Permanent Representative of X to the United Nations" is one title
        title += addressee.group(0)
    city = groups.find_city(title)
    if city:  # wrapped header lines run on into the place line: "... Genève, le 3 mars"
        title = title[: title.find(city)]
    title = title.strip(" .")
    return title if 1 <= len(title.split()) <= MAX_TITLE_WORDS else None


def _role_before(header: str, position: int) -> str | None:
    before = header[:position].strip()
    before = re.sub(rf".*\b{INTRO}\s+(?:by|of)\s+(?:the\s+)?", "", before, flags=re.IGNORECASE)
    match = re.search(r"((?:Prime\s+|Deputy\s+|Vice[- ])?(?:Minister|Secretary|President|Ambassador|"
                      r"Permanent Representative|Ministro|Ministre)\b[\w\s,'’-]*)$", before)
    return match.group(1).strip(" ,") if match else None
