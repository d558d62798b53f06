"""Canonical names for negotiating groups, delegations and meeting places.

Statements name the same group many ways ("G-77 and China", "G77", "Groupe des
77 et la Chine"); the archive files them under one canonical name. Lookups are
case- and accent-insensitive and never raise.
"""

import re
import unicodedata

# canonical name -> aliases (the canonical name itself is always an alias)
GROUPS = {
    "Group of 77 and China": [
        "G-77 and China", "G77 and China", "G 77 and China", "G-77/China", "G77",
        "G-77", "Group of 77", "Groupe des 77 et la Chine", "Groupe des 77",
        "Grupo de los 77 y China", "Grupo de los 77", "G-77 y China",
    ],
    "European Union": ["EU", "the Union", "Union européenne", "Unión Europea"],
    "European Community": ["EC", "EEC", "European Economic Community", "the Community"],
    "African Group": ["Group of African States", "Groupe africain", "Grupo Africano"],
    "Arab Group": ["Group of Arab States", "Groupe arabe", "Grupo Árabe"],
    "Non-Aligned Movement": [
        "NAM", "Movement of Non-Aligned Countries", "Mouvement des pays non alignés",
        "Movimiento de Países No Alineados",
    ],
    "Caribbean Community": ["CARICOM"],
    "Association of Southeast Asian Nations": ["ASEAN"],
    "Alliance of Small Island States": ["AOSIS"],
    "Least Developed Countries": ["LDC Group", "LDCs", "Group of Least Developed Countries"],
    "Landlocked Developing Countries": ["LLDCs", "Group of Landlocked Developing Countries"],
    "Organisation of Islamic Cooperation": ["OIC", "Organization of Islamic Cooperation"],
    "Community of Latin American and Caribbean States": ["CELAC"],
    "Pacific Islands Forum": ["PIF", "Pacific Small Island Developing States", "PSIDS"],
    "Nordic countries": ["Nordic Countries", "the Nordic countries"],
    "Nordic-Baltic countries": ["Nordic and Baltic countries", "Nordic Baltic countries", "NB8", "Nordic-Baltic",
                                "Nordic-Baltic Eight", "Nordic and Baltic States", "Nordic-Baltic States"],
    "CANZ": ["Canada, Australia and New Zealand"],
    "Benelux": ["Benelux countries"],
    "BRICS": [],
    "Group of Friends": [],
}

# A suffix kept as written after the canonical name ("... and its Member States").
_MEMBER_SUFFIX = re.compile(
    r"\s+(and\s+its\s+member\s+states|et\s+ses\s+(?:États|Etats)\s+membres|"
    r"y\s+sus\s+Estados\s+miembros)\b",
    re.IGNORECASE,
)

# Country and territory names come from CLDR (through Babel) in the languages
# statements are written in: the six UN languages and Portuguese. What CLDR
# does not know is the archive's own data, kept here: the UN short names it
# files delegations under, historic and long names, abbreviations, and the
# adjectives delegations call themselves by ("the Norwegian delegation").
NAME_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar", "pt")
# CLDR codes that are no delegation (regions, the EU, the UN, unknown), and
# territories whose name is an everyday word in one of those languages
# ("Réunion" opens many a French meeting title).
NOT_DELEGATIONS = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "RE", "AQ", "BV", "HM", "TF", "UM",
                   "CP", "DG", "EA", "IC", "AC", "TA", "CQ"}
