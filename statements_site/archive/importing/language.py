"""Guess a statement's language from its script and its commonest small words.

The six UN official languages are enough for the archive: Arabic, Russian and
Chinese are told apart by script; English, French and Spanish by how often
their function words occur. Returns None when the text gives too little
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
