"""Who takes the floor: a name's role decides, not its place in the text.

Every text here was written for this module in the forms delegations use;
none is copied from ../shared/samples.
"""

import pytest

from statements_site.archive.importing.groups import canonical_country, find_countries
from statements_site.archive.importing.parse import parse_statement

BODY = "\n\nMr. President,\n\nWe have followed the work of this body closely for many years.\n\nThank you.\n"


def delegation_of(text):
    return parse_statement(text)["delegation"]


@pytest.mark.parametrize("header, speaker", [
    ("Universal Periodic Review of Ethiopia\nStatement by Norway", "Norway"),
    ("UPR of Ethiopia – Statement of the Kingdom of the Netherlands", "Netherlands"),
    ("Interactive dialogue on the situation of human rights in Myanmar\nIntervention of Ireland", "Ireland"),
    ("Statement delivered by Ambassador Jane Doe on behalf of Canada", "Canada"),
    ("Statement by the Permanent Mission of Ghana on Ukraine", "Ghana"),
    ("Explanation of vote by the United Kingdom on the draft resolution on Syria", "United Kingdom"),
    ("U.S. Statement at the Security Council open debate", "United States"),
    ("The Netherlands' delegation statement on agenda item 4", "Netherlands"),
    ("Statement by the Norwegian delegation during the World Health Assembly", "Norway"),
    ("Norwegian statement at the Human Rights Council on the situation in Ethiopia", "Norway"),
    ("Intervention française au Conseil des droits de l'homme", "France"),
    ("Intervention de la délégation française au Conseil des droits de l'homme", "France"),
    ("Intervención de la delegación cubana en el Consejo de Derechos Humanos", "Cuba"),
    ("Intervenção da delegação brasileira no Conselho de Direitos Humanos", "Brazil"),
    ("Declaración de la República de Chile sobre Venezuela", "Chile"),
    ("Выступление представителя Российской Федерации в Совете Безопасности", "Russian Federation"),
    ("中国常驻联合国代表团在安理会的发言", "China"),
    ("كلمة وفد مصر أمام مجلس حقوق الإنسان", "Egypt"),
])
def test_the_header_role_names_the_speaker_not_the_state_discussed(header, speaker):
    assert delegation_of(header + BODY) == speaker


def test_a_country_after_the_city_is_the_place_not_the_speaker():
    text = "General Debate\nNew York, USA\n24 September 2024" + BODY
    assert delegation_of(text) is None


def test_the_state_under_review_is_never_filed_as_the_speaker():
    text = ("Universal Periodic Review of Ethiopia\n\nMr. President,\n\n"
            "Ethiopia has made progress since its last review. Ethiopia has ratified two conventions.\n\n"
            "Thank you.\n")
    assert delegation_of(text) is None


def test_a_state_speaking_of_itself_in_the_third_person_is_inferred_and_marked_so():
    text = ("Universal Periodic Review of Ethiopia\n\nMr. President,\n\n"
            "Iceland thanks the delegation of Ethiopia for its presentation.\n\n"
            "Iceland recommends that Ethiopia ratify the Optional Protocol.\n\nThank you.\n")
    parse = parse_statement(text)
    assert parse["delegation"] == "Iceland"
    assert parse["confidence"]["delegation"]["status"] == "inferred"
    assert "third person" in parse["confidence"]["delegation"]["why"]


def test_two_states_the_text_does_not_tell_apart_give_no_delegation_and_name_both():
    text = ("Joint remarks\n\nMr. President,\n\nNorway welcomes the report.\n\n"
            "Denmark welcomes the report too.\n\nThank you.\n")
    parse = parse_statement(text)
    assert parse["delegation"] is None
    assert parse["confidence"]["delegation"]["candidates"] == ["Norway", "Denmark"]
    assert any("'Norway'" in w and "'Denmark'" in w for w in parse["warnings"])


def test_states_aligning_with_a_group_statement_are_not_its_speaker():
    text = ("Statement on behalf of the European Union\n\nMr. Chair,\n\n"
            "The following countries align themselves with this statement: Albania, Montenegro and Serbia.\n\n"
            "Thank you.\n")
    assert delegation_of(text) is None


@pytest.mark.parametrize("written, canonical", [
    ("Allemagne", "Germany"), ("Alemanha", "Germany"), ("Германия", "Germany"), ("德国", "Germany"),
    ("ألمانيا", "Germany"), ("Côte d’Ivoire", "Côte d'Ivoire"), ("Congo-Brazzaville", "Congo"),
    ("Saint Kitts and Nevis", "Saint Kitts and Nevis"), ("Russia", "Russian Federation"),
])
def test_country_names_come_in_every_un_language_and_portuguese(written, canonical):
    assert canonical_country(written) == canonical


