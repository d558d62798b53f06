"""The set phrases of diplomatic speech: forms of address, thanks, delivery notes.

These decide which lines are not body text: the salutation that opens a
statement ("Mr. Chairman, Excellencies and distinguished delegates,",
"Señor Presidente:"), the vocative repeated between sections ("Mr. President,"),
the closing thanks ("I thank you.", "Je vous remercie.", "Muchas gracias.") and
notes for the reader ("Check against delivery").
"""

import re

# Words that make up a form of address, case-folded, in en/fr/es.
ADDRESS_WORDS = {
    "mr", "mrs", "ms", "mdm", "madam", "madame", "monsieur", "messieurs", "mesdames",
    "señor", "señora", "señores", "señoras", "sr", "sra", "president", "presidente",
    "président", "présidente", "vice", "chair", "chairman", "chairperson", "chairwoman",
    "co", "chairs", "cochairs", "facilitator", "facilitators", "moderator",
    "secretary", "general", "secretario", "secrétaire", "général", "executive",
    "director", "directora", "directeur", "excellency", "excellencies", "your",
    "excellences", "excelencias", "excelentísimo", "excelentísimos", "distinguished",
    "delegates", "delegations", "colleagues", "representatives", "ministers",
    "honourable", "honorable", "dear", "friends", "ladies", "gentlemen", "damas",
    "caballeros", "chers", "chères", "collègues", "distingués", "délégués",
    "distinguidos", "delegados", "colegas", "estimados", "queridos", "members",
    "participants", "panelists", "high", "commissioner", "ambassadors", "all", "constituents",
    "fellow", "esteemed", "co-chairs", "bureau", "vice-chairs", "vice-presidents",
    "presidenta", "copresidentes", "coprésidents", "vicepresidente", "vice-président",
    # the singular of address in French, Spanish and Portuguese, and Portuguese forms
    "excellence", "excelencia", "excelência", "excelências", "senhor", "senhora", "senhores", "senhoras",
    "distintos", "delegados", "caros", "colegas",
    # "All protocols observed", "Tout protocole observé": a greeting that stands for the rest
    "protocol", "protocols", "observed", "protocole", "protocoles", "observé", "observés", "tout", "tous",
    # Arabic, Russian and Chinese (Chinese runs unspaced: a whole phrase is one "word")
    "السيد", "السيدة", "الرئيس", "الرئيسة", "سيدي", "سيدتي", "أصحاب", "السعادة", "المعالي",
    "الزملاء", "السيدات", "السادة", "الحضور", "الكرام", "الأعزاء",
    "господин", "госпожа", "председатель", "уважаемый", "уважаемая", "уважаемые", "коллеги",
    "дамы", "господа", "генеральный", "секретарь", "делегаты", "превосходительства",
    "主席先生", "主席女士", "主席", "各位代表", "女士们", "先生们", "各位同事", "尊敬的主席先生",
}
# Words that only qualify a form of address: "General" alone addresses no one.
MODIFIERS = {"general", "your", "vice", "co", "high", "all", "dear", "fellow",
             "distinguished", "honourable", "honorable", "esteemed", "executive",
             "bureau", "estimados", "queridos", "chers", "chères", "distingués",
             "distinguidos", "excelentísimo", "excelentísimos", "уважаемый", "уважаемая",
             "уважаемые", "генеральный", "الكرام", "الأعزاء", "observed", "observé", "observés", "tout", "tous",
             "caros"}
# Words only a greeting holds: a line in capitals with one of them addresses someone.
COURTESY_WORDS = {"mr", "mrs", "ms", "madam", "madame", "monsieur", "señor", "señora", "excellency",
                  "excellencies", "excellences", "excelencias", "distinguished", "ladies", "gentlemen",
                  "dear", "honourable", "honorable", "esteemed", "distingués", "distinguidos"}
