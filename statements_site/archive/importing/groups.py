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

COUNTRIES = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
    "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain",
    "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan",
    "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam",
    "Bulgaria", "Burkina Faso", "Burundi", "Cabo Verde", "Cambodia", "Cameroon",
    "Canada", "Central African Republic", "Chad", "Chile", "China", "Colombia",
    "Comoros", "Congo", "Costa Rica", "Côte d'Ivoire", "Croatia", "Cuba", "Cyprus",
    "Czechia", "Democratic People's Republic of Korea", "Democratic Republic of the Congo",
    "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt",
    "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia",
    "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana",
    "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland",
    "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati",
    "Kuwait", "Kyrgyzstan", "Lao People's Democratic Republic", "Latvia", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands",
    "Mauritania", "Mauritius", "Mexico", "Micronesia", "Monaco", "Mongolia",
    "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia",
    "Norway", "Oman", "Pakistan", "Palau", "Palestine", "Panama", "Papua New Guinea",
    "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
    "Republic of Korea", "Republic of Moldova", "Romania", "Russian Federation",
    "Rwanda", "Saint Kitts and Nevis", "Saint Lucia",
    "Saint Vincent and the Grenadines", "Samoa", "San Marino", "Sao Tome and Principe",
    "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
    "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Sudan",
    "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland",
    "Syrian Arab Republic", "Tajikistan", "Thailand", "Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Türkiye", "Turkmenistan", "Tuvalu", "Uganda",
    "Ukraine", "United Arab Emirates", "United Kingdom", "United Republic of Tanzania",
    "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Viet Nam",
    "Yemen", "Zambia", "Zimbabwe", "Holy See",
]

# Other spellings (short forms, French, Spanish) -> canonical country name.
COUNTRY_ALIASES = {
    "State of Palestine": "Palestine", "Russia": "Russian Federation",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "Great Britain": "United Kingdom", "United States of America": "United States",
    "USA": "United States", "Syria": "Syrian Arab Republic", "Turkey": "Türkiye",
    "Vietnam": "Viet Nam", "South Korea": "Republic of Korea", "Tanzania":
    "United Republic of Tanzania", "Moldova": "Republic of Moldova",
    "Iran (Islamic Republic of)": "Iran", "Bolivia (Plurinational State of)": "Bolivia",
    "Venezuela (Bolivarian Republic of)": "Venezuela", "Czech Republic": "Czechia",
    "Swaziland": "Eswatini", "Cape Verde": "Cabo Verde", "Ivory Coast": "Côte d'Ivoire",
    # French
    "Allemagne": "Germany", "Algérie": "Algeria", "Belgique": "Belgium",
    "Brésil": "Brazil", "Chine": "China", "Égypte": "Egypt", "Espagne": "Spain",
    "États-Unis": "United States", "Italie": "Italy", "Japon": "Japan",
    "Maroc": "Morocco", "Mexique": "Mexico", "Royaume-Uni": "United Kingdom",
    "Suisse": "Switzerland", "Suède": "Sweden", "Tunisie": "Tunisia",
    "Sénégal": "Senegal", "Haïti": "Haiti",
    # Spanish
    "Alemania": "Germany", "Brasil": "Brazil", "España": "Spain",
    "Estados Unidos": "United States", "Francia": "France", "Italia": "Italy",
    "Japón": "Japan", "México": "Mexico", "Perú": "Peru", "Reino Unido": "United Kingdom",
    "Suecia": "Sweden", "Suiza": "Switzerland", "Panamá": "Panama", "Haití": "Haiti",
    "República Dominicana": "Dominican Republic", "Rusia": "Russian Federation",
}

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
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
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
_COUNTRY_INDEX = {_fold(name): name for name in COUNTRIES}
_COUNTRY_INDEX.update({_fold(alias): name for alias, name in COUNTRY_ALIASES.items()})
_COUNTRY_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(
        re.escape(name) for name in sorted(
            [*COUNTRIES, *COUNTRY_ALIASES], key=len, reverse=True)
    ) + r")(?!\w)",
)
_GROUP_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(
        re.escape(alias) for alias in sorted(
            {a for c, al in GROUPS.items() for a in [c, *al] if not a.startswith("the ")},
            key=len, reverse=True)
    ) + r")(?!\w)",
    re.IGNORECASE,
)
_ACRONYMS = {_fold(a) for al in GROUPS.values() for a in al if a.isupper()}
_COUNTRY_PATTERN_ANY_CASE = re.compile(_COUNTRY_PATTERN.pattern, re.IGNORECASE)
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
    pattern = _COUNTRY_PATTERN_ANY_CASE if any_case else _COUNTRY_PATTERN
    found = []
    for match in pattern.finditer(text):
        canonical = canonical_country(match.group(1))
        if canonical:
            found.append((canonical, match.start()))
    return found


def country_at_start(text: str) -> tuple[str, str] | None:
    """(canonical name, name as written) of a country that text opens with, or None."""
    match = _COUNTRY_PATTERN.match(text)
    if not match:
        return None
    canonical = canonical_country(match.group(1))
    return (canonical, match.group(1)) if canonical else None


def find_city(text: str) -> str | None:
    """The first well-known meeting city named in text, as written."""
    match = _CITY_PATTERN.search(text)
    return match.group(1) if match else None
