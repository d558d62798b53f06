"""Behaviour of the statement parser, one rule per test, on small texts written for it."""

import pytest

from statements_site.archive.importing.dates import find_range, parse_date
from statements_site.archive.importing.groups import canonical_group
from statements_site.archive.importing.language import detect_language
from statements_site.archive.importing.parse import parse_statement

BODY = (
    "We welcome the report of the Secretary-General and the work of the Bureau.\n\n"
    "We will continue to support the efforts of the international community."
)


def paragraphs(result):
    return [(p["label"], p["text"]) for p in result["paragraphs"]]


# --- header -----------------------------------------------------------------

def test_statement_by_header_gives_speaker_and_title():
    result = parse_statement(
        "Statement by H.E. Ms. Jane Roe, Permanent Representative of Norway\n\n"
        "Mr. President,\n\n" + BODY
    )
    assert result["speaker"] == "Ms. Jane Roe"
    assert result["speaker_title"] == "Permanent Representative of Norway"
    assert result["delegation"] == "Norway"


def test_delivered_by_names_speaker_and_mission_names_delegation():
    result = parse_statement(
        "Kenya statement at the Open-ended Working Group, delivered by Mr. John Doe, "
        "Permanent Mission of Kenya\n\nMr. Chair,\n\n" + BODY
    )
    assert result["speaker"] == "Mr. John Doe"
    assert result["delegation"] == "Kenya"
    assert result["meeting"]["title"] == "Open-ended Working Group"


def test_group_statement_header_records_group_and_delivering_state():
    result = parse_statement(
        "Statement on behalf of the Group of 77 and China by Ms. Ana Pérez, "
        "Permanent Mission of Cuba\n\nMr. Chair,\n\n" + BODY
    )
    assert result["on_behalf_of"] == "Group of 77 and China"
    assert result["delegation"] == "Cuba"


def test_header_spread_over_short_lines_and_repeated_title_is_deduplicated():
    text = (
        "Statement by the\nMinister for Foreign Affairs\nThe Hon. Alex Smith MP\n\n"
        "STATEMENT BY THE MINISTER FOR FOREIGN AFFAIRS THE HON. ALEX SMITH MP\n\n"
        "Madam President,\n\n" + BODY
    )
    result = parse_statement(text)
    assert result["speaker"] == "Alex Smith"
    assert result["speaker_title"] == "Minister for Foreign Affairs"
    assert any(w.startswith("dropped repeated header line") for w in result["warnings"])


@pytest.mark.parametrize("note", ["Check against delivery", "As delivered",
                                  "La version prononcée fait foi", "CHECK AGAINST DELIVERY"])
def test_delivery_notes_are_dropped_from_the_body_and_reported(note):
    result = parse_statement(f"Mr. President,\n\n{note}\n\n" + BODY)
    assert all(note not in p["text"] for p in result["paragraphs"])
    assert any(note in w for w in result["warnings"])


def test_intervention_in_capitals_is_read_in_title_case():
    result = parse_statement(
        "INTERVENCIÓN DEL EXCMO. SR. JUAN GARCÍA LÓPEZ, MINISTRO DE RELACIONES EXTERIORES "
        "DE LA REPÚBLICA DE CHILE EN EL DEBATE GENERAL. Nueva York, 25 de mayo de 2023.\n\n"
        "Señor Presidente:\n\nEl mundo vive un momento difícil y la paz está en peligro.\n\n"
        "Muchas gracias."
    )
    assert result["speaker"] == "Juan García López"
    assert result["speaker_title"] == "Ministro de Relaciones Exteriores de la República de Chile"
    assert result["delegation"] == "Chile"
    assert result["date"] == "2023-05-25"
    assert result["meeting"]["location"] == "Nueva York"


def test_unknown_values_are_null_with_a_warning():
    result = parse_statement(BODY)
    assert result["speaker"] is None and result["delegation"] is None
    assert "speaker not found in the text" in result["warnings"]


# --- dates ------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("27-29 July 2020", "2020-07-27", "2020-07-29"),
    ("from 27 to 29 July 2020", "2020-07-27", "2020-07-29"),
    ("30 June - 2 July 2021", "2021-06-30", "2021-07-02"),
    ("du 3 au 5 mai 2022", "2022-05-03", "2022-05-05"),
])
def test_date_ranges_are_read(text, start, end):
    assert find_range(text)[:2] == (start, end)


@pytest.mark.parametrize("text, iso", [
    ("New York, 25 May 2023", "2023-05-25"),
    ("September 25, 2017", "2017-09-25"),
    ("Genève, le 25 mai 2023", "2023-05-25"),
    ("Nueva York, 25 de mayo de 2023", "2023-05-25"),
    ("31 February 2023", None),
    ("18 September 20010", None),
])
def test_single_dates_are_read_and_impossible_ones_refused(text, iso):
    assert parse_date(text) == iso


