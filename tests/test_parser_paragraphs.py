"""Paragraphs as written: web pages, Markdown bodies, lists, Chinese, lines without blank lines.

Every text here was written for this module in the layouts statements come
in; none is copied from ../shared/samples.
"""

from statements_site.archive.importing.parse import parse_statement

from .test_parser_properties import assert_no_word_lost


def paragraphs(text):
    parse = parse_statement(text)
    assert_no_word_lost(text, parse)
    return [(p["label"], p["text"]) for p in parse["paragraphs"]]


def test_a_sentence_that_lost_its_full_stop_is_a_paragraph_not_a_heading():
    text = ("Statement by Chile\n\nMr. President,\n\nWe condemned the attack without reservation.\n\n"
            "In response, the army embarked on a campaign of collective punishment in the region\n\n"
            "The suffering of civilians continues unabated.\n\nThank you.\n")
    assert [t for _, t in paragraphs(text)] == [
        "We condemned the attack without reservation.",
        "In response, the army embarked on a campaign of collective punishment in the region",
        "The suffering of civilians continues unabated.",
    ]


def test_a_short_unpunctuated_line_between_paragraphs_is_a_heading():
    text = ("Statement by Chile\n\nMr. President,\n\nWe welcome the report.\n\nTreaty body reform\n\n"
            "The treaty bodies need predictable resources.\n\nThank you.\n")
    assert [t for _, t in paragraphs(text)] == ["We welcome the report.",
                                                "The treaty bodies need predictable resources."]


def test_a_web_form_line_after_the_last_paragraph_is_not_a_paragraph():
    text = ("Statement by Iceland\n\nThank you, Mr. President.\n\nIceland thanks the High Commissioner.\n\n"
            "Iceland calls on all parties to protect civilians.\n\nIceland refers to earlier statements.\n\n"
            "Contact us\n\nPlease answer in digits\n")
    assert [t for _, t in paragraphs(text)][-1] == "Iceland refers to earlier statements."


def test_markdown_emphasis_entities_and_section_breaks_are_not_text():
    text = ("#### Opening Statement by Ms Jane Lee\n\nExcellencies,\n\n"
            "1 Thank you for joining Singapore&#39;s partners today.\n\n\\*\\*\\*\n\n"
            "2 **First, a long-term vision for water is crucial.** It guides our plans.\n\n"
            "3 We will work with &quot;all partners&quot;.\n\nThank you.\n")
    parse = parse_statement(text)
    assert [(p["label"], p["text"]) for p in parse["paragraphs"]] == [
        ("1", "Thank you for joining Singapore's partners today."),
        ("2", "First, a long-term vision for water is crucial. It guides our plans."),
        ("3", 'We will work with "all partners".'),
    ]


def test_a_dateline_ending_in_a_full_stop_and_a_spoken_word_note_stay_out_of_the_body():
    text = ("# Ministerns anförande vid arbetskonferensen\n\nGenève, 8 juni 2023.\n\nDet talade ordet gäller.\n\n"
            "It is an honour for me to address this Conference.\n\nSocial justice is the foundation of peace.\n")
    parse = parse_statement(text)
    assert parse["date"] == "2023-06-08"
    assert [p["text"] for p in parse["paragraphs"]] == ["It is an honour for me to address this Conference.",
                                                       "Social justice is the foundation of peace."]


def test_a_greeting_run_into_the_first_paragraph_becomes_the_salutation():
    text = ("Statement by Sweden\n\nYour excellencies, ladies and gentlemen. It is an honour to address you.\n\n"
            "Social justice is the foundation of peace.\n")
    parse = parse_statement(text)
    assert parse["salutation"] == "Your excellencies, ladies and gentlemen."
    assert parse["paragraphs"][0]["text"] == "It is an honour to address you."
    assert_no_word_lost(text, parse)


def test_one_paragraph_per_line_without_blank_lines():
    text = ("Statement by Peru\nMr. President,\nPeru welcomes the report of the Secretary-General.\n"
            "We support the proposals it makes on financing for development.\n"
            "We call on all partners to honour their commitments.\nThank you.\n")
    assert [t for _, t in paragraphs(text)] == [
        "Peru welcomes the report of the Secretary-General.",
        "We support the proposals it makes on financing for development.",
        "We call on all partners to honour their commitments.",
    ]


def test_a_bullet_list_keeps_its_lead_in_and_its_items():
    text = ("Statement by Kenya\n\nMr. Chair,\n\nWe propose three steps:\n• predictable financing;\n"
            "• technology transfer;\n• capacity building.\n\nThank you.\n")
    assert [t for _, t in paragraphs(text)] == ["We propose three steps:", "• predictable financing;",
                                                "• technology transfer;", "• capacity building."]