# CLDR names that are also first names or common words ("Maurice" is French
# for Mauritius, "Dominique" for Dominica, "Того" is Russian for "of that").
NOT_COUNTRY_NAMES = {"Maurice", "Dominique", "Salvador", "Того"}
# The UN short name the archive files a delegation under, where CLDR's
# English name differs ("Russia", "St. Kitts & Nevis", "Congo - Kinshasa").
UN_NAMES = {
    "AG": "Antigua and Barbuda", "BA": "Bosnia and Herzegovina", "BN": "Brunei Darussalam",
    "CV": "Cabo Verde", "CG": "Congo", "CI": "Côte d'Ivoire",
    "KP": "Democratic People's Republic of Korea", "CD": "Democratic Republic of the Congo",
    "LA": "Lao People's Democratic Republic", "MM": "Myanmar", "PS": "Palestine",
    "KR": "Republic of Korea", "MD": "Republic of Moldova", "RU": "Russian Federation",
    "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia", "VC": "Saint Vincent and the Grenadines",
    "ST": "Sao Tome and Principe", "SY": "Syrian Arab Republic", "TT": "Trinidad and Tobago",
    "TZ": "United Republic of Tanzania", "VN": "Viet Nam", "VA": "Holy See",
}
# Names CLDR does not give: UN long forms, older names, short forms, and the
# inflected forms Russian puts a name in after "of" ("Российской Федерации").
COUNTRY_ALIASES = {
    "State of Palestine": "Palestine", "Russia": "Russian Federation",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "Great Britain": "United Kingdom", "Britain": "United Kingdom", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "United States of America": "United States",
    "USA": "United States", "U.S.A.": "United States", "U.S.": "United States",
    "Syria": "Syrian Arab Republic", "Turkey": "Türkiye", "Vietnam": "Viet Nam",
    "South Korea": "Republic of Korea", "North Korea": "Democratic People's Republic of Korea",
    "DPRK": "Democratic People's Republic of Korea", "Tanzania": "United Republic of Tanzania",
    "Moldova": "Republic of Moldova", "Iran (Islamic Republic of)": "Iran",
    "Islamic Republic of Iran": "Iran", "Bolivia (Plurinational State of)": "Bolivia",
    "Plurinational State of Bolivia": "Bolivia", "Venezuela (Bolivarian Republic of)": "Venezuela",
    "Bolivarian Republic of Venezuela": "Venezuela", "Czech Republic": "Czechia",
    "Swaziland": "Eswatini", "Cape Verde": "Cabo Verde", "Ivory Coast": "Côte d'Ivoire",
    "Côte d’Ivoire": "Côte d'Ivoire", "Burma": "Myanmar", "Laos": "Lao People's Democratic Republic",
    "Brunei": "Brunei Darussalam", "Micronesia (Federated States of)": "Micronesia",
    "Federated States of Micronesia": "Micronesia", "Macedonia": "North Macedonia",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "DR Congo": "Democratic Republic of the Congo", "DRC": "Democratic Republic of the Congo",
    "Republic of the Congo": "Congo", "Kingdom of the Netherlands": "Netherlands",
    "The Netherlands": "Netherlands", "Vatican": "Holy See", "East Timor": "Timor-Leste",
    "Saint Kitts & Nevis": "Saint Kitts and Nevis",
    "République démocratique du Congo": "Democratic Republic of the Congo",
    "Fédération de Russie": "Russian Federation", "Federación de Rusia": "Russian Federation",
    "Federação Russa": "Russian Federation", "République populaire de Chine": "China",
    "República Popular China": "China", "People's Republic of China": "China",
    "Российская Федерация": "Russian Federation", "Российской Федерации": "Russian Federation",
    "Российскую Федерацию": "Russian Federation", "Российской Федерацией": "Russian Federation",
    "中华人民共和国": "China", "俄罗斯联邦": "Russian Federation", "الاتحاد الروسي": "Russian Federation",
}
# Adjectives a delegation is named by ("the Norwegian delegation", "la
# délégation française", "la delegación cubana", "a delegação brasileira",
# "российская делегация"), in the forms that go with "delegation".
COUNTRY_ADJECTIVES = {
    "Argentina": "Argentine Argentinian argentine argentina argentino",
    "Australia": "Australian australienne australiana", "Austria": "Austrian autrichienne austriaca",
    "Belgium": "Belgian belge belga", "Brazil": "Brazilian brésilienne brasileña brasileira",
    "Canada": "Canadian canadienne canadiense", "Chile": "Chilean chilienne chilena",
    "China": "Chinese chinoise china chinesa китайская", "Colombia": "Colombian colombienne colombiana",
    "Cuba": "Cuban cubaine cubana", "Denmark": "Danish danoise danesa dinamarquesa",
    "Egypt": "Egyptian égyptienne egipcia egípcia", "Finland": "Finnish finlandaise finlandesa",
    "France": "French française francesa", "Germany": "German allemande alemana alemã германская",
    "Iceland": "Icelandic islandaise islandesa", "India": "Indian indienne india indiana",
    "Indonesia": "Indonesian indonésienne indonesia", "Iran": "Iranian iranienne iraní",
    "Ireland": "Irish irlandaise irlandesa", "Israel": "Israeli israélienne israelí",
    "Italy": "Italian italienne italiana", "Japan": "Japanese japonaise japonesa",
    "Mexico": "Mexican mexicaine mexicana", "Netherlands": "Dutch néerlandaise neerlandesa",
    "New Zealand": "néo-zélandaise neozelandesa",
    "Nigeria": "Nigerian nigériane nigeriana", "Norway": "Norwegian norvégienne noruega norueguesa",
    "Pakistan": "Pakistani pakistanaise paquistaní", "Peru": "Peruvian péruvienne peruana",
    "Poland": "Polish polonaise polaca polonesa", "Portugal": "Portuguese portugaise portuguesa",
    "Russian Federation": "Russian russe rusa russa российская русская",
    "Saudi Arabia": "Saudi saoudienne saudí", "South Africa": "South African sud-africaine sudafricana",
    "Spain": "Spanish espagnole española espanhola", "Sweden": "Swedish suédoise sueca",
    "Switzerland": "Swiss suisse suiza suíça", "Türkiye": "Turkish turque turca",
    "Ukraine": "Ukrainian ukrainienne ucraniana украинская",
    "United Kingdom": "British britannique británica britânica",
    "United States": "American américaine estadounidense norte-americana americana американская",
    "Venezuela": "Venezuelan vénézuélienne venezolana", "Viet Nam": "Vietnamese vietnamienne vietnamita",
}
# Chinese statements call China's delegation "中方" ("the Chinese side").
COUNTRY_ALIASES["中方"] = "China"
# Russian puts a name after "of" in the genitive: "представителя Украины".
_RUSSIAN_ENDINGS = (("ия", ("ии", "ию", "ией")), ("а", ("ы", "и", "е", "у", "ой")),
                    ("я", ("и", "е", "ю", "ей")))


