"""The parser on statements it was not written against.

Each text below was composed for this module, in the forms diplomats use in
English, French, Spanish, Arabic, Russian and Chinese (none is copied from
../shared/samples). Each case states the parse a careful reader makes of it;
only the fields named are checked, "meeting" is checked key by key and
"paragraphs" as (label, text) pairs. Every case must also lose no word.
"""

import pytest

from statements_site.archive.importing.parse import parse_statement

from .test_parser_properties import assert_no_word_lost

CASES = {}


def case(name, text, **expected):
    CASES[name] = (text, expected)


# --- header forms -----------------------------------------------------------

case(
    "statement-by-country",
    "Statement by Norway\n\nMr. President,\n\n"
    "Norway welcomes the report of the Secretary-General on the work of the Organization.\n\n"
    "We will continue to support the efforts of the international community.\n\n"
    "Thank you, Mr. President.\n",
    title="Statement by Norway", delegation="Norway", speaker=None, speaker_title=None,
    on_behalf_of=None, language="en", salutation="Mr. President,", closing="Thank you, Mr. President.",
    paragraphs=[
        (None, "Norway welcomes the report of the Secretary-General on the work of the Organization."),
        (None, "We will continue to support the efforts of the international community."),
    ],
)

case(
    "permanent-representative-to-the-un",
    "Statement by H.E. Mr. Tomas Lindqvist, Permanent Representative of Finland to the United Nations\n"
    "Security Council Open Debate on the Protection of Civilians in Armed Conflict\n"
    "New York, 25 May 2023\n\n"
    "Check against delivery\n\n"
    "Madam President,\n\n"
    "At the outset, I would like to thank Mozambique for convening this open debate.\n\n"
    "Civilians continue to pay the highest price in armed conflict, and this is unacceptable.\n\n"
    "I thank you.\n",
    title="Statement by H.E. Mr. Tomas Lindqvist, Permanent Representative of Finland to the United Nations",
    delegation="Finland", speaker="Mr. Tomas Lindqvist",
    speaker_title="Permanent Representative of Finland to the United Nations",
    date="2023-05-25", language="en", salutation="Madam President,", closing="I thank you.",
    meeting={"title": "Security Council Open Debate on the Protection of Civilians in Armed Conflict",
             "location": "New York", "date_start": None, "date_end": None},
    paragraphs=[
        (None, "At the outset, I would like to thank Mozambique for convening this open debate."),
        (None, "Civilians continue to pay the highest price in armed conflict, and this is unacceptable."),
    ],
)

case(
    "country-statement-at-session",
    "Brazil statement at the 52nd session of the Human Rights Council\n"
    "Geneva, 3 March 2022\n\n"
    "Item 4: Human rights situations that require the Council's attention\n\n"
    "Mr. President,\n\n"
    "Brazil remains concerned about the humanitarian situation in several regions.\n\n"
    "We call on all parties to respect international humanitarian law.\n\n"
    "Thank you.\n",
    title="Brazil statement at the 52nd session of the Human Rights Council",
    delegation="Brazil", speaker=None, date="2022-03-03", language="en",
    meeting={"title": "Human Rights Council", "session": "52nd session", "location": "Geneva",
             "date_start": None, "date_end": None},
    agenda_items=[{"number": "4", "title": "Human rights situations that require the Council's attention"}],
    closing="Thank you.",
)

case(
    "g77-on-behalf-by-ambassador",
    "Statement on behalf of the Group of 77 and China by H.E. Ambassador Pedro Luis Pedroso Cuesta, "
    "Permanent Representative of Cuba to the United Nations, at the Second Committee of the General Assembly\n"
    "New York, 5 October 2023\n\n"
    "Agenda item 18: Macroeconomic policy questions\n\n"
    "Mr. Chair,\n\n"
    "1. I have the honour to deliver this statement on behalf of the Group of 77 and China.\n\n"
    "2. The Group remains deeply concerned about the rising debt burden of developing countries.\n\n"
    "I thank you.\n",
    delegation="Cuba", on_behalf_of="Group of 77 and China", speaker="Pedro Luis Pedroso Cuesta",
    speaker_title="Permanent Representative of Cuba to the United Nations",
    date="2023-10-05", language="en",
    meeting={"title": "Second Committee of the General Assembly", "location": "New York"},
    agenda_items=[{"number": "18", "title": "Macroeconomic policy questions"}],
    paragraphs=[
        ("1", "I have the honour to deliver this statement on behalf of the Group of 77 and China."),
        ("2", "The Group remains deeply concerned about the rising debt burden of developing countries."),
    ],
)