def test_chinese_paragraphs_without_spaces_are_kept_whole():
    text = ("中国代表团在安理会的发言\n\n主席先生:\n\n中方欢迎秘书长的报告。\n\n"
            "中方支持安理会在这一问题上发挥建设性作用，各方应通过对话解决分歧。\n\n谢谢主席先生。\n")
    parse = parse_statement(text)
    assert [p["text"] for p in parse["paragraphs"]] == [
        "中方欢迎秘书长的报告。", "中方支持安理会在这一问题上发挥建设性作用，各方应通过对话解决分歧。"]
    assert parse["delegation"] == "China"
    assert parse["closing"] == "谢谢主席先生。"


def test_numbers_in_brackets_decimals_capitals_and_chinese_numerals_are_labels():
    def labels(body):
        return [p["label"] for p in parse_statement(f"Statement by Kenya\n\nMr. Chair,\n\n{body}\n\nThank you.\n")["paragraphs"]]

    assert labels("(1) We welcome it.\n\n(2) We support it.\n\n(3) We call for it.") == ["1", "2", "3"]
    assert labels("1.1 We welcome it.\n\n1.2 We support it.\n\n2.1 We call for it.") == ["1.1", "1.2", "2.1"]
    assert labels("A. We welcome it.\n\nB. We support it.\n\nC. We call for it.") == ["A", "B", "C"]
    assert labels("一、中方欢迎报告。\n\n二、中方支持对话。") == ["一", "二"]


def test_a_decimal_figure_opening_a_sentence_is_not_a_label():
    text = "Statement by Kenya\n\nMr. Chair,\n\n2.5 Million people have fled.\n\nThank you.\n"
    assert [p["label"] for p in parse_statement(text)["paragraphs"]] == [None]


def test_a_footnote_at_the_foot_of_a_pdf_page_is_not_a_paragraph():
    text = ("Statement by Kenya\n\nMr. President,\n\nThe world faces a debt crisis.1 We call for reform of the "
            "international financial architecture.\n\n1 Report of the Secretary-General, A/79/1.\n\f"
            "We also call for predictable climate finance.\n\nThank you.\n")
    parse = parse_statement(text)
    assert [p["text"] for p in parse["paragraphs"]] == [
        "The world faces a debt crisis.1 We call for reform of the international financial architecture.",
        "We also call for predictable climate finance.",
    ]
    assert "dropped footnote: '1 Report of the Secretary-General, A/79/1.'" in parse["warnings"]


def test_numbered_paragraphs_at_the_foot_of_a_page_are_not_footnotes():
    text = ("Statement by Kenya\n\nMr. President,\n\n1 We welcome the report of 2024.\n\n"
            "2 We support its proposals.\n\f3 We call for action.\n\nThank you.\n")
    assert [p["label"] for p in parse_statement(text)["paragraphs"]] == ["1", "2", "3"]


def test_a_numbered_paragraph_at_a_page_foot_is_kept_though_the_page_names_the_g7():
    text = ("Statement by Kenya\n\nMr. President,\n\n1 We met in June.\n\n2 We welcome the G7 pledge.\n\n"
            "3 We support its proposals.\n\n4 We thank the chair.\n\n5 We note the report.\n\n"
            "6 We support the plan.\n\n7 We support its proposals.\n\f8 We call for action.\n\nThank you.\n")
    assert [p["label"] for p in parse_statement(text)["paragraphs"]] == [str(n) for n in range(1, 9)]


def test_chinese_written_a_paragraph_a_line_keeps_each_line_a_paragraph():
    text = ("中国代表在人权理事会第55届会议上的发言\n\n主席先生:\n\n"
            "中方欢迎高级专员的报告。中方一贯主张通过建设性对话与合作处理人权问题。\n"
            "各国应尊重彼此的发展道路。\n我们愿同各方一道努力。\n\n谢谢主席。\n")
    assert [t[:6] for _, t in paragraphs(text)] == ["中方欢迎高级", "各国应尊重彼", "我们愿同各方"]


def test_chinese_wrapped_at_a_margin_is_joined_into_its_paragraphs():
    first = "中方欢迎高级专员的报告并注意到报告中提出的各项建议，认为各国应在平等和相互尊重的基础上开展建设性对话与合作，共同促进和保护人权。"
    second = "我们愿同各方一道努力，推动国际人权事业健康发展，为构建人类命运共同体作出应有贡献，并继续支持理事会以公正客观的方式开展工作。"
    wrapped = "\n".join(first[i:i + 30] for i in range(0, len(first), 30)) + "\n" + \
        "\n".join(second[i:i + 30] for i in range(0, len(second), 30))
    text = "中国代表的发言\n\n主席先生:\n\n" + wrapped + "\n\n谢谢主席。\n"
    assert [t for _, t in paragraphs(text)] == [first, second]


