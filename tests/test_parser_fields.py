"""Header fields where writers put them: dates, agenda items, groups, sources, front matter.

Every text here was written for this module in the forms delegations and
their web sites use; none is copied from ../shared/samples.
"""

import pytest

from statements_site.archive.importing.dates import parse_date
from statements_site.archive.importing.parse import parse_statement

from .test_parser_properties import assert_no_word_lost

BODY = "\n\nMr. President,\n\nWe support the work of this body and its members.\n\nThank you.\n"


@pytest.mark.parametrize("written, iso", [
    ("7. mars 2023", "2023-03-07"), ("12. Dezember 2014", "2014-12-12"),
    ("14 апреля 2018 г.", "2018-04-14"), ("时间:2024年9月27日", "2024-09-27"),
    ("8 de maio de 2018", "2018-05-08"), ("le 14 avril 2018", "2018-04-14"), ("Дата: 14.04.2018", "2018-04-14"),
    ("جنيف، ١٤ أبريل ٢٠١٨", "2018-04-14"), ("نيويورك، 3 مارس 2024", "2024-03-03"),
    ("Geneva, 24/09/2024", "2024-09-24"), ("New York, 9/24/2024", "2024-09-24"),
])
def test_dates_are_read_in_the_forms_mission_sites_print_them(written, iso):
    assert parse_date(written) == iso


def test_a_date_with_slashes_that_could_be_read_either_way_is_not_guessed():
    assert parse_date("Geneva, 03/04/2018") is None


def test_a_dateline_with_a_full_stop_after_the_day_is_not_a_numbered_paragraph():
    text = "7. mars 2023\n\nStatement by Iceland" + BODY
    parse = parse_statement(text)
    assert parse["date"] == "2023-03-07"
    assert parse["delegation"] == "Iceland"
    assert [p["text"] for p in parse["paragraphs"]] == ["We support the work of this body and its members."]


def test_agenda_item_numbers_keep_their_sub_item():
    parse = parse_statement("Item 15.4: WHO response in emergencies" + BODY)
    assert [i["number"] for i in parse["agenda_items"]] == ["15.4"]


def test_an_agenda_item_named_inside_the_header_sentence_is_read():
    text = ('STATEMENT by the Norwegian delegation during the 72nd World Health Assembly on agenda '
            'item 11.8: "Follow-up to the high-level meetings".' + BODY)
    parse = parse_statement(text)
    assert parse["agenda_items"] == [{"number": "11.8", "title": "Follow-up to the high-level meetings"}]
    assert parse["delegation"] == "Norway"
    assert len(parse["paragraphs"]) == 1


def test_a_group_introduced_in_the_header_is_the_group_spoken_for():
    text = "Draft statement by the Nordic-Baltic countries in the interactive dialogue" + BODY
    assert parse_statement(text)["on_behalf_of"] == "Nordic-Baltic countries"


def test_speaking_on_behalf_of_a_head_of_state_is_not_a_group():
    text = ("Allocution du Ministre\n\nMonsieur le Président,\n\nJe prends la parole au nom de Son Excellence "
            "le Président de la République du Burundi, qui salue le Burundi et ses partenaires.\n\nMerci.\n")
    assert parse_statement(text)["on_behalf_of"] is None


def test_a_dignitary_greeted_before_the_speech_does_not_make_his_country_the_speaker():
    text = ("Opening Statement by Ms Grace Lee, Minister for the Environment, on 25 June 2021\n\n"
            "His Excellency, Mr Ivan Petrov, Minister of Foreign Affairs of Tajikistan\n\n"
            "Distinguished panellists\n\nWe thank all partners for joining us today.\n\nThank you.\n")
    assert parse_statement(text)["delegation"] is None


