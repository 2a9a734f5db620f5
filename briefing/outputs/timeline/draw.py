"""Draw a timeline :class:`~briefing.outputs.timeline.layout.Chart` with matplotlib (Agg), no pyplot.

The page's and the PDF's SVG are written by svg.py from the same layout; this module draws
the PNG of the social card (card.py), and its figure gives the tests the renderer's own
boxes of every label and mark (overlap tests). ``render(fmt="svg")`` is matplotlib's SVG,
kept for the benchmark's before/after figures and the settings test. Imported only when a
chart is drawn, so ``briefing check`` never pays for matplotlib. Artists go straight onto
a bare Figure in a points-from-top-left transform (no Axes: the layout already knows every
position, and Axes with their ticks cost most of the drawing time). Colours and shapes
per status: styles.py.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox, Transform

from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.model.inference import date_inferred
from briefing.outputs.timeline import glyphs
from briefing.outputs.timeline.frame import Segments, as_of_label_x, as_of_line, grid_top, vertical
from briefing.outputs.timeline.geometry import GAP, MARK, SIZE
from briefing.outputs.timeline.glyphs import LABEL_FONT, Label, displayable, measurer, settings
from briefing.outputs.timeline.layout import SAMPLE_WIDE, Chart, Mark, layout
from briefing.outputs.timeline.styles import (
    CARD,
    GREY,
    GRID,
    GUTTER_FILL,
    INFERRED_ALPHA,
    INK,
    LANE_RULE,
    MUTED,
    Style,
    pattern,
    style_of,
)
from briefing.outputs.timeline.styles import DASH as DASH_WIDTHS
from briefing.outputs.timeline.svg import tooltip

_SAMPLE_EVENT = Event("legend", "", (), "occurred")
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
DASH = (0, DASH_WIDTHS)


@dataclass(frozen=True)
class Drawn:
    """The figure and, per event id, its label and its mark's artists (for tests measuring overlaps)."""

    figure: Figure
    chart: Chart
    labels: dict[str, Label]
    marks: dict[str, list[Artist]]


class EventGroup(Artist):
    """One event's artists inside ``<g id="event-mark-ID">``, linked with ``<a href>`` in SVG when asked."""

    def __init__(self, gid: str, url: str | None, name: str, children: Sequence[Artist]) -> None:
        super().__init__()
        self.set_gid(gid)
        self.set_zorder(5)  # above the grid, gutters and lane lines
        self._link = url
        self._name = name
        self._children = list(children)

    def set_figure(self, fig: Any) -> None:
        super().set_figure(fig)
        for child in self._children:  # Text needs its figure's dpi to lay itself out
            child.set_figure(fig)

    def draw(self, renderer: Any) -> None:
        writer = getattr(renderer, "writer", None)  # only the SVG renderer has one (behind MixedModeRenderer)
        renderer.open_group("event", gid=self.get_gid())
        if writer is not None and self._link is not None:
            writer.start("a", attrib={"href": self._link})
            writer.element("title", text=self._name)
        for child in self._children:
            child.draw(renderer)
        if writer is not None and self._link is not None:
            writer.end("a")
        renderer.close_group("event")


def _line_of(x: float, pieces: Segments) -> tuple[list[float], list[float]]:
    """Pieces of a vertical line as one Line2D's points (NaN ends a piece)."""
    ys: list[float] = []
    for top, bottom in pieces:
        ys += [top, bottom, math.nan]
    ys = ys[:-1]
    return [x] * len(ys), ys


def figure(events: Sequence[Event], as_of: DateValue, href: Callable[[Event], str] | None = None) -> Drawn:
    with settings():
        font = glyphs.label_font()
        given = {e.id: e for e in events}
        baseline = glyphs.baseline(font)
        chart = layout([replace(e, title=displayable(e.title, font)) for e in events], as_of, measurer(font))
        fig = Figure(figsize=(chart.layout.width / 72, chart.layout.height / 72), dpi=72, facecolor=CARD)
        FigureCanvasAgg(fig)  # PNG and measuring; savefig switches to the SVG canvas by itself
        # points from the top-left corner -> display; dpi_scale_trans follows the dpi chosen at save time
        to_display = Affine2D().scale(1 / 72, -1 / 72).translate(0, chart.layout.height / 72) + fig.dpi_scale_trans
        _frame(fig, chart, to_display)
        labels, marks = {}, {}
        for mark in chart.layout.marks:
            label, artists = _event(mark, to_display, baseline)
            event = given[mark.event.id]  # links and names use the title as written
            url = href(event) if href is not None else None
            shapes = [a for a in artists if a.get_gid() != "strike"]
            strikes = [a for a in artists if a.get_gid() == "strike"]  # over the label's halo
            fig.add_artist(EventGroup(f"event-mark-{event.id}", url, tooltip(event), [*shapes, label, *strikes]))
            labels[mark.event.id] = label
            marks[mark.event.id] = shapes
        return Drawn(fig, chart, labels, marks)


