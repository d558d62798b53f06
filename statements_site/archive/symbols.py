"""UN document symbols and resolution numbers in statement text, and their addresses at the UN.

`find(text)` gives every reference in a text as a `Reference` (where it is, the text as written,
and its canonical symbol); `url(symbol)` the official document system's address for a symbol.

A symbol is a series (A, S, E, A/HRC, E/CN.15, UNEP, CTOC ...) followed by slash-separated parts, at
least one of them with a digit: "A/RES/74/247", "E/CN.15/2020/L.4", "A/C.3/74/L.22/Rev.1",
"UNEP/EA.5/Res.8", "S/PRST/2020/5". Revision, corrigendum, addendum and amendment suffixes are part
of the symbol; "Rev. 1" written with a space is read as "Rev.1". The series must be one the UN uses
and the symbol must stand alone: "A/B", "12/2020", "24/7" and a symbol inside a web address are not
references.

A resolution is cited by number: "resolution 74/247", "General Assembly resolution 74/247",
"Human Rights Council resolution 43/1", "Security Council resolution 2334 (2016)", "Economic and
Social Council resolution 2019/2", "resolutions 73/187 and 74/247". A session/number resolution
whose body is not named is the General Assembly's (A/RES/); one named after another body the archive
cannot resolve ("Commission resolution 63/1") is left alone rather than guessed.
"""
import re
from dataclasses import dataclass
from urllib.parse import quote

DOCUMENT_SYSTEM = "https://undocs.org/"

# Series symbols of the principal organs and of bodies whose documents statements cite; the first
# part of a symbol. Longer alternatives first, so "CEDAW" is not read as "CED".
SERIES = sorted(
    """A S E ST UNEP TD DP CCPR CEDAW CRC CERD CAT CRPD CMW CED FCCC ICCD CBD UNW ECE ESCAP ECA ESCWA LC
    CTOC CAC CD NPT BWC CCW APLC SPLOS ISBA JIU UNICEF UNCITRAL UNITAR UNODC IDB""".split(),
    key=len,
    reverse=True,
)
# One part after a slash: "RES", "74", "L.4", "AC.291", "CN.15", "ES-10", "Rev.1", "Res.8", "WP.1/2".
PART = r"(?:[A-Z][A-Za-z]{0,11}(?:-\d{1,3}|\(\d{1,3}\))?(?:\.\s?\d{1,4}[A-Za-z]?)*|\d{1,4}[A-Za-z]?(?:\.\d{1,4})*)"
SYMBOL = re.compile(
    # Not inside a word, a number, a web address or a longer symbol; "A/75/863-S/2021/424" (a letter
    # to both organs) is two symbols.
    r"(?<![\w/.:])"
    rf"(?P<symbol>(?:{'|'.join(SERIES)})(?:/{PART})+)"
    # A Security Council resolution's year: "S/RES/2334 (2016)".
    r"(?P<year>\s?\(\d{4}\))?"
    r"(?![\w/]|-(?![A-Z]+/)|\.\w)",
)

BODY_SERIES = {
    "general assembly": "A/RES/",
    "assembly": "A/RES/",
    "human rights council": "A/HRC/RES/",
    "economic and social council": "E/RES/",
    "ecosoc": "E/RES/",
    "security council": "S/RES/",
}
# "Council resolution 43/1" is the Human Rights Council's (the Security Council's have no session);
# "Council resolution 2334 (2016)" the Security Council's.
COUNCIL = "council"
# Found from the word "resolution(s)" (a literal the regex engine finds fast), then the body named
# just before it is read from the preceding words.
RESOLUTION = re.compile(
    r"(?P<word>[Rr]esolutions?)\s+(?P<numbers>"
    r"(?:\d{1,4}/\d{1,4}[A-Z]?|\d{3,4}\s?\(\d{4}\))(?:(?:,\s*|,?\s+and\s+)(?:\d{1,4}/\d{1,4}[A-Z]?|\d{3,4}\s?\(\d{4}\)))*)"
    r"(?![\w/])"
)
BODY_BEFORE = re.compile(
    r"(?:(?P<body>General Assembly|Human Rights Council|Economic and Social Council|ECOSOC|Security Council|Assembly|Council)"
    r"|(?P<other>[A-Z][\w-]*))(?:['’]s)?\s+$"
)
SERIES_LONGEST = max(map(len, SERIES))
NUMBER = re.compile(r"(?P<session>\d{1,4})/(?P<number>\d{1,4}[A-Z]?)|(?P<sc>\d{3,4})\s?\((?P<year>\d{4})\)")
# Words that may stand before "resolution" without naming a body: "its resolution", "In resolution".
NOT_A_BODY = {"In", "Its", "Their", "The", "By", "Under", "With", "And", "Of", "Recalling", "Recall", "Reaffirming", "See", "This", "That"}