case(
    "eu-delivered-by-meeting-span",
    "Statement on behalf of the European Union and its Member States delivered by Mr. Jan Novak, "
    "Deputy Head of Delegation, at the Open-ended Working Group on Ageing, New York, 10-13 April 2023\n\n"
    "Mr. Chair,\n\n"
    "I have the honour to speak on behalf of the European Union and its Member States.\n\n"
    "The EU remains committed to the human rights of older persons.\n\n"
    "Thank you, Mr. Chair.\n",
    on_behalf_of="European Union and its Member States", speaker="Mr. Jan Novak",
    speaker_title="Deputy Head of Delegation", delegation=None, date=None, language="en",
    meeting={"title": "Open-ended Working Group on Ageing", "location": "New York",
             "date_start": "2023-04-10", "date_end": "2023-04-13"},
)

case(
    "permanent-mission-takes-the-floor",
    "Permanent Mission of Kenya to the United Nations Office at Nairobi\n\n"
    "Statement at the sixth session of the United Nations Environment Assembly\n\n"
    "Nairobi, 28 February 2024\n\n"
    "Madam President,\n\n"
    "Kenya is honoured to host this Assembly once again.\n\n"
    "We look forward to ambitious outcomes on plastics and chemicals.\n\n"
    "Thank you.\n",
    delegation="Kenya", speaker=None, date="2024-02-28", language="en",
    meeting={"title": "United Nations Environment Assembly", "session": "sixth session",
             "location": "Nairobi"},
    paragraphs=[(None, "Kenya is honoured to host this Assembly once again."),
                (None, "We look forward to ambitious outcomes on plastics and chemicals.")],
)

case(
    "intervention-of-the-delegation",
    "Intervention of the Delegation of India\n"
    "Conference on Disarmament, Geneva, 14 February 2023\n\n"
    "Mr. President,\n\n"
    "India attaches the highest priority to nuclear disarmament.\n\n"
    "We support the early commencement of negotiations in this Conference.\n\n"
    "I thank you, Mr. President.\n",
    delegation="India", speaker=None, speaker_title=None, date="2023-02-14", language="en",
    meeting={"title": "Conference on Disarmament", "location": "Geneva"},
    closing="I thank you, Mr. President.",
)

case(
    "multi-line-header-mexico",
    "Statement by Ms. Ana Ruiz, Permanent Mission of Mexico\n"
    "Commission on Narcotic Drugs, 66th session, Vienna, 13-17 March 2023\n\n"
    "Item 3: General debate\n\n"
    "Mr. Chair,\n\n"
    "1. Mexico thanks the Chair.\n\n"
    "Thank you, Mr. Chair.\n",
    title="Statement by Ms. Ana Ruiz, Permanent Mission of Mexico",
    delegation="Mexico", speaker="Ms. Ana Ruiz", speaker_title="Permanent Mission of Mexico",
    meeting={"title": "Commission on Narcotic Drugs", "session": "66th session", "location": "Vienna",
             "date_start": "2023-03-13", "date_end": "2023-03-17"},
    date=None, agenda_items=[{"number": "3", "title": "General debate"}], language="en",
    salutation="Mr. Chair,", closing="Thank you, Mr. Chair.",
    paragraphs=[("1", "Mexico thanks the Chair.")],
)

case(
    "remarks-by-ambassador-us-date",
    "Remarks by Ambassador Linda Grant at the High-Level Event on Migration\n"
    "September 25, 2017\n\n"
    "As delivered\n\n"
    "Thank you, Mr. President.\n\n"
    "Migration is a shared responsibility, and no country can manage it alone.\n\n"
    "We must protect the most vulnerable while respecting the sovereignty of States.\n\n"
    "Thank you.\n",
    speaker="Linda Grant", date="2017-09-25", delegation=None, language="en",
    meeting={"title": "High-Level Event on Migration"},
    salutation="Thank you, Mr. President.", closing="Thank you.",
    paragraphs=[
        (None, "Migration is a shared responsibility, and no country can manage it alone."),
        (None, "We must protect the most vulnerable while respecting the sovereignty of States."),
    ],
)

# --- French and Spanish -----------------------------------------------------

