"""Which delegation takes the floor, decided by the role each name plays.

A statement names many states: the one speaking, the one under review, the
ones it thanks, the ones it talks about, the country its mission sits in.
Position says little ("Universal Periodic Review of Ethiopia - Statement by
Norway" names Ethiopia first); the words around a name say which part it
plays. Each rule below reads one habit of how delegations write, named in
its docstring. A name is taken as the speaker only on such a rule; several
names that the text does not tell apart give no delegation, only candidates.

decide() returns a Decision: the delegation or None, its status ("stated"
when the header or text says who speaks, "inferred" when only the body's
way of talking suggests it, "missing"), why, and the candidates.

A little over 400 lines: the roles are one rule set deciding one field,
their patterns built from one another (INTRO, AGENT, OFFICE, STYLE); the
lists of names they look up live in groups.py and language.py.
"""

import re
from dataclasses import dataclass, field

from . import groups, language

_OF = r"(?:of|from|de|du|des|del|da|do|dos|das|av|d['’])"
_ARTICLE = r"(?:(?:the|la|le|les|l['’]|el|los|las|a|o|os|as)\s*)?"
# Words that introduce a statement in a header: "Statement by", "Intervention de".
INTRO = (r"(?:Statement|Remarks|Intervention|Address|Speech|Declaration|Explanation\s+of\s+(?:vote|position)|"
         r"Déclaration|Allocution|Discours|Explication\s+de\s+vote|Intervención|Discurso|Declaración|"
         r"Explicación\s+de\s+voto|Declaração|Intervenção|Pronunciamento|Anförande|Выступление|Заявление)")
# Who a state acts through: "Permanent Mission of", "la délégation de", "Government of".
AGENT = (r"(?:(?:Permanent\s+)?(?:Mission|Delegation|Representation)|Embassy|Government|"
         r"(?:Mission|Délégation|Représentation)(?:\s+permanente?)?|Ambassade|"
         r"Gouvernement|(?:Misión|Delegación|Representación|Missão|Delegação|Representação)"
         r"(?:\s+Permanente)?|Embajada|Gobierno|Governo|Embaixada|Ministry\s+of\s+Foreign\s+Affairs)")
# A person's office held for a state: "Permanent Representative of", "Ministre des
# Affaires étrangères de". Whose office it is matters: the speaker's, or a dignitary's
# the statement greets ("His Excellency Mr X, Minister of Foreign Affairs of Tajikistan").
OFFICE = (r"(?:(?:Permanent\s+|Deputy\s+)*Representative|(?:Représentant|Représentante)(?:\s+permanente?)?|"
          r"Representante(?:\s+Permanente)?|(?:Deputy\s+|Prime\s+)?Minist(?:er|re|ro)\s+(?:for|of|des|de|del|das|dos)\s+"
          r"(?:Foreign\s+Affairs|Affaires\s+étrangères|Relaciones\s+Exteriores|Relações\s+Exteriores|"
          r"Negócios\s+Estrangeiros)|"
          r"President|Président|Presidente|Prime\s+Minister|Premier\s+ministre|Canciller|Chancel(?:er|ler)|"
          r"(?:Foreign|Prime)\s+Minister|State\s+Secretary|Secretary\s+of\s+State)")
# A state's formal style before its name: "Republic of", "Royaume du".
STYLE = (r"(?:(?:(?:Federal|Democratic|Islamic|Socialist|United|Cooperative|Plurinational|Bolivarian)\s+)*"
         r"(?:Republic|Kingdom|State|Commonwealth|Principality|Sultanate|Grand\s+Duchy)|R[ée]publique|Royaume|"
         r"Principauté|Rep[úu]blica|Reino|Estado|Principado)")
_STATE_STYLE = rf"(?:{STYLE}\s+{_OF}\s*{_ARTICLE})?"

