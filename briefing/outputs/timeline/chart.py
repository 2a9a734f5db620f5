"""The timeline chart: events over time as a standalone, deterministic SVG (and PNG).

This module is the chart's public face and stays free of matplotlib: the SVG
is written by :mod:`briefing.outputs.timeline.svg` from the layout, with matplotlib's
font metrics (glyphs.py) imported inside the drawing functions only, so
``import briefing.outputs.timeline.chart`` (and ``briefing check``) costs nothing;
the PNG (the social card) is drawn by matplotlib (draw.py). Placement is
:mod:`briefing.outputs.timeline.layout` (why lanes are by how settled an event
is, and how far-apart dates are kept apart, is explained there); above a few
hundred events the chart is the overview of :mod:`briefing.outputs.timeline.overview`.

Accessibility: the SVG root is labelled by its ``<title>`` and described by a
``<desc>`` listing every event in date order. Without links it is
``role="img"``; with links (``href``) it keeps the implicit role of ``<svg>``
and each event's ``<a>`` has its own ``<title>``: axe-core reports an ``img``
holding links as a WCAG 2 A failure (nested-interactive, docs/decisions.md),
and the Nu HTML checker rejects every other explicit role on ``<svg>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from xml.sax.saxutils import escape

from briefing.core import diskcache
from briefing.model.chronology import chronological
from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.model.inference import date_inferred
from briefing.outputs.timeline import words

DRAWN_FIELDS = ("id", "title", "status", "date", "date_text", "after")
"""What the chart reads of an event, and so its cache key (a test checks the timeline modules read no other):
the repr of whole events, citations and all, took 2 s of a 5,000-event build."""
TITLE_ID = "timeline-chart-title"
DESC_ID = "timeline-chart-desc"
_ROOT = re.compile(rb"<svg\b([^>]*)>")


def chart_svg(
    events: Sequence[Event],
    as_of: DateValue,
    *,
    title: str = "Timeline",
    href: Callable[[Event], str] | None = None,
) -> bytes:
    """The chart as an SVG document; each event's mark is in ``<g id="event-mark-ID">``, linked to ``href(event)``.

    Labels are ``<text>`` placed for DejaVu Sans, the font the layout measures and names first; the
    shapes are defined once and referenced (svg.py). The same bytes serve the page and the PDF.
    """
    links = [href(e) for e in events] if href is not None else None
    drawn = [tuple(getattr(e, field) for field in DRAWN_FIELDS) for e in events]
    name = diskcache.key("chart-svg", drawn, as_of, links, is_overview(events), words.key())

    def draw() -> bytes:
        from briefing.outputs.timeline import glyphs, overview, svg  # matplotlib's font metrics only when drawn
        from briefing.outputs.timeline.layout import layout

        font = glyphs.label_font()
        measure, baseline = glyphs.measurer(font), glyphs.baseline(font)
        if is_overview(events):
            return overview.write(events, as_of, measure, baseline, href)
        chart = layout([replace(e, title=glyphs.displayable(e.title, font)) for e in events], as_of, measure)
        return svg.write(chart, events, baseline=baseline, href=href)

    svg = diskcache.cached(name, draw)  # the same bytes as drawing, without importing matplotlib
    return _accessible(svg, title, describe(events, as_of), linked=href is not None)


def is_overview(events: Sequence[Event]) -> bool:
    """Whether the chart counts events per period instead of labelling each (overview.py says why)."""
    from briefing.outputs.timeline.overview import OVERVIEW_FROM

    return len(events) >= OVERVIEW_FROM


def chart_png(events: Sequence[Event], as_of: DateValue, *, dpi: int = 200) -> bytes:
    """The same chart as a PNG at ``dpi`` (no links, no text alternative: the caller supplies one)."""
    from briefing.outputs.timeline import draw as timeline_draw

    return timeline_draw.render(events, as_of, "png", href=None, dpi=dpi)


def describe(events: Sequence[Event], as_of: DateValue) -> str:
    """The long description: every event in date order with its date and status (or the overview's counts)."""
    from briefing.outputs.timeline import overview
    from briefing.outputs.timeline.axis import format_date

    if is_overview(events):
        return overview.describe(events, as_of)
    tr = words.tr
    lines = [tr("Timeline of %(count)s events, as of %(date)s, in date order.") % _of(len(events), as_of)]
    for event in chronological(events):
        if event.status == "ongoing":
            since = tr("since %(date)s") % _of(0, event.date) if event.date is not None else tr("start not given")
            lines.append(
                tr("Ongoing at the as-of date (%(since)s): %(title)s.") % {"since": since, "title": event.title}
            )
            continue
        when = format_date(event.date) if event.date is not None else tr("No date given")
        when += tr(" (date inferred)") if date_inferred(event.date, event.date_text) else ""
        status = tr("alleged, not established") if event.status == "alleged" else tr(event.status)
        lines.append(f"{when}: {event.title} ({status}).")
    return " ".join(lines)


def _of(count: int, value: DateValue) -> dict[str, str]:
    from briefing.outputs.timeline.axis import format_date

    return {"count": str(count), "date": format_date(value)}


def _accessible(svg: bytes, title: str, description: str, *, linked: bool) -> bytes:
    """Add the root's role, ARIA references and size, and ``<title>``/``<desc>`` as its first children."""
    match = _ROOT.search(svg)
    if match is None:  # svg.write always writes one; this is a bug, not a user error
        raise ValueError("the chart has no <svg> root")
    # vnu accepts no role but img on <svg>, and axe fails an img holding links: linked, the root keeps its
    # implicit role (graphics-document), which takes a name and description all the same.
    role = "" if linked else ' role="img"'
    attributes = f'{role} aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}"'
    children = f'\n <title id="{TITLE_ID}">{escape(title)}</title>\n <desc id="{DESC_ID}">{escape(description)}</desc>'
    start = b"<svg" + match.group(1) + attributes.encode() + b">" + children.encode("utf-8")
    return svg[: match.start()] + start + svg[match.end() :]
