"""Resolve every citation's quote to a code-point span and the sentences it covers.

Matching is done on a normalised form of both texts: Unicode NFC, curly and
straight quotes and apostrophes equal, every run of white space a single
space. An index maps each normalised character back to the source, so the
resolved span and text are always the source's own characters.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace

from briefing.core.diagnostics import Diagnostic, did_you_mean, error, note
from briefing.model.documents import Document
from briefing.model.facts import Citation, Content
from briefing.model.kinds import map_facts, with_citations

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


_WS_RUN = re.compile(r"\s+")


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
    pieces: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    position = shift = 0
    for run in _WS_RUN.finditer(translated):
        pieces.append(translated[position : run.start()])
        pieces.append(" ")
        position = run.end()
        if run.end() - run.start() > 1:
            shift += run.end() - run.start() - 1
            breaks.append(run.end() - shift)
            shifts.append(shift)
    pieces.append(translated[position:])
    return Normalised("".join(pieces), tuple(breaks), tuple(shifts), len(text))


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
            while j < n and unicodedata.combining(text[j]):
                j += 1
            # A mark that composes with nothing stays a character of its own, at its own offset:
            # mapping it to its base made a quote ending just before it lose its last character.
            for k, piece in enumerate(unicodedata.normalize("NFC", text[i:j]).translate(_QUOTES)):
                out.append(piece)
                index.append(i + min(k, j - i - 1))
        i = j
    breaks: list[int] = []
    shifts: list[int] = []
    for position, offset in enumerate(index):
        if offset - position != (shifts[-1] if shifts else 0):
            breaks.append(position)
            shifts.append(offset - position)
    return Normalised("".join(out), tuple(breaks), tuple(shifts), n)


def normalise_quote(text: str) -> str:
    return normalise(text).text.strip()


class SourceIndex:
    """A document prepared for quote look-ups."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.norm = normalise(document.text)
        self.starts = [s.start for s in document.sentences]

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
        for p in self.document.paragraphs:
            if p.start <= offset < p.end:
                return p.index
        return 0


def resolve_citation(citation: Citation, indexes: dict[str, SourceIndex]) -> tuple[Citation, list[Diagnostic]]:
    index = indexes.get(citation.source)
    if index is None:
        hint = did_you_mean(citation.source, indexes) or "sources are declared in content/sources.yaml"
        return citation, [
            error("reference.unknown-source", f"unknown source '{citation.source}'", citation.location, hint)
        ]
    quote = normalise_quote(citation.quote)
    spans = index.occurrences(quote)
    if not spans:
        return citation, [_not_found(citation, quote, index)]
    diagnostics: list[Diagnostic] = []
    if len(spans) > 1:
        if not _only_repeats(index, spans):
            ids = ", ".join(index.sentences_in(*s)[0] for s in spans)
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


def _only_repeats(index: SourceIndex, spans: list[tuple[int, int]]) -> bool:
    """True when every later occurrence sits in a paragraph that repeats the first one's."""
    first = index.paragraph_at(spans[0][0])
    paragraphs = {p.index: p for p in index.document.paragraphs}
    for start, _ in spans[1:]:
        p = paragraphs.get(index.paragraph_at(start))
        if p is None or p.repeat_of != first:
            return False
    return True


def _not_found(citation: Citation, quote: str, index: SourceIndex) -> Diagnostic:
    hint = (
        f"no sentence of '{citation.source}' is close: check the source id, or copy the words from "
        f"'briefing sentences {citation.source}'"
    )
    best = closest_sentence(quote, index)
    if best is not None:
        sentence_id, diff = best
        hint = f"closest sentence {sentence_id}:\n{diff}"
    return error("citation.not-found", f"quote not found in source '{citation.source}'", citation.location, hint)


def closest_sentence(quote: str, index: SourceIndex) -> tuple[str, str] | None:
    """The sentence sharing most characters with the quote, and a character diff of the two."""
    best: tuple[int, str, str] | None = None
    for s in index.document.sentences:
        candidate = normalise_quote(s.text)
        matcher = difflib.SequenceMatcher(None, quote, candidate, autojunk=False)
        if matcher.real_quick_ratio() * len(quote) <= (best[0] if best else 0):
            continue
        # Runs of three or more: stray single letters in common make an unrelated sentence look close.
        shared = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
        if best is None or shared > best[0]:
            best = (shared, s.id, candidate)
    if best is None or best[0] < max(3, len(quote) // 2):  # below half, a diff is noise, not help
        return None
    return best[1], char_diff(quote, best[2])


def char_diff(quote: str, sentence: str) -> str:
    """Show the quote against the aligned part of the sentence: [-removed-]{+added+}."""
    longest = difflib.SequenceMatcher(None, quote, sentence, autojunk=False).find_longest_match(
        0, len(quote), 0, len(sentence)
    )
    lo = max(longest.b - longest.a, 0)
    hi = min(lo + len(quote), len(sentence))
    while hi < len(sentence) and sentence[hi].isalnum():
        hi += 1  # end the window on a word boundary
    window = sentence[lo:hi]
    ops = difflib.SequenceMatcher(None, quote, window, autojunk=False).get_opcodes()
    segments = [(op == "equal", quote[a1:a2], window[b1:b2]) for op, a1, a2, b1, b2 in ops]
    if len(segments) > 1 and not segments[-1][0] and not segments[-1][1] and segments[-1][2][:1].isspace():
        hi -= len(segments.pop()[2])  # sentence text past the quote's end is context, not a difference
    parts = []
    for equal, old, new in _merge_small_equal_runs(segments):
        if equal:
            parts.append(old)
            continue
        parts.append(f"[-{old}-]" if old else "")
        parts.append(f"{{+{new}+}}" if new else "")
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < len(sentence) else ""
    return f"{prefix}{''.join(parts)}{suffix}"


def _merge_small_equal_runs(segments: list[tuple[bool, str, str]]) -> list[tuple[bool, str, str]]:
    """Fold a run of one or two equal characters between two changes into one change ('[-al-]{+le+}')."""
    merged: list[tuple[bool, str, str]] = []
    for segment in segments:
        if merged and not segment[0] and not merged[-1][0]:
            _, old, new = merged.pop()
            merged.append((False, old + segment[1], new + segment[2]))
        elif len(merged) >= 2 and not segment[0] and merged[-1][0] and len(merged[-1][1]) <= 2 and not merged[-2][0]:
            _, run, _ = merged.pop()
            _, old, new = merged.pop()
            merged.append((False, old + run + segment[1], new + run + segment[2]))
        else:
            merged.append(segment)
    return merged


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
