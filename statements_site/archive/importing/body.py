"""Cut a statement's text into units: candidate paragraphs with their labels.

The text may come from a word processor (one line per paragraph), a PDF (hard
wrapped, no blank lines, page furniture) or OCR (stray characters, page
numbers that look like paragraph numbers). The rules here are about how such
texts are laid out, never about any one file:

- page numbers and lines repeated at the top or bottom of every page are
  furniture: dropped and reported;
- a line opening with the next number in sequence ("6.", "6)", "6 ", "6.In")
  starts a numbered paragraph; "(a)", "a)", "(iv)" and "IV." start list items;
- hard-wrapped lines are joined with single spaces; a short line ending a
  sentence ends the paragraph, unless the writer separates paragraphs with
  blank lines throughout;
- a paragraph broken mid-sentence by a blank line or page break is rejoined.

Each unit is a dict {"label", "text", "lines", "kind"} (lines as printed,
which the header reader needs to see where a header line ends); kind is "text" for body text
and is refined by the caller (salutation, vocative, closing, header, ...).

A little under 500 lines because the layout rules above are one pass over the lines: furniture,
labels, wrapping and rejoining each depend on what the others decided about the same line.
"""

import html
import re

from . import dates

# Sentence ends, with the full-width forms of Chinese and the Arabic question mark.
TERMINAL = re.compile(r"""[.!?:;…。！？：；؟]["'”’»)\]」』]*\s*$|[.!?]\s*\d{1,3}\s*$""")
# Words a sentence cannot end on: a chunk ending with one continues.
CONTINUING_WORDS = {
    "the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "with", "by", "at",
    "from", "as", "that", "which", "within", "into", "its", "their", "our", "this",
    "is", "are", "be", "de", "la", "le", "les", "des", "du", "et", "y", "el", "los",
    "las", "del", "en", "con", "por", "para", "que", "un", "una", "à", "au", "aux",
}
BULLET = re.compile(r"^[•·▪●◦‣∙*–—-]\s+")

PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|página|pág\.)\s*\d{1,4}(?:\s*(?:of|/|de|sur)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)
BARE_NUMBER_LINE = re.compile(r"^\d{1,3}\.?$")
# Wrapped text: lines no wider than this, and this share of the long ones
# (MIN_WRAPPED_LINE characters or more) stopping in mid-sentence.
MAX_WRAP_WIDTH = 150
MIN_WRAPPED_LINE = 40
WRAPPED_SHARE = 0.4

_INT_LABEL = re.compile(r"^(\d{1,3})(?:[.)](?!\d)\s*|\s+)(?=\S)")
_LETTER_LABEL = re.compile(r"^(?:\(([a-z]{1,2}|[ivxlc]{1,6})\)|([a-z])\))\s+(?=\S)")
_ROMAN_LABEL = re.compile(r"^([IVXL]{1,5})\.\s+(?=[A-Z])")
# Other numberings writers use: "(1)", "1.1", "A.", and Chinese "一、" / "（二）".
_PAREN_INT_LABEL = re.compile(r"^\((\d{1,3})\)\s+(?=\S)")
_DECIMAL_LABEL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(?=[A-Z\"“‘(À-Ý])")
_CAPITAL_LABEL = re.compile(r"^([A-H])\.\s+(?=[A-ZÀ-Ý])")
_CJK_NUMERALS = "一二三四五六七八九十"
_CJK_LABEL = re.compile(rf"^[（(]?([{_CJK_NUMERALS}]{{1,3}})[、．.)）]\s*(?=\S)")
# A bare number ("6 The world ...") only counts before a capital, quote or "|"
# (OCR's "I"), so wrapped lines starting "30 member States" are not labels.
_BARE_FOLLOW = re.compile(r"^[A-Z\"“‘'|¡¿(À-Ý]")


def quote(text: str) -> str:
    """Quote text for a warning without escaping it: every word stays findable."""
    return f"'{text}'"


def normalise(text: str) -> list[list[str]]:
    """Pages of stripped lines; whitespace runs collapsed, odd line breaks unified."""
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x1c\x1d\x1e\x85]", "\n", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = plain_markup(text)
    pages = []
    for page in text.split("\f"):
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in page.split("\n")]
        # Markdown headings from web mirrors: the "#" is markup, not text.
        lines = [re.sub(r"^#{1,6} (?=\S)", "", line) for line in lines]
        pages.append(lines)
    return pages


ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# "**bold**", "__bold__": "__" only at a word's edge, since "_" is part of a word.
EMPHASIS = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")


def plain_markup(text: str) -> str:
    """Text copied from web pages and Markdown without its markup.

    Habit: pages mirrored from government sites keep HTML entities
    ("Singapore&#39;s", "&quot;"), Markdown emphasis around numbers and
    lead sentences ("6 **First, ...**") and escaped characters ("\\*\\*\\*"); the
    words are what was said, the marks are not.
    """
    if "&" in text:
        text = ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if "\\" in text:
        text = re.sub(r"\\([*_#\[\]()>`-])", r"\1", text)
    return EMPHASIS.sub("", text)