def test_first_names_that_are_also_french_country_names_are_not_countries():
    assert find_countries("Statement by Maurice Dupont") == []


def test_a_mission_site_header_naming_the_representative_of_a_state_names_the_speaker():
    text = ("Remarks at a UN Security Council Briefing on the Situation in Syria\n"
            "Ambassador Linda Greenfield\nU.S. Representative to the United Nations\n"
            "New York, New York\nMay 5, 2023\n\nAS DELIVERED\n\nThank you, Madam President.\n\n"
            "We remain deeply concerned about the humanitarian situation.\n\nThank you.\n")
    parse = parse_statement(text)
    assert parse["delegation"] == "United States"
    assert parse["date"] == "2023-05-05"


@pytest.mark.parametrize("sentence, speaker", [
    ("The United Kingdom condemns the attack on civilians.", "United Kingdom"),
    ("La France salue le rapport du Secrétaire général.", "France"),
    ("Российская Федерация приветствует этот проект резолюции.", "Russian Federation"),
    ("中方支持安理会在这一问题上发挥作用。", "China"),
])
def test_a_state_named_with_its_article_as_the_subject_of_a_stand_is_inferred(sentence, speaker):
    text = f"Interactive dialogue\n\nMr. President,\n\n{sentence}\n\nThank you.\n"
    parse = parse_statement(text)
    assert parse["delegation"] == speaker
    assert parse["confidence"]["delegation"]["status"] == "inferred"


def test_an_arabic_header_naming_the_republic_names_the_speaker():
    text = "كلمة جمهورية مصر العربية أمام مجلس حقوق الإنسان\n\nالسيد الرئيس،\n\nنرحب بالتقرير المقدم.\n\nشكرا.\n"
    assert parse_statement(text)["delegation"] == "Egypt"


def test_a_state_a_minister_accuses_is_not_taken_for_the_minister_s_own():
    text = ("Address by the President\n\nMr. President,\n\n"
            "Russia has invaded its neighbour. Russia has attacked our cities.\n\n"
            "Russia has ignored every resolution of this Assembly.\n\nThank you.\n")
    assert delegation_of(text) is None


def test_a_state_named_alone_over_a_statement_by_another_is_its_subject_not_its_speaker():
    assert delegation_of("ETHIOPIA\nUniversal Periodic Review\nStatement by Norway" + BODY) == "Norway"


def test_a_letterhead_names_the_speaker_when_nothing_else_does():
    assert delegation_of("Republic of Namibia\nThe Presidency\nAddress at the General Debate" + BODY) == "Namibia"


def test_a_group_statement_delivered_by_a_state_names_both():
    parse = parse_statement("HRC55 - Item 4 General Debate\nNordic-Baltic statement delivered by Estonia" + BODY)
    assert parse["delegation"] == "Estonia"
    assert parse["on_behalf_of"] == "Nordic-Baltic countries"


def test_a_joint_statement_delivered_by_a_state_names_the_state():
    assert delegation_of("Joint Statement on behalf of 50 countries delivered by Canada" + BODY) == "Canada"


def test_a_portuguese_header_naming_the_foreign_minister_of_brazil():
    text = ("Discurso do Ministro das Relações Exteriores do Brasil, Mauro Vieira, na abertura do debate geral"
            "\n\nSenhor Presidente,\n\nTemos acompanhado este debate com atenção.\n\nObrigado.\n")
    assert delegation_of(text) == "Brazil"


def test_a_spanish_name_with_two_particles_is_kept_whole():
    text = ("Intervención del Embajador Juan Ramón de la Fuente, Representante Permanente de México ante las "
            "Naciones Unidas\n\nSeñor Presidente:\n\nAgradecemos la convocatoria de este debate.\n\nGracias.\n")
    parse = parse_statement(text)
    assert parse["speaker"] == "Juan Ramón de la Fuente"
    assert parse["delegation"] == "Mexico"


def test_a_reply_to_another_delegation_s_statement_does_not_make_it_the_speaker():
    assert delegation_of("Right of reply to the Russian statement" + BODY) is None


def test_a_bare_state_name_a_web_page_files_the_statement_under_is_its_topic():
    assert delegation_of("Syria\nRemarks by Ambassador Jane Roe at the Security Council" + BODY) is None


def test_a_state_thanked_for_its_presidency_is_not_the_speaker():
    text = ("Open debate\n\nMr. President,\n\nWe thank Malta which holds the presidency this month "
            "for convening this debate.\n\nThank you.\n")
    assert delegation_of(text) is None