def test_front_matter_gives_title_date_and_source_and_is_never_a_paragraph():
    text = ('---\ntitle: "Australia\'s Country Statement"\ndate: "2005-03-03"\n'
            'source_url: http://example.org/statement\nsubjects:\n  - "Women"\n---\n\n'
            "Madam Chair\n\nAustralia reaffirms its commitment to the Platform for Action.\n\nThank you.\n")
    parse = parse_statement(text)
    assert parse["date"] == "2005-03-03"
    assert parse["confidence"]["date"]["status"] == "inferred"
    assert parse["source_url"] == "http://example.org/statement"
    assert parse["delegation"] == "Australia"
    assert [p["text"] for p in parse["paragraphs"]] == ["Australia reaffirms its commitment to the Platform for Action."]
    assert_no_word_lost(text, parse)


def test_a_source_line_and_a_document_symbol_fill_their_keys_instead_of_paragraphs():
    text = ("A/79/PV.5\n\nStatement by Fiji" + BODY + "\nSource: https://example.org/fiji-statement\n")
    parse = parse_statement(text)
    assert parse["document_symbol"] == "A/79/PV.5"
    assert parse["source_url"] == "https://example.org/fiji-statement"
    assert [p["text"] for p in parse["paragraphs"]] == ["We support the work of this body and its members."]
    assert_no_word_lost(text, parse)


def test_every_parse_marks_the_confidence_of_each_field_staff_confirm():
    parse = parse_statement("Statement by Norway" + BODY)
    assert set(parse["confidence"]) >= {"delegation", "on_behalf_of", "speaker", "date", "meeting",
                                        "agenda_items", "language"}
    assert parse["confidence"]["delegation"] == {"status": "stated", "candidates": ["Norway"]}
    assert parse["confidence"]["date"]["status"] == "missing"


def test_the_session_of_the_council_in_a_human_rights_council_statement_is_that_council():
    text = "Human Rights Council\n55th session of the Council\nStatement by Norway" + BODY
    assert parse_statement(text)["meeting"]["title"] == "Human Rights Council"


def test_a_council_the_text_does_not_name_in_full_is_left_for_staff():
    parse = parse_statement("Statement by Norway at the 55th session of the Council" + BODY)
    assert parse["meeting"]["title"] is None
    assert parse["meeting"]["session"] == "55th session"


def test_a_delivery_note_gives_speaker_and_date_and_is_not_a_paragraph():
    text = ("Statement by Canada" + BODY
            + "\nThis statement was delivered by Ambassador Robert Rae on 8 May 2018 in the Security Council.\n")
    parse = parse_statement(text)
    assert parse["speaker"] == "Robert Rae"
    assert parse["date"] == "2018-05-08"
    assert [p["text"] for p in parse["paragraphs"]] == ["We support the work of this body and its members."]
    assert_no_word_lost(text, parse)


def test_a_numbered_paragraph_about_an_earlier_statement_stays_a_paragraph():
    text = ("Statement by Fiji\n\nMr. President,\n\n1. We recall the words of our first leader.\n\n"
            "2. This Statement was made when the United Nations was 25 years old.\n\nThank you.\n")
    assert [p["label"] for p in parse_statement(text)["paragraphs"]] == ["1", "2"]


@pytest.mark.parametrize("line, speaker", [
    ("发言人:张军", "张军"), ("Speaker: Ambassador Jane Doe", "Jane Doe"),
])
def test_a_labelled_speaker_line_names_the_speaker(line, speaker):
    assert parse_statement(f"Statement by Norway\n{line}" + BODY)["speaker"] == speaker


def test_a_press_release_date_is_not_the_delivery_date_when_the_text_gives_another():
    text = ("Statement by Malta at the Security Council, 24 October 2023\n"
            "The press release issued by the Mission on 25 October 2023" + BODY)
    assert parse_statement(text)["date"] == "2023-10-24"


def test_a_speaker_greeted_in_speaking_notes_is_not_the_speaker():
    text = ("79th General Assembly Debate\nPresident of the 79th Session of the General Assembly, "
            "Mr. Philemon Yang\nUnited Nations Secretary-General, Mr. António Guterres" + BODY)
    assert parse_statement(text)["speaker"] is None