CONNECTIVES = {"and", "et", "y", "e", "of", "the", "de", "la", "le", "les", "del",
               "des", "du", "los", "las", "el", "to", "a"}

CLOSING = re.compile(
    r"^(?:(?:I\s+thank\s+you|thank\s+you|thanks|many\s+thanks|je\s+vous\s+remercie|"
    r"merci|muchas\s+gracias|gracias|les\s+agradezco|le\s+agradezco|"
    r"спасибо|благодарю)\b"
    # Arabic ("and thank you") and Chinese run on without a word boundary.
    r"|و?شكر|أشكرك|谢谢|謝謝|感谢各位)",
    re.IGNORECASE,
)
DELIVERY_NOTE = re.compile(
    r"^\W*(?:check\s+against\s+(?:the\s+)?delivery|as\s+delivered|"
    r"la\s+version\s+prononcée\s+fait\s+foi|seul\s+le\s+texte\s+prononcé\s+fait\s+foi|"
    r"cotejar\s+con\s+el\s+discurso\s+pronunciado|sólo\s+vale\s+el\s+texto\s+pronunciado|"
    r"verificar\s+contra\s+lectura|(?:please\s+)?check\s+against\s+delivery|"
    # Swedish, Norwegian, Danish, German, Portuguese, Russian and Chinese sites say the same
    r"det\s+talade\s+ordet\s+gäller|det\s+talte\s+ord\s+(?:gjelder|gælder)|es\s+gilt\s+das\s+gesprochene\s+wort|"
    r"faz\s+fé\s+a\s+versão\s+(?:proferida|lida)|confira\s+com\s+a\s+versão\s+(?:proferida|lida)|"
    r"сверять\s+с\s+произнесенным|проверять\s+по\s+факту\s+произнесения|以(?:实际)?(?:讲话|发言|宣读)为准)\W*$",
    re.IGNORECASE,
)
MAX_ADDRESS_WORDS = 20
MAX_CLOSING_WORDS = 12
MAX_CLOSING_CHARS = 100  # Chinese has no spaces to count words by


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)


def is_vocative(text: str) -> bool:
    """A line that only addresses people: "Mr. Chair,", "Excelencias:"."""
    stripped = text.strip()
    words = _words(stripped)
    if not words or len(words) > MAX_ADDRESS_WORDS or stripped.endswith(("!", "?")):
        return False
    # A full stop ends a sentence, except the abbreviation in "Thank you, Mr."
    if stripped.endswith(".") and not re.search(r"\b(?:Mr|Ms|Mrs|Sr|Sra|Dr)\.$", stripped):
        return False
    folded = [w.casefold() for w in words]
    if stripped.isupper() and stripped[-1].isalpha() and not COURTESY_WORDS & set(folded):
        # "PRESIDENT" / "OF THE REPUBLIC OF BOTSWANA": a title set in capitals
        # under the speaker's name, not a greeting, which carries its comma.
        return False
    if folded[0] not in ADDRESS_WORDS or not any(w in ADDRESS_WORDS - MODIFIERS for w in folded):
        return False
    unknown_lower = [
        w for w in words
        if w.casefold() not in ADDRESS_WORDS and w.casefold() not in CONNECTIVES and w[0].islower()
    ]
    names = [w for w in words if w.casefold() not in ADDRESS_WORDS | CONNECTIVES]
    # Capitalised unknown words are names or titles ("Mr. Chair, Executive Director
    # of the UNODC"); a lower-case one means a sentence has begun.
    return not unknown_lower and len(names) <= len(words) // 2 + 1


def is_closing(text: str) -> bool:
    """Closing thanks: "Thank you, Mr. Chairman.", "Muchas gracias."."""
    return (bool(CLOSING.match(text)) and len(_words(text)) <= MAX_CLOSING_WORDS
            and len(text) <= MAX_CLOSING_CHARS)


def is_delivery_note(text: str) -> bool:
    return bool(DELIVERY_NOTE.match(text))
