"""Spelling suggestions from the archive's own words: "cooperaton" → "Did you mean cooperation?".

For a search that found nothing, each of its words that no paragraph has is replaced by the most
frequent word of the index one edit away (a letter missing, extra, wrong or two swapped), if any.
Candidates are looked up, as the stems the index holds, in one query against its vocabulary with the number of
paragraphs each word is in (migration 0010): SQLite reads its FTS5 index through fts5vocab,
PostgreSQL a table of words its triggers keep in step.
"""
import string

from django.db import connection

from . import search, wordforms

MIN_LENGTH = 4  # shorter words are one edit away from too many others to guess well
# Longer words are not corrected, and only the first few words of a search: the candidates of one
# 20-letter word are about 1,600 strings, and every one is a parameter of the vocabulary query.
MAX_LENGTH = 20
MAX_WORDS = 6
# A word in this many paragraphs or more is public (drafts are few) and not checked: checking a
# word of 200,000 paragraphs read all their ids (100 ms at 50,000 statements).
CHECKED_BELOW = 1000
# The letters a missing or wrong one may be, by script: every candidate costs a lookup.
LATIN = set(string.ascii_lowercase)
CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщъыьэюя")


def one_edit_away(word):
    """Every string one deleted, swapped, replaced or inserted letter from `word`."""
    letters = set(word) | (CYRILLIC if CYRILLIC & set(word) else LATIN if word.isascii() else set())
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {head + tail[1:] for head, tail in splits if tail}
    found |= {head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1}
    found |= {head + ch + tail[1:] for head, tail in splits if tail for ch in letters}
    found |= {head + ch + tail for head, tail in splits for ch in letters}
    found.discard(word)
    return found


# The index's words with the number of paragraphs each is in, per database (migration 0010).
VOCABULARY_SQL = {
    "sqlite": "SELECT term, doc FROM archive_paragraph_fts_vocab WHERE term IN ({})",
    "postgresql": "SELECT word, paragraphs FROM archive_search_word WHERE word IN ({}) AND paragraphs > 0",
}
WORD = wordforms.WORD  # letters and digits, as the index splits text
OPERATORS = {"OR", "AND", "NOT"}


def paragraph_counts(words):
    """{word: number of paragraphs with it} for those of `words` the index has."""
    if not words:
        return {}
    words = sorted(words)
    with connection.cursor() as cursor:
        cursor.execute(VOCABULARY_SQL[connection.vendor].format(", ".join(["%s"] * len(words))), words)
        return dict(cursor.fetchall())


def searched_words(text):
    """The words of a search that must be found, folded as the index folds them: not excluded
    words (-word), operators, or the beginning of a prefix (cyber*)."""
    words = []
    for chunk in text.replace('"', " ").split():
        if chunk in OPERATORS or chunk.startswith("-"):
            continue
        found = WORD.findall(chunk)
        words += found[:-1] if chunk.endswith("*") else found
    words = [word for word in dict.fromkeys(search.fold(word) for word in words) if MIN_LENGTH <= len(word) <= MAX_LENGTH]
    return words[:MAX_WORDS]


def index_forms(word):
    """The index words `word` may be stored as: its stem in each language of its script (a list,
    one per language, with repeats)."""
    return [wordforms.word_tokens(word, language)[0] for language in wordforms.script_languages(word)]


def suggest(text, statements=None):
    """The search `text` with its unknown words corrected, or '' when there is nothing to suggest.

    The index holds stems (wordforms.py), so a word is known when one of its stems is, and a
    candidate counts as many paragraphs as its most frequent stem (ties: see rank). One query to the vocabulary: the stems of the words as
    typed and of every candidate one edit from each. With `statements`, one more for each rare
    correction checks that it is in one of them: the index also holds the words of drafts, which
    must neither show nor be suggested."""
    words = searched_words(text)
    candidates = {word: one_edit_away(word) for word in words}
    forms = {word: index_forms(word) for word in set(words).union(*candidates.values())}
    counts = paragraph_counts({form for found in forms.values() for form in found})

    def count(word):
        return max((counts.get(form, 0) for form in forms[word]), default=0)

    def rank(word):
        """Most frequent first; then the one more languages read as that stem ("cooperation" is an
        English and a French word, "cooperaron" only a Spanish one); then alphabetically."""
        best = count(word)
        return (-best, -sum(counts.get(form, 0) == best for form in forms[word]), word)

    corrections = {}
    for word in words:
        if count(word):
            continue
        found = [rank(candidate) for candidate in candidates[word] if count(candidate)]
        if found:
            best = min(found)[-1]
            if statements is None or count(best) >= CHECKED_BELOW or finds(best, statements):
                corrections[word] = best
    if not corrections:
        return ""
    return WORD.sub(lambda match: corrections.get(search.fold(match.group()), match.group()), text)


def finds(word, statements):
    """Whether `word` is in a paragraph of `statements` (one EXISTS query; it keeps no hits, so
    the request's own search is left as it is)."""
    # From the word's few paragraphs to their statements: `paragraph.statement_id IN (statements)`
    # would list every chosen statement first (50,000 of them unfiltered).
    query = search.parse(f'"{word}"')
    return statements.filter(paragraphs__pk__in=search.paragraph_ids(query)).exists()
