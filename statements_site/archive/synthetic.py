"""Synthetic statements in the diplomatic register, written by the project: for the demo and benchmarks.

Everything here is invented and is stored with `is_synthetic=True`, so the pages say so wherever
it shows. Generation is deterministic for a given seed.
"""
import random

from .wordforms import index_text

OPENINGS = [
    "It is an honour to take the floor on behalf of {group}.",
    "{group} thanks the Chair for convening this meeting and for the clear programme of work.",
    "We align ourselves with the statement delivered on behalf of {group} and add the following remarks in our national capacity.",
    "Allow me at the outset to congratulate you on your election and to assure you of the full support of my delegation.",
    "My delegation welcomes the report of the Secretariat and the recommendations it contains.",
]
SUBJECTS = [
    "The Group", "My delegation", "Our Government", "The international community", "Member States",
    "The Secretariat", "Developing countries", "Small island developing States", "The Commission",
    "Regional organizations", "Civil society", "National authorities",
]
VERBS = [
    "reaffirms", "underlines", "stresses", "recognizes", "welcomes", "notes with concern", "calls for",
    "encourages", "supports", "recalls", "emphasizes", "reiterates its commitment to", "takes note of",
]
OBJECTS = [
    "the central role of the United Nations", "technical assistance and capacity-building",
    "the exchange of best practices", "international cooperation in criminal matters",
    "the mobilization of adequate, predictable and sustainable financing", "the transfer of technology on mutually agreed terms",
    "a balanced and integrated approach", "the principle of common but differentiated responsibilities",
    "full respect for human rights and fundamental freedoms", "the sovereignty and territorial integrity of States",
    "the implementation of the 2030 Agenda for Sustainable Development", "mutual legal assistance and extradition",
    "the collection and sharing of electronic evidence", "the prevention of illicit financial flows",
    "gender equality and the empowerment of all women and girls", "evidence-based prevention and treatment",
    "the protection of the marine environment", "access to justice for victims", "data collection and analysis",
    "the needs of countries in special situations", "early warning and disaster risk reduction",
]
CLAUSES = [
    "in line with the relevant resolutions of the General Assembly",
    "taking into account national circumstances and priorities",
    "with the full participation of all stakeholders",
    "in a transparent, inclusive and consensus-based manner",
    "upon request of the Member States concerned",
    "within existing resources",
    "at the national, regional and international levels",
    "without prejudice to the outcome of the negotiations",
    "as a matter of priority",
    "in close coordination with the relevant United Nations entities",
]
CLOSINGS_SENTENCES = [
    "We stand ready to engage constructively with all delegations to reach a successful outcome.",
    "My delegation will continue to contribute actively to the work of this body.",
    "We look forward to a fruitful exchange of views during this session.",
]
SALUTATIONS = ["Mr. Chair,", "Madam Chair,", "Mr. President,", "Excellencies, distinguished delegates,"]
CLOSINGS = ["Thank you, Mr. Chair.", "I thank you.", "Thank you.", "Thank you, Madam Chair."]


def sentence(rng, pick_object=None):
    """One sentence; `pick_object(rng)` chooses its objects (default: any of OBJECTS, evenly)."""
    pick_object = pick_object or (lambda rng: rng.choice(OBJECTS))
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {pick_object(rng)}"
    if rng.random() < 0.7:
        text += f" {rng.choice(CLAUSES)}"
    if rng.random() < 0.4:
        text += f", and {rng.choice(VERBS)} {pick_object(rng)}"
    return text + "."


def paragraph(rng, min_words=40, max_words=150):
    """A paragraph of roughly min_words to max_words words."""
    target = rng.randint(min_words, max_words)
    sentences, words = [], 0
    while words < target:
        text = sentence(rng)
        sentences.append(text)
        words += len(text.split())
    return " ".join(sentences)


def statement_paragraphs(rng, count, group_name=None):
    """The numbered body of one synthetic statement."""
    opening = rng.choice(OPENINGS).format(group=group_name or "the Group")
    texts = [opening + " " + paragraph(rng, 20, 60)]
    texts += [paragraph(rng) for _ in range(count - 2)]
    texts.append(paragraph(rng, 20, 50) + " " + rng.choice(CLOSINGS_SENTENCES))
    return [{"label": str(number), "text": text} for number, text in enumerate(texts, start=1)]


