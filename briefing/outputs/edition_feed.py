"""The feed's entries for a briefing with editions (one per edition, each saying what changed in it) and with
corrections (one per correction, in the words the page publishes it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from briefing.model.facts import Briefing, Content
from briefing.outputs.chips import N_
from briefing.outputs.feed import Entry
from briefing.outputs.i18n import translations
from briefing.outputs.revisions import CorrectionView
from briefing.resolve.corrections import anchors
from briefing.resolve.history import History

_CORRECTION = (
    N_("An earlier version of this briefing said %(said)s"),
    N_("It now says %(now)s"),
    N_("%(title)s: correction of %(date)s"),
)
"""A correction's entry: the page's words (_corrections.html), and its title."""


def _day(as_of: str) -> datetime:
    """An edition's time: midnight UTC of its date (the same edition keeps the same time, so the same bytes)."""
    return datetime.combine(date.fromisoformat(as_of[:10]), datetime.min.time(), tzinfo=UTC)


def feed_entries(
    history: History, content: Content, base: str, project: Path | None
) -> tuple[list[Entry], list[Entry]]:
    """The editions' entries and the corrections', in the briefing's language (the feed's xml:lang)."""
    tr = translations(content.briefing.language, project).gettext
    return edition_entries(history, content.briefing, base, tr), correction_entries(content, base, tr)


def _summary(previous: str, lines: tuple[str, ...] | list[str], tr: Callable[[str], str]) -> str:
    if not previous:
        return tr(N_("The first edition."))
    if not lines:
        return tr(N_("Since %(edition)s: nothing in the facts, sources or text changed.")) % {"edition": previous}
    said = "; ".join(lines)
    said += "" if said.endswith((".", "?", "!")) else "."
    return tr(N_("Since %(edition)s: %(changes)s")) % {"edition": previous, "changes": said}


def edition_entries(history: History, briefing: Briefing, base: str, tr: Callable[[str], str] = str) -> list[Entry]:
    """Every earlier edition (linking to its data) and this one (linking to the page); [] without editions."""
    if not history.editions or not base:
        return []
    edition_of = tr(N_("%(title)s: edition of %(date)s"))
    entries = [
        Entry(
            id=f"{base}editions/{e.as_of}",
            title=edition_of % {"title": briefing.title, "date": e.as_of},
            updated=_day(e.as_of),
            link=f"{base}editions/{e.as_of}.json",
            summary=_summary(e.previous, e.lines(tr), tr),
            link_type="application/json",
        )
        for e in history.earlier
    ]
    as_of = briefing.as_of.value
    entries.append(
        Entry(
            id=f"{base}editions/{as_of}",
            title=edition_of % {"title": briefing.title, "date": as_of},
            updated=_day(as_of),
            link=f"{base}index.html#changes",
            summary=_summary(history.previous, history.lines(tr), tr),
        )
    )
    return entries


def correction_entries(content: Content, base: str, tr: Callable[[str], str] = str) -> list[Entry]:
    """One entry per correction, dated by its day and linking to it on the page; [] without ``base``."""
    if not base:
        return []
    title = content.briefing.title
    stop = CorrectionView.stop
    said, now, of = (tr(N_(s)) for s in _CORRECTION)
    return [
        Entry(
            id=f"{base}corrections/{anchor.removeprefix('correction-')}",
            title=of % {"title": title, "date": c.date.value},
            updated=_day(c.date.value),
            link=f"{base}index.html#{anchor}",
            summary=(said % {"said": c.said}) + stop(c.said) + " " + (now % {"now": c.now}) + stop(c.now),
        )
        for anchor, c in zip(anchors(content.corrections), content.corrections, strict=True)
    ]
