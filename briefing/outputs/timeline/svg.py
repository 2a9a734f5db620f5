"""Write a laid-out chart as SVG directly: ``<text>`` labels, styles by class, every marker shape defined once.

matplotlib's SVG writer draws text as glyph outlines (a ``<use>`` per character)
and writes every style inline on every element: about half of a large
briefing's page was its chart. Here the layout (layout.py) is written as it
is: each marker shape is a ``<defs>`` entry that marks reference with
``<use>``, colours come from one class per status (``currentColor``), and labels
are ``<text>`` in the font the layout measured (DejaVu Sans) with narrower
fallbacks after it (docs/decisions.md: why labels still fit).

The class names and ids start with ``tl-``: an inline SVG's ``<style>`` applies to
the whole page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from briefing.model.facts import Event
from briefing.model.inference import date_inferred
from briefing.outputs.timeline.axis import format_date
from briefing.outputs.timeline.frame import Segments, as_of_label_x, as_of_line, grid_top, vertical
from briefing.outputs.timeline.geometry import GAP, MARK, SIZE
from briefing.outputs.timeline.layout import SAMPLE_WIDE, Chart, Mark
from briefing.outputs.timeline.styles import (
    CARD,
    DASH,
    GREY,
    GRID,
    GUTTER_FILL,
    INFERRED_ALPHA,
    INK,
    LANE_RULE,
    MUTED,
    STYLES,
    UNKNOWN,
    Style,
    pattern,
)
from briefing.outputs.timeline.words import tr

FONT_STACK = "'DejaVu Sans', 'Bitstream Vera Sans', 'Noto Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"
"""The measured font first; after it only fonts narrower than it, so a label never runs past its measured room."""
CLASS = "tl-chart"
_SHAPES: dict[str, list[tuple[float, float]]] = {
    "square": [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
    "diamond": [(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)],
    "triangle": [(0, -1.2), (1.15, 0.85), (-1.15, 0.85)],  # y grows downwards: apex on top
    "arrow": [(-0.6, -1.1), (1.1, 0), (-0.6, 1.1)],  # points right, on past the as-of line
}


def n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (the SVG's bytes are mostly numbers)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _key(status: str) -> str:
    return status if status in STYLES else "unknown"


def _style(key: str) -> Style:
    return STYLES.get(key, UNKNOWN)


def _dasharray(style: Style, width: float) -> str:
    dashes = pattern(style)
    return f' stroke-dasharray="{n(dashes[0] * width)} {n(dashes[1] * width)}"' if dashes else ""


def _fill(style: Style) -> str:
    return "url(#tl-hatch)" if style.hatch else "currentColor" if style.filled else CARD


def _marker_def(key: str, style: Style) -> str:
    """One status's marker at (0, 0): filled or hollow, dashed or dotted, in the status's colour (currentColor)."""
    paint = f'fill="{_fill(style)}" stroke="currentColor" stroke-width="1.6"{_dasharray(style, 1.6)}'
    r = MARK / 2
    if style.shape in ("circle", "crossed", "ring"):
        shape = f'<circle r="{n(r)}" {paint}/>'
    else:
        points = " ".join(f"{n(dx * r)},{n(dy * r)}" for dx, dy in _SHAPES[style.shape])
        shape = f'<polygon points="{points}" {paint} stroke-linejoin="miter"/>'
    if style.shape == "crossed":
        c = n(r + 1)
        cross = f'<path d="M-{c} -{c}L{c} {c}M-{c} {c}L{c} -{c}" stroke="currentColor" stroke-width="1.2"/>'
        return f'<g id="tl-m-{key}">{shape}{cross}</g>'
    return shape.replace("<circle ", f'<circle id="tl-m-{key}" ').replace("<polygon ", f'<polygon id="tl-m-{key}" ')


def stylesheet() -> str:
    """The chart's styles, once: text, frame, and per status its colour and how its ranges are filled."""
    rules = [
        f".{CLASS} text{{font-family:{FONT_STACK};font-size:{n(SIZE)}px;fill:{INK}}}",
        f".{CLASS} a,.{CLASS} a:visited{{color:inherit}}",  # the page's link colour would repaint every mark
        f".{CLASS} .tl-mu{{fill:{MUTED}}}",
        f".{CLASS} .tl-lane{{fill:{MUTED};font-size:{n(SIZE - 0.5)}px;font-weight:bold}}",
        f".{CLASS} .tl-b{{font-weight:bold}}",
        f".{CLASS} .tl-c{{text-anchor:middle}}",
        f".{CLASS} .tl-end{{text-anchor:end}}",
        f".{CLASS} .tl-grid{{stroke:{GRID};stroke-width:.6;fill:none}}",
        f".{CLASS} .tl-rule{{stroke:{LANE_RULE};stroke-width:.6}}",
        f".{CLASS} .tl-axis{{stroke:{MUTED};stroke-width:.8;fill:none}}",
        f".{CLASS} .tl-break{{stroke:{MUTED};stroke-width:.9}}",
        f".{CLASS} .tl-asof{{stroke:{INK};stroke-width:1.1;stroke-dasharray:3.3 2.2;fill:none}}",
        f".{CLASS} .tl-q{{stroke:currentColor;stroke-width:1;fill:none}}",
        f".{CLASS} .tl-open{{stroke-dasharray:2 1.5}}",
        f".{CLASS} .tl-strike{{stroke:{INK};stroke-width:.8}}",
        f".{CLASS} .tl-grey{{color:{GREY.colour}}}",
    ]
    for key, style in [*STYLES.items(), ("unknown", UNKNOWN)]:
        rules.append(f".{CLASS} .tl-{key}{{color:{style.colour}}}")
        dashes = pattern(style)
        dash = f";stroke-dasharray:{n(dashes[0])} {n(dashes[1])}" if dashes else ""
        rules.append(f".tl-{key} .tl-bar{{fill:{_fill(style)};stroke:currentColor;stroke-width:1{dash}}}")
        if style.filled:
            rules.append(f".tl-{key} .tl-bar.tl-inf{{fill-opacity:{INFERRED_ALPHA}}}")
    rules.append(f".{CLASS} .tl-bar.tl-inf{{stroke-dasharray:{n(DASH[0])} {n(DASH[1])}}}")
    return "".join(rules)