# "Statement by Norway", "Statement by the Permanent Mission of Palestine",
# "Intervention de la France", "Declaración de la República de Cuba".
INTRODUCED = re.compile(
    rf"(?:\b{INTRO}(?:\s+\([^)]{{1,20}}\))?\s+(?:by|of|from|de|du|del|da|do|av|d['’])|"
    rf"\b(?:delivered|presented|read(?:\s+out)?|prononcée?|pronunciad[oa]|proferid[oa])\s+(?:by|par|por))\s*{_ARTICLE}"
    rf"(?:(?:{AGENT}|{OFFICE})\s+{_OF}\s*{_ARTICLE})?{_STATE_STYLE}$",
    re.IGNORECASE,
)
# "Représentant permanent de la France", after the speaker's name.
OFFICE_OF = re.compile(rf"\b{OFFICE}\s+{_OF}\s*{_ARTICLE}{_STATE_STYLE}$", re.IGNORECASE)
_HONOUR = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|H\.\s?E|S\.\s?E|His|Her|Son|M|Mme|Sr|Sra)\b\.?\s+[A-ZÀ-Ý]")
# "Permanent Mission of Palestine", "Représentant permanent de la France",
# "Постоянное представительство Российской Федерации", "وفد مصر".
ACTING_FOR = re.compile(
    rf"(?:\b{AGENT}\s+{_OF}\s*{_ARTICLE}{_STATE_STYLE}|"
    rf"(?:представител\w*|делегаци\w*|представительств\w*|министр\w*\s+иностранных\s+дел|президент\w*)\s+|"
    rf"(?:وفد|بعثة|كلمة|بيان|حكومة)\s+(?:(?:جمهورية|المملكة|دولة|سلطنة|إمارة)\s+)?)$",
    re.IGNORECASE,
)
# "Fiji National Statement", "Australia's Country Statement", "the Netherlands'
# delegation", "the New Zealand Government", "中国代表团", "中国常驻联合国代表团".
NAME_THEN_STATEMENT = re.compile(
    r"^(?:['’]s?)?\s+(?i:(?:national|country|joint|opening|closing)\s+)?"
    r"(?:(?i:statement|intervention|remarks|explanation\s+of\s+vote)|delegation|Delegation|Government|Mission\b|"
    r"(?:Permanent\s+|Deputy\s+|Alternate\s+)*Representative\b)"
    r"|^(?:常驻[^，。,\s]{0,24})?(?:代表团|政府|代表)",
)
# "delivered by Ambassador X on behalf of Norway": a state a representative speaks for.
ON_BEHALF = re.compile(
    rf"\b(?:on\s+behalf\s+of|au\s+nom\s+d[eu]|en\s+nombre\s+de|em\s+nome\s+d[eoa])\s*{_ARTICLE}"
    rf"(?:{AGENT}\s+{_OF}\s*{_ARTICLE})?{_STATE_STYLE}$",
    re.IGNORECASE,
)
# "the Norwegian delegation", "la délégation française", "la delegación cubana",
# "a delegação brasileira", "российская делегация".
ADJECTIVE_DELEGATION = re.compile(
    r"\b(?P<before>[\w-]+)\s+(?:(?:national\s+)?(?:delegation|statement|intervention)|делегация|делегации)\b"
    r"|\b(?:délégation|delegación|delegação|делегация|intervention|déclaration|intervención|declaración|"
    r"intervenção|declaração)\s+(?P<after>[\w-]+)",
    re.IGNORECASE,
)

# Names in these roles are not the speaker: the state under review or
# discussed ("UPR of Ethiopia", "the situation in Myanmar", "on Syria"),
# the one addressed ("thanks the delegation of Ethiopia"), the one a
# recommendation is made to ("recommends that Ethiopia").
SUBJECT = re.compile(
    rf"(?:\b(?:review|UPR|examen(?:\s+périodique\s+universel)?|EPU|examen\s+periódico\s+universal|"
    rf"revisão\s+periódica\s+universal|situation|situación|situação|question|report|rapport|informe|"
    rf"resolution|résolution|resolución|resolução)\s+(?:{_OF}|on|in|sur|en|au|aux|à|sobre|em|no|na)\s*"
    rf"{_ARTICLE}(?:human\s+rights\s+(?:situation\s+)?in\s+(?:the\s+)?)?)$",
    re.IGNORECASE,
)
# In a header, a name after "on", "in", "sur" is what the statement is about:
# "Statement by Norway on Ukraine", "Intervention sur la Syrie".
ABOUT = re.compile(
    rf"\b(?:on|in|about|concerning|regarding|against|with|sur|au|aux|en|à|sobre|em|no|na|contra|contre|"
    rf"avec|con|com|to|towards|visit\s+to)\s+{_ARTICLE}$",
    re.IGNORECASE,
)
ADDRESSED = re.compile(
    rf"\b(?:thanks?|welcomes?|commends?|congratulates?|appreciates?|recommends?(?:\s+(?:that|to))?|"
    rf"urges?|calls\s+(?:up)?on|encourages?|remercie|félicite|salue|recommande|encourage|exhorte|"
    rf"agradece|felicita|saluda|recomienda|insta|alienta|parabeniza|cumprimenta|recomenda|"
    rf"благодарит|приветствует|рекомендует|призывает)\s+(?:the\s+|la\s+|le\s+|l['’]|a\s+|al\s+|à\s+|"
    rf"au\s+|o\s+)?(?:(?:delegation|délégation|delegación|delegação|government|gouvernement|gobierno|"
    rf"governo|authorities)\s+{_OF}\s*{_ARTICLE})?$",
    re.IGNORECASE,
)
# "New York, USA", "Baku, Azerbaijan": a country after a city is a place.
_AFTER_CITY = re.compile(r",\s*$")

