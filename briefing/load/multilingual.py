"""Sentence splitting by language: our English rules, or sentencex corrected for newswire.

English (and a source with no language) keeps the rule splitter in ``sentences``, so the sentence
ids of every English source stay as they were. Any other language is split by sentencex (Wikimedia's
segmenter, rules for ~300 languages, CJK and Arabic punctuation included), then corrected where
newswire trips it: initials (``В. Зеленський``, ``J.-Y. Le Drian``) and titles (``M.``, ``Sr.``,
``Dr.``) never end a sentence; an abbreviation (``févr.``, ``т. е.``, ``грн.``) ends one only before
a capitalised word; a German number with a dot is an ordinal (``am 21. Februar``, ``Die 3. Runde``)
unless a common sentence opener follows. Figures and the comparison with pysbd: benchmarks/README.md.
"""

from __future__ import annotations

import itertools
import re

import sentencex

from briefing.load.sentences import Span
from briefing.load.sentences import split as split_english
from briefing.model.languages import primary

# Never sentence-final, whatever follows: a name (or in German, any noun) always does.
TITLES: dict[str, frozenset[str]] = {
    "fr": frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste"}),
    "es": frozenset(
        {"sr", "sra", "srta", "sres", "dr", "dra", "d", "dña", "lic", "ing", "gral", "excmo", "ee"}
    ),  # "ee": EE. UU.
    # German capitalises nouns, so a capital after "Mrd." says nothing: its abbreviations never end one.
    "de": frozenset({"dr", "prof", "hr", "fr", "st", "ca", "mrd", "mio", "nr", "bzw", "vgl", "abs", "z", "b", "u"})
    | frozenset({"a", "d", "h", "s", "jan", "feb", "okt", "dez", "evtl", "ggf", "inkl", "usw"}),
    "ru": frozenset({"г-н", "г-жа", "им", "ул", "пр", "акад", "проф"}),
    "uk": frozenset({"п", "пп", "пан", "ім", "вул", "акад", "проф"}),
}
# Sentence-final only before a capitalised word: "24 févr. 2022", "т. е. больше", but "3 млрд грн. Уряд".
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        {"janv", "févr", "avr", "juill", "sept", "oct", "nov", "déc", "env", "av", "apr", "p", "n°", "cf", "etc"}
    ),
    "es": frozenset({"pág", "núm", "art", "aprox", "etc", "uu", "ej", "vol", "cap", "h"}),
    "ru": frozenset(
        {"г", "гг", "т", "е", "д", "п", "ч", "др", "руб", "коп", "млн", "млрд", "тыс", "янв", "февр", "сент"}
        | {"окт", "нояб", "дек", "см", "стр", "с", "в", "вв", "ок"}
    ),
    "uk": frozenset(
        {"р", "рр", "т", "ч", "д", "грн", "коп", "млн", "млрд", "тис", "січ", "лют", "берез", "квіт", "трав"}
        | {"черв", "лип", "серп", "верес", "жовт", "листоп", "груд", "див", "с", "ст"}
    ),
}
# German: a number with a dot ends a sentence only before one of these ("stieg auf 12. Die Polizei").
_GERMAN_OPENERS = (
    "Der Die Das Den Dem Des Ein Eine Einer Er Sie Es Wir Ich Ihr Man Am Im In Nach Laut Auch Doch Aber "
    "Dies Diese Dieser Dann Damit Zudem Außerdem Bereits Bisher Unter Mit Von Bei Seit Zuvor"
)
GERMAN_OPENERS = frozenset(_GERMAN_OPENERS.split())

# A dot after a word (matched from the word's start only, so a long token is read once), closing quotes
# or brackets, white space, then the next character.
_DOT = re.compile(r"""(?<!\S)(\S+?)\.(["'\u00bb\u201d\u2019\u201c)\]]*)(\s+)(?=\S)""")
_CLOSING = "\"'\u00bb\u201d\u2019)]\u300d\u300f\uff09\u300b\u3009"
_FULL_WIDTH_ENDS = "\u3002\uff01\uff1f\uff61\uff0e"  # 。！？｡．
_LEADING = "-(\"'\u00ab\u201e\u201c\u2018["


def split(text: str, base: int = 0, language: str = "en") -> list[Span]:
    """Split one paragraph into sentence spans by the rules of ``language`` (see the module doc)."""
    lang = primary(language)
    if lang == "en":
        return split_english(text, base)
    cuts = _sentencex_cuts(lang, text)  # end of a sentence -> start of the next
    for match in _DOT.finditer(text):
        verdict = _boundary(lang, match, text)
        if verdict is None:
            continue
        here = [e for e in range(match.start() + 1, match.end(2) + 1) if e in cuts]
        if verdict is False:
            for e in here:
                del cuts[e]
        elif not here:
            cuts[match.end(2)] = match.end(3)
    return _spans(text, sorted(cuts.items()), base)


def _sentencex_cuts(lang: str, text: str) -> dict[int, int]:
    """Each boundary as (end of a sentence, start of the next), from sentencex's pieces."""
    spans: list[tuple[int, int]] = []
    at = 0
    for piece in sentencex.segment(lang, text):
        stripped = piece.strip()
        if not stripped:
            continue
        found = text.find(stripped, at)
        if found < 0:  # never seen; keep what was found so far rather than misplace a sentence
            break
        spans.append((found, found + len(stripped)))
        at = found + len(stripped)
    cuts = itertools.pairwise(spans)
    return {a[1]: b[0] for a, b in cuts if b[0] > a[1] or _ends_without_space(text[a[0] : a[1]])}


def _ends_without_space(sentence: str) -> bool:
    """A sentence may end without a space after it only at a full-width terminator (CJK): elsewhere a dot
    between two characters ("window.open", "J.-Y.") is inside a word."""
    return sentence.rstrip(_CLOSING)[-1:] in _FULL_WIDTH_ENDS


def _boundary(lang: str, match: re.Match[str], text: str) -> bool | None:
    """True: a sentence ends at this dot; False: it does not; None: sentencex's call stands."""
    word = match.group(1).lstrip(_LEADING)
    bare = re.split(r"[.\-]", word)[-1] if word else ""
    following = text[match.end(3)]
    if len(bare) == 1 and bare.isupper():
        return False  # an initial: "В. Зеленський", "J.-Y. Le Drian"
    low = bare.lower()
    if low in TITLES.get(lang, frozenset()) or word.lower() in TITLES.get(lang, frozenset()):
        return False
    if low in ABBREVIATIONS.get(lang, frozenset()):
        return following.isupper() and not match.group(2)
    if lang == "de" and bare.isdigit() and not match.group(2):
        return _next_word(text, match.end(3)) in GERMAN_OPENERS
    if following.islower():
        return False
    return None


def _next_word(text: str, i: int) -> str:
    j = i
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i:j]


def _spans(text: str, cuts: list[tuple[int, int]], base: int) -> list[Span]:
    spans: list[Span] = []
    start = len(text) - len(text.lstrip())
    for end, following in cuts:
        if start < end:
            spans.append(Span(base + start, base + len(text[start:end].rstrip()) + start))
        start = max(start, following)
    last = len(text.rstrip())
    if last > start:
        spans.append(Span(base + start, base + last))
    return spans
