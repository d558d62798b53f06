"""Properties of the parser on generated text: it never raises and loses no word.

A "word" is a \\w+ token, case-folded. Every word of the input must appear in a
header field, an agenda item, a paragraph (or its label), the salutation, the
closing, or a warning (dropped furniture, vocatives, unplaced text). Structural
words consumed with an agenda line ("Agenda item 2:") are exempt, and so is
markup ("&quot;" is a quotation mark, "**" emphasis), which is no word.
"""


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statements_site.archive.importing.body import WORD, plain_markup
from statements_site.archive.importing.parse import STRUCTURAL_WORDS, parse_statement

FRAGMENTS = [
    "Mr. President,", "Excellencies and distinguished delegates,", "Señor Presidente:",
    "Madame la Présidente,", "Thank you, Mr. Chairman.", "Je vous remercie.", "Muchas gracias.",
    "1. We welcome the report.", "2) The Group supports the work of the", "3.In addition",
    "(a) more funding;", "iv) better data", "Page 2", "- 3 -", "7.", "Check against delivery",
    "Agenda item 2: Prevention and item 3: Cooperation", "Item 6: General debate",
    "Statement by H.E. Ms. Ana Pérez, Permanent Mission of Chile",
    "G-77 and China statement during the Expert Meeting, 27-29 July 2020",
    "on behalf of the Group of 77 and China", "New York, 25 May 2023", "25 de mayo de 2023",
    "we align ourselves with the African Group", "obtaining electronic evidence.",
    "INTERVENCIÓN DEL EXCMO. SR. JUAN PÉREZ", "", "", "\f",
    "&quot;**Partnerships**&quot;", "snake__case and __init__", "---", "title: x", "Source: https://x.org/a",
    "A/79/PV.5", "This statement was delivered by Mr. Jan Li on 8 May 2018.", "1 See A/79/1.",
]

lines = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))
documents = st.lists(lines, max_size=30).map("\n".join)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def words(text):
    """Runs of letters; each character of Chinese or Japanese, which run without spaces, is a word."""
    return WORD.findall(text.casefold())


def placed_text(result):
    meeting = result["meeting"]
    parts = [result[k] for k in ("title", "delegation", "on_behalf_of", "speaker",
                                 "speaker_title", "salutation", "closing")]
    parts += [meeting[k] for k in ("title", "session", "location")]
    parts += [f"{i['number']} {i['title'] or ''}" for i in result["agenda_items"]]
    parts += [f"{p['label'] or ''} {p['text']}" for p in result["paragraphs"]]
    parts += result["warnings"]
    return "\n".join(p for p in parts if p)


def assert_no_word_lost(text, result):
    placed = set(words(placed_text(result)))
    lost = {w for w in words(plain_markup(text)) if w not in placed and w not in STRUCTURAL_WORDS}
    assert not lost, f"lost {sorted(lost)}"


@SETTINGS
@given(st.text())
def test_parser_never_raises_on_arbitrary_text(text):
    result = parse_statement(text)
    assert result["ok"] is bool(text.strip())
    assert not [e for e in result["errors"] if "parser failed" in e]


@SETTINGS
@given(documents)
def test_parser_never_raises_and_loses_no_word_on_statement_like_text(text):
    result = parse_statement(text)
    assert not [e for e in result["errors"] if "parser failed" in e]
    assert_no_word_lost(text, result)


@SETTINGS
@given(st.text())
def test_parser_loses_no_word_of_arbitrary_text(text):
    assert_no_word_lost(text, parse_statement(text))
