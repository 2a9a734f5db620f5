"""The feed's entries for a briefing with editions (one per edition, each saying what changed in it) and with
corrections (one per correction, in the words the page publishes it)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from briefing.model.facts import Briefing, Content
from briefing.outputs.feed import Entry
from briefing.outputs.revisions import CorrectionView
from briefing.resolve.corrections import anchors
from briefing.resolve.history import History


def _day(as_of: str) -> datetime:
    """An edition's time: midnight UTC of its date (the same edition keeps the same time, so the same bytes)."""
    return datetime.combine(date.fromisoformat(as_of[:10]), datetime.min.time(), tzinfo=UTC)


def _summary(previous: str, lines: tuple[str, ...] | list[str]) -> str:
    if not previous:
        return "The first edition."
    if not lines:
        return f"Since {previous}: nothing in the facts, sources or text changed."
    said = "; ".join(lines)
    return f"Since {previous}: {said}" + ("" if said.endswith((".", "?", "!")) else ".")


def edition_entries(history: History, briefing: Briefing, base: str) -> list[Entry]:
    """Every earlier edition (linking to its data) and this one (linking to the page); [] without editions."""
    if not history.editions or not base:
        return []
    entries = [
        Entry(
            id=f"{base}editions/{e.as_of}",
            title=f"{briefing.title}: edition of {e.as_of}",
            updated=_day(e.as_of),
            link=f"{base}editions/{e.as_of}.json",
            summary=_summary(e.previous, e.lines),
            link_type="application/json",
        )
        for e in history.earlier
    ]
    as_of = briefing.as_of.value
    entries.append(
        Entry(
            id=f"{base}editions/{as_of}",
            title=f"{briefing.title}: edition of {as_of}",
            updated=_day(as_of),
            link=f"{base}index.html#changes",
            summary=_summary(history.previous, history.lines()),
        )
    )
    return entries


def correction_entries(content: Content, base: str) -> list[Entry]:
    """One entry per correction, dated by its day and linking to it on the page; [] without ``base``."""
    if not base:
        return []
    title = content.briefing.title
    stop = CorrectionView.stop
    return [
        Entry(
            id=f"{base}corrections/{anchor.removeprefix('correction-')}",
            title=f"{title}: correction of {c.date.value}",
            updated=_day(c.date.value),
            link=f"{base}index.html#{anchor}",
            summary=f"An earlier version of this briefing said {c.said}{stop(c.said)} It now says {c.now}{stop(c.now)}",
        )
        for anchor, c in zip(anchors(content.corrections), content.corrections, strict=True)
    ]