def _territories() -> dict[str, str]:
    """CLDR name as written -> the archive's canonical name, in every NAME_LANGUAGES."""
    from babel import Locale

    english = Locale.parse("en").territories
    names = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if not code.isalpha() or code in NOT_DELEGATIONS or code not in english:
                continue
            canonical = _canonical_of_code(code, english)
            for written in _spellings(name, language):
                if written not in NOT_COUNTRY_NAMES:
                    names.setdefault(written, canonical)
    return names


def _canonical_of_code(code: str, english: dict) -> str:
    return UN_NAMES.get(code, english[code].replace(" & ", " and "))


def country_of_code(code: str) -> str | None:
    """The archive's canonical name of a state by its CLDR code ("SE" -> "Sweden"), or None."""
    from babel import Locale

    english = Locale.parse("en").territories
    return _canonical_of_code(code, english) if code in english else None


def _spellings(name: str, language: str) -> list[str]:
    """A CLDR name as statements write it: "Myanmar (Burma)" -> "Myanmar", "Burma"."""
    if " - " in name or "（" in name:  # CLDR's "Congo - Kinshasa": UN names cover these
        return []
    parts = re.match(r"(.+?)\s*\((.+)\)$", name)
    spellings = [parts.group(1), parts.group(2)] if parts else [name]
    spellings += [s.replace(" & ", " and ").replace("St. ", "Saint ") for s in spellings if "&" in s or "St. " in s]
    if language == "ru":
        for word in list(spellings):
            for ending, forms in _RUSSIAN_ENDINGS:
                if word.endswith(ending) and " " not in word:
                    spellings += [word[: -len(ending)] + form for form in forms]
                    break
    return spellings


def _trie_pattern(words) -> str:
    """One regular expression matching any of words, longest first, built as a trie.

    A plain alternation of two thousand names is tried name by name at every
    position; a trie shares their prefixes.
    """
    trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node):
        ends = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


COUNTRY_NAMES = {**_territories(), **{name: name for name in UN_NAMES.values()}, **COUNTRY_ALIASES}
COUNTRIES = sorted(set(COUNTRY_NAMES.values()))

CITIES = [
    "New York", "Nueva York", "Geneva", "Genève", "Ginebra", "Genf", "Vienna", "Wien",
    "Vienne", "Viena", "Nairobi", "Paris", "París", "Rome", "Roma", "Bonn",
    "The Hague", "La Haye", "Addis Ababa", "Bangkok", "Santiago", "Beirut",
    "Montreal", "Montréal", "Washington", "Brussels", "Bruxelles", "Bruselas",
    "Doha", "Marrakech", "Baku", "Dubai", "Sharm el-Sheikh", "Glasgow", "Madrid",
    "Katowice", "Copenhagen", "Kyoto", "Istanbul", "Lisbon", "Tokyo", "Ottawa",
]


