"""What the page shows of a briefing's revisions: corrections, the marks on the rows they and the last
edition changed, and the versions of a source (``supersedes``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from briefing.model.dates import DateValue
from briefing.model.facts import Content, Event
from briefing.outputs.chips import N_
from briefing.outputs.timeline import words
from briefing.outputs.views import FactRef, SourceView
from briefing.resolve.corrections import anchors
from briefing.resolve.history import History


@dataclass(frozen=True)
class CorrectionView:
    anchor: str
    """Fragment id on index.html (``correction-2022-02-23``)."""
    date: DateValue
    said: str
    now: str
    facts: tuple[FactRef, ...]
    """The facts corrected, as links."""

    @staticmethod
    def stop(text: str) -> str:
        """A full stop after the curator's clause, unless it ends a sentence already."""
        ended = text.rstrip().rstrip("\"\u201d\u2019')")
        return "" if ended.endswith((".", "?", "!", "\u2026")) else "."


def correction_views(content: Content, facts: Mapping[str, FactRef]) -> tuple[CorrectionView, ...]:
    """The corrections, newest first (as newsrooms list them), each with the facts it names that exist."""
    views = [
        CorrectionView(anchor, c.date, c.said, c.now, tuple(facts[ref] for ref in c.facts if ref in facts))
        for anchor, c in zip(anchors(content.corrections), content.corrections, strict=True)
    ]
    return tuple(sorted(views, key=lambda v: v.date.start, reverse=True))


def corrected(corrections: tuple[CorrectionView, ...]) -> dict[str, tuple[str, ...]]:
    """{fact id: anchors of the corrections naming it}."""
    found: dict[str, list[str]] = {}
    for c in corrections:
        for fact in c.facts:
            found.setdefault(fact.id, []).append(c.anchor)
    return {fact_id: tuple(found_anchors) for fact_id, found_anchors in found.items()}


MARKS = {"new": N_("new"), "updated": N_("updated")}
"""A row's mark since the previous edition, as the page says it (its class keeps the English key)."""


def marker(
    history: History,
    corrections: tuple[CorrectionView, ...],
    root: str,
    split: bool,
    tr: Callable[[str], str] = str,
) -> Callable[[str], Markup]:
    """``mark(id)`` for the templates: 'new' or 'updated' since the previous edition, and 'corrected'
    linking to each correction of the fact (in the same document, unless the site splits its tables);
    the words in the page's language (``tr``), the class names in English."""
    by_fact = corrected(corrections)
    page = f"{root}index.html" if split else ""
    fixed = tr(N_("corrected"))

    def mark(item_id: str) -> Markup:
        found = Markup("")
        edition = history.mark(item_id)
        if edition:
            found += Markup(' <span class="mark mark-{0}">{1}</span>').format(edition, tr(MARKS[edition]))
        for anchor in by_fact.get(item_id, ()):
            found += Markup(' <a class="mark mark-corrected" href="{0}#{1}">{2}</a>').format(page, anchor, fixed)
        return found

    return mark


def versions(sources: Mapping[str, SourceView]) -> dict[str, SourceView]:
    """{old source id: the source view of the version that supersedes it}."""
    return {v.source.supersedes: v for v in sources.values() if v.source.supersedes in sources}


CHART_MARKS = {
    ("new", False): N_("New: %(title)s"),
    ("updated", False): N_("Updated: %(title)s"),
    ("", True): N_("Corrected: %(title)s"),
    ("new", True): N_("New, corrected: %(title)s"),
    ("updated", True): N_("Updated, corrected: %(title)s"),
}
"""An event's title as the chart marks it, by its edition's mark and whether a correction names it."""


def marked_events(
    events: Sequence[Event], history: History, corrections: tuple[CorrectionView, ...]
) -> tuple[Event, ...]:
    """The events as the chart labels them: 'New: ', 'Updated: ', 'Corrected: ' before a title, as the table
    marks its row. A prefix, so that a label shortened with an ellipsis keeps it; the chart's text
    alternative lists the labels, so it says it too. In the chart's language (drawn inside timeline.words.speaking)."""
    by_fact = corrected(corrections)

    def label(event: Event) -> str:
        said = CHART_MARKS.get((history.mark(event.id), event.id in by_fact))
        return words.tr(said) % {"title": event.title} if said else event.title

    return tuple(replace(e, title=label(e)) for e in events)
