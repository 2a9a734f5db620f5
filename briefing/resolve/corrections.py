"""Checks of what the editions of a briefing record: corrections, and the former ids of renamed facts."""

from __future__ import annotations

from briefing.core.diagnostics import Diagnostic, did_you_mean, error
from briefing.model.facts import Content, Correction, Origin
from briefing.model.kinds import FACT_KINDS, KINDS, facts, items

FACT_WORDS = "an actor, event, statement or dispute"


def anchors(corrections: tuple[Correction, ...]) -> list[str]:
    """Each correction's fragment id: ``correction-DATE``, then ``-2``, ``-3`` for more of the same day.

    By date rather than by place in the file, so that a link to one (from a fact, from the feed) keeps
    pointing at it when others are added.
    """
    seen: dict[str, int] = {}
    found = []
    for c in corrections:
        seen[c.date.value] = seen.get(c.date.value, 0) + 1
        n = seen[c.date.value]
        found.append(f"correction-{c.date.value}" + (f"-{n}" if n > 1 else ""))
    return found


def check_corrections(content: Content) -> list[Diagnostic]:
    """Each correction is dated by a day and names facts that exist."""
    known = {fact.id for _, fact in facts(content)}
    unusable = any(f"*{kind.name}" in content.dropped for kind in FACT_KINDS)
    found: list[Diagnostic] = []
    for correction in content.corrections:
        if not correction.date.is_day or correction.date.qualifier:
            found.append(_not_a_day(correction))
        for index, ref in enumerate(correction.facts):
            if ref in known or ref in content.dropped or unusable:
                continue  # an invalid fact, or a fact file that did not load: reported already
            hint = did_you_mean(ref, known) or f"name {FACT_WORDS} by its id, as content/*.yaml declares it"
            where = correction.origin.of("facts", index)
            found.append(error("correction.unknown-fact", f"correction names unknown fact '{ref}'", where, hint))
    return found


def _not_a_day(correction: Correction) -> Diagnostic:
    return error(
        "correction.date",
        f"a correction is dated by the day it was made, not '{correction.date.value}'",
        correction.origin.of("date"),
        "write the day as YYYY-MM-DD (e.g. 2022-02-23)",
    )


def check_formerly(content: Content) -> list[Diagnostic]:
    """A former id is one no item has any more: else 'briefing diff' could not tell the rename from the item."""
    where: dict[str, tuple[str, Origin]] = {}
    for kind in KINDS:
        for item in items(content, kind):
            where.setdefault(item.id, (kind.name, item.origin))
    found: list[Diagnostic] = []
    for kind, fact in facts(content):
        for index, former in enumerate(fact.formerly):
            if former not in where:
                continue
            other_kind, origin = where[former]
            at = origin.of("id")
            if former == fact.id:
                message, hint = f"'{former}' in 'formerly' is this {kind.name}'s own id", f"remove '{former}' from it"
            else:
                message = f"'{former}' in 'formerly' is still the id of {_a(other_kind)} (at {at})"
                hint = (
                    f"'formerly' lists ids this {kind.name} had in earlier editions and no item has now: remove "
                    f"'{former}' from it, or rename the {other_kind} that has it"
                )
            found.append(error("formerly.in-use", message, fact.origin.of("formerly", index), hint))
    return found


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
