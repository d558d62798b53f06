"""How text becomes index words in the six UN languages and Portuguese, alike for paragraphs and searches.

A paragraph is indexed as its "index text": every word folded (case, accents), then reduced to a
stem by the Snowball stemmer of the paragraph's language (English, French, Spanish, Portuguese,
Russian), or for Arabic by light stemming after normalisation; Chinese (written without spaces) is
indexed as overlapping two-character pieces, so a word of two or more characters is found inside
running text as a phrase of pieces. Both databases index this text with their plain tokenizers, so
they find the same paragraphs; the stemming happens here, in Python, once per distinct word (a cache
keyed by word and language), in bulk where paragraphs are written in bulk, never inside a trigger.

A search word does not say its language, so it is looked up in the forms of every language of
its script (a Latin word as English, French, Spanish and Portuguese stems and as itself);
`forms()` gives them.

Arabic: Snowball's Arabic stemmer gives تعاون and التعاون different stems (تعاون, تعا) and cuts
بناء to ناء, so Arabic is stemmed "lightly" instead (Larkey, Ballesteros and Connell's light10:
the article and conjunction prefixes and the common suffixes), after the usual normalisation of
alef forms, ta marbuta, alef maqsura, tatweel and diacritics.
"""
import functools
import re
import unicodedata

import Stemmer

# Letters and digits, with the marks written on them (Arabic vowel marks, combining accents), which
# are part of the word as FTS5's unicode61 (remove_diacritics) reads it: a letter or digit, then any
# letters, digits and marks. Written as runs (letters and digits, then marks and letters and digits
# again) rather than one character at a time through an alternation: the same words, read in 70 % of
# the time (a result page reads every word of its snippets).
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
WORD = re.compile(f"[^\\W_]+(?:[{MARKS}]+[^\\W_]*)*")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese"}
# The languages whose stems a search word of each script is looked up as (None: unstemmed).
LATIN_LANGUAGES = ("en", "fr", "es", "pt", None)
CYRILLIC_LANGUAGES = ("ru", None)
ARABIC_LANGUAGES = ("ar", None)

ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # ية and ة are يه and ه once folded


def fold(word):
    """A word case-folded with its accents and other combining marks removed."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def arabic_stem(word):
    """light10: normalise, drop a leading و and one article prefix, then common suffixes."""
    word = word.translate(ARABIC_FOLD)
    if len(word) >= 4 and word.startswith("و"):
        word = word[1:]
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@functools.cache
def _stemmer(language):
    return Stemmer.Stemmer(SNOWBALL[language])


@functools.lru_cache(maxsize=200_000)
def word_tokens(word, language):
    """The index words for one word as written, in a paragraph of `language` (a tuple: Chinese gives
    one per pair of characters, a word mixing scripts one per part)."""
    if HAN.search(word):
        tokens = []
        last = 0
        for run in HAN.finditer(word):
            if run.start() > last:
                tokens += word_tokens(word[last:run.start()], language)
            han = run.group()
            tokens += [han] if len(han) == 1 else [han[i:i + 2] for i in range(len(han) - 1)]
            last = run.end()
        if last < len(word):
            tokens += word_tokens(word[last:], language)
        return tuple(tokens)
    lowered = word.casefold()
    if language in SNOWBALL and not lowered.isdigit():
        lowered = _stemmer(language).stemWord(lowered)
    elif language == "ar":
        lowered = arabic_stem(fold(lowered))
    return (fold(lowered).translate(ARABIC_FOLD),)


def index_text(text, language):
    """The text a paragraph of `language` is indexed as: its index words separated by spaces.

    Each distinct word is worked out once per language and kept (a dict lookup per word after
    that: 600,373 synthetic paragraphs, 420 million characters, in about 20 s of CPU)."""
    cache = _indexed.setdefault(language, {})
    words = WORD.findall(text.casefold())
    try:
        return " ".join([cache[word] for word in words])
    except KeyError:
        if len(cache) > CACHE_WORDS:
            cache.clear()
        for word in words:
            if word not in cache:
                cache[word] = " ".join(word_tokens(word, language))
        return " ".join([cache[word] for word in words])


CACHE_WORDS = 300_000  # per language; then the cache starts again
_indexed = {}


@functools.lru_cache(maxsize=20_000)
def written_forms(word):
    """Every index word a word as written may stand for, in each language of its script: what a
    search marks it by (highlighting.py). Kept for the words pages show most (a page of results
    reads 200-700 distinct words, most of them the same from one search to the next): worked out
    once per process instead of once per word, per language, per request."""
    return frozenset(token for language in script_languages(word) for token in word_tokens(word, language))


def script_languages(word):
    """The languages a search word may be in, judged by its letters."""
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        return ARABIC_LANGUAGES
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return CYRILLIC_LANGUAGES
    if HAN.search(word):
        return (None,)
    return LATIN_LANGUAGES


def forms(words, prefix=False):
    """The ways a run of search words (a word or a phrase) can appear in the index: a list of
    tuples of (index word, whether it is a prefix), one per language its script allows, without
    repeats. With `prefix` the last word is the start of a word: its stem starts with it, or is
    a stem of it a few letters shorter ("cooperati*" finds cooperation, indexed as "cooper").
    A single Chinese character is a prefix: it is indexed inside two-character pieces."""
    languages = dict.fromkeys(language for word in words for language in script_languages(word))
    found = {}
    for language in languages:
        head = [(token, is_single_han(token)) for word in words[:-1] for token in word_tokens(word, language)]
        last = words[-1] if words else ""
        tails = [[(token, is_single_han(token)) for token in word_tokens(last, language)]]
        if prefix and not HAN.search(last):
            start = fold(last.casefold()).translate(ARABIC_FOLD)
            tails = [[(start, True)]]
            tails += [[(start[:length], False)] for length in range(max(4, len(start) - 3), len(start))]
        elif prefix and tails[0]:
            tails[0][-1] = (tails[0][-1][0], True)
        for tail in tails:
            tokens = tuple(head + tail)
            if tokens:
                found[tokens] = None
    return list(found)


def is_single_han(token):
    return len(token) == 1 and bool(HAN.match(token))