@pytest.mark.parametrize("sentence, speaker", [
    ("Denmark would like to thank the Special Rapporteur for her report.", "Denmark"),
    ("In view of the late publication, Finland has no comments on the report at this stage.", "Finland"),
    ("As a consequence of the late publication of the report, Denmark has no substantive comments.", "Denmark"),
    ("Ireland stands in full solidarity with the people of Sudan.", "Ireland"),
    ("Portugal attaches great importance to the work of the treaty bodies.", "Portugal"),
    ("Chile stands ready to work with all delegations on the text.", "Chile"),
])
def test_set_phrases_a_state_uses_of_itself_name_the_speaker_as_inferred(sentence, speaker):
    parse = parse_statement("Agenda item 4: General debate\n\nThank you, Chair.\n\n" + sentence
                            + " We look forward to a constructive session.\n\nThank you.\n")
    assert parse["delegation"] == speaker
    assert parse["confidence"]["delegation"]["status"] == "inferred"


def test_a_state_others_speak_of_is_not_taken_for_the_speaker():
    text = ("Agenda item 4: General debate\n\nThank you, Chair.\n\nWe note that Belarus has ratified the convention. "
            "Belarus would like us to believe that the elections were free.\n\nThank you.\n")
    assert delegation_of(text) is None


ENGLISH_SPEECH = ("Mr President,\n\nWe thank the High Commissioner for her update. Human rights defenders must be able "
                  "to work without fear, and we call on all states to protect them.\n\nThank you.\n")


@pytest.mark.parametrize("page, speaker", [
    ("Innlegg ved statssekretær Eivind Vad Petersson i FNs menneskerettighetsråd, Genève 3. mars 2025\n\n"
     "Det talte ord gjelder\n\n", "Norway"),
    ("Ávarp ráðherra á fundi mannréttindaráðs Sameinuðu þjóðanna í Genf, 27. febrúar 2024\n\n", "Iceland"),
    ("Puhe ulkoministerin puolesta YK:n ihmisoikeusneuvoston istunnossa Genevessä 26. helmikuuta 2024\n\n",
     "Finland"),
])
def test_a_page_in_one_states_national_language_names_it_as_inferred(page, speaker):
    parse = parse_statement(page + ENGLISH_SPEECH)
    assert parse["delegation"] == speaker
    assert parse["confidence"]["delegation"]["status"] == "inferred"
    assert any("national language" in w for w in parse["warnings"])


@pytest.mark.parametrize("page", [
    "Rede der Staatsministerin vor dem Menschenrechtsrat der Vereinten Nationen in Genf am 3. März 2025\n\n",
    "Intervention du représentant au Conseil des droits de l'homme à Genève le 3 mars 2025\n\n",
])
def test_a_page_in_a_language_several_states_share_names_no_one(page):
    assert delegation_of(page + ENGLISH_SPEECH) is None


MINISTER = "Opening Statement by Mr Ken Sato, Minister for the Environment, at the Regional Water Forum\n\n"


def test_a_ministers_speech_keeps_naming_its_own_country_as_owner():
    body = ("Ladies and gentlemen,\n\nJapan's rivers were once badly polluted. We cleaned them over three decades. "
            "Japan's water agency now shares what it learned.\n\nThe forum, hosted by Japan's Ministry, brings "
            "partners from Viet Nam and Thailand together.\n\nThank you.\n")
    parse = parse_statement(MINISTER + body)
    assert parse["delegation"] == "Japan" and parse["confidence"]["delegation"]["status"] == "inferred"


def test_a_state_named_in_sentences_on_a_war_is_not_taken_for_the_minister_s_own():
    body = ("Ladies and gentlemen,\n\nUkraine's sovereignty must be respected and the war must end. "
            "Ukraine's people suffer attacks every day. Ukraine's cities are bombed.\n\nThank you.\n")
    assert delegation_of(MINISTER + body) is None


def test_states_that_speak_together_are_candidates_not_one_guess():
    parse = parse_statement("Item 4: General debate\n\nMr. President,\n\nNorway and Denmark thank the Special "
                            "Rapporteur. Denmark welcomes the report.\n\nThank you.\n")
    assert parse["delegation"] is None
    assert parse["confidence"]["delegation"]["candidates"] == ["Norway", "Denmark"]
    assert any("Norway" in w and "Denmark" in w and "does not settle" in w for w in parse["warnings"])


@pytest.mark.parametrize("header, speaker", [
    ("EU Statement – UN General Assembly: Debate on the Report of the Security Council\n\n14 November 2023, "
     "New York - Statement by H.E. Ambassador Olof Skoog, Head of the Delegation of the European Union to the "
     "United Nations", "European Union"),
    ("Statement by the Permanent Observer Mission of the African Union to the United Nations", "African Union"),
])
def test_an_organisation_s_own_delegation_takes_the_floor(header, speaker):
    assert delegation_of(header + BODY) == speaker


def test_a_state_speaking_for_the_union_is_the_delegation_not_the_union():
    assert delegation_of("Statement by Sweden on behalf of the European Union and its Member States" + BODY) == "Sweden"