def test_initials_in_a_name_set_in_capitals_are_kept():
    text = "STATEMENT BY HIS EXCELLENCY DR. MOKGWEETSI E.K. MASISI, PRESIDENT OF THE REPUBLIC OF BOTSWANA" + BODY
    parse = parse_statement(text)
    assert parse["speaker"].endswith("E.K. Masisi")
    assert parse["delegation"] == "Botswana"


def test_a_language_read_only_from_the_greeting_is_marked_inferred():
    parse = parse_statement("Señor Presidente:\n\nGracias.\n\nMuchas gracias.\n")
    assert parse["language"] == "es"
    assert parse["confidence"]["language"]["status"] == "inferred"


@pytest.mark.parametrize("header, speaker, title", [
    ("Statement by Jane Doe, Permanent Representative of Norway", "Jane Doe", "Permanent Representative of Norway"),
    ("Norway's statement, as delivered by State Secretary Eivind Vad Petersson", "Eivind Vad Petersson",
     "State Secretary"),
    ("Speech by the Prime Minister, Jonas Gahr Støre, at the UN General Assembly", "Jonas Gahr Støre",
     "Prime Minister"),
    ("Discurso del Canciller de Chile, Alberto van Klaveren, ante la Asamblea General", "Alberto van Klaveren",
     "Canciller de Chile"),
])
def test_a_speaker_announced_with_an_office_and_no_honorific_is_read(header, speaker, title):
    parse = parse_statement(header + BODY)
    assert (parse["speaker"], parse["speaker_title"]) == (speaker, title)


def test_a_nordic_speech_title_gives_the_speaker_in_the_genitive():
    text = "# Utrikesminister Anna Lind Bergs anförande vid konferensen" + BODY
    assert parse_statement(text)["speaker"] == "Anna Lind Berg"


def test_a_council_the_text_names_two_ways_offers_both_to_staff():
    text = ("Statement by Norway at the 55th session of the Council" + "\n\nMr. President,\n\n"
            "The Security Council and the Human Rights Council must work together.\n\nThank you.\n")
    parse = parse_statement(text)
    assert parse["meeting"]["title"] is None
    assert parse["confidence"]["meeting"]["candidates"] == ["Human Rights Council", "Security Council"]


@pytest.mark.parametrize("text", [
    "Intervenção de Portugal no Conselho de Direitos Humanos\n\nSenhor Presidente,\n\nPortugal agradece o relatório "
    "do Alto Comissário. Não podemos aceitar que os direitos humanos sejam violados com impunidade. O nosso país "
    "continua empenhado na defesa dos direitos das mulheres e das crianças.\n\nObrigado.\n",
    "Discurso do Brasil na Assembleia Geral\n\nSenhor Presidente,\n\nA delegação brasileira saúda a iniciativa. O "
    "Brasil tem sido um defensor do multilateralismo e da cooperação internacional.\n\nMuito obrigado.\n",
])
def test_a_statement_in_portuguese_is_read_as_portuguese_not_spanish(text):
    assert parse_statement(text)["language"] == "pt"


LETTERHEAD = (
    "REPUBLIQUE DU MALI\n\n"
    "ALLOCUTION DE S.E.M Abdoulaye DIOP, MINISTRE DES AFFAIRES ETRANGERES\n"
    "ET DE LA COOPERATION INTERNATIONALE DE LA REPUBLIQUE DU MALI A\n"
    "L'OCCASION DE LA 79EME SESSION DE L'ASSEMBLEE GENERALE DES NATIONS\n"
    "UNIES\n"
    "New York, 28 septembre 2024\n"
    "Excellence Monsieur Philémon Yang, Président de la 79ème session de\n"
    "l'Assemblée générale des Nations Unies,\n"
    "Monsieur António Guterres, Secrétaire général des Nations Unies,\n"
    "Mesdames et Messieurs, Tout protocole observé,\n\n"
    "Le Mali réitère son attachement au multilatéralisme et à la coopération entre les nations.\n\n"
    "Je vous remercie.\n")


