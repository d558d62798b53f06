"""Recognising UN document symbols and resolution numbers in statement text.

The measured list below was written from the UN's published symbol patterns (the Dag Hammarskjöld
Library's "UN Documentation: Document Symbols" guide: series symbols of the principal organs, the
subsidiary body parts such as AC., C., CN., CONF., the document-type parts L., PV., RES, PRST, SR.,
INF., CRP., WP., and the modifiers /Rev., /Corr., /Add., /Amend.), as they appear in statements:
alone, after "document", with suffixes, at the end of a sentence, in parentheses, in lists; and
near misses that are not symbols: dates, fractions, ratios, URLs, "24/7", "A/B testing".
"""
from statements_site.archive import symbols

# (text as a statement writes it, the canonical symbols it cites in order)
MEASURED = [
    ("We welcome the adoption of resolution 74/247 by the General Assembly.", ["A/RES/74/247"]),
    ("Pursuant to General Assembly resolution 74/247, the committee was established.", ["A/RES/74/247"]),
    ("as requested in document A/RES/74/247.", ["A/RES/74/247"]),
    ("Security Council resolution 2334 (2016) remains valid.", ["S/RES/2334(2016)"]),
    ("We recall resolution 2334 (2016) of the Security Council.", ["S/RES/2334(2016)"]),
    ("The text is contained in S/RES/2334 (2016).", ["S/RES/2334(2016)"]),
    ("The draft resolution E/CN.15/2020/L.4 deserves support.", ["E/CN.15/2020/L.4"]),
    ("We co-sponsored draft resolution E/CN.15/2020/L.4/Rev.1.", ["E/CN.15/2020/L.4/Rev.1"]),
    ("See the report (A/AC.291/5) of the committee.", ["A/AC.291/5"]),
    ("The chair's proposal A/AC.291/CRP.10 was discussed.", ["A/AC.291/CRP.10"]),
    ("The Council adopted Human Rights Council resolution 43/1 without a vote.", ["A/HRC/RES/43/1"]),
    ("The report A/HRC/43/71 is before us.", ["A/HRC/43/71"]),
    ("Draft A/HRC/43/L.1/Rev.1 was adopted.", ["A/HRC/43/L.1/Rev.1"]),
    ("Please refer to document A/75/282 and A/75/282/Corr.1.", ["A/75/282", "A/75/282/Corr.1"]),
    ("In document A/74/130/Add.2, the Secretary-General notes progress.", ["A/74/130/Add.2"]),
    ("The resolution was adopted as UNEP/EA.5/Res.8 in Nairobi.", ["UNEP/EA.5/Res.8"]),
    ("UNEP/EA.4/L.7 was withdrawn.", ["UNEP/EA.4/L.7"]),
    ("The Third Committee considered A/C.3/74/L.11/Rev.1 at length.", ["A/C.3/74/L.11/Rev.1"]),
    ("as set out in A/C.3/74/L.11/Rev. 1", ["A/C.3/74/L.11/Rev.1"]),
    ("The presidential statement S/PRST/2020/5 is clear.", ["S/PRST/2020/5"]),
    ("The letter S/2020/123 was circulated.", ["S/2020/123"]),
    ("Records of the meeting (S/PV.8723) show this.", ["S/PV.8723"]),
    ("the General Assembly record A/74/PV.52 confirms it", ["A/74/PV.52"]),
    ("The bulletin ST/SGB/2019/8 on discrimination applies.", ["ST/SGB/2019/8"]),
    ("Document CTOC/COP/2020/10 contains the recommendations.", ["CTOC/COP/2020/10"]),
    ("The conference report A/CONF.234/16 was adopted.", ["A/CONF.234/16"]),
    ("General comment CCPR/C/GC/36 on the right to life.", ["CCPR/C/GC/36"]),
    ("The Committee's concluding observations CEDAW/C/PSE/CO/1 were welcomed.", ["CEDAW/C/PSE/CO/1"]),
    ("ECOSOC adopted E/2021/L.10 last year.", ["E/2021/L.10"]),
    ("Draft resolution A/76/L.25/Add.1 lists the sponsors.", ["A/76/L.25/Add.1"]),
    ("Resolution A/ES-10/L.22 was adopted at the emergency special session.", ["A/ES-10/L.22"]),
    ("The working group report A/HRC/WG.6/40/PSE/1 is comprehensive.", ["A/HRC/WG.6/40/PSE/1"]),
    ("We recall resolutions 73/187 and 74/247.", ["A/RES/73/187", "A/RES/74/247"]),
    ("recalling its resolutions 73/187, 74/173 and 74/247,", ["A/RES/73/187", "A/RES/74/173", "A/RES/74/247"]),
    ("Economic and Social Council resolution 2019/2 on crime prevention", ["E/RES/2019/2"]),
    ("ECOSOC resolution 2020/19 was adopted.", ["E/RES/2020/19"]),
    ("Resolution 75/282 established the timeline.", ["A/RES/75/282"]),
    ("the Assembly's resolution 74/247", ["A/RES/74/247"]),
    ("Council resolution 2231 (2015) endorsed the plan.", ["S/RES/2231(2015)"]),
    ("In resolution 1540 (2004), the Council decided.", ["S/RES/1540(2004)"]),
    ("The convention (A/RES/55/25) entered into force in 2003.", ["A/RES/55/25"]),
    ("See A/RES/55/25, annex I.", ["A/RES/55/25"]),
    ("The Commission's report E/CN.7/2023/L.2/Rev.1 is before us.", ["E/CN.7/2023/L.2/Rev.1"]),
    ("The Conference on Disarmament document CD/1299 remains the basis.", ["CD/1299"]),
    ("We refer to FCCC/CP/2015/10/Add.1, decision 1/CP.21.", ["FCCC/CP/2015/10/Add.1"]),
    ("As documents A/74/130 and S/2019/500 show, the crisis deepens.", ["A/74/130", "S/2019/500"]),
    ("The corrigendum A/74/130/Corr.1 fixed the table.", ["A/74/130/Corr.1"]),
    ("The amendment A/CONF.234/L.1/Amend.1 was rejected.", ["A/CONF.234/L.1/Amend.1"]),
    ("Human Rights Council resolution 47/23 on new technologies", ["A/HRC/RES/47/23"]),
    ("We support document A/HRC/47/L.7/Rev.1 fully.", ["A/HRC/47/L.7/Rev.1"]),
    ("The report of the Secretary-General (A/75/274) details this.", ["A/75/274"]),
    ("The report A/C.6/75/L.9/Add.1/Rev.1 was considered.", ["A/C.6/75/L.9/Add.1/Rev.1"]),
    ("The Special Committee's report A/AC.109/2020/18 was adopted.", ["A/AC.109/2020/18"]),
    ("UNEP/EA.5/HLS.1 sets the direction.", ["UNEP/EA.5/HLS.1"]),
    ("the summary record (E/C.12/2020/SR.5)", ["E/C.12/2020/SR.5"]),
    ("The TD/B/EX(71)/2 report is noted.", ["TD/B/EX(71)/2"]),
    ("We align with A/HRC/RES/43/1 and with A/HRC/RES/47/23.", ["A/HRC/RES/43/1", "A/HRC/RES/47/23"]),
    ("Its information note CTOC/COP/WG.2/2020/INF/1 helps.", ["CTOC/COP/WG.2/2020/INF/1"]),
    ("General Assembly resolutions 70/1 and 74/247 guide us.", ["A/RES/70/1", "A/RES/74/247"]),
    ("The Security Council's resolution 2417 (2018) on hunger", ["S/RES/2417(2018)"]),
    ("Recalling resolution 60/251 establishing the Council,", ["A/RES/60/251"]),
    ("The Committee examined CRC/C/PSE/1 in 2020.", ["CRC/C/PSE/1"]),
    ("The Secretariat's note E/CN.15/2021/5 explains.", ["E/CN.15/2021/5"]),
    ("The letter dated 5 May (A/75/863-S/2021/424) was circulated.", ["A/75/863", "S/2021/424"]),
    # Near misses: none of these cites a document.
    ("The meeting took place on 12/2020 in Vienna.", []),
    ("About 3/4 of the participants agreed.", []),
    ("The hotline is open 24/7 for victims.", []),
    ("Read more at https://undocs.org/A/RES/74/247 online.", []),
    ("See https://www.unodc.org/documents/E/CN.15/2020 for details.", []),
    ("A/B testing is not a policy tool.", []),
    ("The ratio was 1/3 in 2019 and 2/3 in 2020.", []),
    ("On 27/07/2020 the meeting opened.", []),
    ("The HIV/AIDS response must continue.", []),
    ("COVID-19 was declared a pandemic on 11/03/2020.", []),
    ("We consider the A/HRC mechanism essential.", []),
    ("Our mission's e-mail is mission/un@example.org.", []),
    ("Article 5/1 of the convention applies.", []),
    ("The Commission resolution 63/1 was adopted by consensus.", []),
    ("Security Council presidential statements matter, as does the S/he pronoun debate.", []),
    ("Paragraph 4/b of the text is unclear.", []),
    ("The rate rose to 2020/21 levels.", []),
]