def _defs() -> str:
    hatch = next(s.colour for s in STYLES.values() if s.hatch)
    markers = "".join(_marker_def(key, style) for key, style in [*STYLES.items(), ("unknown", UNKNOWN)])
    return (
        f"<defs><style>{stylesheet()}</style>"
        f'<pattern id="tl-hatch" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="3" height="3" fill="{CARD}"/><path d="M0 0V3" stroke="{hatch}" stroke-width=".9"/></pattern>'
        f"{markers}</defs>"
    )


class Writer:
    """Collects the SVG's elements; ``baseline`` is from a row's centre down to the labels' baseline."""

    def __init__(self, baseline: float) -> None:
        self.parts: list[str] = []
        self.baseline = baseline

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x: float, y: float, text: str, cls: str = "") -> None:
        attr = f' class="{cls}"' if cls else ""
        self.add(f'<text x="{n(x)}" y="{n(y)}"{attr}>{escape(text)}</text>')

    def use(self, key: str, x: float, y: float) -> None:
        self.add(f'<use href="#tl-m-{key}" x="{n(x)}" y="{n(y)}"/>')

    def line(self, points: Sequence[tuple[float, float]], cls: str) -> None:
        (x0, y0), *rest = points
        self.add(f'<path d="M{n(x0)} {n(y0)}{"".join(f"L{n(x)} {n(y)}" for x, y in rest)}" class="{cls}"/>')

    def pieces(self, x: float, segments: Segments, cls: str) -> None:
        if segments:
            d = "".join(f"M{n(x)} {n(top)}V{n(bottom)}" for top, bottom in segments)
            self.add(f'<path d="{d}" class="{cls}"/>')

    def rect(self, x: float, y: float, width: float, height: float, attributes: str) -> None:
        self.add(f'<rect x="{n(x)}" y="{n(y)}" width="{n(width)}" height="{n(height)}" {attributes}/>')

    def bar(self, x0: float, x1: float, y: float, inferred: bool = False) -> None:
        cls = "tl-bar tl-inf" if inferred else "tl-bar"
        self.add(f'<rect x="{n(x0)}" y="{n(y - 2.5)}" width="{n(x1 - x0)}" height="5" class="{cls}"/>')


