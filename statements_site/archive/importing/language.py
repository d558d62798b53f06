"""Guess a statement's language from its script and its commonest small words.

The six UN official languages and Portuguese are the archive's: Arabic,
Russian and Chinese are told apart by script; English, French, Spanish and
Portuguese by how often their function words occur. Returns None when the text gives too little
evidence, rather than a guess. Words French and Spanish share ("la", "que")
count for neither. detect_language_of_address reads the forms of address and
thanks ("Señor Presidente:", "Thank you."), for bodies too short to tell.
"""

import re
import unicodedata

STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as",
           "we", "our", "this", "are", "be", "it", "by", "its", "have", "has", "will"},
    "fr": {"le", "la", "les", "des", "du", "et", "est", "que", "qui", "dans", "pour",
           "une", "nous", "sur", "au", "aux", "ce", "cette", "sont", "pas", "avec",
           "notre", "nos", "ces", "ont", "été", "leur", "mais"},
    "es": {"el", "la", "los", "las", "del", "y", "es", "que", "para", "por",
           "una", "con", "su", "sus", "al", "como", "nuestro", "nuestra", "este", "esta",
           "lo", "más", "ha", "han", "sobre", "entre", "también", "hemos", "años"},
    # Portuguese, which the archive also receives (Brazil, Portugal, the Lusophone states of Africa)
    "pt": {"não", "com", "os", "do", "da", "dos", "das", "em", "ao", "aos", "uma", "são", "também",
           "pelo", "pela", "seu", "sua", "nosso", "nossa", "foi", "mais", "muito", "isso", "às", "nas"},
}
# Words two lists share ("la", "que") are evidence for neither.
_SHARED = {w for a in STOPWORDS for b in STOPWORDS if a < b for w in STOPWORDS[a] & STOPWORDS[b]}
DISTINCT = {code: words - _SHARED for code, words in STOPWORDS.items()}

# Forms of address and thanks: even a statement of one line has them.
ADDRESS_MARKERS = {
    "en": {"mr", "mrs", "ms", "madam", "chair", "chairman", "chairperson", "president",
           "thank", "thanks", "excellencies", "distinguished", "delegates", "colleagues"},
    "fr": {"monsieur", "madame", "président", "présidente", "merci", "remercie",
           "mesdames", "messieurs", "excellences", "collègues", "délégués"},
    "es": {"señor", "señora", "presidente", "presidenta", "gracias", "agradezco",
           "excelencias", "distinguidos", "delegados", "colegas"},
    "pt": {"senhor", "senhora", "obrigado", "obrigada", "excelências", "agradeço", "senhoras", "senhores"},
}

# Unicode script tests by character name prefix would be slow; ranges suffice,
# counted by one regular expression each rather than a test per character.
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"),
}
LETTER = re.compile(r"[^\W\d_]")

MIN_STOPWORDS = 3


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    letters = len(LETTER.findall(text))
    if not letters:
        return None
    for code, script in SCRIPTS.items():
        if len(script.findall(text)) > 0.3 * letters:
            return code
    return _best(_words(text), DISTINCT, MIN_STOPWORDS)


def detect_language_of_address(text: str) -> str | None:
    """The language of a salutation and closing ("Señor Presidente:", "Thank you."), or None."""
    return detect_language(text) or _best(_words(text), ADDRESS_MARKERS, 1)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text.lower()))


def _best(words: list[str], vocabulary: dict[str, set[str]], minimum: int) -> str | None:
    """The language whose words occur most, when it leads clearly; else None."""
    scores = {code: sum(1 for w in words if w in vocab) for code, vocab in vocabulary.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < minimum or ranked[0] < 1.3 * ranked[1]:
        return None
    return best


# --- the language a page is published in, and the state that publishes in it ----------

MIN_IDENTIFY_LETTERS = 20
MIN_IDENTIFY_CONFIDENCE = 0.9
# Languages of the UN and of many states: a page in one of them tells no publisher.
SHARED_LANGUAGES = {"en", "fr", "es", "ar", "ru", "zh", "pt", "de", "nl", "it"}
# CLDR territories that are not states: a language official there (Swedish on
# Åland, Norwegian on Svalbard) still belongs to one state only.
NOT_STATES = {"AX", "SJ", "FO", "GL", "AW", "CW", "SX", "BQ", "GF", "GP", "MQ", "YT", "RE", "PM", "BL",
              "MF", "NC", "PF", "WF", "GU", "AS", "MP", "PR", "VI", "UM", "IO", "SH", "AI", "BM", "VG",
              "KY", "FK", "GI", "GG", "JE", "IM", "MS", "TC", "PN", "CK", "NU", "TK", "NF", "CX", "CC",
              "HK", "MO", "EH", "XK", "TW", "EU", "EZ", "UN"}
MAJORITY_PERCENT = 50
# py3langid's codes for languages CLDR files under another: Norwegian Bokmål is "no" there.
CLDR_CODES = {"nb": "no", "nn": "no"}
_identifier = None


def _ranked(text: str) -> list[tuple[str, float]]:
    """(language code, probability) for text in any of some 97 languages, best first, by py3langid.

    Loaded on first use: the model takes half a second to load, and most
    statements never need it.
    """
    global _identifier
    if len(LETTER.findall(text)) < MIN_IDENTIFY_LETTERS:
        return []
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier.rank(text)


def publishing_state(text: str) -> tuple[str, str] | None:
    """(language, CLDR code of the state) when text is surely in the national language of one state only.

    The probabilities of languages that name the same state add up: Bokmål
    and Nynorsk are both Norwegian.
    """
    by_state, language_of = {}, {}
    for code, probability in _ranked(text)[:5]:
        state = only_state_speaking(CLDR_CODES.get(code, code))
        if state:
            by_state[state] = by_state.get(state, 0.0) + probability
            language_of.setdefault(state, code)
    for state, probability in by_state.items():
        if probability >= MIN_IDENTIFY_CONFIDENCE:
            return language_of[state], state
    return None


def _states_by_language() -> dict[str, set[str]]:
    """Language -> CLDR codes of the states where it is official and spoken by most people."""
    from babel import Locale
    from babel.languages import get_territory_language_info

    found = {}
    for code in Locale.parse("en").territories:
        if not (code.isalpha() and len(code) == 2) or code in NOT_STATES:
            continue
        for language, info in get_territory_language_info(code).items():
            if (info["official_status"] in ("official", "de_facto_official")
                    and info["population_percent"] >= MAJORITY_PERCENT):
                language = language.split("_")[0]
                found.setdefault(CLDR_CODES.get(language, language), set()).add(code)
    return found


_STATES_BY_LANGUAGE = None


def only_state_speaking(language: str | None) -> str | None:
    """The CLDR code of the one state whose national language this is ("sv" -> "SE"), else None.

    A language that several states share ("de", "ko", "el") or that the UN
    and many states use names no one state.
    """
    global _STATES_BY_LANGUAGE
    if not language or language in SHARED_LANGUAGES:
        return None
    if _STATES_BY_LANGUAGE is None:
        _STATES_BY_LANGUAGE = _states_by_language()
    states = _STATES_BY_LANGUAGE.get(language, set())
    return next(iter(states)) if len(states) == 1 else None
