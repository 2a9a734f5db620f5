"""Suggested facts: what `briefing suggest` proposes, and the helpers every kind shares.

A suggestion is a fact a curator may accept by moving it into the real content file. Each one
already passes the check: its quotes occur once in their source (or only in a repeated paragraph),
its id is unique, and its references name actors that exist or are suggested beside it. The
analysis is by rule (suggest_actors, suggest_speech, suggest_dates); nothing here is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.load.content import SUGGESTED_DIR as SUGGESTED_DIR
from briefing.load.ids import short_id
from briefing.model.documents import Document, Sentence
from briefing.resolve.pins import pin_of
from briefing.resolve.provenance import SourceIndex, normalise_quote

KINDS = ("actors", "statements", "dates")


@dataclass(frozen=True)
class Suggestion:
    """One suggested fact: its kind, its id and its fields in the order a curator reads them."""

    kind: str
    """``actor``, ``statement`` or ``event`` (a suggested date is an event stub)."""
    id: str
    fields: tuple[tuple[str, object], ...]

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, **dict(self.fields)}


def id_from(text: str) -> str:
    """A short slug from a title or name: 'Kremlin spokesman Dmitry Peskov' -> 'kremlin-spokesman-dmitry-peskov'."""
    return short_id(text) or "item"


class Ids:
    """Hands out ids unique across the project's content and every suggestion made so far."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def claim(self, wanted: str) -> str:
        base = wanted or "item"
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


class Pinner:
    """Makes citations that pin one place in a source: the check accepts them as they are."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.indexes = {d.id: SourceIndex(d) for d in documents}

    def within(self, sentence: Sentence, start: int, end: int, min_words: int = 1) -> dict[str, str]:
        """A citation of text[start:end] by sentence id: ``{sentence, quote}`` with the shortest quote
        around it that occurs once in that sentence, grown a word at a time; the whole sentence
        (``{sentence, pin}``) when no shorter quote is unique there."""
        text = self.indexes[sentence.source].document.text
        inside = SourceIndex(_alone(sentence))
        lo, hi = max(start, sentence.start), min(end, sentence.end)
        while lo > sentence.start or hi < sentence.end:
            quote = text[lo:hi].strip(" ,;:")
            if len(quote.split()) >= min_words and len(inside.occurrences(normalise_quote(quote))) == 1:
                return {"sentence": sentence.id, "quote": quote}
            lo, hi = _grow(text, lo, hi, sentence)
        return {"sentence": sentence.id, "pin": pin_of(sentence.text)}


def covering(document: Document, start: int, end: int) -> list[dict[str, str]]:
    """Citations of the whole sentences covering [start, end), by id and pin (repeats left out)."""
    return [
        {"sentence": s.id, "pin": pin_of(s.text)}
        for s in document.sentences
        if s.end > start and s.start < end and not s.repeat_of
    ]


def _alone(sentence: Sentence) -> Document:
    """A sentence as a document of its own, to count a quote's occurrences inside it."""
    return Document(sentence.source, "", sentence.text, "", (), ())


_NEXT_WORD = re.compile(r"\s*\S+")


def _grow(text: str, lo: int, hi: int, sentence: Sentence) -> tuple[int, int]:
    """One more word to the right (while there is one), and one to the left."""
    if hi < sentence.end:
        match = _NEXT_WORD.match(text, hi)
        hi = min(match.end(), sentence.end) if match else sentence.end
    if lo > sentence.start:
        before = text[sentence.start : lo].rstrip()
        lo = sentence.start + before.rfind(" ") + 1
    return lo, hi


def trimmed(text: str, limit: int = 90) -> str:
    """A title-length excerpt: whole words, no trailing punctuation."""
    text = " ".join(text.split()).strip(" ,;:.")
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + " …"
