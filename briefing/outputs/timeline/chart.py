"""The timeline chart: events over time as a standalone, deterministic SVG (and PNG).

This module is the chart's public face and stays free of matplotlib: the
drawing module (:mod:`briefing.outputs.timeline.draw`) is imported inside the drawing
functions only, so ``import briefing.outputs.timeline.chart`` (and ``briefing check``) costs
nothing. Placement is :mod:`briefing.outputs.timeline.layout` (why lanes are by how
settled an event is, and how far-apart dates are kept apart, is explained there).

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
from xml.sax.saxutils import escape

from briefing.core import diskcache
from briefing.model.chronology import chronological
from briefing.model.dates import DateValue
from briefing.model.facts import Event

TITLE_ID = "timeline-chart-title"
DESC_ID = "timeline-chart-desc"
_ROOT = re.compile(rb"<svg\b([^>]*)>")
# matplotlib writes the space glyph as <path id=... transform=.../> without d, which HTML validators reject
_EMPTY_PATH = re.compile(rb"<path((?:(?!\bd=)[^>])*?)\s*/>")
# Width 100% and no height: the viewBox keeps the aspect ratio, so the chart fits any column (a phone, an A4
# page in WeasyPrint, which leaves the original height as blank space under a CSS height:auto instead).
_SIZE = re.compile(rb'\swidth="[0-9.]+pt"\s+height="[0-9.]+pt"')


def chart_svg(
    events: Sequence[Event],
    as_of: DateValue,
    *,
    title: str = "Timeline",
    href: Callable[[Event], str] | None = None,
    embed_glyphs: bool = True,
) -> bytes:
    """The chart as an SVG document; each event's mark is in ``<g id="event-mark-ID">``, linked to ``href(event)``.

    Text is drawn as DejaVu Sans glyph outlines, so it looks and measures the same in every
    viewer (pages may not load web fonts). ``embed_glyphs=False`` writes ``<text>`` in
    'DejaVu Sans' instead: about 5× smaller and 5× faster in WeasyPrint, and the PDF's text is
    selectable, but labels fit only where DejaVu Sans is installed (the build machine, for a PDF).
    """
    links = [href(e) for e in events] if href is not None else None
    name = diskcache.key("svg", tuple(events), as_of, links, embed_glyphs)

    def draw() -> bytes:
        from briefing.outputs.timeline import draw as timeline_draw  # matplotlib is imported only when a chart is drawn

        return timeline_draw.render(events, as_of, "svg", href=href, dpi=72, glyphs=embed_glyphs)

    svg = diskcache.cached(name, draw)  # the same bytes as drawing, without importing matplotlib
    return _accessible(svg, title, describe(events, as_of), linked=href is not None)


def chart_png(events: Sequence[Event], as_of: DateValue, *, dpi: int = 200) -> bytes:
    """The same chart as a PNG at ``dpi`` (no links, no text alternative: the caller supplies one)."""
    from briefing.outputs.timeline import draw as timeline_draw

    return timeline_draw.render(events, as_of, "png", href=None, dpi=dpi)


def describe(events: Sequence[Event], as_of: DateValue) -> str:
    """The long description: every event in date order with its date and status."""
    from briefing.outputs.timeline.axis import format_date

    lines = [f"Timeline of {len(events)} events, as of {format_date(as_of)}, in date order."]
    for event in chronological(events):
        if event.status == "ongoing":
            since = f"since {format_date(event.date)}" if event.date is not None else "start not given"
            lines.append(f"Ongoing at the as-of date ({since}): {event.title}.")
            continue
        when = format_date(event.date) if event.date is not None else "No date given"
        status = f"{event.status}, not established" if event.status == "alleged" else event.status
        lines.append(f"{when}: {event.title} ({status}).")
    return " ".join(lines)


def _accessible(svg: bytes, title: str, description: str, *, linked: bool) -> bytes:
    """Add the root's role, ARIA references and size, and ``<title>``/``<desc>`` as its first children."""
    match = _ROOT.search(svg)
    if match is None:  # matplotlib always writes one; this is a bug, not a user error
        raise ValueError("matplotlib wrote no <svg> root")
    # vnu accepts no role but img on <svg>, and axe fails an img holding links: linked, the root keeps its
    # implicit role (graphics-document), which takes a name and description all the same.
    role = "" if linked else ' role="img"'
    attributes = f'{role} aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}"'
    children = f'\n <title id="{TITLE_ID}">{escape(title)}</title>\n <desc id="{DESC_ID}">{escape(description)}</desc>'
    root = _SIZE.sub(b' width="100%"', match.group(1), count=1)
    start = b"<svg" + root + attributes.encode() + b">" + children.encode("utf-8")
    body = _EMPTY_PATH.sub(rb'<path\1 d="M 0 0"/>', svg[match.end() :])
    return svg[: match.start()] + start + body