def _fold(text: str) -> str:
    """Lower-case, accent-free, hyphen/space-normalised key for lookups."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    plain = re.sub(r"[‐‑–—-]", "-", plain.lower())
    return re.sub(r"\s+", " ", plain).strip(" .,;:")


def _alias_index() -> dict[str, str]:
    index = {}
    for canonical, aliases in GROUPS.items():
        for alias in [canonical, *aliases]:
            index[_fold(alias)] = canonical
            if not alias.lower().startswith("the "):
                index[_fold("the " + alias)] = canonical
    return index


_GROUP_INDEX = _alias_index()
_COUNTRY_INDEX = {}
for _written, _canonical in COUNTRY_NAMES.items():
    _COUNTRY_INDEX.setdefault(_fold(_written), _canonical)


def _first_characters(words) -> str:
    """A character class of the words' first characters: a quick test the engine skips text with."""
    return "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"


# Chinese runs words together: its names match without word boundaries.
_SPACED_NAMES = [w for w in COUNTRY_NAMES if not _is_cjk(w)]
_CJK_NAMES = [w for w in COUNTRY_NAMES if _is_cjk(w)]
_COUNTRY_PATTERN_TEXT = (
    rf"(?={_first_characters(_SPACED_NAMES)})(?<!\w)(" + _trie_pattern(_SPACED_NAMES) + r")(?!\w)"
    + rf"|(?={_first_characters(_CJK_NAMES)})(" + _trie_pattern(_CJK_NAMES) + ")"
)
_COUNTRY_PATTERN = re.compile(_COUNTRY_PATTERN_TEXT)
_ADJECTIVE_INDEX = {_fold(form): country for country, forms in COUNTRY_ADJECTIVES.items()
                    for form in forms.split()}
_GROUP_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(
        re.escape(alias) for alias in sorted(
            {a for c, al in GROUPS.items() for a in [c, *al] if not a.startswith("the ")},
            key=len, reverse=True)
    ) + r")(?!\w)",
    re.IGNORECASE,
)
_ACRONYMS = {_fold(a) for al in GROUPS.values() for a in al if a.isupper()}
_COUNTRY_PATTERN_ANY_CASE = re.compile(_COUNTRY_PATTERN_TEXT, re.IGNORECASE)
_CITY_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(c) for c in sorted(CITIES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


def canonical_group(name: str) -> str | None:
    """The canonical group for a name as written, keeping a member-states suffix."""
    suffix_match = _MEMBER_SUFFIX.search(name)
    base = name[: suffix_match.start()] if suffix_match else name
    canonical = _GROUP_INDEX.get(_fold(base))
    if canonical is None:
        return None
    return canonical + (suffix_match.group(0) if suffix_match else "")


def find_groups(text: str) -> list[tuple[str, int]]:
    """Groups named in text, as (name as written, offset), in order.

    Acronyms must be written in capitals: "nam" or "eu" in running text are
    not the Non-Aligned Movement or the European Union.
    """
    found = []
    for match in _GROUP_PATTERN.finditer(text):
        written = match.group(1)
        if _fold(written) in _ACRONYMS and not written.isupper():
            continue
        found.append((written, match.start()))
    return found


def canonical_country(name: str) -> str | None:
    """The canonical (English UN short) name of a country as written, or None."""
    return _COUNTRY_INDEX.get(_fold(name))


def find_countries(text: str, any_case: bool = False) -> list[tuple[str, int]]:
    """Countries named in text as (canonical name, offset), in order.

    Case matters unless any_case: "chad" and "turkey" in running text are not
    countries, but headers written in capitals need any_case.
    """
    return [(canonical, offset) for canonical, offset, _ in find_country_names(text, any_case)]


def find_country_names(text: str, any_case: bool = False) -> list[tuple[str, int, str]]:
    """Countries named in text as (canonical name, offset, name as written), in order."""
    pattern = _COUNTRY_PATTERN_ANY_CASE if any_case else _COUNTRY_PATTERN
    found = []
    for match in pattern.finditer(text):
        written = match.group(1) or match.group(2)
        canonical = canonical_country(written)
        if canonical:
            found.append((canonical, match.start(), written))
    return found


def country_at_start(text: str) -> tuple[str, str] | None:
    """(canonical name, name as written) of a country that text opens with, or None."""
    match = _COUNTRY_PATTERN.match(text)
    if not match:
        return None
    written = match.group(1) or match.group(2)
    canonical = canonical_country(written)
    return (canonical, written) if canonical else None


def country_of_adjective(word: str) -> str | None:
    """The country an adjective names ("Norwegian", "française", "cubana"), or None."""
    return _ADJECTIVE_INDEX.get(_fold(word))


def find_city(text: str) -> str | None:
    """The first well-known meeting city named in text, as written."""
    match = _CITY_PATTERN.search(text)
    return match.group(1) if match else None