def test_the_speaker_is_the_one_announced_not_the_dignitaries_the_salutation_greets():
    parse = parse_statement(LETTERHEAD)
    assert parse["speaker"] == "Abdoulaye Diop"
    assert parse["speaker_title"].startswith("Ministre des Affaires Etrangeres et de la Cooperation Internationale")
    assert parse["delegation"] == "Mali"
    assert parse["date"] == "2024-09-28"


@pytest.mark.parametrize("greeting", ["All protocols observed,", "Tout protocole observé,",
                                      "Excelência Senhor Presidente,"])
def test_set_greetings_are_read_as_the_salutation(greeting):
    parse = parse_statement(f"Statement by Ghana\n\n{greeting}\n\nGhana welcomes the report.\n\nThank you.\n")
    assert parse["salutation"] == greeting
    assert [p["text"] for p in parse["paragraphs"]] == ["Ghana welcomes the report."]


def test_a_session_of_a_body_named_only_by_its_last_word_is_not_marked_as_a_stated_meeting():
    parse = parse_statement("Item 4: General debate\n\n55th session of the Council\n\nMr. President,\n\n"
                            "We thank the Special Rapporteur for her report.\n\nThank you.\n")
    assert parse["meeting"]["session"] == "55th session" and parse["meeting"]["title"] is None
    assert parse["confidence"]["meeting"]["status"] == "missing"


@pytest.mark.parametrize("header", [
    "Statement at the 55th session of the Human Rights Council, Item 4: Human rights situations",
    "HRC55 – Item 4 General Debate – Statement by Norway",
])
def test_an_agenda_item_set_off_among_the_header_s_items_is_read(header):
    parse = parse_statement(header + "\n\nMr. President,\n\nWe thank the Special Rapporteur.\n\nThank you.\n")
    assert [item["number"] for item in parse["agenda_items"]] == ["4"]


THANKS_BODY = "\n\nMr. President,\n\nWe thank the Secretariat for its work on this item.\n\nThank you.\n"


@pytest.mark.parametrize("text, speaker, date", [
    ("Explanation of Vote by Ambassador Linda Thomas-Greenfield at a UN Security Council Vote on Sudan\n\n"
     "March 8, 2024" + THANKS_BODY, "Linda Thomas-Greenfield", "2024-03-08"),
    ("Statement by Norway\n\nDelivered during the 38th session of the Human Rights Council on 8 May 2018" + THANKS_BODY,
     None, "2018-05-08"),
    ("Statement by Canada at the Human Rights Council, as delivered by Ambassador Jane Smith" + THANKS_BODY,
     "Jane Smith", None),
])
def test_speaker_and_date_are_read_where_writers_put_them(text, speaker, date):
    parse = parse_statement(text)
    assert (parse["speaker"], parse["date"]) == (speaker, date)


@pytest.mark.parametrize("header, group", [
    ("Joint Statement on behalf of the Core Group on Sri Lanka (Canada, Malawi and the United Kingdom)",
     "Core Group on Sri Lanka"),
    ("Statement on behalf of the Group of Friends of Mediation, delivered by Finland", "Group of Friends of Mediation"),
    ("Statement by Ireland on behalf of the LGBTI Core Group at the Human Rights Council", "LGBTI Core Group"),
])
def test_a_group_not_yet_listed_is_recorded_by_the_name_it_gives_itself(header, group):
    parse = parse_statement(header + THANKS_BODY)
    assert parse["on_behalf_of"] == group


@pytest.mark.parametrize("header", [
    "Statement on behalf of the United States at the Security Council",
    "Statement on behalf of the Government of Ghana",
])
def test_a_state_or_its_government_spoken_for_is_not_a_group(header):
    assert parse_statement(header + THANKS_BODY)["on_behalf_of"] is None