# Verbs a delegation speaking of itself in the third person opens with:
# "Iceland thanks the High Commissioner", "Norway aligns itself with",
# "France votera", "Cuba reitera". Only the formal register a state uses of
# itself: "Iran supports ...", "Russia believes ...", "Russia voted against"
# are said of others too, so such verbs decide nothing.
STANCE = re.compile(
    r"^(?:['’]s\s+delegation\s+|\s+(?:also|therefore|further|thus|again|once\s+again|strongly|fully|firmly|"
    r"would\s+(?:also\s+)?like\s+to|wishes\s+to|will|shall|aussi|également|también|também|desea|souhaite|"
    r"tient\s+à|quisiera|gostaria\s+de)\s*)*\s*"
    r"(?:(?:thank|welcome|commend|recommend|urge|encourage|appreciate|congratulate|reiterate|reaffirm|"
    r"condemn|express|underline|underscore|emphasi[sz]e|stress)(?:s|es)?\b|"
    r"calls?\s+(?:up)?on|aligns?\s+itself|associates?\s+itself|"
    r"joins?\s+(?:others|previous|the\s+\w+\s+in)|notes?\s+with\s+(?:concern|appreciation|satisfaction)|"
    r"takes?\s+note|looks?\s+forward|"
    r"is\s+(?:very\s+|deeply\s+)?(?:pleased|grateful|proud|honou?red)|vote|abstain|"
    # Set phrases a state uses of itself, not of others: "Norway has no substantive
    # comments", "Sweden stands united in strong solidarity with", "attaches great importance".
    r"has\s+no\s+(?:\w+\s+)?(?:comments?|objections?|remarks?)\b|"
    r"stands\s+(?:ready|(?:united\s+|firmly\s+)?(?:in\s+(?:\w+\s+)?solidarity\s+)?with)\b|"
    r"attaches\s+(?:\w+\s+)?importance|"
    r"remercie|salue|félicite|recommande|appelle|encourage|se\s+félicite|s['’]associe|se\s+joint|"
    r"réitère|réaffirme|condamne|votera|s['’]abstiendra|"
    r"agradece|saluda|felicita|recomienda|insta|alienta|se\s+suma|se\s+asocia|reitera|reafirma|condena|"
    r"votará|se\s+abstendrá|saúda|recomenda|agradecer|"
    r"благодарит|приветствует|рекомендует|призывает|"
    r"感谢|欢迎|赞赏|呼吁|将对[^。]{0,40}投)",
    re.IGNORECASE,
)
# Between the names of states that speak together: "Norway, Iceland and Denmark thank ...".
JOINED = re.compile(r"\s*,\s*(?:and\s+|et\s+|y\s+|e\s+)?|\s+(?:and|et|y|e)\s+")
# Words a delegation calls only itself by: "中方" is China, "the Chinese side", in its own statements.
SELF_NAMES = {"中方"}
WINDOW = 160


@dataclass
class Decision:
    delegation: str | None = None
    status: str = "missing"
    why: str = ""
    candidates: list = field(default_factory=list)