# A Markdown thematic break ("***", "---") between sections: no text.
THEMATIC_BREAK = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$|^(?:_\s*){3,}$")


def furniture_lines(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) positions of page numbers and running headers/footers."""
    found = set()
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            if PAGE_NUMBER.match(line) or THEMATIC_BREAK.match(line):
                found.add((p, i))
    if len(pages) < 2:
        return found
    # A line near the top or bottom of two or more pages, digits aside, repeats.
    seen = {}
    for p, lines in enumerate(pages):
        filled = [i for i, line in enumerate(lines) if line]
        for i in filled[:2] + filled[-2:]:
            key = re.sub(r"\d+", "#", lines[i].lower())
            seen.setdefault(key, set()).add((p, i))
    for positions in seen.values():
        if len({p for p, _ in positions}) >= 2:
            found |= positions
    return found


FOOTNOTE = re.compile(r"^(\d{1,2})\s+(?=\S)")
FOOTNOTE_LINES = 4


def footnote_lines(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) positions of footnotes: the foot of a page, keyed to a mark above.

    Habit: a PDF prints a footnote as a line at the foot of the page opening
    with its number ("1 A/79/1, para. 12"), and the text extracted from the
    page carries the mark glued to the word or stop it follows ("crisis.1").
    A numbered paragraph has no such mark above it.
    """
    found = set()
    for p, lines in enumerate(pages):
        filled = [i for i, line in enumerate(lines) if line and not PAGE_NUMBER.match(line)]
        foot = filled[-FOOTNOTE_LINES:]
        for position, i in enumerate(foot):
            match = FOOTNOTE.match(lines[i])
            if not match:
                continue
            above = " ".join(lines[j] for j in filled if j < i)
            # the mark follows a small letter or a stop ("crisis.1"), never a capital ("G7")
            if re.search(rf"(?:[a-zà-ÿ]|[a-zà-ÿ][.,;:”\"’)]){match.group(1)}(?!\d)", above):
                # the note runs on to the foot of the page
                found |= {(p, j) for j in foot[position:]}
                break
    return found


def bare_numbers_are_page_numbers(pages: list[list[str]]) -> bool:
    """Whether lines holding only a number are page numbers rather than labels.

    Labels on their own line precede most paragraphs; page numbers are rare.
    """
    lines = [line for page in pages for line in page if line]
    bare = sum(1 for line in lines if BARE_NUMBER_LINE.match(line))
    return bare > 0 and bare < 0.3 * (len(lines) - bare)


WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


# Scripts written without spaces between words (Chinese, Japanese kana, their punctuation).
UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]")
# A word for checking that no text is lost: a run of letters, or one character of a script without spaces.
WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|(?:(?![\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])\w)+")


def columns(line: str) -> int:
    """How wide a line is printed: a Chinese, Japanese or Korean character takes two columns.

    Habit: CJK text runs without spaces and a character carries about a
    word's worth, so a line of 36 characters is as long as a Latin line of 72;
    counted as 36, every CJK paragraph would look like a short wrapped line.
    """
    return len(line) + len(WIDE.findall(line))