@pytest.mark.parametrize("header, delegation, speaker, title", [
    ("中国常驻联合国代表傅聪大使在安理会乌克兰问题公开会上的发言", "China", "傅聪", "大使"),
    ("中国代表团李明参赞在联大三委的解释性发言", "China", "李明", "参赞"),
    ("Discurso do Embaixador Sérgio França Danese, Representante Permanente do Brasil junto às Nações Unidas",
     "Brazil", "Sérgio França Danese", "Representante Permanente do Brasil junto às Nações Unidas"),
])
def test_speakers_are_read_as_chinese_and_portuguese_titles_name_them(header, delegation, speaker, title):
    parse = parse_statement(header + "\n\n主席先生:\n\n我们欢迎秘书长的报告。\n\n谢谢主席。\n")
    assert (parse["delegation"], parse["speaker"], parse["speaker_title"]) == (delegation, speaker, title)


RUSSIAN_BODY = "\n\nГосподин Председатель,\n\nМы внимательно ознакомились с докладом Генерального секретаря.\n\nБлагодарю Вас.\n"


@pytest.mark.parametrize("header, speaker, title", [
    # the name in the genitive after the office, initials run together: a name the rules cannot
    # put back in the nominative safely ("Небензи": Небензя? an indeclinable -и?) stays as written
    ("Выступление Постоянного представителя Российской Федерации при ООН В.А.Небензи на заседании "
     "Совета Безопасности ООН по ситуации на Ближнем Востоке", "В.А.Небензи",
     "Постоянного представителя Российской Федерации при ООН"),
    ("Выступление Министра иностранных дел Российской Федерации С.В.Лаврова в ходе общих прений 79-й сессии "
     "Генеральной Ассамблеи ООН", "С.В.Лавров", "Министра иностранных дел Российской Федерации"),
    ("Выступление заместителя Постоянного представителя Российской Федерации Д.А.Полянского на заседании "
     "Совета Безопасности ООН", "Д.А.Полянский", "заместителя Постоянного представителя Российской Федерации"),
    ("Выступление заместителя Постоянного представителя Российской Федерации М.В.Захаровой по пункту 4 "
     "повестки дня", "М.В.Захарова", "заместителя Постоянного представителя Российской Федерации"),
    ("Заявление представителя Российской Федерации г-на Лаврова на 55-й сессии Совета по правам человека",
     "Лавров", "представителя Российской Федерации"),
    # a full name: every part put back, or none ("Небензи" cannot be)
    ("Выступление Постоянного представителя России Василия Небензи на брифинге", "Василия Небензи",
     "Постоянного представителя России"),
    ("Выступление Министра иностранных дел Российской Федерации Сергея Викторовича Лаврова на общих прениях",
     "Сергей Викторович Лавров", "Министра иностранных дел Российской Федерации"),
    ("Заявление заместителя Постоянного представителя Российской Федерации г-жи Анны Евстигнеевой",
     "Анна Евстигнеева", "заместителя Постоянного представителя Российской Федерации"),
    # in the nominative (no "Выступление ..." governing it), the name is as written
    ("Постоянный представитель Российской Федерации при ООН В.А.Небензя\nВыступление на заседании "
     "Совета Безопасности ООН", "В.А.Небензя", "Постоянный представитель Российской Федерации при ООН"),
])
def test_russian_titles_give_the_speaker_after_the_office_in_the_nominative_where_safe(header, speaker, title):
    parse = parse_statement(header + RUSSIAN_BODY)
    assert (parse["speaker"], parse["speaker_title"]) == (speaker, title)
    assert parse["delegation"] == "Russian Federation"
    assert_no_word_lost(header + RUSSIAN_BODY, parse)


@pytest.mark.parametrize("header", [
    "Выступление представителя Российской Федерации на заседании Совета Безопасности ООН",
    "Выступление г-на Председателя Совета Безопасности, господин Генеральный секретарь",
])
def test_a_russian_title_naming_only_offices_gives_no_speaker(header):
    assert parse_statement(header + RUSSIAN_BODY)["speaker"] is None
