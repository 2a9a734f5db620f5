"""Resolve every citation's quote to a code-point span and the sentences it covers.

Matching is done on a normalised form of both texts: Unicode NFC, curly and
straight quotes and apostrophes equal, every run of white space a single
space. An index maps each normalised character back to the source, so the
resolved span and text are always the source's own characters.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import re
import unicodedata
from dataclasses import dataclass, replace

from briefing.core.diagnostics import Diagnostic, did_you_mean, error, note
from briefing.model.documents import Document, Sentence
from briefing.model.facts import Citation, Content
from briefing.model.kinds import map_facts, with_citations
from briefing.resolve.chardiff import char_diff

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


_WS_LONG = re.compile(r"\s{2,}")  # the runs that shorten the text (\s: str.isspace, as str.split)


def _collapsed(text: str) -> str:
    """Every run of white space one space, in C: a regular expression visiting each space was most of a check."""
    words = " ".join(text.split())
    if not words:
        return " " if text else ""
    return f"{' ' if text[0].isspace() else ''}{words}{' ' if text[-1].isspace() else ''}"


@dataclass(frozen=True)
class Normalised:
    """A text in matching form, with a compact map back to source offsets.

    Collapsing white space and composing characters only ever shortens the
    text, so the map is a list of break points: from normalised position
    ``breaks[k]`` on, the source offset is the position plus ``shifts[k]``.
    That keeps memory flat on large corpora (no per-character table).
    """

    text: str
    breaks: tuple[int, ...]
    shifts: tuple[int, ...]
    source_length: int

    def to_source(self, position: int) -> int:
        """Source offset of normalised ``position`` (len(text) maps to the source's end)."""
        if position >= len(self.text):
            return self.source_length
        k = bisect.bisect_right(self.breaks, position) - 1
        return position + (self.shifts[k] if k >= 0 else 0)

    @property
    def index(self) -> tuple[int, ...]:
        """The full per-character map (for tests and debugging)."""
        return tuple(self.to_source(i) for i in range(len(self.text) + 1))


def normalise(text: str) -> Normalised:
    """Normalise for matching, keeping a map back to the original offsets."""
    if not unicodedata.is_normalized("NFC", text):
        return _normalise_slowly(text)
    translated = text.translate(_QUOTES)  # one character for one: offsets unchanged
    breaks: list[int] = []
    shifts: list[int] = []
    shift = 0
    for run in _WS_LONG.finditer(translated):
        start, end = run.span()
        shift += end - start - 1
        breaks.append(end - shift)
        shifts.append(shift)
    return Normalised(_collapsed(translated), tuple(breaks), tuple(shifts), len(text))


def _cluster_end(text: str, i: int) -> int:
    """End of the character starting at ``i``: its combining marks, and the starters that compose with it.

    Two starters can compose too: Hangul jamo (U+1100 U+1161 U+11A8 is 각) and two-part Indic vowel
    signs (Tamil U+0B95 U+0BC6 U+0BBE is கொ); checking combining marks only missed both.
    """
    j, last, marks = i + 1, text[i], False
    while j < len(text):
        char = text[j]
        if unicodedata.combining(char):
            marks = True  # a mark between two starters blocks their composition
        elif marks or char.isspace():
            break
        else:
            merged = unicodedata.normalize("NFC", last + char)
            if len(merged) != 1:
                break
            last = merged
        j += 1
    return j


def _normalise_slowly(text: str) -> Normalised:
    """The general case: compose each base character with its combining marks."""
    out: list[str] = []
    index: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if text[i].isspace():
            while j < n and text[j].isspace():
                j += 1
            out.append(" ")
            index.append(i)
        else:
            j = _cluster_end(text, i)
            # An uncomposed mark keeps its own offset, the cluster's last (a + 2 acutes = á + acute): not its base's
            pieces = unicodedata.normalize("NFC", text[i:j]).translate(_QUOTES)
            for k, piece in enumerate(pieces):
                out.append(piece)
                index.append(i if k == 0 else j - (len(pieces) - k))
        i = j
    breaks: list[int] = []
    shifts: list[int] = []
    for position, offset in enumerate(index):
        if offset - position != (shifts[-1] if shifts else 0):
            breaks.append(position)
            shifts.append(offset - position)
    return Normalised("".join(out), tuple(breaks), tuple(shifts), n)


def normalise_quote(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        return _normalise_slowly(text).text.strip()
    return " ".join(text.translate(_QUOTES).split())  # what normalise(text).text.strip() is, without the map


class SourceIndex:
    """A document prepared for quote look-ups."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.norm = normalise(document.text)
        self.starts = [s.start for s in document.sentences]
        self.paragraph_starts = [p.start for p in document.paragraphs]
        self.repeat_of = {p.index: p.repeat_of for p in document.paragraphs}

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Source spans [start, end) of every occurrence of the normalised quote."""
        found = []
        text = self.norm.text
        pos = text.find(quote)
        while pos >= 0 and quote:
            end = pos + len(quote)
            # A match that starts or stops inside a character's combining marks ("é" in "é\u0301")
            # is not the same text: skip it.
            if not unicodedata.combining(text[pos]) and (end >= len(text) or not unicodedata.combining(text[end])):
                found.append((self.norm.to_source(pos), self.norm.to_source(end)))
            pos = text.find(quote, pos + 1)
        return found

    def sentences_in(self, start: int, end: int) -> tuple[str, ...]:
        sentences = self.document.sentences
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        ids = []
        for s in sentences[first:]:
            if s.start >= end:
                break
            if s.end > start:
                ids.append(s.id)
        return tuple(ids)

    def paragraph_at(self, offset: int) -> int:
        # Bisected: a scan per occurrence made a quote in many repeated paragraphs quadratic.
        paragraphs = self.document.paragraphs
        k = bisect.bisect_right(self.paragraph_starts, offset) - 1
        if k >= 0 and offset < paragraphs[k].end:
            return paragraphs[k].index
        return 0


def resolve_citation(citation: Citation, indexes: dict[str, SourceIndex]) -> tuple[Citation, list[Diagnostic]]:
    index = indexes.get(citation.source)
    if index is None:
        hint = did_you_mean(citation.source, indexes) or "sources are declared in content/sources.yaml"
        return citation, [
            error("reference.unknown-source", f"unknown source '{citation.source}'", citation.location, hint)
        ]
    if citation.sentence:
        return _resolve_in_sentence(citation, index)
    quote = normalise_quote(citation.quote)
    spans = index.occurrences(quote)
    if not spans:
        return citation, [_not_found(citation, quote, index)]
    diagnostics: list[Diagnostic] = []
    if len(spans) > 1:
        if not _only_repeats(index, spans):
            ids = ", ".join(index.sentences_in(*s)[0] for s in spans[:10]) + (", ..." if len(spans) > 10 else "")
            return citation, [
                error(
                    "citation.ambiguous",
                    f"quote occurs {len(spans)} times in source '{citation.source}' (sentences {ids})",
                    citation.location,
                    "quote more words so that it matches one place only",
                )
            ]
        diagnostics.append(
            note(
                "citation.in-repeated-paragraph",
                "quote also occurs in a repeated paragraph; the first occurrence is used",
                citation.location,
            )
        )
    start, end = spans[0]
    text = index.document.text[start:end]
    return replace(citation, sentences=index.sentences_in(start, end), start=start, end=end, text=text), diagnostics


def _resolve_in_sentence(citation: Citation, index: SourceIndex) -> tuple[Citation, list[Diagnostic]]:
    """``- sentence: ID``: the whole sentence, or ``quote`` looked for inside that sentence only."""
    sentence = index.document.sentence(citation.sentence)
    if sentence is None:
        count = len(index.document.sentences)
        return citation, [
            error(
                "citation.unknown-sentence",
                f"source '{citation.source}' has no sentence '{citation.sentence}'",
                citation.sentence_location,
                f"its sentences are {citation.source}.1 to {citation.source}.{count}: "
                f"see 'briefing sentences {citation.source}'",
            )
        ]
    if not citation.quote:
        return replace(
            citation, sentences=(sentence.id,), start=sentence.start, end=sentence.end, text=sentence.text
        ), []
    quote = normalise_quote(citation.quote)
    inside = SourceIndex(replace(index.document, text=sentence.text, paragraphs=(), sentences=()))
    spans = inside.occurrences(quote)
    if len(spans) != 1:
        elsewhere = [index.sentences_in(*span)[0] for span in index.occurrences(quote)] if not spans else []
        return citation, [_not_in_sentence(citation, quote, sentence, len(spans), elsewhere)]
    start, end = (sentence.start + spans[0][0], sentence.start + spans[0][1])
    text = index.document.text[start:end]
    return replace(citation, sentences=(sentence.id,), start=start, end=end, text=text), []


def _not_in_sentence(
    citation: Citation, quote: str, sentence: Sentence, count: int, elsewhere: list[str]
) -> Diagnostic:
    if count > 1:
        return error(
            "citation.ambiguous",
            f"quote occurs {count} times in sentence {sentence.id}",
            citation.location,
            "quote more words so that it matches one place only, or leave 'quote' out to cite the whole sentence",
        )
    if elsewhere:
        hint = f"the quote is in {', '.join(elsewhere)}: give that sentence id (or leave 'sentence' out)"
    else:
        words = normalise_quote(sentence.text)
        close = False
        if len(quote) <= HINT_QUOTE_MAX:  # bounded: a diff against a 50 kB sentence would be quadratic
            words = _near(quote, words)
            shared = difflib.SequenceMatcher(None, quote, words, autojunk=False).get_matching_blocks()
            close = sum(b.size for b in shared if b.size >= 3) >= max(3, len(quote) // 2)
        shown = sentence.text if len(sentence.text) <= 300 else sentence.text[:300] + "..."
        hint = (
            f"the quote is looked for in that sentence only:\n{char_diff(quote, words)}"
            if close
            else f"the sentence reads: {shown}"
        )
    return error("citation.not-found", f"quote not found in sentence {sentence.id}", citation.location, hint)


def _only_repeats(index: SourceIndex, spans: list[tuple[int, int]]) -> bool:
    """True when every later occurrence sits in a paragraph that repeats the first one's."""
    first = index.paragraph_at(spans[0][0])
    repeats = index.repeat_of  # built once per source: per citation it was citations x paragraphs
    return all(repeats.get(index.paragraph_at(start)) == first for start, _ in spans[1:])


HINT_QUOTE_MAX = 1000
"""Characters: a longer mistyped quote gets the place where it stops matching, not a diff."""
HINT_CANDIDATES = 8
"""Sentences compared character by character, after ranking all of them by the quote's words."""


def _not_found(citation: Citation, quote: str, index: SourceIndex) -> Diagnostic:
    hint = (
        f"no sentence of '{citation.source}' is close: check the source id, or copy the words from "
        f"'briefing sentences {citation.source}'"
    )
    best = closest_sentence(quote, index) if len(quote) <= HINT_QUOTE_MAX else _longest_prefix(quote, index)
    if best is not None:
        sentence_id, diff = best
        hint = f"closest sentence {sentence_id}:\n{diff}"
    return error("citation.not-found", f"quote not found in source '{citation.source}'", citation.location, hint)


def closest_sentence(quote: str, index: SourceIndex) -> tuple[str, str] | None:
    """The sentence sharing most characters with the quote, and a character diff of the two.

    Bounded work whatever the sizes (a character diff of a 100 kB quote against every sentence took
    16 minutes): sentences are ranked by the quote's words they contain, a linear pass, and only the
    best few are compared character by character, each cut to a window about the quote's length.
    """
    found = closest_scored(quote, index)
    return None if found is None else (found[1], found[2])


def closest_scored(quote: str, index: SourceIndex) -> tuple[int, str, str] | None:
    """(characters shared, sentence id, diff) of the closest sentence, or None when none is close."""
    best: tuple[int, str, str] | None = None
    for s in _candidates(quote, index):
        candidate = _near(quote, normalise_quote(s.text))
        matcher = difflib.SequenceMatcher(None, quote, candidate, autojunk=False)
        # Runs of three or more: stray single letters in common make an unrelated sentence look close.
        shared = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
        if best is None or shared > best[0]:
            best = (shared, s.id, candidate)
    if best is None or best[0] < max(3, len(quote) // 2):  # below half, a diff is noise, not help
        return None
    return best[0], best[1], char_diff(quote, best[2])


_WORD = re.compile(r"\w+")


def _candidates(quote: str, index: SourceIndex) -> list[Sentence]:
    # Words without their punctuation: '"overdue' in a sentence is the quote's 'overdue'.
    words = set(_WORD.findall(quote.lower()))
    sentences = index.document.sentences
    scored = [(len(words.intersection(_WORD.findall(s.text.lower()))), -n, s) for n, s in enumerate(sentences)]
    top = heapq.nlargest(HINT_CANDIDATES, scored, key=lambda t: (t[0], t[1]))
    return [s for score, _, s in top if score]


def _near(quote: str, sentence: str) -> str:
    """The part of a long sentence around the quote's longest word found in it (whole if short)."""
    if len(sentence) <= 2 * len(quote) + 100:
        return sentence
    for word in sorted(set(quote.split()), key=len, reverse=True)[:5]:
        at = sentence.find(word)
        if at >= 0:
            start = max(at - quote.find(word) - len(quote) // 2, 0)
            return sentence[start : start + 2 * len(quote)]
    return sentence[: 2 * len(quote)]


def _longest_prefix(quote: str, index: SourceIndex) -> tuple[str, str] | None:
    """For a long quote: the sentence where its longest prefix found in the source ends, and where it differs.

    A binary search over prefix lengths (a prefix of a found prefix is found): log(n) searches.
    """
    text = index.norm.text
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo < 20:
        return None
    at = text.find(quote[:lo]) + lo
    sentence = index.sentences_in(index.norm.to_source(at) - 1, index.norm.to_source(at))
    shown = f"...{quote[max(lo - 40, 0) : lo]}[-{quote[lo : lo + 20]}-]{{+{text[at : at + 20]}+}}..."
    return (sentence[0] if sentence else "?"), f"the first {lo} of the quote's {len(quote)} characters match:\n{shown}"


def resolve_content(content: Content, documents: tuple[Document, ...]) -> tuple[Content, list[Diagnostic]]:
    """Return the content with every citation of every fact kind resolved, and the problems found."""
    indexes = {d.id: SourceIndex(d) for d in documents}
    # A source that failed to load is still a known id: its citations are not re-reported.
    known = {s.id for s in content.sources}
    diagnostics: list[Diagnostic] = []

    def fix(c: Citation) -> Citation:
        if (c.source in known or content.excused(c.source, "source")) and c.source not in indexes:
            return c  # its source failed to load or is invalid, which is reported already
        resolved, found = resolve_citation(c, indexes)
        diagnostics.extend(found)
        return resolved

    return map_facts(content, lambda fact: with_citations(fact, fix)), diagnostics