def boxes(drawn: Drawn) -> tuple[dict[str, Bbox], dict[str, list[Bbox]], list[Bbox]]:
    """Boxes in points measured by the Agg renderer, for overlap tests.

    Each event's label, each event's mark (marker, range bar, cross), and the other texts
    (legend, ticks, gutter and lane titles, as-of label).
    """
    with settings():
        canvas = drawn.figure.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        labels = {key: text.get_window_extent(renderer) for key, text in drawn.labels.items()}
        marks = {key: [a.get_window_extent(renderer) for a in artists] for key, artists in drawn.marks.items()}
        frame = [a.get_window_extent(renderer) for a in drawn.figure.artists if isinstance(a, Text)]
    return labels, marks, frame


def render(
    events: Sequence[Event],
    as_of: DateValue,
    fmt: str,
    *,
    href: Callable[[Event], str] | None,
    dpi: int,
    glyphs: bool = True,
) -> bytes:
    """The chart as ``fmt`` (svg or png) bytes; ``glyphs=False`` writes SVG text as ``<text>``, not outlines."""
    drawn = figure(events, as_of, href)
    buffer = io.BytesIO()
    metadata = SVG_METADATA if fmt == "svg" else {"Software": None}
    with settings(), matplotlib.rc_context({"svg.fonttype": "path" if glyphs else "none"}):
        drawn.figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor=CARD)
    return buffer.getvalue()


def _text(x: float, y: float, text: str, to: Transform, **style: Any) -> Text:
    style = {"fontsize": SIZE, "color": INK, "va": "center", "ha": "left", **style}
    return Text(x, y, text, transform=to, parse_math=False, usetex=False, **style)


def _frame(fig: Figure, chart: Chart, to: Transform) -> None:
    """Legend, axis, gutters, grid, lanes and the as-of line: everything but the events."""
    lay = chart.layout
    add = fig.add_artist
    for item in chart.legend:
        for artist in _sample(item.status, item.x, item.y, to):
            add(artist)
        offset = MARK * SAMPLE_WIDE.get(item.status, 1.0) / 2 + 4
        add(_text(item.x + offset, item.y, item.text, to, color=MUTED))
    top, bottom = grid_top(lay), lay.dated_bottom
    for gutter in lay.gutters:
        add(Rectangle((gutter.x0, top), gutter.x1 - gutter.x0, bottom - top, transform=to, color=GUTTER_FILL, lw=0))
        add(_text((gutter.x0 + gutter.x1) / 2, lay.axis_y, gutter.title, to, ha="center", va="baseline", color=MUTED))
        edge = gutter.x1 + 7 if gutter.title == "Earlier" else gutter.x0 - 7
        for dx in (-2.0, 2.0):  # the axis-break sign: two slanted strokes
            add(Line2D([edge + dx - 2, edge + dx + 2], [top + 4, top - 4], transform=to, color=MUTED, lw=0.9))
    for tick in lay.ticks:
        add(Line2D(*_line_of(tick.x, vertical(tick.x, top, bottom, lay.marks)), transform=to, color=GRID, lw=0.6))
        add(_text(tick.label_x, lay.axis_y, tick.label, to, ha="center", va="baseline", color=MUTED))
    add(Line2D(list(lay.main), [top, top], transform=to, color=MUTED, lw=0.8))
    for lane in lay.lanes:
        add(Line2D([0, lay.width], [lane.top, lane.top], transform=to, color=LANE_RULE, lw=0.6))
        add(_text(10, lane.top + 7.5, lane.title, to, fontsize=SIZE - 0.5, fontweight="bold", color=MUTED))
    add(Line2D(*_line_of(lay.as_of_x, as_of_line(lay)), transform=to, color=INK, lw=1.1, dashes=(3, 2)))
    centre = as_of_label_x(lay)
    add(_text(centre, lay.axis_y - 15, lay.as_of_label, to, ha="center", va="baseline", fontweight="bold"))


def _event(mark: Mark, to: Transform, baseline: float) -> tuple[Label, list[Artist]]:
    style = style_of(mark.event.status)
    artists: list[Artist] = []
    if mark.x0 < mark.label_x < mark.x1:  # an ongoing bar with its label inside: the bar stops around it
        artists.append(_range(mark.x0, mark.label_x - GAP, mark.y, style, to))
        artists.append(_range(mark.label_x + mark.label_width + GAP, mark.x1, mark.y, style, to))
    elif mark.x1 > mark.x0:
        inferred = date_inferred(mark.event.date, mark.event.date_text)
        artists.append(_range(mark.x0, mark.x1, mark.y, style, to, inferred=inferred))
    if mark.event.date is not None or mark.reach != (0.0, 0.0):
        qualifier = mark.event.date.qualifier if mark.event.date is not None else "before"
        artists += _qualifier(qualifier, mark, style, to)
    artists += _marker(style, mark.x1 if style.shape == "arrow" else mark.x0, mark.y, to)
    label = Label(mark.label_x, mark.y + baseline, mark.label, to, LABEL_FONT)
    if mark.event.status == "cancelled":
        strike = Line2D([mark.label_x, mark.label_x + mark.label_width], [mark.y - 0.5] * 2, transform=to, color=INK)
        strike.set_linewidth(0.8)
        strike.set_gid("strike")
        artists.append(strike)
    return label, artists