def test_meeting_dates_go_in_meeting_and_delivery_date_in_date():
    ranged = parse_statement("Statement at the Expert Meeting, 27-29 July 2020\n\nMr. Chair,\n\n" + BODY)
    single = parse_statement("Statement by Norway\nNew York, 25 May 2023\n\nMr. Chair,\n\n" + BODY)
    assert ranged["meeting"]["date_start"] == "2020-07-27" and ranged["date"] is None
    assert single["date"] == "2023-05-25" and single["meeting"]["date_start"] is None


# --- agenda -----------------------------------------------------------------

@pytest.mark.parametrize("line, items", [
    ("Agenda item 2: International Cooperation and item 3: Prevention",
     [{"number": "2", "title": "International Cooperation"}, {"number": "3", "title": "Prevention"}]),
    ("Item 6: General debate on national implementation",
     [{"number": "6", "title": "General debate on national implementation"}]),
    ("Agenda items 4 and 5", [{"number": "4", "title": None}, {"number": "5", "title": None}]),
    ("Point 3 de l'ordre du jour : Prévention", [{"number": "3", "title": "Prévention"}]),
    ("Tema 4 del programa: Cooperación internacional", [{"number": "4", "title": "Cooperación internacional"}]),
])
def test_agenda_lines_in_the_header_become_agenda_items(line, items):
    result = parse_statement(f"Statement by Norway\n\n{line}\n\nMr. Chair,\n\n" + BODY)
    assert result["agenda_items"] == items
    assert all(line not in p["text"] for p in result["paragraphs"])


# --- numbering --------------------------------------------------------------

@pytest.mark.parametrize("first, second", [("1.", "2."), ("1)", "2)"), ("1.", "2.")])
def test_numbered_paragraphs_lose_their_punctuation(first, second):
    result = parse_statement(f"Mr. Chair,\n\n{first} We welcome the report.\n\n{second} We support it.")
    assert paragraphs(result) == [("1", "We welcome the report."), ("2", "We support it.")]


def test_number_glued_to_the_first_word_is_a_label():
    result = parse_statement("Mr. Chair,\n\n1.In our view the report is good.\n\n2.We support it.")
    assert paragraphs(result) == [("1", "In our view the report is good."), ("2", "We support it.")]


def test_lettered_and_roman_items_are_their_own_paragraphs_after_their_lead_in():
    result = parse_statement(
        "Mr. Chair,\n\nWe propose the following:\n\n(a) more funding;\n\n(b) better data;\n\n"
        "I. Conclusions are drawn here.\n\nii) A roman item."
    )
    assert [p["label"] for p in result["paragraphs"]] == [None, "a", "b", "I", None]
    assert result["paragraphs"][0]["text"] == "We propose the following:"


def test_numbers_out_of_sequence_are_text_not_labels():
    result = parse_statement("Mr. Chair,\n\n1. We note that\n30 member States have spoken.\n\n2. We agree.")
    assert paragraphs(result) == [("1", "We note that 30 member States have spoken."), ("2", "We agree.")]


def test_unnumbered_paragraphs_split_on_single_newlines_when_lines_are_paragraphs():
    text = ("Mr. Chair,\n" + "We welcome the report of the Secretary-General on this matter today. " * 4
            + "\n" + "We will continue our work with all partners in the coming year ahead. " * 4)
    assert len(parse_statement(text)["paragraphs"]) == 2


def test_hard_wrapped_lines_are_joined_with_single_spaces():
    text = ("Mr. Chair,\n\nWe welcome the report of the Secretary-General and\n"
            "thank the Bureau for its capacity-\nbuilding work this year.\n\n" + BODY)
    assert parse_statement(text)["paragraphs"][0]["text"] == (
        "We welcome the report of the Secretary-General and thank the Bureau "
        "for its capacity-building work this year.")


def test_paragraph_broken_mid_sentence_by_blank_line_is_rejoined():
    text = "Mr. Chair,\n\n1. We recognise the need for\n\nfast responses to requests.\n\n2. We agree."
    assert paragraphs(parse_statement(text)) == [
        ("1", "We recognise the need for fast responses to requests."), ("2", "We agree.")]


def test_page_numbers_and_running_headers_are_dropped_and_reported():
    page = "Statement of Norway - CND 2023\n{body}\nPage {n}"
    text = "\f".join([
        page.format(body="Mr. Chair,\n1. We welcome the report and the work of the", n=1),
        page.format(body="Bureau this year.\n2. We agree.", n=2),
    ])
    result = parse_statement(text)
    assert paragraphs(result) == [
        ("1", "We welcome the report and the work of the Bureau this year."), ("2", "We agree.")]
    assert "dropped page furniture: 'Page 2'" in result["warnings"]
    assert "dropped page furniture: 'Statement of Norway - CND 2023'" in result["warnings"]