case(
    "intervention-de-la-delegation",
    "Intervention de la délégation du Sénégal\n"
    "Conseil des droits de l'homme, 53e session\n\n"
    "Point 3 de l'ordre du jour : Promotion et protection de tous les droits de l'homme\n\n"
    "La version prononcée fait foi\n\n"
    "Monsieur le Président,\n\n"
    "Le Sénégal salue le rapport présenté par le Rapporteur spécial et les recommandations qui y figurent.\n\n"
    "Nous restons engagés en faveur de la coopération internationale dans ce domaine.\n\n"
    "Je vous remercie.\n",
    delegation="Senegal", speaker=None, language="fr",
    meeting={"title": "Conseil des droits de l'homme", "session": "53e session"},
    agenda_items=[{"number": "3", "title": "Promotion et protection de tous les droits de l'homme"}],
    salutation="Monsieur le Président,", closing="Je vous remercie.",
    paragraphs=[
        (None, "Le Sénégal salue le rapport présenté par le Rapporteur spécial et les "
               "recommandations qui y figurent."),
        (None, "Nous restons engagés en faveur de la coopération internationale dans ce domaine."),
    ],
)

case(
    "declaration-de-la-france",
    "Déclaration de la France\n"
    "78e session de l'Assemblée générale des Nations Unies\n"
    "New York, le 22 septembre 2023\n\n"
    "Monsieur le Président,\nMesdames et Messieurs,\n\n"
    "La France est attachée à un multilatéralisme efficace, fondé sur le droit international.\n\n"
    "Nous devons agir ensemble pour la paix et pour la planète.\n\n"
    "Je vous remercie.\n",
    delegation="France", language="fr", date="2023-09-22",
    meeting={"title": "Assemblée générale des Nations Unies", "session": "78e session",
             "location": "New York"},
    salutation="Monsieur le Président, Mesdames et Messieurs,", closing="Je vous remercie.",
)

case(
    "intervencion-de-la-delegacion",
    "Intervención de la Delegación de Colombia\n"
    "Comisión de Estupefacientes, 67º período de sesiones\n"
    "Viena, 14 de marzo de 2024\n\n"
    "Tema 4 del programa: Debate general\n\n"
    "Señora Presidenta:\n\n"
    "Colombia agradece la oportunidad de intervenir en este debate.\n\n"
    "Nuestro país reitera su compromiso con un enfoque integral y equilibrado del problema "
    "mundial de las drogas.\n\n"
    "Muchas gracias.\n",
    title="Intervención de la Delegación de Colombia",
    delegation="Colombia", language="es", date="2024-03-14",
    meeting={"title": "Comisión de Estupefacientes", "session": "67º período de sesiones",
             "location": "Viena"},
    agenda_items=[{"number": "4", "title": "Debate general"}],
    salutation="Señora Presidenta:", closing="Muchas gracias.",
    paragraphs=[
        (None, "Colombia agradece la oportunidad de intervenir en este debate."),
        (None, "Nuestro país reitera su compromiso con un enfoque integral y equilibrado del "
               "problema mundial de las drogas."),
    ],
)

case(
    "declaracion-de-mexico",
    "Declaración de México\n"
    "Nueva York, 25 de octubre de 2022\n\n"
    "Cotejar con el discurso pronunciado\n\n"
    "Señor Presidente:\n\n"
    "México agradece a la presidencia de Gabón la convocatoria de este debate abierto.\n\n"
    "A veintidós años de la adopción de la resolución 1325, persisten grandes desafíos.\n\n"
    "Gracias, señor Presidente.\n",
    delegation="Mexico", language="es", date="2022-10-25",
    meeting={"location": "Nueva York"},
    salutation="Señor Presidente:", closing="Gracias, señor Presidente.",
    paragraphs=[
        (None, "México agradece a la presidencia de Gabón la convocatoria de este debate abierto."),
        (None, "A veintidós años de la adopción de la resolución 1325, persisten grandes desafíos."),
    ],
)

# --- dates and agenda -------------------------------------------------------

case(
    "meeting-span-with-delivery-day",
    "Statement by Ghana at the Expert Meeting on Electronic Evidence, from 27 to 29 July 2020\n"
    "Delivered on 28 July 2020\n\n"
    "Agenda items 4 and 5\n\n"
    "Mr. Chair,\n\n"
    "Ghana supports closer cooperation between central authorities.\n\n"
    "Thank you.\n",
    delegation="Ghana", date="2020-07-28", language="en",
    meeting={"title": "Expert Meeting on Electronic Evidence",
             "date_start": "2020-07-27", "date_end": "2020-07-29"},
    agenda_items=[{"number": "4", "title": None}, {"number": "5", "title": None}],
)