def decide(header: str, speaker_title: str | None, paragraphs: list[str], speaker: str | None = None,
           page: str = "") -> Decision:
    """The delegation taking the floor, from the header, the speaker's title and the body.

    page is the text around the statement that is not the statement itself
    (its header and the notes on its delivery), in whatever language its
    publisher wrote them.
    """
    any_case = _mostly_caps(header)
    others = set()  # names seen in a role that is not the speaker's
    stated = []  # (country, why)
    for country, start, written in _names(header, any_case):
        before, after = header[max(0, start - WINDOW):start], header[start + len(written):]
        role = _header_role(before, after, speaker)
        if role is None:
            continue
        if role.startswith("not:"):
            others.add(country)
        else:
            stated.append((country, role))
    plain = _without_groups(header)
    for match in ADJECTIVE_DELEGATION.finditer(plain):
        country = groups.country_of_adjective(match["before"] or match["after"] or "")
        # "Right of reply to the Russian statement": another delegation's words
        replying = re.search(r"\b(?:to|on|against|about|à|sur|a|sobre)\s+(?:the|la|le|l['’]|el)?\s*$",
                             plain[max(0, match.start() - 30):match.start()], re.IGNORECASE)
        if country and not replying:
            stated.append((country, f"the header speaks of the {match.group(0)}"))
    for country, _start, _written in _names(speaker_title or "", any_case):
        if not _presiding(speaker_title):
            stated.append((country, "named in the speaker's title"))
    found = _settle(_strongest(stated), "stated")
    if found:
        return found
    found = _organisation(header)
    if found:
        return found

    body = " ".join(paragraphs)
    for country, start, written in _names(body, False):
        if ADDRESSED.search(body[max(0, start - WINDOW):start]) or SUBJECT.search(body[max(0, start - 60):start]):
            others.add(country)
    presiding = _presidency(paragraphs[:1])
    if presiding:
        return Decision(presiding, "stated", "the opening says it holds the group's presidency", [presiding])
    claims = _stance_claims(paragraphs, others)
    found = _settle(claims, "inferred")
    if found:
        return found
    if NATIONAL_OFFICE.search(header):
        found = _dominant_subject(paragraphs, others)
        if found:
            return found
    return _publisher(page or header) or Decision()


def _publisher(page: str) -> Decision | None:
    """The state whose national language the page around the statement is written in.

    Habit: a government publishes its delegation's statements on its own
    site, with the title, dateline and notes in the national language
    ("Anförande av socialminister ... på FN:s ...", "Det talade ordet
    gäller") even when the speech itself is in English. A language that is
    official and spoken by most people in one state only names that state;
    one that several states or the UN use ("de", "ko", "fr") names none.
    """
    found = language.publishing_state(page)
    state = groups.country_of_code(found[1]) if found else None
    if not state:
        return None
    code = found[0]
    return Decision(state, "inferred", f"the page around the statement is written in {code!r}, "
                                       f"the national language of {state} alone", [state])


# Organisations with a delegation of their own at the UN, which takes the floor itself.
ORGANISATIONS = ("European Union", "African Union")
ORGANISATION_DELEGATION = re.compile(
    rf"\b(?:Head\s+of\s+(?:the\s+)?)?(?:Permanent\s+Observer\s+Mission|{AGENT})\s+of\s+the\s+"
    rf"(?P<name>{'|'.join(ORGANISATIONS)})\b", re.IGNORECASE)


def _organisation(header: str) -> Decision | None:
    """An organisation whose own delegation speaks, when the header names no state that does.

    Habit: since 2011 the European Union's delegation to the UN delivers the
    Union's statements itself ("by H.E. Ambassador ..., Head of the
    Delegation of the European Union to the United Nations"); the African
    Union's observer mission does the same. A state holding a presidency
    that speaks for the Union is named as a state and decided above.
    """
    match = ORGANISATION_DELEGATION.search(header)
    if not match:
        return None
    name = groups.canonical_group(match["name"]) or match["name"]
    return Decision(name, "stated", "the header names the organisation's own delegation", [name])


# A header naming a national office ("Minister for Foreign Affairs") says a
# state speaks even when it leaves the state unnamed.
NATIONAL_OFFICE = re.compile(
    r"\b(?:Minister|Ministre|Ministro|Prime\s+Minister|President|Président|Presidente|"
    r"Vice[- ]President|Foreign\s+Secretary|Secretary\s+of\s+State|Permanent\s+Representative|"
    r"Représentant\s+permanent|Representante\s+Permanente|Ambassador|Ambassadeur|Embajador|"
    r"National\s+Statement|Déclaration\s+nationale|Declaración\s+nacional)\b",
    re.IGNORECASE,
)
MIN_SUBJECT_SENTENCES = 3
SUBJECT_LEAD = 3  # the speaking state opens this many times more sentences than any other
# What a speech says of a state it accuses, never of its own.
ACCUSATION = re.compile(
    r"\b(?:aggress\w*|inva\w*|war|attack\w*|violat\w*|occup\w*|illegal\w*|crimes?|veto\w*|annex\w*|"
    r"bomb\w*|kill\w*|sanction\w*|threat\w*|refus\w*|block\w*)\b",
    re.IGNORECASE,
)


