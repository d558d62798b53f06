"""Guess a statement's language from its script and its commonest small words.

The six UN official languages are enough for the archive: Arabic, Russian and
Chinese are told apart by script; English, French and Spanish by how often
their function words occur. Returns None when the text gives too little
evidence, rather than a guess.
"""

import re
import unicodedata

STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as",
           "we", "our", "this", "are", "be", "it", "by", "its", "have", "has", "will"},
    "fr": {"le", "la", "les", "des", "du", "et", "est", "que", "qui", "dans", "pour",
           "une", "nous", "sur", "au", "aux", "ce", "cette", "sont", "pas", "avec"},
    "es": {"el", "la", "los", "las", "del", "y", "es", "que", "en", "para", "por",
           "una", "con", "su", "sus", "al", "como", "nuestro", "este", "esta", "se"},
}

# Unicode script tests by character name prefix would be slow; ranges suffice.
SCRIPTS = {
    "ar": lambda ch: "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f",
    "ru": lambda ch: "\u0400" <= ch <= "\u04ff",
    "zh": lambda ch: "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf",
}

MIN_STOPWORDS = 3


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    for code, in_script in SCRIPTS.items():
        if sum(1 for ch in letters if in_script(ch)) > 0.3 * len(letters):
            return code
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text.lower()))
    scores = {code: sum(1 for w in words if w in stop) for code, stop in STOPWORDS.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    # "la" and "que" are shared by French and Spanish: demand a clear lead.
    if ranked[0] < MIN_STOPWORDS or ranked[0] < 1.3 * ranked[1]:
        return None
    return best