def line_width(lines: list[str]) -> int:
    """The width text was wrapped at (90th percentile of line lengths, in columns)."""
    lengths = sorted(columns(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def is_hard_wrapped(lines: list[str], width: int) -> bool:
    """Whether the text was wrapped at a margin rather than written a paragraph a line.

    Short lines alone do not tell: a statement of one-sentence paragraphs has
    short lines too. What wrapping leaves behind is long lines that stop in
    mid-sentence; in one-paragraph-a-line text only a header line or two does.
    """
    if not 0 < width <= MAX_WRAP_WIDTH:
        return False
    long_lines = [line for line in lines if columns(line) >= MIN_WRAPPED_LINE]
    if not long_lines:
        return True  # nothing but short lines: treat breaks as wrapping, which loses no text
    broken = sum(1 for line in long_lines if not ends_sentence(line))
    return broken >= WRAPPED_SHARE * len(long_lines)


class LabelSequence:
    """Accepts paragraph numbers only when they continue the sequence.

    The first number may be anything (verbatim records continue the meeting's
    numbering: 59, 60, ...); after that a number must be the next one, or 1
    to start a new list. Bare numbers without a period must always follow on.
    """

    def __init__(self):
        self.last = None
        self.last_decimal = None
        self.last_capital = None

    def match(self, line: str) -> tuple[str, str] | None:
        """(label, rest of line) when the line opens with a label, else None."""
        m = _DECIMAL_LABEL.match(line)
        if m:
            number = (int(m.group(1)), int(m.group(2)))
            if self._accepts_decimal(number):
                self.last_decimal = number
                return f"{number[0]}.{number[1]}", line[m.end():]
            return None
        m = _PAREN_INT_LABEL.match(line)
        if m and self._accepts(int(m.group(1)), bare=False):
            self.last = int(m.group(1))
            return m.group(1), line[m.end():]
        m = _CAPITAL_LABEL.match(line)
        if m and (m.group(1) == "A" if self.last_capital is None else ord(m.group(1)) == ord(self.last_capital) + 1):
            self.last_capital = m.group(1)
            return m.group(1), line[m.end():]
        m = _CJK_LABEL.match(line)
        if m:
            return m.group(1), line[m.end():]
        m = _INT_LABEL.match(line)
        if m:
            number = int(m.group(1))
            bare = not re.match(r"\d+[.)]", line)
            rest = line[m.end():]
            if bare and not _BARE_FOLLOW.match(rest):
                return None
            if self._accepts(number, bare):
                self.last = number
                return m.group(1), rest
            return None
        m = _LETTER_LABEL.match(line) or _ROMAN_LABEL.match(line)
        if m:
            return next(g for g in m.groups() if g), line[m.end():]
        return None

    def _accepts_decimal(self, number: tuple[int, int]) -> bool:
        """"1.1", "1.2", "2.1": the next sub-number, or the first of the next number."""
        if self.last_decimal is None:
            return number[1] == 1
        major, minor = self.last_decimal
        return number in ((major, minor + 1), (major + 1, 1))

    def _accepts(self, number: int, bare: bool) -> bool:
        if self.last is None:
            return number == 1 if bare else number < 1000
        return number == self.last + 1 or (number == 1 and not bare)


def is_date_line(line: str) -> bool:
    """A line that is only a date ("7. mars 2023", "12.12.2014"): a dateline, never a numbered paragraph."""
    if len(line) > MAX_DATE_LINE or not YEAR.search(line):
        return False
    found = dates.find_dates(line)
    return bool(found) and len(re.sub(r"\W", "", line[: found[0][1][0]] + line[found[0][1][1]:])) <= 4


MAX_DATE_LINE = 40
YEAR = re.compile(r"(?:19|20)\d\d")


def ends_sentence(text: str) -> bool:
    return bool(TERMINAL.search(text))


def continues(previous: str, following: str) -> bool:
    """Whether following is the rest of a sentence that previous broke off."""
    if not previous or not following or ends_sentence(previous):
        return False
    if following[0].islower():
        return True
    last_word = re.findall(r"\w+", previous.lower())[-1:] or [""]
    return previous.endswith((",", "-", "–")) or last_word[0] in CONTINUING_WORDS


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines with single spaces, mending words hyphenated at the break.

    Chinese and Japanese put no space between words, so a line break
    between two of their characters is joined with none.
    """
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line  # "capacity-" + "building": keep the hyphen, drop the break
        elif text and UNSPACED.match(text[-1]) and UNSPACED.match(line[:1]):
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def split_units(pages: list[list[str]], stands_alone, warnings: list[str]) -> list[dict]:
    """Units of the text in order; furniture is dropped and reported in warnings.

    stands_alone(line) says whether a line is a unit by itself even inside a
    block (a vocative, a closing, an agenda line).
    """
    furniture = furniture_lines(pages)
    footnotes = footnote_lines(pages) if len(pages) > 1 else set()
    bare_is_furniture = bare_numbers_are_page_numbers(pages)
    all_lines = [line for page in pages for line in page]
    width = line_width(all_lines)
    hard_wrapped = is_hard_wrapped([line for line in all_lines if line], width)
    labels = LabelSequence()
    units, current = [], None
    for p, lines in enumerate(pages):
        current = _close(units, current)
        after_blank = False
        for i, line in enumerate(lines):
            dropped = (p, i) in furniture or (bare_is_furniture and BARE_NUMBER_LINE.match(line))
            if dropped:
                warnings.append(f"dropped page furniture: {quote(line)}")
            elif (p, i) in footnotes and line:
                dropped = True
                warnings.append(f"dropped footnote: {quote(line)}")
            if not line or dropped:
                current = _close(units, current)
                after_blank = not line
                continue
            started = current is None
            current = _add_line(units, current, line, labels, stands_alone, hard_wrapped, width)
            if started and current is not None:
                current["after_blank"] = after_blank
            after_blank = False
    _close(units, current)
    if hard_wrapped:
        units = _blank_lines_separate(units, width)
    return [
        {"label": u["label"], "text": join_lines(u["lines"]), "lines": u["lines"],
         "block_start": u["block_start"], "kind": "text"}
        for u in units if u["lines"]
    ]


# Blank-line breaks after a sentence ending short of the margin, for each single-newline one, from
# which the writer's blank lines are taken to be the only paragraph separator (see below).
BLANK_LINE_RULE = 20


def _blank_lines_separate(units: list[dict], width: int) -> list[dict]:
    """Rejoin the lone single-newline breaks of a writer who separates paragraphs with blank lines.

    Habit: a statement typed with a blank line after every paragraph (speaking
    notes, most general-debate PDFs) keeps to it; where one sentence ends at a
    short line and the next starts on the line below with no blank line, the
    writer broke the line inside the paragraph (a sentence put on its own line
    for delivery), not between paragraphs. It takes the habit being the rule:
    BLANK_LINE_RULE blank-line breaks or more after a short sentence-ending line
    for each single-newline one (South Africa's 2024 speaking notes: 58 to 1).
    A text that often ends paragraphs with a single newline as well (Cuba's 2024
    statement: 45 to 6) has two habits, and the short line still ends them.
    Only the tail of a wrapped paragraph is rejoined: a short line standing
    alone (a header line, a dateline) keeps its break.
    """
    blank = single = 0
    for previous, unit in zip(units, units[1:]):
        last = previous["lines"][-1] if previous["lines"] else ""
        if not (ends_sentence(last) and columns(last) < 0.75 * width):
            continue
        if unit.get("line_break") and _wrapped(previous, width):
            single += 1
        elif unit.get("after_blank"):
            blank += 1
    if not single or blank < BLANK_LINE_RULE * single:
        return units
    merged = []
    for unit in units:
        if unit.get("line_break") and merged and _wrapped(merged[-1], width):
            merged[-1]["lines"].extend(unit["lines"])
            continue
        merged.append(unit)
    return merged


def _wrapped(unit: dict, width: int) -> bool:
    """Whether a unit's text ran to the margin before its last line."""
    return any(columns(line) >= 0.75 * width for line in unit["lines"][:-1])


def _close(units: list[dict], current: dict | None) -> None:
    if current is not None and current["lines"]:
        units.append(current)
    return None


def _new_unit(label, line, block_start):
    return {"label": label, "lines": [line] if line else [], "block_start": block_start}


def _add_line(units, current, line, labels, stands_alone, hard_wrapped, width):
    """Append line to the current unit or start a new one; returns the current unit."""
    labelled = None if is_date_line(line) else labels.match(line)
    if labelled:
        _close(units, current)
        return _new_unit(labelled[0], labelled[1], block_start=True)
    if stands_alone(line) or BULLET.match(line):
        _close(units, current)
        units.append(_new_unit(None, line, block_start=current is None))
        return None
    if current is None:
        return _new_unit(None, line, block_start=True)
    previous = current["lines"][-1] if current["lines"] else ""
    if _breaks_after(previous, line, hard_wrapped, width):
        _close(units, current)
        return dict(_new_unit(None, line, block_start=False), line_break=True)
    current["lines"].append(line)
    return current


def _breaks_after(previous: str, line: str, hard_wrapped: bool, width: int) -> bool:
    """Whether a single newline between previous and line ends a paragraph."""
    if not previous:
        return False
    if not hard_wrapped:
        # One line per paragraph, unless a sentence visibly runs on.
        return not continues(previous, line)
    # A sentence ending well short of the margin ends its paragraph.
    return ends_sentence(previous) and columns(previous) < 0.75 * width


def rejoin_broken(units: list[dict]) -> list[dict]:
    """Merge units split mid-sentence by a blank line or a page break."""
    merged = []
    for unit in units:
        if (merged and unit["label"] is None and unit["kind"] == "text"
                and merged[-1]["kind"] == "text" and not BULLET.match(unit["text"])
                and continues(merged[-1]["text"], unit["text"])):
            merged[-1]["text"] = join_lines([merged[-1]["text"], unit["text"]])
            continue
        merged.append(unit)
    return merged


def fold_into_numbered(units: list[dict]) -> list[dict]:
    """In a numbered statement, an unnumbered block continues the paragraph above.

    Only where numbering is the rule (three or more numbered paragraphs, and
    most paragraphs after the first number carry one); lead-ins ending in a
    colon and bullet items keep their own paragraphs.
    """
    numbered = [i for i, u in enumerate(units) if u["label"] and u["label"].isdigit()]
    if len(numbered) < 3:
        return units
    after = [u for u in units[numbered[0]:] if u["kind"] == "text"]
    if sum(1 for u in after if u["label"]) < 0.6 * len(after):
        return units
    result = []
    for unit in units:
        previous = result[-1] if result else None
        if (previous and unit["label"] is None and unit["kind"] == "text"
                and previous["kind"] == "text" and previous["label"]
                and not BULLET.match(unit["text"]) and not previous["text"].endswith(":")):
            previous["text"] = f"{previous['text']} {unit['text']}"
            continue
        result.append(unit)
    return result