case(
    "agenda-sub-item",
    "Statement by Germany\n\n"
    "Agenda item 4(a): Review of implementation\n\n"
    "Mr. Chair,\n\n"
    "Germany welcomes the review of implementation and the work of the secretariat.\n\n"
    "Thank you.\n",
    delegation="Germany", agenda_items=[{"number": "4(a)", "title": "Review of implementation"}],
)

case(
    "two-agenda-items-on-one-line",
    "Statement by Chile\n\n"
    "Agenda item 2: Stocktaking and item 3: Next steps\n\n"
    "Mr. Chair,\n\n"
    "Chile thanks the secretariat for its preparations.\n\n"
    "Thank you.\n",
    delegation="Chile",
    agenda_items=[{"number": "2", "title": "Stocktaking"}, {"number": "3", "title": "Next steps"}],
)

# --- body layout ------------------------------------------------------------

case(
    "single-newline-paragraphs",
    "Statement by Ireland\n"
    "Mr. Chair,\n"
    "Ireland welcomes the adoption of the agenda and congratulates you on your election.\n"
    "We are concerned by the continued deterioration of the security environment in Europe.\n"
    "Ireland will continue to champion disarmament and non-proliferation in every forum.\n"
    "Thank you, Mr. Chair.\n",
    delegation="Ireland", salutation="Mr. Chair,", closing="Thank you, Mr. Chair.", language="en",
    paragraphs=[
        (None, "Ireland welcomes the adoption of the agenda and congratulates you on your election."),
        (None, "We are concerned by the continued deterioration of the security environment in Europe."),
        (None, "Ireland will continue to champion disarmament and non-proliferation in every forum."),
    ],
)

case(
    "hard-wrapped-at-seventy-columns",
    "Statement by New Zealand\n\n"
    "Mr. President,\n\n"
    "New Zealand welcomes the convening of this high-level meeting and\n"
    "thanks the co-facilitators for their tireless efforts to reach a\n"
    "consensus outcome.\n\n"
    "Climate change remains the single greatest threat to the livelihoods,\n"
    "security and wellbeing of the peoples of the Pacific.\n\n"
    "Thank you.\n",
    delegation="New Zealand", language="en",
    paragraphs=[
        (None, "New Zealand welcomes the convening of this high-level meeting and thanks the "
               "co-facilitators for their tireless efforts to reach a consensus outcome."),
        (None, "Climate change remains the single greatest threat to the livelihoods, security "
               "and wellbeing of the peoples of the Pacific."),
    ],
)

case(
    "blank-line-mid-sentence-unnumbered",
    "Statement by Austria\n\n"
    "Mr. Chair,\n\n"
    "Austria remains convinced that a world free of nuclear weapons is achievable, and we call on\n\n"
    "all States to sign and ratify the Treaty without delay.\n\n"
    "We count on your leadership.\n\n"
    "I thank you.\n",
    delegation="Austria",
    paragraphs=[
        (None, "Austria remains convinced that a world free of nuclear weapons is achievable, and we "
               "call on all States to sign and ratify the Treaty without delay."),
        (None, "We count on your leadership."),
    ],
)

case(
    "page-break-running-footer",
    "Statement by Japan\n\nMr. President,\n\n"
    "1. Japan welcomes the adoption of the resolution and thanks all delegations for\n"
    "UN General Assembly - Japan\n- 1 -\f"
    "their constructive engagement throughout the negotiations.\n"
    "2. We will continue to work with all partners.\n\n"
    "Thank you.\n"
    "UN General Assembly - Japan\n- 2 -",
    delegation="Japan", closing="Thank you.",
    paragraphs=[
        ("1", "Japan welcomes the adoption of the resolution and thanks all delegations for their "
              "constructive engagement throughout the negotiations."),
        ("2", "We will continue to work with all partners."),
    ],
)