def make_rng(seed):
    return random.Random(seed)


# ---------------------------------------------------------------------------------------------
# The benchmark corpus (`generate_corpus`): the same register at archive scale.
#
# Text comes from a pool of sentences drawn once per language and then sampled per paragraph:
# drawing every word afresh would take minutes for 600,000 paragraphs, and a reader of a
# benchmark corpus cannot tell the difference. Frequencies follow Zipf-like weights so that
# common words, phrases and rare words behave as they do in real archives.

PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # the same alphabet as models.mint_public_id

STATES = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam",
    "Bulgaria", "Burkina Faso", "Burundi", "Cabo Verde", "Cambodia", "Cameroon", "Canada",
    "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica",
    "Côte d'Ivoire", "Croatia", "Cuba", "Cyprus", "Czechia", "Democratic Republic of the Congo", "Denmark",
    "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
    "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
    "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan", "Lao People's Democratic Republic",
    "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar",
    "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico",
    "Micronesia", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru",
    "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia", "Norway", "Oman",
    "Pakistan", "Palau", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Qatar", "Republic of Korea", "Republic of Moldova", "Romania", "Russian Federation", "Rwanda",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa", "San Marino",
    "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
    "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Syrian Arab Republic", "Tajikistan", "Thailand",
    "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Türkiye", "Turkmenistan", "Tuvalu",
    "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United Republic of Tanzania",
    "United States of America", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Viet Nam", "Yemen", "Zambia",
    "Zimbabwe",
]
GROUPS = [
    "Group of 77 and China", "European Union", "African Group", "Non-Aligned Movement", "Group of Arab States",
    "Alliance of Small Island States", "Group of Least Developed Countries", "Group of Landlocked Developing Countries",
    "Organisation of Islamic Cooperation", "Caribbean Community", "Nordic countries", "Like-Minded Group",
    "Group of Latin American and Caribbean States", "Asia-Pacific Group", "Central American Integration System",
]
OTHER_DELEGATIONS = [
    ("Holy See", "observer"), ("Sovereign Order of Malta", "observer"), ("African Union", "igo"),
    ("Council of Europe", "igo"), ("INTERPOL", "igo"), ("UNICEF", "un"), ("UN Women", "un"),
    ("Office of the High Commissioner for Human Rights", "un"), ("International Committee of the Red Cross", "observer"),
    ("Global Alliance of Civil Society Organizations", "ngo"),
]
BODY_KINDS = ["Commission on", "Committee on", "Working Group on", "Expert Group on", "Intergovernmental Forum on",
              "Conference of the Parties on", "Council on", "Ad Hoc Committee on"]