@dataclass(frozen=True)
class Reference:
    """One citation in a text: its span, the words as written and the canonical symbol."""

    start: int
    end: int
    written: str
    symbol: str

    @property
    def url(self):
        return url(self.symbol)


def url(symbol):
    """The UN official document system's address for a symbol."""
    return DOCUMENT_SYSTEM + quote(symbol, safe="/().-")


def canonical(symbol, year=""):
    """One spelling per symbol: no spaces in "Rev. 1", the Security Council's year as "(2016)"."""
    symbol = re.sub(r"\.\s+(?=\d)", ".", symbol)
    year = (year or "").strip()
    return f"{symbol}{year}" if year else symbol


def is_document(symbol):
    """Whether a series and parts name a document, not a series ("A/HRC") or a stray "A/4" or "S/2020":
    some part has a digit, and a symbol of one part has a letter in it ("S/PV.8723") or is a long
    number of a smaller series ("CD/1299")."""
    series, *parts = symbol.split("/")
    if not any(ch.isdigit() for ch in symbol):
        return False
    if len(parts) > 1:
        return True
    part = parts[0]
    has_letter = any(ch.isalpha() for ch in part)
    return has_letter or (series not in ("A", "S", "E") and len(part) >= 3)


def _resolution_symbol(body, session, number, sc_number, year):
    if body == COUNCIL:
        body = "security council" if sc_number else "human rights council"
    if sc_number:
        if body not in (None, "security council"):
            return None
        return f"S/RES/{sc_number}({year})"
    if body == "security council":
        return None  # the Council numbers resolutions without a session: not "2334/16"
    if len(session) == 4:  # a year: ECOSOC numbers its resolutions by year
        return f"E/RES/{session}/{number}" if body in (None, "economic and social council", "ecosoc") else None
    prefix = BODY_SERIES.get(body or "general assembly")
    return f"{prefix}{session}/{number}" if prefix else None


def _symbol_starts(text):
    """Where a symbol may start: the capitals before each slash. Found from the slashes (rare in prose)
    rather than by trying the symbol pattern at every position, which cost 10 times more."""
    slash = text.find("/")
    while slash > 0:
        start = slash
        while start > 0 and slash - start < SERIES_LONGEST and text[start - 1].isupper():
            start -= 1
        if start < slash:
            yield start
        slash = text.find("/", slash + 1)


def find(text):
    """Every document symbol and resolution number in `text`, in order of appearance."""
    text = text or ""
    found = []
    if "/" not in text and "esolution" not in text:
        return found  # most paragraphs: no regex at all
    for start in _symbol_starts(text):
        match = SYMBOL.match(text, start)
        if match is None:
            continue
        symbol, year, end = match.group("symbol"), match.group("year"), match.end()
        if not is_document(symbol):
            continue
        if year and not symbol.startswith("S/RES/"):
            year, end = "", match.end("symbol")  # "A/74/130 (2019)": the year is the sentence's
        found.append(Reference(match.start(), end, text[match.start():end], canonical(symbol, year)))
    taken = [(ref.start, ref.end) for ref in found]
    for match in RESOLUTION.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "_-"):
            continue  # inside a word: "Irresolution"
        before = BODY_BEFORE.search(text, max(0, match.start() - 40), match.start())
        other = before and before.group("other")
        if other and other not in NOT_A_BODY:
            continue  # "Commission resolution 63/1": a body whose resolutions have no symbol we can tell
        body = before.group("body").lower() if before and before.group("body") else None
        for number in NUMBER.finditer(match.group("numbers")):
            start = match.start("numbers") + number.start()
            end = match.start("numbers") + number.end()
            if any(s < end and start < e for s, e in taken):
                continue
            symbol = _resolution_symbol(body, number.group("session"), number.group("number"), number.group("sc"), number.group("year"))
            if symbol:
                # The first number carries the words before it, so the link reads "resolution 74/247".
                first = number.start() == 0
                begin = match.start("word") if first else start
                found.append(Reference(begin, end, text[begin:end], symbol))
    found.sort(key=lambda ref: ref.start)
    return found


def symbols(text):
    """The canonical symbols cited in `text`, each once, in order of first appearance."""
    return list(dict.fromkeys(ref.symbol for ref in find(text)))