case(
    "numbering-forms",
    "Statement by Peru\n\nMr. Chair,\n\n"
    "1)Peru welcomes this debate.\n\n"
    "2) We propose the following:\n\n"
    "(a) more predictable funding;\n\n"
    "(b) better data on illicit flows;\n\n"
    "3.In closing, we reaffirm our support for the Commission.\n\n"
    "Thank you.\n",
    delegation="Peru",
    paragraphs=[
        ("1", "Peru welcomes this debate."),
        ("2", "We propose the following:"),
        ("a", "more predictable funding;"),
        ("b", "better data on illicit flows;"),
        ("3", "In closing, we reaffirm our support for the Commission."),
    ],
)

case(
    "roman-sections-and-footnotes",
    "Statement by Switzerland\n\nMr. Chair,\n\n"
    "I. Context\n\n"
    "Switzerland recalls that peace is a precondition for sustainable development.1\n\n"
    "II. Proposals\n\n"
    "We propose that the Commission review its working methods.[2]\n\n"
    "Thank you.\n",
    delegation="Switzerland",
    paragraphs=[
        ("I", "Context"),
        (None, "Switzerland recalls that peace is a precondition for sustainable development.1"),
        ("II", "Proposals"),
        (None, "We propose that the Commission review its working methods.[2]"),
    ],
)

case(
    "thank-you-opening-and-closing-with-repeated-vocative",
    "Statement by Portugal\n\n"
    "Thank you, Mr. President.\n\n"
    "Portugal aligns itself with the statement of the European Union.\n\n"
    "Mr. President,\n\n"
    "The oceans are our common heritage and we must protect them.\n\n"
    "Thank you, Mr. President.\n",
    delegation="Portugal", on_behalf_of=None,
    salutation="Thank you, Mr. President.", closing="Thank you, Mr. President.",
    paragraphs=[
        (None, "Portugal aligns itself with the statement of the European Union."),
        (None, "The oceans are our common heritage and we must protect them."),
    ],
)

# --- on behalf of -----------------------------------------------------------

case(
    "canz-in-the-opening",
    "Statement by Australia\n\nMr. Chair,\n\n"
    "I have the honour to speak on behalf of Canada, Australia and New Zealand.\n\n"
    "We welcome the progress made by the working group.\n\n"
    "Thank you.\n",
    delegation="Australia", on_behalf_of="CANZ",
)

case(
    "eu-in-the-opening",
    "Statement by Spain\n\nMr. Chair,\n\n"
    "I speak on behalf of the European Union and its Member States.\n\n"
    "The Union remains the largest donor of development assistance.\n\n"
    "Thank you.\n",
    delegation="Spain", on_behalf_of="European Union and its Member States",
)

case(
    "alignment-is-not-on-behalf",
    "Statement by Nigeria\n\nMr. Chair,\n\n"
    "Nigeria aligns itself with the statement delivered on behalf of the African Group.\n\n"
    "We would like to add the following in our national capacity.\n\n"
    "Thank you.\n",
    delegation="Nigeria", on_behalf_of=None,
)

case(
    "we-align-ourselves-with-the-african-group",
    "Statement by Zambia\n\nMr. Chair,\n\n"
    "We align ourselves with the statement of the African Group.\n\n"
    "Zambia is committed to the implementation of the Agenda.\n\n"
    "Thank you.\n",
    delegation="Zambia", on_behalf_of=None,
)

# --- other scripts ----------------------------------------------------------

case(
    "arabic",
    "كلمة وفد جمهورية مصر العربية\n\n"
    "السيد الرئيس،\n\n"
    "تود مصر أن تعرب عن تقديرها لرئاستكم لهذه الجلسة.\n\n"
    "إن مصر تؤكد على أهمية التعاون الدولي في مكافحة الإرهاب.\n\n"
    "وشكراً.\n",
    language="ar", salutation="السيد الرئيس،", closing="وشكراً.",
    paragraphs=[
        (None, "تود مصر أن تعرب عن تقديرها لرئاستكم لهذه الجلسة."),
        (None, "إن مصر تؤكد على أهمية التعاون الدولي في مكافحة الإرهاب."),
    ],
)

case(
    "russian",
    "Выступление делегации Российской Федерации\n\n"
    "Господин Председатель,\n\n"
    "Российская Федерация приветствует доклад Генерального секретаря.\n\n"
    "Мы готовы к конструктивному сотрудничеству со всеми делегациями.\n\n"
    "Благодарю вас.\n",
    language="ru", salutation="Господин Председатель,", closing="Благодарю вас.",
    paragraphs=[
        (None, "Российская Федерация приветствует доклад Генерального секретаря."),
        (None, "Мы готовы к конструктивному сотрудничеству со всеми делегациями."),
    ],
)

