"""Who speaks, in a Russian title: the name after the office, in the genitive.

Habit: Russian missions and the Ministry title a statement by what it is and
whose it is, the speaker in the genitive after the office held, initials
first and often run together: "Выступление Постоянного представителя
Российской Федерации при ООН В.А.Небензи на заседании ...", "Выступление
Министра иностранных дел Российской Федерации С.В.Лаврова в ходе ...",
"Заявление представителя Российской Федерации г-на Лаврова". Without such a
word the office and name stand in the nominative ("Постоянный представитель
... В.А.Небензя").

A name in the genitive is put back in the nominative only where the ending
says unambiguously what it was: surnames in -ов/-ев/-ин/-ын and -ский/-цкий
(and their feminine forms), first names and patronymics by the same kind of
rule. Anything else stays as written, all of it: "Небензи" may be Небензя
declined or an indeclinable name in -и (Саакашвили), and a half-normalised
name is worse than one as printed. The office is kept as written.
"""

import re

from . import groups

CAPITALISED = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
INITIALS = r"(?:[А-ЯЁ]\.\s?){1,2}"
# Words that make the name after them a genitive: "Выступление (кого)", "Заявление (кого)".
INTRO = re.compile(r"(?<!\w)(?:выступлени[ея]|заявлени[ея]|речь|слово|обращени[ея]|интервью|разъяснени[ея]|"
                   r"комментари[йя]|послани[ея])(?!\w)", re.IGNORECASE)
# Offices a speaker holds for a state, in any case: "Постоянного представителя", "Министра иностранных дел",
# "первого заместителя Постоянного представителя", "посла", "главы делегации".
OFFICE = re.compile(
    r"(?<!\w)(?:(?:перв\w+\s+)?заместител\w+\s+|временн\w+\s+поверенн\w+\s+)?(?:постоянн\w+\s+|специальн\w+\s+)?"
    r"(?:представител\w+|посол|посла|министр\w*(?:\s+иностранных\s+дел)?|президент\w*|"
    r"(?:глав\w+|руководител\w+)\s+делегации|директор\w*(?:\s+[а-яё]+){0,3}?\s+департамента|"
    r"поверенн\w+\s+в\s+делах)(?!\w)",
    re.IGNORECASE,
)
# Whom a representative is accredited to: part of the office ("при ООН", "при Отделении ООН в Женеве").
ACCREDITED = re.compile(r"\s+(?:при|в)\s+(?:ООН|Организации\s+Объединенных\s+Наций|"
                        r"Отделении\s+ООН(?:\s+и\s+других\s+международных\s+организациях)?\s+в\s+\w+|"
                        r"Совете\s+Безопасности(?:\s+ООН)?)(?!\w)")
HONOUR = r"(?P<honour>г-на|г-жи|господина|госпожи|г-н|г-жа|господин|госпожа)"
NAME = re.compile(
    rf"\s*(?:{HONOUR}\s+)?(?P<name>{INITIALS}\s?{CAPITALISED}|{CAPITALISED}(?:\s+{CAPITALISED}){{0,2}})(?!\w)"
)
# Anywhere in the header: initials and a surname, or an honorific and a name, cannot be anything else.
UNMISTAKABLE = re.compile(rf"(?<!\w)(?:{HONOUR}\s+(?P<hname>(?:{INITIALS}\s?)?{CAPITALISED})|"
                          rf"(?P<iname>{INITIALS}\s?{CAPITALISED}))(?!\w)")

# "господин Председатель", "г-н Генеральный секретарь": an office addressed, not a name.
ADDRESSED_OFFICE = re.compile(r"(?:со)?(?:председател|президент|генеральн|секретар|министр|посол|посл[ау]|"
                              r"представител|докладчик|верховн)\w*", re.IGNORECASE)

