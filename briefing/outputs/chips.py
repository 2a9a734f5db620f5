"""Short labels of chips and back-links: shortened, and told apart where several would read the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import assert_never

from briefing.model.documents import Document
from briefing.model.facts import Actor, Dispute, Event, Statement
from briefing.model.inference import date_inferred
from briefing.model.kinds import Fact
from briefing.outputs.localized import Formats

LABEL_LENGTH = 80
SUFFIX_LENGTH = 24
"""The first words that tell apart chips that would otherwise read the same."""


def shorten(text: str, limit: int = LABEL_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def told_apart(labels: Sequence[str], words: Sequence[str]) -> list[str]:
    """Each label, with the first of its ``words`` after it where another label of the group is the same.

    Three statements by one speaker all read "statement, Jen Psaki"; shown side by side, a reader could
    not tell them apart (nor could a screen reader's list of links)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [
        f"{label}: {shorten(more, SUFFIX_LENGTH)}" if counts[label] > 1 else label
        for label, more in zip(labels, words, strict=True)
    ]


N_ = str
"""Marks a string for the catalog (Babel's extractor finds ``N_("...")``); translated where it is shown."""
KIND_LABELS = {"actor": N_("Actor"), "event": N_("Event"), "statement": N_("Statement"), "dispute": N_("Dispute")}
"""A fact's kind as a label says it (``Event: Bridge closed``); the English is model/kinds.py's ``label``."""
CHIP_LENGTH = 36


def speaker_names(statement: Statement, actors: dict[str, Actor], tr: Callable[[str], str] = str) -> str:
    """'Ana Ruiz', 'Ana Ruiz and Blue Line', or the source's words for an unnamed speaker."""
    if not statement.speaker:
        return statement.attributed_as
    names = [actors[a].name if a in actors else a for a in statement.speaker]
    if len(names) == 1:
        return names[0]
    return tr(N_("%(first)s and %(last)s")) % {"first": ", ".join(names[:-1]), "last": names[-1]}


def fact_label(kind: str, english: str, title: str, tr: Callable[[str], str] = str) -> str:
    """``Event: Bridge closed for repairs``: a fact's kind and its title, shortened."""
    return tr(N_("%(kind)s: %(title)s")) % {"kind": tr(KIND_LABELS.get(kind, english)), "title": shorten(title)}


def fact_chip(fact: Fact, actors: dict[str, Actor], formats: Formats) -> str:
    """A chip's text: enough to tell facts apart at a glance (the full label is its accessible name)."""
    tr = formats.gettext
    match fact:
        case Event():
            if fact.date is None:
                return tr(N_("event: %(title)s")) % {"title": shorten(fact.title, CHIP_LENGTH)}
            inferred = date_inferred(fact.date, fact.date_text)
            said = N_("event %(date)s, inferred") if inferred else N_("event %(date)s")
            return tr(said) % {"date": formats.words(fact.date)}
        case Statement():
            speaker = shorten(speaker_names(fact, actors, tr), CHIP_LENGTH)
            return tr(N_("statement, %(speaker)s")) % {"speaker": speaker}
        case Actor():
            return fact.name
        case Dispute():
            return tr(N_("dispute: %(question)s")) % {"question": shorten(fact.question, CHIP_LENGTH)}
        case _:
            assert_never(fact)


def place(tr: Callable[[str], str], source: str, first: int | None, last: int | None = None, page: int = 0) -> str:
    """Where a citation marker points, in words: ``S1 (Title), sentences 2–4, p. 3``; no sentence: the whole source."""
    if first is None:
        return tr(N_("%(source)s, the whole source")) % {"source": source}
    if last is None:
        where = tr(N_("%(source)s, sentence %(number)s")) % {"source": source, "number": first}
    else:
        where = tr(N_("%(source)s, sentences %(first)s–%(last)s")) % {"source": source, "first": first, "last": last}
    return tr(N_("%(place)s, p. %(page)s")) % {"place": where, "page": page} if page else where


def repeat_quirks(document: Document | None, notes: Sequence[str], tr: Callable[[str], str] = str) -> list[str]:
    """Repeated paragraphs the loader found, unless the curator's notes already say so (in English)."""
    if document is None:
        return []
    said = " ".join(notes).lower()
    found = []
    for p in document.paragraphs:
        if p.repeat_of is not None and f"paragraph {p.index} repeats paragraph {p.repeat_of}" not in said:
            words = tr(N_("Paragraph %(index)s repeats paragraph %(first)s word for word."))
            found.append(words % {"index": p.index, "first": p.repeat_of})
    return found
