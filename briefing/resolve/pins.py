"""Pins on sentence-id citations: a short digest of the sentence's words beside its id.

A sentence id (``summit-report.6``) is a position: when the splitter or the source's text changes, the
numbers after that point move, and ``- sentence: summit-report.6`` silently cites another sentence. A
pin (``pin: 5d41402a``, or ``[@summit-report.6#5d41402a]`` in prose) is the first 8 hex digits of the
SHA-256 of the sentence's normalised words (as quotes are compared: whitespace, curly quotes); the check
says when the sentence at the id no longer has those words, and where they are now. A ``sentence:``
citation with a ``quote`` is pinned by its quote already (looked for in that sentence only).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator

from briefing.core.diagnostics import Diagnostic, Location, error, warning
from briefing.model.documents import Document, Sentence
from briefing.model.facts import Content, ProseCitation
from briefing.model.kinds import citations_of, facts
from briefing.resolve.provenance import normalise_quote

PIN_LENGTH = 8


def pin_of(text: str) -> str:
    """The pin of a sentence's words: unchanged by line breaks, runs of spaces, quote styles and invisible
    format characters (a bidi mark or a soft hyphen is warned about on its own; the words are the same)."""
    words = normalise_quote(text)
    if not words.isprintable():  # a format character (Cf) is never printable: most sentences skip the filter
        words = "".join(ch for ch in words if unicodedata.category(ch) != "Cf")
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:PIN_LENGTH]


def _shown(sentence: Sentence) -> str:
    words = " ".join(sentence.text.split())
    return words if len(words) <= 160 else words[:160] + "..."


class _Pins:
    """The sentences of each loaded document, by id; their pins worked out only where a citation needs them.

    Pinning every sentence of every document up front was a third of the check at N = 1,000 (26,000
    digests for a handful of pinned citations).
    """

    def __init__(self, documents: Iterable[Document]) -> None:
        self.sentence: dict[str, Sentence] = {}
        self.documents: dict[str, list[Document]] = {}
        for d in documents:
            self.documents.setdefault(d.id, []).append(d)
            for s in d.sentences:
                self.sentence[s.id] = s
        self._pins: dict[str, str] = {}
        self._where: dict[str, dict[str, list[str]]] = {}

    def pin(self, sentence: Sentence) -> str:
        if sentence.id not in self._pins:
            self._pins[sentence.id] = pin_of(sentence.text)
        return self._pins[sentence.id]

    def where(self, source: str, pin: str) -> list[str]:
        """Ids of the sentences of ``source`` (first occurrences only) whose words have ``pin``, in order."""
        if source not in self._where:
            by_pin: dict[str, list[str]] = {}
            for d in self.documents.get(source, ()):
                for s in d.sentences:
                    if not s.repeat_of:
                        by_pin.setdefault(self.pin(s), []).append(s.id)
            self._where[source] = by_pin
        return self._where[source].get(pin, [])

    def check(self, sentence_id: str, pin: str, location: Location, prose: bool) -> Diagnostic | None:
        """An error when the sentence at ``sentence_id`` does not have the pinned words."""
        sentence = self.sentence.get(sentence_id)
        if sentence is None:
            return None  # an unknown sentence is reported by the citation's own check
        now = self.pin(sentence)
        if pin == now:
            return None
        source = sentence_id.rpartition(".")[0]
        moved = [i for i in self.where(source, pin) if i != sentence_id]
        if moved:
            fix = " or ".join(_written(i, pin, prose) for i in moved)
            hint = f"the pinned words are now sentence {' and '.join(moved)}: write {fix}"
        else:
            hint = (
                f"no sentence of '{source}' has the pinned words any more: find the one you meant with "
                f"'briefing sentences {source} --yaml'"
            )
        hint += f"; if {sentence_id} is the sentence you mean, its pin is now {now}"
        return error(
            "citation.pin-mismatch",
            f"sentence {sentence_id} no longer has the words pinned ({pin}); it now reads: {_shown(sentence)}",
            location,
            hint,
        )

    def unpinned(self, sentence_id: str, location: Location, prose: bool) -> Diagnostic | None:
        sentence = self.sentence.get(sentence_id)
        if sentence is None:
            return None
        return warning(
            "citation.unpinned",
            f"sentence {sentence_id} is cited by its number only: if the numbers change, this will cite another "
            "sentence without a word said",
            location,
            f"pin it to its words ({_shown(sentence)}): write {_written(sentence_id, self.pin(sentence), prose)}",
        )


def _written(sentence_id: str, pin: str, prose: bool) -> str:
    return f"[@{sentence_id}#{pin}]" if prose else f"'sentence: {sentence_id}' with 'pin: {pin}'"


def check_pins(content: Content, documents: Iterable[Document], prose: Iterable[ProseCitation]) -> list[Diagnostic]:
    """Every sentence-id citation: a pinned one must still cite its words; an unpinned one is a warning."""
    pins = _Pins(documents)
    return [d for d in (*_cited(content, pins), *_in_prose(prose, pins)) if d is not None]


def _cited(content: Content, pins: _Pins) -> Iterator[Diagnostic | None]:
    for _, fact in facts(content):
        for c in citations_of(fact):
            if not c.sentence:
                continue
            if c.pin:
                yield pins.check(c.sentence, c.pin, c.sentence_location, prose=False)
            elif not c.quote:
                yield pins.unpinned(c.sentence, c.sentence_location, prose=False)


def _in_prose(prose: Iterable[ProseCitation], pins: _Pins) -> Iterator[Diagnostic | None]:
    for c in prose:
        if c.target not in pins.sentence:
            continue  # a fact or a source, or an unknown id (reported by check_prose)
        if c.pin:
            yield pins.check(c.target, c.pin, c.location, prose=True)
        else:
            yield pins.unpinned(c.target, c.location, prose=True)