def write(
    chart: Chart,
    events: Sequence[Event],
    *,
    baseline: float,
    href: Callable[[Event], str] | None,
) -> bytes:
    """The whole SVG (no title or description: chart.py adds them); ``events`` as written, for links and names."""
    lay = chart.layout
    out = Writer(baseline)
    out.add(f'<rect width="{n(lay.width)}" height="{n(lay.height)}" fill="{CARD}"/>')
    _legend(out, chart)
    _frame(out, chart)
    given = {e.id: e for e in events}
    for mark in lay.marks:
        _event(out, mark, given[mark.event.id], href)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(lay.width)} {n(lay.height)}" width="100%"'
        f' class="{CLASS}">'
    )
    return (head + _defs() + "".join(out.parts) + "</svg>\n").encode("utf-8")


def _legend(out: Writer, chart: Chart) -> None:
    for item in chart.legend:
        _sample(out, item.status, item.x, item.y)
        offset = MARK * SAMPLE_WIDE.get(item.status, 1.0) / 2 + 4
        out.text(item.x + offset, item.y + out.baseline, item.text, "tl-mu")


def _frame(out: Writer, chart: Chart) -> None:
    """Axis, gutters, grid, lanes and the as-of line: everything but the events and the legend."""
    lay = chart.layout
    top, bottom = grid_top(lay), lay.dated_bottom
    for gutter in lay.gutters:
        out.rect(gutter.x0, top, gutter.x1 - gutter.x0, bottom - top, f'fill="{GUTTER_FILL}"')
        out.text((gutter.x0 + gutter.x1) / 2, lay.axis_y, tr(gutter.title), "tl-mu tl-c")
        edge = gutter.x1 + 7 if gutter.title == "Earlier" else gutter.x0 - 7
        for dx in (-2.0, 2.0):  # the axis-break sign: two slanted strokes
            out.line([(edge + dx - 2, top + 4), (edge + dx + 2, top - 4)], "tl-break")
    for tick in lay.ticks:
        out.pieces(tick.x, vertical(tick.x, top, bottom, lay.marks), "tl-grid")
        out.text(tick.label_x, lay.axis_y, tick.label, "tl-mu tl-c")
    out.line([(lay.main[0], top), (lay.main[1], top)], "tl-axis")
    for lane in lay.lanes:
        out.line([(0, lane.top), (lay.width, lane.top)], "tl-rule")
        out.text(10, lane.top + 7.5 + out.baseline * (SIZE - 0.5) / SIZE, lane.title, "tl-lane")
    out.pieces(lay.as_of_x, as_of_line(lay), "tl-asof")
    out.text(as_of_label_x(lay), lay.axis_y - 15, lay.as_of_label, "tl-b tl-c")


def tooltip(event: Event) -> str:
    """A mark's name: the whole title (labels may be shortened), its date and status."""
    when = format_date(event.date) if event.date is not None else tr("no date given")
    if date_inferred(event.date, event.date_text):  # the curator's reading: never read as the source's date
        when += tr(", date inferred")
    return f"{event.title} ({when}; {tr(event.status)})"


