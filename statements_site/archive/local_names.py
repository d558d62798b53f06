"""Country names in the interface's language, from CLDR (Babel).

The archive keeps one canonical English name per delegation ("Palestine", "Türkiye", UN usage);
that name is what English pages, exports, feeds at English addresses and the API show. A French,
Spanish or Arabic page shows CLDR's name of the same country in its language ("Égypte", "مصر");
groups, organisations and names CLDR does not know are shown as the archive has them.
"""
import functools
import re

from django.utils.translation import get_language

# Where the United Nations name differs from CLDR's short one ("Territoires palestiniens", "Russie").
UN_LOCAL_NAMES = {
    "PS": {"fr": "État de Palestine", "es": "Estado de Palestina", "ar": "دولة فلسطين"},
    "RU": {"fr": "Fédération de Russie", "es": "Federación de Rusia", "ar": "الاتحاد الروسي"},
    "TR": {"fr": "Türkiye", "es": "Türkiye"},
    "US": {"fr": "États-Unis d'Amérique", "es": "Estados Unidos de América", "ar": "الولايات المتحدة الأمريكية"},
}


@functools.cache
def _codes():
    """The archive's canonical English country names (and their usual other spellings) -> ISO alpha-2."""
    from babel import Locale

    from .importing.groups import COUNTRY_ALIASES, NOT_DELEGATIONS, UN_NAMES

    codes = {}
    for code, name in Locale.parse("en").territories.items():
        if code.isalpha() and code not in NOT_DELEGATIONS:
            codes[UN_NAMES.get(code, name.replace(" & ", " and "))] = code
            codes.setdefault(name, code)
    for alias, canonical in COUNTRY_ALIASES.items():
        if canonical in codes:
            codes.setdefault(alias, codes[canonical])
    return codes


@functools.cache
def _names(language):
    from babel import Locale

    territories = Locale.parse(language).territories
    local = {}
    for name, code in _codes().items():
        if code in territories:
            # CLDR's "Myanmar (Birmanie)": the name without the other name in brackets.
            local[name] = UN_LOCAL_NAMES.get(code, {}).get(language, re.sub(r"\s*\(.*\)$", "", territories[code]))
    return local


def delegation_name(name):
    """`name` (a delegation's canonical name) as the current interface language writes it."""
    return delegation_namer()(name)


def delegation_namer():
    """delegation_name() for the many names of one list (a browse page's facets name hundreds): the
    interface language read once, where it cost more than the name's lookup."""
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return _as_it_is
    try:
        names = _names(language)
    except (ValueError, LookupError):  # a language CLDR does not know
        return _as_it_is
    return lambda name: names.get(name, name)


def _as_it_is(name):
    return name