def _stroke(xs: list[float], ys: list[float], colour: str, to: Transform, dashed: bool = False) -> Line2D:
    line = Line2D(xs, ys, transform=to, color=colour, lw=1.0)
    if dashed:
        line.set_dashes((2, 1.5))
    return line


def _qualifier(qualifier: str, mark: Mark, style: Style, to: Transform) -> list[Artist]:
    """Whiskers either side for an approximate date; an open arrow for on or before / on or after."""
    left, right = mark.x0 - MARK / 2, max(mark.x1, mark.x0 + MARK / 2)
    c, y = style.colour, mark.y
    if qualifier == "approximate":
        artists: list[Artist] = []
        sides = [(left, left - mark.reach[0])] + ([] if style.shape == "arrow" else [(right, right + mark.reach[1])])
        for x, edge in sides:
            artists += [_stroke([x, edge], [y, y], c, to), _stroke([edge, edge], [y - 3, y + 3], c, to)]
        return artists
    if qualifier == "before" and mark.reach[0]:
        tip = left - mark.reach[0]
        return [_stroke([left, tip], [y, y], c, to, True), _stroke([tip + 4, tip, tip + 4], [y - 3, y, y + 3], c, to)]
    if qualifier == "after" and mark.reach[1]:
        tip = right + mark.reach[1]
        return [_stroke([right, tip], [y, y], c, to, True), _stroke([tip - 4, tip, tip - 4], [y - 3, y, y + 3], c, to)]
    return []


def _range(x0: float, x1: float, y: float, style: Style, to: Transform, *, inferred: bool = False) -> Rectangle:
    """A date range; a window the curator read from vague words ('in the coming days') is faded and dashed."""
    fill = style.colour if style.filled else CARD
    return Rectangle(
        (x0, y - 2.5),
        x1 - x0,
        5,
        transform=to,
        facecolor=to_rgba(fill, INFERRED_ALPHA) if inferred and style.filled else fill,
        edgecolor=style.colour,
        linewidth=1.0,
        linestyle=DASH if inferred else _line(style),
        hatch=style.hatch,
    )


def _line(style: Style) -> Any:
    dashes = pattern(style)
    return (0, dashes) if dashes else "solid"


def _shape(shape: str, x: float, y: float) -> Path:
    r = MARK / 2
    if shape in ("circle", "crossed", "ring"):
        circle = Path.circle((x, y), r)
        return circle
    points = {
        "square": [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
        "diamond": [(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)],
        "triangle": [(0, -1.2), (1.15, 0.85), (-1.15, 0.85)],  # y grows downwards: apex on top
        "arrow": [(-0.6, -1.1), (1.1, 0), (-0.6, 1.1)],  # points right, on past the as-of line
    }[shape]
    vertices = [(x + dx * r, y + dy * r) for dx, dy in points]
    return Path([*vertices, vertices[0]], closed=True)


def _marker(style: Style, x: float, y: float, to: Transform) -> list[Artist]:
    patch = PathPatch(
        _shape(style.shape, x, y),
        transform=to,
        facecolor=style.colour if style.filled else CARD,
        edgecolor=style.colour,
        linewidth=1.6,
        linestyle=_line(style),
        hatch=style.hatch,
    )
    artists: list[Artist] = [patch]
    if style.shape == "crossed":
        r = MARK / 2 + 1
        for sign in (1, -1):
            artists.append(
                Line2D([x - r, x + r], [y - sign * r, y + sign * r], transform=to, color=style.colour, lw=1.2)
            )
    return artists


def _sample(status: str, x: float, y: float, to: Transform) -> list[Artist]:
    if status == "range":
        return [_range(x - MARK, x + MARK, y, style_of("occurred"), to)]
    if status == "inferred":
        return [_range(x - MARK, x + MARK, y, style_of("occurred"), to, inferred=True)]
    half = MARK * SAMPLE_WIDE.get(status, 1.0) / 2  # the sample spans x - half to x + half
    if status == "ongoing":
        tip = x + half - MARK / 2
        return [_range(x - half, tip, y, style_of("ongoing"), to), *_marker(style_of("ongoing"), tip, y, to)]
    if status in ("approximate", "before", "after"):
        grey = GREY
        spare = 2 * half - MARK
        reach = {"approximate": (spare / 2, spare / 2), "before": (spare, 0.0)}.get(status, (0.0, spare))
        centre = x - half + MARK / 2 + reach[0]
        mark = Mark(_SAMPLE_EVENT, "", centre, centre, y, "", 0.0, 0.0, reach)
        return [*_qualifier(status, mark, grey, to), *_marker(grey, centre, y, to)]
    return _marker(style_of(status), x, y, to)