case(
    "chinese",
    "中国代表团发言\n\n"
    "主席先生：\n\n"
    "中方欢迎秘书长的报告。我们支持委员会的工作。\n\n"
    "中方愿同各方加强合作，共同应对全球挑战。\n\n"
    "谢谢主席。\n",
    language="zh", salutation="主席先生：", closing="谢谢主席。",
    paragraphs=[
        (None, "中方欢迎秘书长的报告。我们支持委员会的工作。"),
        (None, "中方愿同各方加强合作，共同应对全球挑战。"),
    ],
)

# --- delegation inferred from the body --------------------------------------

case(
    "minister-without-country-speaks-for-it",
    "Statement by the Minister for Foreign Affairs\nThe Hon. Jane Doe MP\n\n"
    "Mr. President,\n\n"
    "Australia has long-standing ties with the countries of the Pacific.\n\n"
    "Australia will continue to support the reform of the Security Council.\n\n"
    "Australia believes that the Organization must remain relevant.\n\n"
    "Thank you.\n",
    delegation="Australia", speaker="Jane Doe", speaker_title="Minister for Foreign Affairs",
)

case(
    "country-most-named-is-not-the-speaker",
    "Statement by Ms. Maria Lopez\n\nMr. Chair,\n\n"
    "We condemn the continued attacks on Ukraine and its civilian infrastructure.\n\n"
    "The sovereignty of Ukraine must be respected, and the people of Ukraine deserve peace.\n\n"
    "We stand with Ukraine.\n\n"
    "Thank you.\n",
    delegation=None, speaker="Ms. Maria Lopez",
)


# --- more header forms ------------------------------------------------------

case(
    "caricom-statement-during-delivered-by-he",
    "CARICOM statement during the Intergovernmental Negotiations on Security Council Reform, "
    "27-29 July 2020, delivered by H.E. Ms. Diane Campbell, Permanent Representative of Jamaica\n\n"
    "Co-Chairs,\n\n"
    "1. I have the honour to speak on behalf of the fourteen Member States of the Caribbean Community.\n\n"
    "2. CARICOM remains committed to a reformed Council that reflects today's world.\n\n"
    "I thank you.\n",
    on_behalf_of="Caribbean Community", delegation="Jamaica", speaker="Ms. Diane Campbell",
    speaker_title="Permanent Representative of Jamaica", date=None, salutation="Co-Chairs,",
    meeting={"title": "Intergovernmental Negotiations on Security Council Reform",
             "date_start": "2020-07-27", "date_end": "2020-07-29"},
)

case(
    "declaration-prononcee-par-representant-permanent",
    "Déclaration prononcée par S.E. M. Jean Dupont, Représentant permanent de la Belgique "
    "auprès des Nations Unies\n"
    "Genève, le 25 mai 2023\n\n"
    "Monsieur le Président,\n\n"
    "La Belgique souscrit pleinement à la déclaration de l'Union européenne.\n\n"
    "Nous voudrions ajouter quelques remarques à titre national sur la situation des droits de l'homme.\n\n"
    "Je vous remercie.\n",
    delegation="Belgium", speaker="Jean Dupont",
    speaker_title="Représentant permanent de la Belgique auprès des Nations Unies",
    on_behalf_of=None, date="2023-05-25", language="fr",
    meeting={"location": "Genève", "date_start": None},
)

case(
    "intervencion-del-representante-ante-naciones-unidas",
    "Intervención del Excmo. Sr. Carlos Amorín, Representante Permanente de Uruguay ante las Naciones Unidas\n"
    "Nueva York, 12 de junio de 2023\n\n"
    "Señor Presidente:\n\n"
    "Uruguay agradece la convocatoria de este debate y saluda su presidencia.\n\n"
    "Nuestro país reafirma su compromiso con el multilateralismo y con el derecho internacional.\n\n"
    "Muchas gracias.\n",
    delegation="Uruguay", speaker="Carlos Amorín",
    speaker_title="Representante Permanente de Uruguay ante las Naciones Unidas",
    date="2023-06-12", language="es", meeting={"location": "Nueva York"},
)