def measure(cases):
    """Precision and recall of symbols.symbols() over `cases`, counting each expected symbol once per text."""
    true_positives = false_positives = false_negatives = 0
    misses = []
    for text, expected in cases:
        found = symbols.symbols(text)
        true_positives += len([s for s in found if s in expected])
        false_positives += len([s for s in found if s not in expected])
        false_negatives += len([s for s in expected if s not in found])
        if found != expected:
            misses.append((text, expected, found))
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / ((true_positives + false_negatives) or 1)
    return precision, recall, misses


def test_symbols_are_recognised_with_precision_and_recall_of_at_least_95_percent():
    positives = sum(len(expected) for _, expected in MEASURED)
    near_misses = sum(1 for _, expected in MEASURED if not expected)
    precision, recall, misses = measure(MEASURED)
    print(
        f"\nSymbol recognition over {len(MEASURED)} texts ({positives} symbols, {near_misses} near misses): "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    for text, expected, found in misses:
        print(f"  {text!r}: expected {expected}, found {found}")
    assert positives >= 60
    assert precision >= 0.95 and recall >= 0.95


def test_a_symbol_links_to_the_un_document_system():
    assert symbols.url("A/RES/74/247") == "https://undocs.org/A/RES/74/247"
    assert symbols.url("S/RES/2334(2016)") == "https://undocs.org/S/RES/2334(2016)"


def test_a_reference_spans_the_words_as_written():
    text = "We recall General Assembly resolution 74/247 and document E/CN.15/2020/L.4/Rev.1."
    references = symbols.find(text)
    assert [(ref.written, ref.symbol) for ref in references] == [
        ("resolution 74/247", "A/RES/74/247"),
        ("E/CN.15/2020/L.4/Rev.1", "E/CN.15/2020/L.4/Rev.1"),
    ]
    assert all(text[ref.start:ref.end] == ref.written for ref in references)


def test_a_sentence_ending_after_a_symbol_keeps_its_full_stop_out_of_the_symbol():
    assert symbols.symbols("It is in A/74/130.") == ["A/74/130"]


def test_a_year_after_a_document_that_is_not_a_council_resolution_is_not_part_of_its_symbol():
    assert symbols.symbols("The report A/74/130 (2019) says so.") == ["A/74/130"]