# Genitive endings and their nominatives, longest first; "m" masculine, "f" feminine.
SURNAME_ENDINGS = [
    ("ского", "ский", "m"), ("цкого", "цкий", "m"), ("ской", "ская", "f"), ("цкой", "цкая", "f"),
    ("овой", "ова", "f"), ("евой", "ева", "f"), ("ёвой", "ёва", "f"), ("иной", "ина", "f"), ("ыной", "ына", "f"),
    ("ова", "ов", "m"), ("ева", "ев", "m"), ("ёва", "ёв", "m"), ("ина", "ин", "m"), ("ына", "ын", "m"),
]
FIRST_NAME_ENDINGS = {
    "m": [("ия", "ий"), ("ея", "ей"), ("ая", "ай"), ("вича", "вич"), ("ича", "ич")],
    "f": [("ии", "ия"), ("ьи", "ья"), ("вны", "вна"), ("ичны", "ична")],
}
CONSONANTS = "бвгджзйклмнпрстфхцчшщ"


def read_speaker(header: str) -> tuple[str | None, str | None]:
    """(speaker, office) from a Russian header, the speaker in the nominative where that is safe."""
    if not re.search(r"[А-Яа-яЁё]", header):
        return None, None
    countries = [(position, position + len(written)) for _, position, written in groups.find_country_names(header)]
    for office in OFFICE.finditer(header):
        end = _past_country(header, office.end(), countries)
        accredited = ACCREDITED.match(header, end)
        end = accredited.end() if accredited else end
        name = NAME.match(header, end)
        if not name or _in_country(name.start("name"), countries):
            continue
        written = name["name"]
        if ADDRESSED_OFFICE.match(written):
            continue
        if not name["honour"] and not re.match(INITIALS, written) and len(written.split()) < 2:
            continue
        title = header[office.start():end].strip(" ,")
        return _nominative(written, header[: office.start()], name["honour"]), title
    for found in UNMISTAKABLE.finditer(header):
        written = found["hname"] or found["iname"]
        if not ADDRESSED_OFFICE.match(written):
            return _nominative(written, header[: found.start()], found["honour"]), None
    return None, None


def _past_country(header: str, position: int, countries: list[tuple[int, int]]) -> int:
    """Where a state's name right after position ends ("... представителя Российской Федерации")."""
    for start, end in countries:
        if header[position:start].strip() == "" and start >= position:
            return end
    return position


def _in_country(position: int, countries: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in countries)


def _nominative(written: str, before: str, honour: str | None) -> str:
    """The name in the nominative when it stands in the genitive and every part of it can be put back."""
    genitive = honour in ("г-на", "г-жи", "господина", "госпожи") or (honour is None and INTRO.search(before))
    if not genitive:
        return written
    initials = re.match(INITIALS + r"\s?", written)
    prefix = initials.group(0) if initials else ""
    words = written[len(prefix):].split()
    surname = _surname(words[-1], "f" if honour in ("г-жи", "госпожи") else "m" if honour else None)
    if surname is None:
        return written
    nominative, gender = surname
    given = [_given_name(word, gender) for word in words[:-1]]
    if None in given:
        return written
    return prefix + " ".join([*given, nominative])


def _surname(word: str, gender: str | None) -> tuple[str, str] | None:
    for ending, nominative, kind in SURNAME_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1 and gender in (None, kind):
            return word[: -len(ending)] + nominative, kind
    return None


def _given_name(word: str, gender: str) -> str | None:
    """A first name or patronymic in the genitive, in the nominative; None when the ending is not certain."""
    for ending, nominative in FIRST_NAME_ENDINGS[gender]:
        if word.endswith(ending):
            return word[: -len(ending)] + nominative
    if gender == "m" and word.endswith("а") and word[-2:-1] in CONSONANTS:
        return word[:-1]  # Ивана, Александра: a man's name that ends in a consonant
    if gender == "f" and word.endswith("ы") and word[-2:-1] in CONSONANTS:
        return word[:-1] + "а"  # Анны, Елены
    return None
