"""Spelling variants of whole names, for the curation report: runs of capitalised words compared as names.

Single words miss what reports do to names of several words: "ZANU-PF" / "Zanu PF" / "ZANU PF"
(case and separators), "Kudzanai" / "Kudzayi Chipanga" (a first name spelt two ways, too far
apart letter by letter but beside the same surname), "Defence Force" / "Defence Forces" (a plural
in an institution's name, where "Democrat" / "Democrats" alone is only grammar). And words that
stand side by side in one name ("David Davis") are one person's names, not two spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

from briefing.model.documents import Document

_TOKEN = re.compile(r"(?:[a-z]{1,3}-)?[^\W\d_]+(?:[-'’][^\W\d_]+)*")
LEADING = frozenset(
    (
        "The",
        "A",
        "An",
        "But",
        "And",
        "In",
        "On",
        "At",
        "For",
        "Of",
        "To",
        "As",
        "If",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "When",
        "While",
        "After",
        "Before",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "General",
        "President",
        "Prime",
        "Minister",
        "Secretary",
        "Former",
    )
)
"""Words that open a run without being part of the name ('The', titles), dropped from its start."""


def strip_accents(word: str) -> str:
    """Elysée -> Elysee (the case is kept)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(word: str) -> str:
    """Case- and accent-folded form: Elysée -> elysee."""
    return strip_accents(word).casefold().replace("’", "'")


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _capitalised(token: str) -> bool:
    head = token.split("-", 1)[1] if re.match(r"[a-z]{1,3}-", token) else token
    return head[:1].isupper()


def name_runs(doc: Document) -> Counter[str]:
    """Runs of capitalised words (joined by single spaces) in a source, with their counts.

    A run is kept when it has two words or more, or one word with a hyphen or in capitals (ZANU-PF).
    """
    runs: Counter[str] = Counter()
    for sentence in doc.sentences:
        if sentence.headline or sentence.not_content:
            continue
        current: list[str] = []
        previous_end = -1
        for match in _TOKEN.finditer(sentence.text):
            joined = match.start() == previous_end + 1 and sentence.text[previous_end] == " "
            if _capitalised(match.group()) and (not current or joined):
                current.append(re.sub(r"['’]s$", "", match.group()))
            else:
                _add(runs, current)
                current = [match.group()] if _capitalised(match.group()) else []
            previous_end = match.end()
        _add(runs, current)
    return runs


def _add(runs: Counter[str], words: list[str]) -> None:
    while words and words[0] in LEADING:
        words = words[1:]
    if len(words) >= 2 or (words and ("-" in words[0] or (words[0].isupper() and len(words[0]) > 1))):
        runs[" ".join(words)] += 1


def squashed(run: str) -> str:
    """A run without case, accents, spaces or hyphens: 'ZANU-PF', 'Zanu PF' -> 'zanupf'."""
    return "".join(c for c in fold(run) if c.isalnum())


def close_words(a: str, b: str) -> bool:
    """Two spellings of one word of a name: folded equal, a plural, a letter or two apart, or the
    same first five letters (Kudzanai / Kudzayi; four in long words: Mohammed / Mohannad)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    short, long = sorted((fa, fb), key=len)
    if long in (short + "s", short + "es"):
        return True
    if long == short + "n" and short[-1] in "ae":
        return False  # a demonym, not a spelling: Central America / Central American
    shorter = len(short)
    if (shorter >= 5 and fa[:5] == fb[:5]) or (shorter >= 7 and fa[:4] == fb[:4]):
        return True
    limit = 0 if shorter < 4 else 1 if shorter < 7 else 2
    return limit > 0 and edit_distance(fa, fb) <= limit


def variant_runs(runs: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of runs that spell one name two ways: equal once squashed, or the same words but for
    close ones, with at least one word the same (the anchor: a surname, 'Defence')."""
    by_squash: dict[str, list[str]] = {}
    for run in runs:
        by_squash.setdefault(squashed(run), []).append(run)
    pairs = [pair for group in by_squash.values() for pair in combinations(sorted(group), 2)]
    by_length: dict[int, list[str]] = {}
    for run in runs:
        by_length.setdefault(len(run.split()), []).append(run)
    for same in by_length.values():
        for a, b in combinations(sorted(same), 2):
            wa, wb = a.split(), b.split()
            differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
            anchored = len(differing) < len(wa) and squashed(a) != squashed(b)
            if anchored and all(close_words(x, y) for x, y in differing):
                pairs.append((a, b))
    return pairs


def words_in_one_name(runs: Iterable[str]) -> set[frozenset[str]]:
    """Pairs of words that stand in the same name ('David Davis'): never each other's variants."""
    together: set[frozenset[str]] = set()
    for run in runs:
        words = run.split()
        together |= {frozenset(pair) for pair in combinations(words, 2) if pair[0] != pair[1]}
    return together