TWO_SPEAKERS = (
    "Statement by H.E. Mr. John Doe, Prime Minister of Fiji\n\nMr. President,\n\n"
    "1. Fiji welcomes the Pact for the Future and what it offers small island states.\n\n"
    "2. Climate change remains the single greatest threat to our region.\n\nI thank you.\n\n"
    "Statement by H.E. Mr. Kausea Natano, Prime Minister of Tuvalu\n\nMr. President,\n\n"
    "1. Tuvalu aligns itself with the statement of AOSIS.\n\n2. Sea-level rise threatens our existence.\n\n"
    "Thank you.\n")


def test_a_second_statement_in_the_same_text_is_left_out_and_named_in_a_warning():
    parse = parse_statement(TWO_SPEAKERS)
    assert_no_word_lost(TWO_SPEAKERS, parse)
    assert (parse["delegation"], parse["closing"]) == ("Fiji", "I thank you.")
    assert [p["text"][:4] for p in parse["paragraphs"]] == ["Fiji", "Clim"]
    assert any(w.startswith("a second statement follows") and "Tuvalu aligns itself" in w for w in parse["warnings"])


def test_a_statement_quoting_another_statement_s_title_in_its_body_is_not_cut():
    text = ("Statement by Ireland\n\nMr. President,\n\nWe read with care the statement by the Secretary-General "
            "issued last week.\n\nStatement by the Secretary-General on the situation in Haiti was clear.\n\n"
            "We agree with it.\n\nThank you.\n")
    assert len(parse_statement(text)["paragraphs"]) == 3


TOPICS = ["climate finance", "debt relief", "peacekeeping", "the rule of law", "gender equality",
          "water and sanitation", "food security", "migration", "nuclear disarmament", "digital cooperation",
          "public health", "ocean governance", "human rights", "trade rules", "refugee protection",
          "education", "energy access", "the Sustainable Development Goals", "biodiversity", "counter-terrorism",
          "youth employment", "disaster risk reduction"]


def wrapped_paragraph(topic):
    """A two-line paragraph as a PDF of speaking notes gives it: a full line, then a short one."""
    return (f"Our delegation has consistently argued in this Assembly that progress on {topic}\n"
            f"cannot wait any longer.")


def test_a_lone_line_break_where_blank_lines_separate_every_paragraph_stays_inside_it():
    body = "\n\n".join(wrapped_paragraph(topic) for topic in TOPICS)
    lone = ("The gap between rich and poor countries is widening faster than at any time in\n"
            "memory.\nWe must continue to strive for equal treatment and opportunity for all nations\n"
            "and all peoples.")
    text = f"Statement by Chile\n\nMr. President,\n\n{body}\n\n{lone}\n\n{body}\n\nThank you.\n"
    got = [t for _, t in paragraphs(text)]
    assert len(got) == 2 * len(TOPICS) + 1
    assert got[len(TOPICS)].startswith("The gap between rich and poor")
    assert got[len(TOPICS)].endswith("equal treatment and opportunity for all nations and all peoples.")


def test_short_line_breaks_that_recur_between_blank_lines_still_end_paragraphs():
    """The same line break, used again and again beside blank lines, is the writer's other separator."""
    lone = ("The gap between rich and poor countries is widening faster than at any time in\n"
            "memory.\nWe must continue to strive for equal treatment and opportunity for all nations\n"
            "and all peoples.")
    parts = [wrapped_paragraph(topic) + ("\n\n" if i % 4 else "\n\n" + lone + "\n\n")
             for i, topic in enumerate(TOPICS[:16])]
    text = f"Statement by Chile\n\nMr. President,\n\n{''.join(parts)}Thank you.\n"
    got = [t for _, t in paragraphs(text)]
    assert sum(1 for t in got if t.startswith("We must continue to strive")) == 4
    assert len(got) == 16 + 2 * 4


def test_a_dateline_right_above_the_first_paragraph_keeps_its_line_break_where_blank_lines_are_the_rule():
    body = "\n\n".join(wrapped_paragraph(topic) for topic in TOPICS)
    text = f"Statement by Chile\n\nNew York, 24 September 2024.\n{body}\n\nThank you.\n"
    parse = parse_statement(text)
    assert parse["date"] == "2024-09-24"
    assert parse["paragraphs"][0]["text"].startswith("Our delegation has consistently argued")
    assert len(parse["paragraphs"]) == len(TOPICS)