def _event(out: Writer, mark: Mark, event: Event, href: Callable[[Event], str] | None) -> None:
    key = _key(mark.event.status)
    out.add(f'<g id="event-mark-{escape(event.id)}" class="tl-{key}">')
    if href is not None:
        out.add(f"<a href={quoteattr(href(event))}><title>{escape(tooltip(event))}</title>")
    if mark.x0 < mark.label_x < mark.x1:  # an ongoing bar with its label inside: the bar stops around it
        out.bar(mark.x0, mark.label_x - GAP, mark.y)
        out.bar(mark.label_x + mark.label_width + GAP, mark.x1, mark.y)
    elif mark.x1 > mark.x0:
        out.bar(mark.x0, mark.x1, mark.y, inferred=date_inferred(mark.event.date, mark.event.date_text))
    if mark.event.date is not None or mark.reach != (0.0, 0.0):
        _qualifier(out, mark.event.date.qualifier if mark.event.date is not None else "before", mark, key)
    out.use(key, mark.x1 if _style(key).shape == "arrow" else mark.x0, mark.y)
    if mark.label:
        end = mark.label_x + mark.label_width <= mark.x0  # left of its mark: anchored to it, whatever the font
        x = mark.label_x + mark.label_width if end else mark.label_x
        out.text(x, mark.y + out.baseline, mark.label, "tl-end" if end else "")
    if mark.event.status == "cancelled":
        out.line([(mark.label_x, mark.y - 0.5), (mark.label_x + mark.label_width, mark.y - 0.5)], "tl-strike")
    out.add("</a></g>" if href is not None else "</g>")


def _qualifier(out: Writer, qualifier: str, mark: Mark, key: str) -> None:
    """Whiskers either side for an approximate date; an open arrow for on or before / on or after."""
    left, right, y = mark.x0 - MARK / 2, max(mark.x1, mark.x0 + MARK / 2), mark.y
    if qualifier == "approximate":
        sides = [(left, left - mark.reach[0])] + (
            [] if _style(key).shape == "arrow" else [(right, right + mark.reach[1])]
        )
        for x, edge in sides:
            out.line([(x, y), (edge, y)], "tl-q")
            out.line([(edge, y - 3), (edge, y + 3)], "tl-q")
    elif qualifier == "before" and mark.reach[0]:
        tip = left - mark.reach[0]
        out.line([(left, y), (tip, y)], "tl-q tl-open")
        out.line([(tip + 4, y - 3), (tip, y), (tip + 4, y + 3)], "tl-q")
    elif qualifier == "after" and mark.reach[1]:
        tip = right + mark.reach[1]
        out.line([(right, y), (tip, y)], "tl-q tl-open")
        out.line([(tip - 4, y - 3), (tip, y), (tip - 4, y + 3)], "tl-q")


def _sample(out: Writer, status: str, x: float, y: float) -> None:
    """A legend entry's sample mark, centred at (x, y)."""
    half = MARK * SAMPLE_WIDE.get(status, 1.0) / 2
    if status in ("range", "inferred"):
        out.add('<g class="tl-occurred">')
        out.bar(x - MARK, x + MARK, y, inferred=status == "inferred")
    elif status == "ongoing":
        tip = x + half - MARK / 2
        out.add('<g class="tl-ongoing">')
        out.bar(x - half, tip, y)
        out.use("ongoing", tip, y)
    elif status in ("approximate", "before", "after"):
        spare = 2 * half - MARK
        reach = {"approximate": (spare / 2, spare / 2), "before": (spare, 0.0)}.get(status, (0.0, spare))
        centre = x - half + MARK / 2 + reach[0]
        out.add('<g class="tl-grey">')
        _qualifier(out, status, Mark(Event("legend", "", (), "occurred"), "", centre, centre, y, "", 0, 0, reach), "")
        out.use("occurred", centre, y)
    else:
        out.add(f'<g class="tl-{_key(status)}">')
        out.use(_key(status), x, y)
    out.add("</g>")