def _dominant_subject(paragraphs: list[str], others: set[str]) -> Decision | None:
    """The state a speech keeps naming as its subject or owner, under a header naming a national office.

    Habit: a minister's speech whose header names only the office names its
    own country again and again, as the subject of a sentence ("Australia
    has long-standing ties ...", "Australia will continue ...") or as the
    owner of what it describes ("Singapore's water journey", "Singapore's
    National Water Agency"). A speech also names a state it accuses that way
    ("Russia has invaded ...", "Russia's war"), and one it defends
    ("Ukraine's sovereignty" in a sentence on the war), so any sentence naming
    a state with an accusation rules it out, and the lead over every other
    state must be wide.
    """
    subjects, accused = {}, set()
    for text in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            named = set()
            found = groups.country_at_start(sentence)
            if found and re.match(r"\s+[a-z]", sentence[len(found[1]):]):
                named.add(found[0])
            for country, offset, written in groups.find_country_names(sentence):
                if re.match(r"['’]s\b", sentence[offset + len(written):]):
                    named.add(country)
            for country in named - others:
                subjects[country] = subjects.get(country, 0) + 1
            if ACCUSATION.search(sentence):
                accused |= {country for country, _, _ in groups.find_country_names(sentence)}
    ranked = sorted(subjects.items(), key=lambda item: -item[1])[:2]
    if not ranked or ranked[0][1] < MIN_SUBJECT_SENTENCES or ranked[0][0] in accused:
        return None
    if len(ranked) > 1 and ranked[0][1] < SUBJECT_LEAD * ranked[1][1]:
        return Decision(None, "missing", "", [name for name, _ in ranked])
    name, count = ranked[0]
    return Decision(name, "inferred", f"the header names a national office but no state, and {count} "
                                      f"sentences of the body have {name} as their subject or owner", [name])


def _header_role(before: str, after: str, speaker: str | None) -> str | None:
    """Why a name in the header is the speaker, "not:<role>" when it plays another part, or None."""
    if INTRODUCED.search(before):
        return "the header introduces the statement as given by it"
    if OFFICE_OF.search(before):
        held = _speakers_office(before, speaker) or _speaker_follows(after, speaker)
        return "the speaker's office is held for it" if held else "not:dignitary"
    if ON_BEHALF.search(before) and not re.match(r"\s*(?:,|and|et|y|e)\s", after):
        return "the header says the statement is given on its behalf"
    if ACTING_FOR.search(before):
        return "the header names its mission or representative"
    if NAME_THEN_STATEMENT.match(after):
        return "the header calls the statement or delegation its own"
    if _AFTER_CITY.search(before) and groups.find_city(before[-40:]):
        return "not:place"
    if SUBJECT.search(before[-60:]) or ABOUT.search(before[-60:]) or ADDRESSED.search(before):
        return "not:subject"
    if _letterhead(before, after):
        return "the header opens with its name, as a letterhead"
    return None


def _speakers_office(before: str, speaker: str | None) -> bool:
    """Whether the office just before a name is the speaker's: the speaker is the last person named before it."""
    if not speaker:
        return False
    surname = speaker.split()[-1]
    at = before.rfind(surname)
    return at >= 0 and not _HONOUR.search(before[at + len(surname):])


def _speaker_follows(after: str, speaker: str | None) -> bool:
    """Whether the speaker's name follows the office and its state: "Canciller de Chile, Alberto van Klaveren"."""
    return bool(speaker) and re.match(r"\s*,?\s*", after) is not None and after.lstrip(" ,").startswith(speaker)


