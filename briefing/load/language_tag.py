"""Is a ``language`` value a BCP 47 tag, and if not, which valid tag was meant?

Well-formed by RFC 5646's grammar (language, extlang, script, region, variants, extensions, private
use), and valid where it matters to us: the language, script and region subtags must be ones Unicode
CLDR knows (Babel's copy of CLDR: 668 languages, Klingon included; deprecated codes such as 'iw'
accepted). The hint tries, in order: '_' for '-', CLDR's aliases ('fra' -> 'fr', 'UK' -> 'GB'),
English names of languages ('French' -> 'fr'), a country's code written for its language ('gr' ->
'el', the country's most spoken official language), then an English name misspelt ('Frnch'). No
guess by the spelling of a two-letter code: 'ua' is as near Ugaritic as Ukrainian. See docs/decisions.md.
"""

from __future__ import annotations

import difflib
import functools
import re

_GRAMMAR = re.compile(
    r"^(?:(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+)$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def _cldr() -> tuple[dict[str, str], set[str], set[str], dict[str, str], dict[str, str]]:
    """(language code -> English name, scripts, regions, language aliases, region aliases), lower-cased."""
    from babel import Locale
    from babel.core import get_global

    english = Locale("en")
    languages = {code.lower(): name for code, name in english.languages.items()}
    scripts = {str(code).lower() for code in english.scripts}
    regions = {str(code).lower() for code in english.territories}
    language_aliases = {k.lower(): str(v).replace("_", "-") for k, v in get_global("language_aliases").items()}
    region_aliases = {
        k.lower(): str(v[0] if isinstance(v, list) else v) for k, v in get_global("territory_aliases").items()
    }
    return languages, scripts, regions, language_aliases, region_aliases


def is_valid(tag: str) -> bool:
    m = _GRAMMAR.match(tag)
    if m is None:
        return False
    if m.group("language") is None:
        return True  # private use only ('x-klingon-dialect'): valid, ours to mean
    languages, scripts, regions, aliases, _ = _cldr()
    primary = m.group("language").split("-")[0].lower()
    if primary not in languages and primary not in aliases:
        return False
    script, region = m.group("script"), m.group("region")
    return (script is None or script.lower() in scripts) and (region is None or region.lower() in regions)


def closest(tag: str) -> str | None:
    """A valid tag ``tag`` was probably meant to be, or None when nothing is near."""
    text = tag.strip().replace("_", "-")
    if text != tag and is_valid(text):
        return text
    languages, _, _, language_aliases, region_aliases = _cldr()
    parts = text.split("-")
    parts[0] = language_aliases.get(parts[0].lower(), parts[0])
    parts = [parts[0], *(region_aliases.get(p.lower(), p) if len(p) in (2, 3) else p for p in parts[1:])]
    candidate = "-".join(parts)
    if candidate != tag and is_valid(candidate):
        return candidate
    by_name = {name.lower(): code for code, name in languages.items()}
    if text.lower() in by_name:
        return by_name[text.lower()]
    spoken = _main_language(parts[0])  # a country's code where the language's belongs: 'gr', 'jp', 'ua'
    if spoken:
        return spoken
    named = difflib.get_close_matches(text.lower(), list(by_name), n=1, cutoff=0.8)  # 'Frnch'
    if named:
        return by_name[named[0]]
    return parts[0] if len(parts) > 1 and is_valid(parts[0]) else None  # 'en-XX': the language alone


def _main_language(region: str) -> str | None:
    """The most spoken official language of a country, by CLDR's figures: 'GR' -> 'el'."""
    from babel.core import get_global

    spoken = get_global("territory_languages").get(region.upper(), {})
    official = [(v.get("population_percent", 0), k) for k, v in spoken.items() if v.get("official_status")]
    return str(max(official)[1]).split("_")[0] if official else None


def hint(tag: str) -> str:
    """How to fix an invalid tag, naming the closest valid one where there is one."""
    meant = closest(tag)
    name = _cldr()[0].get(meant.split("-")[0].lower(), "") if meant else ""
    lead = f"did you mean '{meant}'" + (f" ({name})" if name else "") + "? " if meant else ""
    return (
        lead + "a BCP 47 tag is a language code, then optionally a script and a region: 'en', 'fr', 'pt-BR', 'sr-Latn'"
    )
