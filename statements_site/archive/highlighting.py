"""Search hits marked in text as written: whole paragraphs (statement and compare pages) and the
snippets of search results, the same on both databases.

A word is marked when one of its index words (wordforms.py), in any language of its script, is
one the search looks for; in Chinese, the characters of each matching two-character piece.
Everything is escaped here; only the <mark> tags are markup.
"""
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import wordforms

WORD = wordforms.WORD
SHORT_PARAGRAPH = 320  # characters: a paragraph this short is its own snippet
SNIPPET_CHARS = 280  # a long paragraph's snippet: about 40 words around its first hit
SNIPPET_LEAD = 70  # characters shown before the first hit


def hit_spans(text, query, after_first=None):
    """[(start, end)] of the words of `text` that `query` finds, as written: a word whose index
    word, in any language of its script, is one the query looks for; in Chinese, the characters
    of each matching two-character piece (and a single character searched for). With `after_first`,
    words starting more than that many characters after the first hit are not looked at (a
    snippet shows no more): a snippet's paragraph is read up to its window, not to its end."""
    if not query:
        return []
    if "" not in query.marks:
        query.marks[""] = query.highlighter()
    exact, prefixes = query.marks[""]
    characters = {prefix for prefix in prefixes if wordforms.is_single_han(prefix)}
    prefixes = tuple(prefix for prefix in prefixes if prefix not in characters)

    def wanted(token):
        return token in exact or (prefixes and token.startswith(prefixes))

    def marked(part):
        if part not in query.marks:
            query.marks[part] = any(wanted(token) for token in wordforms.written_forms(part))
        return query.marks[part]

    spans = []
    marks = query.marks
    if not wordforms.HAN.search(text):
        # No Chinese in the text (most paragraphs): each word is one part, looked up as a whole.
        stop = len(text)
        for match in WORD.finditer(text):
            if match.start() > stop:
                break
            word = match.group()
            known = marks.get(word)
            if known is None:
                known = marked(word)
            if known:
                if not spans and after_first is not None:
                    stop = match.start() + after_first
                spans.append(match.span())
        return spans  # in order and apart: words do not overlap
    for match in WORD.finditer(text):
        word, offset, last = match.group(), match.start(), 0
        if word in marks and not marks[word]:
            continue  # the commonest case: a word already seen, not one to mark
        for run in [*wordforms.HAN.finditer(word), None]:
            end = run.start() if run else len(word)
            part = word[last:end]  # the letters before this Chinese run (or after the last one)
            if part and marked(part):
                spans.append((offset + last, offset + end))
            if run is None:
                break
            han, start = run.group(), offset + run.start()
            for i, character in enumerate(han):
                if character in characters or character in exact:
                    spans.append((start + i, start + i + 1))
                if i + 1 < len(han) and wanted(han[i:i + 2]):
                    spans.append((start + i, start + i + 2))
            last = run.end()
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def with_marks(text, spans, start=0, end=None):
    """Safe HTML of text[start:end] with the spans marked."""
    end = len(text) if end is None else end
    out, last = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(f"{escape(text[last:span_start])}<mark>{escape(text[span_start:span_end])}</mark>")
        last = span_end
    out.append(escape(text[last:end]))
    return mark_safe("".join(out))


def highlight(text, query):
    """Whole text with the query's words marked, for statement and compare pages. Safe HTML."""
    if not query:
        return escape(text)
    return with_marks(text, hit_spans(text, query))


def snippet(text, query):
    """A paragraph as a search result shows it: whole if short, else about 40 words from a little
    before its first hit, cut at spaces, with "…" where text is left out. Safe HTML."""
    spans = hit_spans(text, query, after_first=None if len(text) <= SHORT_PARAGRAPH else SNIPPET_CHARS)
    if len(text) <= SHORT_PARAGRAPH:
        return with_marks(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_LEAD)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", max(start, first) + 1, end)
        end = space if space != -1 else end
    html = with_marks(text, spans, start, end)
    return mark_safe(("…" if start else "") + html + ("…" if end < len(text) else ""))