def _letterhead(before: str, after: str) -> bool:
    """A header item that is nothing but a state in its formal style ("REPUBLIC OF NAMIBIA") heads its paper.

    Only in the formal style: a bare name over a statement ("Syria") is the
    topic a web page files it under. Only as the first or second item: a
    name further down is a place or a list.
    """
    item_start = re.search(rf"(?:^|,\s*){STYLE}\s+{_OF}\s*{_ARTICLE}$", before, re.IGNORECASE)
    if not item_start or not re.match(r"\s*(?:,|$)", after):
        return False
    return before[: item_start.start()].count(",") <= 1


def _presiding(title: str | None) -> bool:
    return bool(title and re.search(r"President\s+of\s+the\s+.*(?:Assembly|Council)|Secretary[- ]General",
                                    title, re.IGNORECASE))


def _stance_claims(paragraphs: list[str], others: set[str]) -> list[tuple[str, str]]:
    """States that open a sentence as the one taking a stand ("Iceland thanks ...", "中国将 ...").

    Habit: a delegation speaks of itself by name in the third person with
    verbs of taking a stand (thanks, welcomes, recommends, aligns itself,
    votes); a state it talks about is the subject of other verbs ("Ethiopia
    has ratified"), so the verbs, not the name, decide. A clause opener
    ("In Yemen, Iceland calls ...", "As a consequence of the late
    publication of the report, Norway has no comments") is allowed before
    the name.
    """
    claims = []
    for text in paragraphs:
        for sentence in re.split(r"(?<=[.!?。；;])\s*", text):
            opening = re.match(r"(?:[^,，]{1,80}[,，]\s*)?", sentence).end()
            for start in {0, opening}:
                # "The United Kingdom condemns", "La France salue", "El Perú reitera"
                article = re.match(r"(?:The|La|Le|El|Los|Les|A|O|Os)\s+", sentence[start:])
                if article and groups.country_at_start(sentence[start + article.end():]):
                    start += article.end()
                found = groups.country_at_start(sentence[start:])
                if not found or found[0] in others:
                    continue
                # "Norway and Denmark thank ...": a joint statement; every state named takes the stand
                joint, end = [found[0]], start + len(found[1])
                more = JOINED.match(sentence, end)
                while more and groups.country_at_start(sentence[more.end():]):
                    name, written = groups.country_at_start(sentence[more.end():])
                    joint.append(name)
                    end = more.end() + len(written)
                    more = JOINED.match(sentence, end)
                if found[1] in SELF_NAMES or STANCE.match(sentence[end:]):
                    claims += [(name, f"the body has it speak in the third person "
                                      f"({sentence[start:start + 60].strip()!r})") for name in joint]
                    break
    return claims


def _presidency(opening: list[str]) -> str | None:
    """The state that says it holds a group's presidency ("The United Kingdom currently occupies ...")."""
    for text in opening:
        # at a sentence's start: "we thank Malta, which holds the presidency" is another state
        match = re.search(r"(?:^|[.!?]\s+)(?:The\s+)?([A-Z][\w' -]{2,60}?)\s+(?:currently\s+)?(?:holds|occupies|has)\s+"
                          r"the\s+presidency", text)
        if match and groups.canonical_country(match.group(1)):
            return groups.canonical_country(match.group(1))
    return None


# A letterhead names the state whose paper it is, which is most often the
# speaker's, but a header saying "Statement by X" says it outright.
WEAKER_ROLES = ("the header opens with its name, as a letterhead",)


def _strongest(claims: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The claims made in the strongest roles: a letterhead counts only when nothing else names a speaker."""
    strong = [claim for claim in claims if claim[1] not in WEAKER_ROLES]
    return strong or claims


def _settle(claims: list[tuple[str, str]], status: str) -> Decision | None:
    """One state claimed: the decision; several: no delegation, the candidates kept."""
    if not claims:
        return None
    names = list(dict.fromkeys(name for name, _ in claims))
    if len(names) == 1:
        return Decision(names[0], status, claims[0][1], names)
    return Decision(None, "missing", "", names)


def _names(text: str, any_case: bool) -> list[tuple[str, int, str]]:
    """(canonical name, offset, name as written) of each state named, groups' own names blanked."""
    return groups.find_country_names(_without_groups(text), any_case=any_case)


def _without_groups(text: str) -> str:
    """Text with group names blanked: "China" in "G-77 and China" names no delegation."""
    for written, offset in reversed(groups.find_groups(text)):
        text = text[:offset] + " " * len(written) + text[offset + len(written):]
    return text


def _mostly_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