case(
    "capitals-header-delegation-of-the-republic",
    "STATEMENT BY THE DELEGATION OF THE REPUBLIC OF KOREA\n"
    "FIRST COMMITTEE OF THE 78TH SESSION OF THE UNITED NATIONS GENERAL ASSEMBLY\n"
    "THEMATIC DEBATE ON NUCLEAR WEAPONS\n\n"
    "Mr. Chair,\n\n"
    "The Republic of Korea remains firmly committed to the goal of a world without nuclear weapons.\n\n"
    "We call on the DPRK to abandon its nuclear and ballistic missile programmes.\n\n"
    "Thank you.\n",
    title="STATEMENT BY THE DELEGATION OF THE REPUBLIC OF KOREA",
    delegation="Republic of Korea", speaker=None, language="en",
)

case(
    "wrapped-numbered-with-page-break-mid-sentence",
    "Statement by Indonesia\n\n"
    "Mr. Chair,\n\n"
    "1. Indonesia associates itself with the statement delivered on behalf\n"
    "of the Non-Aligned Movement and wishes to make the following remarks\n"
    "in its national capacity.\n"
    "2. Nuclear disarmament remains our highest priority, and we call on the\n"
    "Page 1 of 2\f"
    "nuclear-weapon States to honour their obligations under the Treaty.\n"
    "3. We support the early entry into force of the Comprehensive\n"
    "Nuclear-Test-Ban Treaty.\n"
    "Page 2 of 2",
    delegation="Indonesia", on_behalf_of=None, closing=None,
    paragraphs=[
        ("1", "Indonesia associates itself with the statement delivered on behalf of the Non-Aligned "
              "Movement and wishes to make the following remarks in its national capacity."),
        ("2", "Nuclear disarmament remains our highest priority, and we call on the nuclear-weapon "
              "States to honour their obligations under the Treaty."),
        ("3", "We support the early entry into force of the Comprehensive Nuclear-Test-Ban Treaty."),
    ],
)

case(
    "no-header-salutation-only",
    "Mr. President,\n\n"
    "We thank the Secretary-General for his briefing.\n\n"
    "Thank you.\n",
    title=None, delegation=None, speaker=None, language="en", salutation="Mr. President,",
    closing="Thank you.", paragraphs=[(None, "We thank the Secretary-General for his briefing.")],
)

case(
    "lettered-list-with-parenthesis-and-lead-in",
    "Statement by Fiji\n\nMr. President,\n\n"
    "Fiji asks this Assembly to do three things:\n"
    "a) scale up adaptation finance;\n"
    "b) operationalise the loss and damage fund;\n"
    "c) keep 1.5 degrees alive.\n\n"
    "Thank you.\n",
    delegation="Fiji", closing="Thank you.",
    paragraphs=[
        (None, "Fiji asks this Assembly to do three things:"),
        ("a", "scale up adaptation finance;"),
        ("b", "operationalise the loss and damage fund;"),
        ("c", "keep 1.5 degrees alive."),
    ],
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_statement(name):
    text, want = CASES[name]
    got = parse_statement(text, source=f"{name}.txt")
    assert got["ok"] and not got["errors"], got["errors"]
    for key, value in want.items():
        if key == "meeting":
            for sub, sub_value in value.items():
                assert got["meeting"][sub] == sub_value, f"meeting.{sub}"
        elif key == "paragraphs":
            assert [(p["label"], p["text"]) for p in got["paragraphs"]] == value, key
        else:
            assert got[key] == value, key
    assert_no_word_lost(text, got)
    assert not [w for w in got["warnings"] if w.startswith("text not placed")], got["warnings"]


def test_there_are_at_least_25_unseen_statements():
    assert len(CASES) >= 25


def test_delegation_inferred_from_the_body_says_so():
    text, _ = CASES["minister-without-country-speaks-for-it"]
    warnings = parse_statement(text)["warnings"]
    assert any("inferred" in w and "Australia" in w for w in warnings)


def test_delivery_notes_never_reach_the_title_or_body():
    for name in ("permanent-representative-to-the-un", "remarks-by-ambassador-us-date",
                 "intervention-de-la-delegation", "declaracion-de-mexico"):
        text, _ = CASES[name]
        got = parse_statement(text)
        placed = " ".join([got["title"] or "", *(p["text"] for p in got["paragraphs"])]).casefold()
        for note in ("against delivery", "as delivered", "fait foi", "discurso pronunciado"):
            assert note not in placed, (name, note)
