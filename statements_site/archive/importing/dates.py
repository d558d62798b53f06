"""Find the dates a statement's header gives, in the forms diplomats write them.

Handles English, French, Spanish, Portuguese, Russian, Arabic and Chinese
(and the Nordic and German months, which government sites use in their
introductions): "27-29 July 2020", "from 27 to 29 July 2020",
"New York, 25 May 2023", "September 25, 2017", "25 mai 2023",
"25 de mayo de 2023", "le 1er juin 2021". Everything returns ISO strings
("2020-07-27") and never raises: an impossible date (31 February, a garbled
year "20010") is simply not a date.
"""

import datetime
import re
import unicodedata

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # French (accents are stripped before lookup)
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
    # Swedish (only those not already listed)
    "januari": 1, "februari": 2, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
    "oktober": 10,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # German, Norwegian, Danish and Icelandic, which mission sites date their pages in
    "januar": 1, "februar": 2, "marz": 3, "desember": 12, "dezember": 12,
    "agust": 8, "august": 8,
    # Russian, in the genitive a date puts them in ("14 апреля 2018 г.")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

# Arabic, as the Gulf and Egypt write the months (CLDR's Arabic names); folded like the others below.
ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر")
# Arabic-Indic and Persian digits, as Arabic texts print them: "١٤ أبريل ٢٠١٨".
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_MONTH = r"(?P<{name}>[^\W\d_]{{3,10}})\.?"
# "7. mars 2023": German and Nordic writers put a full stop after the day.
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DE = r"(?:\s+de)?"  # Spanish "25 de mayo de 2023"

# Ranges come first so that "27-29 July 2020" is not read as "29 July 2020".
_RANGE_SAME_MONTH = re.compile(
    r"(?<!\d)(?:from\s+|du\s+|del\s+)?" + _DAY.format(name="d1")
    + r"\s*(?:-|–|—|to|au|al|a|till)\s*" + _DAY.format(name="d2")
    + _DE + r"\s+" + _MONTH.format(name="m2") + _DE + r",?\s+" + _YEAR,
    re.IGNORECASE,
)
_RANGE_TWO_MONTHS = re.compile(
    r"(?<!\d)(?:from\s+|du\s+|del\s+)?" + _DAY.format(name="d1") + _DE + r"\s+"
    + _MONTH.format(name="m1") + r"\s*(?:-|–|—|to|au|al|a|till)\s*"
    + _DAY.format(name="d2") + _DE + r"\s+" + _MONTH.format(name="m2")
    + _DE + r",?\s+" + _YEAR,
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)" + _DAY.format(name="d") + _DE + r"\s+" + _MONTH.format(name="m")
    + _DE + r",?\s+" + _YEAR,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH.format(name="m") + r"\s+" + _DAY.format(name="d") + r",?\s+" + _YEAR,
    re.IGNORECASE,
)
_NUMERIC_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
# Day first with dots, as Europe and Russia write it: "14.04.2018", "Дата: 4.10.2022".
# (Slashes are left alone: "03/04/2018" is March or April depending on who wrote it.)
# Slashes only where the order cannot be mistaken: "24/09/2024" (day first), "9/24/2024" (month first).
_NUMERIC_SLASHED = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")
_NUMERIC_DOTTED = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.])")
# Chinese and Japanese: "2024年9月27日".
_CJK_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


def _fold(word: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return plain.lower().rstrip(".")


MONTHS.update({_fold(name): number for number, name in enumerate(ARABIC_MONTHS, start=1)})


def month_number(word: str) -> int | None:
    """1-12 for a month name in a supported language, else None."""
    return MONTHS.get(_fold(word))


def _iso(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return datetime.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def find_range(text: str) -> tuple[str, str, tuple[int, int]] | None:
    """The first date range in text as (start, end, span), or None."""
    text = text.translate(DIGITS)
    for pattern in (_RANGE_TWO_MONTHS, _RANGE_SAME_MONTH):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            end_month = month_number(groups["m2"])
            start_month = month_number(groups["m1"]) if groups.get("m1") else end_month
            start = _iso(groups["year"], start_month, groups["d1"])
            end = _iso(groups["year"], end_month, groups["d2"])
            if start and end and start <= end:
                return start, end, match.span()
    return None


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every single date in text, in order, as (iso, span)."""
    text = text.translate(DIGITS)  # same length: the spans hold for the text as given
    found = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            iso = _iso(match["year"], month_number(match["m"]), match["d"])
            if iso:
                found.append((iso, match.span()))
    for match in [*_NUMERIC_ISO.finditer(text), *_CJK_DATE.finditer(text), *_NUMERIC_DOTTED.finditer(text)]:
        iso = _iso(match["year"], int(match["m"]), match["d"])
        if iso:
            found.append((iso, match.span()))
    for match in _NUMERIC_SLASHED.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        day, month = (a, b) if a > 12 >= b else (b, a) if b > 12 >= a else (None, None)
        iso = _iso(match["year"], month, str(day)) if day else None
        if iso:
            found.append((iso, match.span()))
    return sorted(found, key=lambda item: item[1])


def parse_date(text: str) -> str | None:
    """The first single date in text as an ISO string, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None