BODY_TOPICS = [
    "Ocean Stewardship", "Digital Cooperation", "Drug Policy", "Crime Prevention", "Sustainable Energy",
    "Migration and Mobility", "Disaster Risk Reduction", "Food Security", "Public Health Emergencies",
    "Trade Facilitation", "Forest Governance", "Water Resources", "Outer Space Activities", "Urban Resilience",
    "Social Development", "Statistical Capacity", "Transnational Organized Crime", "Anti-Corruption Measures",
    "Biological Diversity", "Climate Finance", "Indigenous Peoples' Rights", "Youth Participation",
    "Financing for Development", "Science and Technology", "Persons with Disabilities", "Chemicals and Waste",
    "Desertification", "Small Arms Control", "Refugee Protection", "Labour Standards", "Cultural Heritage",
    "Intellectual Property", "Maritime Security", "Counter-Terrorism", "Education for All", "Ageing Populations",
    "Nuclear Safety", "Mountain Ecosystems", "Tourism and Development", "Road Safety",
]
ORGANISATIONS = ["Demo Organisation", "Synthetic UN", "Synthetic Programme"]
LOCATIONS = ["New York", "Geneva", "Vienna", "Nairobi", "Bonn", "Rome", "Paris", "Bangkok", "Addis Ababa", "Santiago"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth"]
AGENDA_OPENING = ["Opening of the session", "Adoption of the agenda and organization of work", "General debate"]
AGENDA_TOPICS = [
    "International cooperation", "Prevention", "Technical assistance and capacity-building", "Financing",
    "Implementation of previous recommendations", "Data collection and analysis", "Electronic evidence",
    "Protection of victims", "Gender mainstreaming", "Regional perspectives", "Emerging challenges",
    "Follow-up to the high-level segment", "Cooperation with civil society", "Marine pollution",
    "Review of the programme of work", "Strategic management and budgetary questions",
    "Provisional agenda for the next session", "Partnerships and resource mobilization",
    "Monitoring and evaluation", "Human rights dimensions", "Science-policy interface",
]
AGENDA_CLOSING = ["Other matters", "Adoption of the report"]
FIRST_NAMES = ["Amina", "Carlos", "Li", "Olga", "Ahmed", "Sofia", "Kwame", "Ingrid", "Rahul", "Mariana", "Yusuf",
               "Elena", "Tomás", "Aiko", "Fatima", "Jonas", "Nadia", "Pierre", "Grace", "Omar"]
LAST_NAMES = ["Haddad", "Silva", "Wang", "Petrova", "Mensah", "Lindqvist", "Sharma", "Rossi", "Okafor", "Dubois",
              "Kim", "García", "Nakamura", "Mahmoud", "Novak", "Andersen", "Kowalski", "Mwangi", "Santos", "Ivanova"]
# Places named now and then, with Zipf-like weights: they are the archive's rare words.
RARE_PLACES = [
    "Ouagadougou", "Tegucigalpa", "Ulaanbaatar", "Paramaribo", "Thimphu", "Funafuti", "Nouakchott", "Windhoek",
    "Bujumbura", "Tarawa", "Ashgabat", "Vaduz", "Podgorica", "Mbabane", "Moroni", "Malabo", "Lilongwe", "Maseru",
    "Honiara", "Apia", "Nukualofa", "Majuro", "Palikir", "Ngerulmud", "Yaren", "Dili", "Bandar", "Bishkek",
    "Dushanbe", "Tbilisi", "Yerevan", "Chisinau", "Skopje", "Tirana", "Sarajevo", "Ljubljana", "Bratislava",
    "Vilnius", "Riga", "Tallinn", "Reykjavik", "Valletta", "Nicosia", "Kigali", "Gitega", "Juba", "Asmara",
    "Djibouti", "Mogadishu", "Antananarivo", "Victoria", "Praia", "Bissau", "Conakry", "Freetown", "Monrovia",
    "Yamoussoukro", "Lomé", "Porto-Novo", "Niamey", "Bamako", "Banjul", "Libreville", "Brazzaville", "Bangui",
    "Ndjamena", "Yaoundé", "Luanda", "Lusaka", "Harare", "Gaborone", "Maputo", "Dodoma", "Kampala", "Mbarara",
    "Kisumu", "Mombasa", "Arusha", "Zanzibar", "Goma", "Bukavu", "Kisangani", "Lubumbashi", "Kolwezi", "Kananga",
    "Timbuktu", "Agadez", "Tamanrasset", "Ghadames", "Sabha", "Benghazi", "Misrata", "Sfax", "Sousse", "Oujda",
    "Tangier", "Agadir", "Laayoune", "Dakhla", "Zouerate", "Kaolack", "Ziguinchor", "Tambacounda", "Kankan",
    "Nzerekore", "Bo", "Kenema", "Gbarnga", "Buchanan", "Bouaké", "Korhogo", "Tamale", "Kumasi", "Sokodé", "Parakou",
    "Maradi", "Zinder", "Mopti", "Gao", "Kidal", "Kayes", "Sikasso", "Bobo-Dioulasso", "Koudougou", "Abéché",
    "Moundou", "Sarh", "Garoua", "Maroua", "Bertoua", "Bafoussam", "Franceville", "Pointe-Noire", "Dolisie",
    "Berbérati", "Bambari", "Huambo", "Lobito", "Benguela", "Ndola", "Kitwe", "Livingstone", "Bulawayo", "Mutare",
    "Francistown", "Maun", "Beira", "Nampula", "Quelimane", "Mwanza", "Mbeya", "Tabora", "Gulu", "Lira",
    "Jinja", "Hargeisa", "Kismayo", "Baidoa", "Toamasina", "Mahajanga", "Fianarantsoa", "Mindelo", "Bolama",
    "Kindia", "Labé", "Makeni", "Harper", "Zwedru", "Daloa", "Odienné", "Wa", "Bolgatanga", "Kara", "Dapaong",
    "Natitingou", "Djougou", "Tahoua", "Dosso", "Ségou", "Tombouctou", "Dori", "Fada", "Mongo", "Faya", "Ngaoundéré",
]
RARE_SENTENCES = [
    "We recall the outcome of the regional consultations held in {place}.",
    "My delegation pays tribute to the communities of {place} for their resilience.",
    "The pilot project in {place} showed what national ownership can achieve.",
]
# The languages of the corpus and their share of statements (English dominates, as in practice).
LANGUAGE_SHARES = [("en", 62), ("fr", 13), ("es", 12), ("ar", 5), ("ru", 4), ("zh", 4)]
EVEN_LANGUAGE_SHARES = [(language, 1) for language, _share in LANGUAGE_SHARES]  # generate_corpus --even-languages
KIND_SHARES = [("item", 55), ("general", 25), ("explanation", 8), ("reply", 4), ("joint", 4), ("written", 4)]
VERSION_SHARES = [("prepared", 60), ("delivered", 30), ("record", 7), ("transcript", 3)]

# Small vocabularies for the other five languages: enough to mark the language and to be searched.
OTHER_VOCABULARIES = {
    "fr": {
        "subjects": ["Le Groupe", "Ma délégation", "Notre gouvernement", "La communauté internationale", "Les États Membres",
                     "Le Secrétariat", "Les pays en développement"],
        "verbs": ["réaffirme", "souligne", "reconnaît", "salue", "appelle à", "encourage", "soutient", "rappelle"],
        "objects": ["le rôle central des Nations Unies", "l'assistance technique et le renforcement des capacités",
                    "la coopération internationale en matière pénale", "l'échange de bonnes pratiques",
                    "le plein respect des droits de l'homme", "la mise en œuvre du Programme 2030",
                    "la protection de l'environnement marin", "l'accès à la justice pour les victimes"],
        "clauses": ["conformément aux résolutions pertinentes de l'Assemblée générale", "dans le respect des priorités nationales",
                    "de manière transparente et inclusive", "aux niveaux national, régional et international"],
    },
    "es": {
        "subjects": ["El Grupo", "Mi delegación", "Nuestro Gobierno", "La comunidad internacional", "Los Estados Miembros",
                     "La Secretaría", "Los países en desarrollo"],
        "verbs": ["reafirma", "subraya", "reconoce", "acoge con beneplácito", "pide", "alienta", "apoya", "recuerda"],
        "objects": ["el papel central de las Naciones Unidas", "la asistencia técnica y el fomento de la capacidad",
                    "la cooperación internacional en asuntos penales", "el intercambio de buenas prácticas",
                    "el pleno respeto de los derechos humanos", "la aplicación de la Agenda 2030",
                    "la protección del medio marino", "el acceso a la justicia para las víctimas"],
        "clauses": ["de conformidad con las resoluciones pertinentes de la Asamblea General", "teniendo en cuenta las prioridades nacionales",
                    "de manera transparente e inclusiva", "a nivel nacional, regional e internacional"],
    },
    "ar": {
        "subjects": ["المجموعة", "وفد بلادي", "حكومتنا", "المجتمع الدولي", "الدول الأعضاء", "الأمانة العامة"],
        "verbs": ["تؤكد", "تشدد على", "تدرك", "ترحب", "تدعو إلى", "تشجع", "تدعم"],
        "objects": ["الدور المركزي للأمم المتحدة", "المساعدة التقنية وبناء القدرات", "التعاون الدولي في المسائل الجنائية",
                    "تبادل أفضل الممارسات", "الاحترام الكامل لحقوق الإنسان", "تنفيذ خطة التنمية المستدامة لعام 2030"],
        "clauses": ["وفقا لقرارات الجمعية العامة ذات الصلة", "مع مراعاة الأولويات الوطنية", "بطريقة شفافة وشاملة"],
    },
    "ru": {
        "subjects": ["Группа", "Наша делегация", "Наше правительство", "Международное сообщество", "Государства-члены",
                     "Секретариат"],
        "verbs": ["подтверждает", "подчеркивает", "признает", "приветствует", "призывает к", "поддерживает"],
        "objects": ["центральную роль Организации Объединенных Наций", "техническую помощь и наращивание потенциала",
                    "международное сотрудничество по уголовным делам", "обмен передовым опытом",
                    "полное уважение прав человека", "осуществление Повестки дня на период до 2030 года"],
        "clauses": ["в соответствии с соответствующими резолюциями Генеральной Ассамблеи", "с учетом национальных приоритетов",
                    "на транспарентной и инклюзивной основе"],
    },
    "zh": {
        "subjects": ["本集团", "我国代表团", "我国政府", "国际社会", "各会员国", "秘书处"],
        "verbs": ["重申", "强调", "认识到", "欢迎", "呼吁", "鼓励", "支持"],
        "objects": ["联合国的核心作用", "技术援助和能力建设", "刑事事项国际合作", "交流最佳做法", "充分尊重人权",
                    "落实2030年可持续发展议程"],
        "clauses": ["根据大会相关决议", "考虑到各国的优先事项", "以透明和包容的方式"],
    },
}
SENTENCE_POOL = 6000  # distinct sentences per language

# What English sentences of the corpus are about, most talked-about first, drawn with Zipf-like
# weights (rank ** -1): the first few are in a large share of paragraphs, as "international
# cooperation" is in real archives; a phrase such as "access to justice" (rank 45) is in a few
# per cent; the tail is rarer still. (Twenty-one evenly drawn topics put every phrase in a quarter
# of all paragraphs, which no real archive does.)
CORPUS_OBJECTS = [
    "the implementation of the 2030 Agenda for Sustainable Development",
    "technical assistance and capacity-building", "the central role of the United Nations",
    "the exchange of best practices", "full respect for human rights and fundamental freedoms",
    "a balanced and integrated approach", "the sovereignty and territorial integrity of States",
    "international cooperation in criminal matters", "the mobilization of adequate, predictable and sustainable financing",
    "the needs of developing countries", "the work of this Commission",
    "international cooperation", "gender equality and the empowerment of all women and girls", "the principle of common but differentiated responsibilities",
    "the transfer of technology on mutually agreed terms", "South-South and triangular cooperation",
    "the outcome of the last session", "regional and subregional cooperation", "data collection and analysis", "a comprehensive and inclusive process",
    "mutual legal assistance and extradition", "the rule of law at the national and international levels",
    "the needs of countries in special situations", "early warning and disaster risk reduction",
    "the protection of the marine environment", "evidence-based prevention and treatment",
    "the collection and sharing of electronic evidence", "the prevention of illicit financial flows",
    "the meaningful participation of young people", "partnerships with the private sector",
    "the rights of persons with disabilities", "universal access to basic services",
    "the multilateral trading system", "the digital divide between and within countries",
    "the role of parliaments", "cooperation with civil society and academia", "the resident coordinator system",
    "the recovery from the pandemic", "debt sustainability", "the protection of civilians",
    "the effective functioning of the treaty bodies", "the fight against corruption",
    "the safety of journalists", "the prevention of violent extremism", "access to justice for victims",
    "the protection of children online", "the voluntary national reviews", "food security and nutrition",
    "the reform of the international financial architecture", "the resilience of health systems",
    "the conservation of biological diversity", "the rights of migrants regardless of their status",
    "decent work for all", "the integrity of elections", "the return of stolen assets",
    "the independence of the judiciary", "the special needs of Africa", "climate adaptation and loss and damage",
    "the protection of cultural property", "quality education and lifelong learning",
    "the role of women in peace and security", "the responsible use of artificial intelligence",
    "the protection of critical infrastructure", "the participation of indigenous peoples",
    "the prevention of trafficking in persons", "the elimination of child labour", "the right to development",
    "the safety of peacekeepers", "universal health coverage", "the sustainable management of forests",
    "clean and affordable energy", "the peaceful uses of outer space", "the peaceful settlement of disputes",
    "the principle of non-refoulement", "the right to privacy in the digital age", "the harmonization of legislation",
    "the sound management of chemicals", "the fight against desertification", "the protection of whistle-blowers",
    "road safety", "the freedom of expression", "the needs of older persons", "the financing of terrorism",
    "the protection of migrant workers", "the statistical capacity of national offices",
    "the control of small arms and light weapons", "the rights of rural women", "the prevention of torture",
    "nuclear safety and security", "the sustainable use of water resources", "the resilience of small economies",
    "the promotion of cultural diversity", "sport for development and peace", "the prevention of marine litter",
    "the governance of the internet", "the protection of mountain ecosystems",
]
CORPUS_OBJECT_WEIGHTS = [1 / rank for rank in range(1, len(CORPUS_OBJECTS) + 1)]


def corpus_object(rng):
    return rng.choices(CORPUS_OBJECTS, weights=CORPUS_OBJECT_WEIGHTS)[0]


def zipf_weights(count, exponent=0.8):
    """Weights 1/rank**exponent: a few values are frequent, most are rare."""
    return [1 / (rank ** exponent) for rank in range(1, count + 1)]


def pick(rng, shares):
    """A value from [(value, weight)], drawn with those weights."""
    return rng.choices([value for value, _ in shares], weights=[weight for _, weight in shares])[0]


def other_sentence(rng, vocabulary, language):
    space = "" if language == "zh" else " "
    text = space.join(rng.choice(vocabulary[part]) for part in ("subjects", "verbs", "objects"))
    if rng.random() < 0.6:
        text += ("，" if language == "zh" else " ") + rng.choice(vocabulary["clauses"])
    return text + ("。" if language == "zh" else ".")


def word_count(text, language):
    # Chinese is written without spaces; about two characters make a word.
    return len(text) / 2 if language == "zh" else len(text.split())


class CorpusText:
    """Paragraph text for the benchmark corpus: sentences sampled from per-language pools."""

    def __init__(self, rng):
        self.rng = rng
        self.pools = {"en": [sentence(rng, corpus_object) for _ in range(SENTENCE_POOL)]}
        for language, vocabulary in OTHER_VOCABULARIES.items():
            self.pools[language] = [other_sentence(rng, vocabulary, language) for _ in range(SENTENCE_POOL // 4)]
        self.words = {language: sum(word_count(s, language) for s in pool) / len(pool) for language, pool in self.pools.items()}
        self.place_weights = zipf_weights(len(RARE_PLACES), 1.1)
        self.index_texts = {}

    def paragraph(self, language, min_words=40, max_words=150):
        return self.joiner(language).join(self.sentences(language, min_words, max_words))

    def sentences(self, language, min_words=40, max_words=150):
        """The sentences of one paragraph of roughly min_words to max_words words."""
        rng = self.rng
        count = max(2, round(rng.randint(min_words, max_words) / self.words[language]))
        sentences = rng.choices(self.pools[language], k=count)
        if language == "en" and rng.random() < 0.03:
            place = rng.choices(RARE_PLACES, weights=self.place_weights)[0]
            sentences.insert(rng.randrange(count), rng.choice(RARE_SENTENCES).format(place=place))
        return sentences

    @staticmethod
    def joiner(language):
        return "" if language == "zh" else " "

    def statement(self, language, count, group_name=None):
        """The paragraph texts of one statement: an opening, the body and a closing line."""
        return [text for text, _indexed in self.indexed_statement(language, count, group_name)]

    def indexed_statement(self, language, count, group_name=None):
        """[(text, index text)] of one statement's paragraphs (statement() draws the same). The
        index text is put together from each sentence's, worked out once per sentence: no word
        spans two sentences, so it is what wordforms.index_text gives for the whole paragraph,
        without reading 420 million characters again for a corpus of 50,000 statements."""
        rng = self.rng
        paragraphs = [self.sentences(language) for _ in range(count)]
        if language == "en":
            paragraphs[0].insert(0, rng.choice(OPENINGS).format(group=group_name or "the Group"))
            paragraphs[-1].append(rng.choice(CLOSINGS_SENTENCES))
        joiner = self.joiner(language)
        return [(joiner.join(sentences), " ".join(filter(None, (self.indexed(s, language) for s in sentences))))
                for sentences in paragraphs]

    def indexed(self, sentence, language):
        key = (sentence, language)
        if key not in self.index_texts:
            self.index_texts[key] = index_text(sentence, language)
        return self.index_texts[key]


def public_ids(rng, taken):
    """An endless supply of new paragraph identifiers from the seeded generator, none in `taken`."""
    while True:
        # Drawn 1,000 at a time: one call into the generator instead of one per identifier.
        chars = "".join(rng.choices(PUBLIC_ID_ALPHABET, k=10 * 1000))
        for start in range(0, len(chars), 10):
            value = chars[start:start + 10]
            if value not in taken:
                taken.add(value)
                yield value