def test_footnote_markers_are_kept():
    result = parse_statement("Mr. Chair,\n\nWe recall resolution 74/247.7\n\n" + BODY)
    assert result["paragraphs"][0]["text"] == "We recall resolution 74/247.7"


# --- salutation and closing -------------------------------------------------

@pytest.mark.parametrize("opening, closing, language", [
    ("Mr. Chairman,\nExcellencies and distinguished delegates,", "Thank you, Mr. Chairman.", "en"),
    ("Madame la Présidente,", "Je vous remercie.", "fr"),
    ("Señor Presidente:", "Muchas gracias.", "es"),
    ("Mr. President,", "I thank you.", "en"),
])
def test_salutation_and_closing_are_kept_apart_from_the_body(opening, closing, language):
    bodies = {
        "en": BODY,
        "fr": "Nous saluons le rapport du Secrétaire général et le travail de la Commission.",
        "es": "Saludamos el informe del Secretario General y el trabajo de la Comisión.",
    }
    result = parse_statement(f"{opening}\n\n{bodies[language]}\n\n{closing}")
    assert result["salutation"] == opening.replace("\n", " ")
    assert result["closing"] == closing
    assert all(p["text"] not in (opening, closing) for p in result["paragraphs"])


def test_thank_you_as_opening_line_is_the_salutation():
    result = parse_statement("Thank you, Mr. President.\n\n" + BODY + "\n\nI thank you.")
    assert result["salutation"] == "Thank you, Mr. President."
    assert result["closing"] == "I thank you."
    assert len(result["paragraphs"]) == 2


def test_vocative_repeated_mid_text_is_not_a_paragraph_but_is_reported():
    result = parse_statement("Mr. President,\n\n" + BODY + "\n\nMr. President,\n\n" + BODY)
    assert len(result["paragraphs"]) == 4
    assert "dropped vocative between paragraphs: 'Mr. President,'" in result["warnings"]


def test_inline_vocative_opening_a_sentence_stays_in_the_paragraph():
    result = parse_statement("Mr. President,\n\nMr. President, we meet at a difficult time.\n\n" + BODY)
    assert result["paragraphs"][0]["text"] == "Mr. President, we meet at a difficult time."


# --- on behalf of -----------------------------------------------------------

def test_group_named_in_the_opening_paragraph_is_recorded():
    result = parse_statement(
        "Mr. Chair,\n\nI have the honour to speak on behalf of the G77 and China.\n\n" + BODY)
    assert result["on_behalf_of"] == "Group of 77 and China"


def test_list_of_states_spoken_for_is_recorded_as_written():
    result = parse_statement(
        "Mr. Chair,\n\nI speak on behalf of Canada, Iceland, Norway and my own country.\n\n" + BODY)
    assert result["on_behalf_of"] == "Canada, Iceland, Norway and my own country"


def test_alignment_with_a_group_is_not_speaking_for_it():
    result = parse_statement(
        "Mr. Chair,\n\nWe align ourselves with the statement delivered on behalf of the "
        "African Group.\n\n" + BODY)
    assert result["on_behalf_of"] is None


def test_group_mentioned_later_in_the_body_is_not_recorded():
    result = parse_statement(
        "Mr. Chair,\n\n" + BODY + "\n\nThe statement on behalf of the Arab Group was welcome.")
    assert result["on_behalf_of"] is None


@pytest.mark.parametrize("written, canonical", [
    ("G-77 and China", "Group of 77 and China"), ("G77", "Group of 77 and China"),
    ("Groupe des 77 et la Chine", "Group of 77 and China"),
    ("EU and its Member States", "European Union and its Member States"),
    ("the African Group", "African Group"), ("NAM", "Non-Aligned Movement"),
    ("CARICOM", "Caribbean Community"), ("Ministry of Health", None),
])
def test_group_aliases_resolve_to_one_canonical_name(written, canonical):
    assert canonical_group(written) == canonical


# --- language ---------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("The Group reiterates its support for the work of the Commission and its mandate.", "en"),
    ("Le Groupe réitère son soutien aux travaux de la Commission et à son mandat pour la paix.", "fr"),
    ("El Grupo reitera su apoyo a la labor de la Comisión y a su mandato para la paz.", "es"),
    ("تؤكد المجموعة دعمها لعمل اللجنة وولايتها", "ar"),
    ("Группа вновь заявляет о своей поддержке работы Комиссии", "ru"),
    ("本集团重申支持委员会的工作及其任务", "zh"),
    ("12345 ...", None),
])
def test_language_is_detected_from_words_and_scripts(text, language):
    assert detect_language(text) == language
