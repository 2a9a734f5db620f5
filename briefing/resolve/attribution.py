"""Checks of who said what, in whose words: statements' speakers, direct quotes verbatim part by part
(with the closest sentence and a diff when not), and dates worded by a named source."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from briefing.core.diagnostics import Diagnostic, did_you_mean, error, warning
from briefing.model.documents import Document
from briefing.model.facts import Content, Event, Statement, Wording
from briefing.resolve.provenance import SourceIndex, closest_scored, normalise_quote


class _Sources:
    """The loaded documents, each prepared for look-ups on first use only."""

    def __init__(self, documents: tuple[Document, ...]) -> None:
        self.documents = {d.id: d for d in documents}
        self._indexes: dict[str, SourceIndex] = {}

    def index(self, source: str) -> SourceIndex:
        if source not in self._indexes:
            self._indexes[source] = SourceIndex(self.documents[source])
        return self._indexes[source]

    def contains(self, source: str, words: str) -> bool:
        """Whether the normalised ``words`` are in the source's normalised text."""
        text = self.documents[source].text
        # Found as they are in a composed (NFC) text, they are in its normalised form too: they hold no curly
        # quote and no white space but single spaces between other characters, which normalising keeps. This
        # spares normalising every cited document a second time (provenance.py did it once).
        if words in text and unicodedata.is_normalized("NFC", text):
            return True
        return words in self.index(source).norm.text

    def closest(self, sources: list[str], words: str) -> str:
        """'closest sentence ID:\\n<diff>' over the sources, or '' when none is close."""
        best = [found for s in sources if (found := closest_scored(words, self.index(s))) is not None]
        if not best:
            return ""
        _, sentence_id, diff = max(best, key=lambda b: b[0])
        return f"closest sentence {sentence_id}:\n{diff}"


def check_statements(content: Content, documents: tuple[Document, ...]) -> list[Diagnostic]:
    sources = _Sources(documents)
    found: list[Diagnostic] = []
    for st in content.statements:
        found += _speaker(st) + _parts(st)
        if st.mode == "direct":
            found += _verbatim(st, sources)
    return found


def _speaker(st: Statement) -> list[Diagnostic]:
    if st.speaker and st.attributed_as:
        return [
            error(
                "statement.attributed-as-with-speaker",
                f"statement '{st.id}' has both 'speaker' and 'attributed_as'",
                st.origin.of("attributed_as"),
                "'attributed_as' is for a speaker the source does not name: keep 'speaker' when you know the actor "
                "(the source's words for them can go in the actor's 'aliases'), or remove 'speaker'",
            )
        ]
    return []


def _parts(st: Statement) -> list[Diagnostic]:
    if len(st.text) > 1 and st.mode != "direct":
        return [
            error(
                "statement.parts-not-direct",
                f"statement '{st.id}' gives its text in {len(st.text)} parts but is not a direct quote",
                st.origin.of("text"),
                "parts are for a verbatim quote interrupted by its attribution: set 'mode: direct', or write the "
                "paraphrase as one text",
            )
        ]
    return []


def _verbatim(st: Statement, sources: _Sources) -> list[Diagnostic]:
    """Every part of a direct statement must be verbatim in one of the sources it cites."""
    cited = list(dict.fromkeys(c.source for c in st.cite if c.source in sources.documents))
    found = []
    for i, part in enumerate(st.text):
        words = normalise_quote(part)
        if not cited or any(sources.contains(s, words) for s in cited):
            continue
        which = f"part {i + 1} of " if len(st.text) > 1 else ""
        closest = sources.closest(cited, words)
        advice = "copy the words exactly from the source, or set 'mode: paraphrase'"
        found.append(
            error(
                "statement.not-verbatim",
                f"{which}a direct statement's text is not verbatim in its sources",
                st.origin.of("text", i) if len(st.text) > 1 else st.origin.of("text"),
                f"{closest}\n{advice}" if closest else advice,
            )
        )
    return found


def _worded(content: Content) -> Iterator[tuple[Event | Statement, Wording]]:
    facts: tuple[Event | Statement, ...] = (*content.events, *content.statements)
    for fact in facts:
        for wording in fact.date_text:
            if wording.source:
                yield fact, wording


def check_wordings(content: Content, documents: tuple[Document, ...]) -> list[Diagnostic]:
    """A date worded by a named source: the source must be one the fact cites, and the words its own."""
    sources = _Sources(documents)
    known = {s.id for s in content.sources}
    found = []
    for fact, wording in _worded(content):
        cited = {c.source for c in fact.cite}
        if wording.source not in known:
            if not content.excused(wording.source, "source"):
                hint = did_you_mean(wording.source, known) or "sources are declared in content/sources.yaml"
                found.append(
                    error("reference.unknown-source", f"unknown source '{wording.source}'", wording.location, hint)
                )
        elif wording.source not in cited:
            found.append(
                error(
                    "wording.not-cited",
                    f"'{fact.id}' words its date after source '{wording.source}', which it does not cite",
                    wording.location,
                    f"add a citation of '{wording.source}' to '{fact.id}' (the sentence with the date), or remove "
                    "this wording",
                )
            )
        elif wording.source in sources.documents and not sources.contains(
            wording.source, normalise_quote(wording.text)
        ):
            closest = sources.closest([wording.source], normalise_quote(wording.text))
            advice = "a source's wording is its own words, verbatim: copy them from the source"
            found.append(
                error(
                    "wording.not-found",
                    f"'{wording.text}' is not in source '{wording.source}'",
                    wording.location,
                    f"{closest}\n{advice}" if closest else advice,
                )
            )
    return found


def check_identities(content: Content) -> list[Diagnostic]:
    """``same_as`` and ``identity`` go together, name another actor, and say why (in ``notes``)."""
    found = []
    for actor in content.actors:
        if actor.same_as and not actor.identity:
            found.append(
                error(
                    "actor.identity-missing",
                    f"actor '{actor.id}' is identified with '{actor.same_as}' without saying how sure that is",
                    actor.origin.of("same_as"),
                    "add 'identity: probable' (or 'confirmed' when a source says so) and say why in 'notes'",
                )
            )
        elif actor.identity and not actor.same_as:
            found.append(
                error(
                    "actor.identity-unused",
                    f"actor '{actor.id}' has 'identity' but no 'same_as'",
                    actor.origin.of("identity"),
                    "'identity' says how sure 'same_as: ACTOR-ID' is: add the actor it is identified with, or "
                    "remove 'identity'",
                )
            )
        elif actor.same_as == actor.id:
            found.append(
                error(
                    "actor.identity-unused",
                    f"actor '{actor.id}' is 'same_as' itself",
                    actor.origin.of("same_as"),
                    "'same_as' names another actor, one that a source names otherwise",
                )
            )
        elif actor.same_as and not actor.notes:
            found.append(
                warning(
                    "actor.identity-unexplained",
                    f"the identification of '{actor.id}' with '{actor.same_as}' does not say why",
                    actor.origin.of("identity"),
                    "say in 'notes' what the identification rests on (readers see it beside it), e.g. 'both "
                    "reports describe the Sinai author; the first names him Mohammed, the second Mohannad'",
                )
            )
    return found
