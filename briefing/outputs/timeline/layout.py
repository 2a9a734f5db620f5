"""Where every mark and label of the timeline chart goes, in points from the chart's top-left corner.

Pure geometry: no matplotlib here. Text widths come from a ``measure`` function
(the drawing module passes the renderer's own font metrics), so the layout can
be tested on its own and the chart module decides nothing about placement.

Lanes group events by how settled they are — *Happened*, *Ongoing at the as-of
date*, *Alleged* (claimed, not established), *Planned* (scheduled, or scheduled
and then called off), *Proposed or conditional*, and *No date given* — rather
than by actor group. The chart
gets events only, and a briefing's events usually involve several sides at once
(the Trilateral Contact Group meeting names Ukraine, Russia, the OSCE, France
and the Elysée), so actor lanes would either repeat a mark or pick a side
arbitrarily. "What has happened, what is only promised" is the question a
briefing like this answers; it also gives status a third channel after colour
and shape, which helps in greyscale print.

Far-apart dates: the dated events are grouped into clusters; the cluster the
story is in (the one holding most events, latest on a tie) keeps a linear date
axis and grows while that does not squash it, and anything further away goes
to a narrow "Earlier" (or "Later") gutter, in date order, each label carrying
its own date.

Labels go right of their mark, or left near the right edge; each lane is packed
into rows first-fit, so no label can overlap another label or a mark.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.outputs.timeline.axis import Measure, Tick, days, format_date, main_window, ticks

WIDTH = 576.0  # 8 in: 1:1 in a 768 px column, ~0.85 on an A4 page, so 8.5 pt text stays >= 7 pt in print
MARGIN = 10.0
ROW = 15.0  # one row of marks and labels
HEADER = 14.0  # a lane's title row
MARK = 8.0  # marker diameter
GAP = 4.0  # between a mark and its label
SPACE = 12.0  # between two items in a row: enough that a label is not read as the next mark's
LABEL_MAX = 0.42 * WIDTH
GUTTER_SLOT = 16.0
BREAK = 14.0  # room for the axis-break sign between a gutter and the main axis
ELLIPSIS = "…"

WHISKER = 7.0  # an approximate date's reach either side of its mark
OPEN_REACH = 16.0  # the arrow of an open date (on or before, on or after)

LANES = (
    ("happened", "Happened"),
    ("ongoing", "Ongoing at the as-of date"),
    ("alleged", "Alleged (claimed, not established)"),
    ("planned", "Planned (crossed: called off)"),
    ("possible", "Proposed or conditional"),
    ("undated", "No date given"),
)
_LANE_OF_STATUS = {
    "occurred": "happened",
    "ongoing": "ongoing",
    "alleged": "alleged",
    "scheduled": "planned",
    "cancelled": "planned",
    "proposed": "possible",
    "conditional": "possible",
}


@dataclass(frozen=True)
class Mark:
    """One event's mark and label."""

    event: Event
    lane: str
    x0: float
    """Left end of the date range (the centre of the marker for a single day)."""
    x1: float
    """Right end of the range; equal to ``x0`` for a point."""
    y: float
    """Centre line of the mark's row."""
    label: str
    """The text shown: the title, shortened with an ellipsis when too long; gutter labels start with the date."""
    label_x: float
    """Left edge of the label."""
    label_width: float
    reach: tuple[float, float] = (0.0, 0.0)
    """How far the date's qualifier reaches left of ``x0`` and right of ``x1``: whiskers for an approximate
    date, an arrow for an open one (on or before, on or after) or for an ongoing state past the as-of line."""

    @property
    def extent(self) -> tuple[float, float]:
        """Horizontal space of the mark itself (marker, range bar, whiskers and arrows)."""
        return self.x0 - MARK / 2 - self.reach[0], max(self.x1, self.x0 + MARK / 2) + self.reach[1]


@dataclass(frozen=True)
class Lane:
    key: str
    title: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Gutter:
    """A stretch of the chart for dates too far from the story to share its axis."""

    title: str
    x0: float
    x1: float
    as_of_x: float | None = None


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    axis_y: float
    """Baseline of the tick labels (the dated lanes start just below)."""
    dated_bottom: float
    """Bottom of the last dated lane: grid, gutters and as-of line stop here."""
    main: tuple[float, float]
    ticks: tuple[Tick, ...]
    gutters: tuple[Gutter, ...]
    as_of_x: float
    as_of_label: str
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]


def lane_of(event: Event) -> str:
    if event.status == "ongoing":
        return "ongoing"  # holds at the as-of date, dated or not
    if event.date is None:
        return "undated"
    return _LANE_OF_STATUS.get(event.status, "possible")


def shorten(text: str, limit: float, measure: Measure) -> str:
    """``text`` if it fits in ``limit`` points, else the longest word-boundary prefix plus an ellipsis."""
    if measure(text) <= limit:
        return text
    words = text.split(" ")
    lo, hi = 0, len(words)  # fits(words[:lo]) is true; find the largest such count
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(" ".join(words[:mid]).rstrip(",;:") + ELLIPSIS) <= limit:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:  # a single long word: cut characters instead
        cut = len(text)
        while cut > 1 and measure(text[:cut] + ELLIPSIS) > limit:
            cut = cut * 3 // 4
        return text[:cut] + ELLIPSIS
    return " ".join(words[:lo]).rstrip(",;:") + ELLIPSIS


# -- the whole chart ----------------------------------------------------------


@dataclass(frozen=True)
class LegendItem:
    status: str
    """A status, or ``range`` for the date-range sample."""
    text: str
    x: float
    """Centre of the sample mark; the text starts right of it."""
    y: float


LEGEND = (
    ("occurred", "occurred"),
    ("scheduled", "scheduled"),
    ("proposed", "proposed"),
    ("conditional", "conditional"),
    ("cancelled", "cancelled"),
    ("range", "date range"),
)
EXTRA_LEGEND = (
    ("ongoing", "ongoing"),
    ("alleged", "alleged"),
    ("approximate", "about"),
    ("before", "on or before"),
    ("after", "on or after"),
)
"""Shown only when a chart has them, so a chart without them keeps its legend."""


@dataclass(frozen=True)
class Chart:
    """A layout plus its legend (kept apart so :class:`Layout` stays about dates and events)."""

    layout: Layout
    legend: tuple[LegendItem, ...]


def legend_entries(events: Sequence[Event]) -> tuple[tuple[str, str], ...]:
    """The base legend, plus each of the extra statuses and date qualifiers these events use."""
    used = {e.status for e in events} | {e.date.qualifier for e in events if e.date is not None}
    return (*LEGEND, *(entry for entry in EXTRA_LEGEND if entry[0] in used))


SAMPLE_WIDE = {"range": 2.0, "ongoing": 2.0, "approximate": 2.5, "before": 2.5, "after": 2.5}
"""Legend samples wider than a marker, in marker widths."""


def _legend(measure: Measure, top: float, entries: Sequence[tuple[str, str]]) -> tuple[tuple[LegendItem, ...], float]:
    items, x, y = [], MARGIN + MARK / 2, top + ROW / 2
    for status, text in entries:
        wide = SAMPLE_WIDE.get(status, 1.0)
        width = MARK * wide + GAP + measure(text)
        if x - MARK / 2 + width > WIDTH - MARGIN:
            x, y = MARGIN + MARK / 2, y + ROW
        items.append(LegendItem(status, text, x - MARK / 2 + MARK * wide / 2, y))
        x += width + SPACE
    return tuple(items), y + ROW / 2


def _gutter_xs(count: int, x0: float) -> tuple[float, list[float]]:
    width = min(max(GUTTER_SLOT * count + 8, 40.0), 0.25 * WIDTH)
    slot = (width - 8) / count
    return width, [x0 + 4 + slot * (i + 0.5) for i in range(count)]


@dataclass(frozen=True)
class _Placed:
    """An event's horizontal place before rows are assigned."""

    event: Event
    x0: float
    x1: float
    text: str
    reach: tuple[float, float] = (0.0, 0.0)


def layout(events: Sequence[Event], as_of: DateValue, measure: Measure) -> Chart:
    """Place every event; ``measure`` gives label widths in points."""
    legend, top = _legend(measure, MARGIN, legend_entries(events))
    axis_y = top + 2 * ROW - 4
    dated = [e for e in events if e.date is not None]
    now = (as_of.end.toordinal(), as_of.end.toordinal() + 1)
    spans = {e.id: days(e.date) for e in dated if e.date is not None}
    lo, hi = main_window(list(spans.values()), now)

    earlier = sorted((s for s in [*spans.items(), ("", now)] if s[1][1] <= lo), key=lambda s: s[1])
    later = sorted((s for s in [*spans.items(), ("", now)] if s[1][0] >= hi), key=lambda s: s[1])
    gutters, xs = [], {}
    main_x0, main_x1 = MARGIN, WIDTH - MARGIN
    if earlier:
        width, slots = _gutter_xs(len(earlier), MARGIN)
        xs.update({key: x for (key, _), x in zip(earlier, slots, strict=True) if key})
        as_x = next((x for (key, _), x in zip(earlier, slots, strict=True) if not key), None)
        gutters.append(Gutter("Earlier", MARGIN, MARGIN + width, as_x))
        main_x0 = MARGIN + width + BREAK
    if later:
        width, slots = _gutter_xs(len(later), WIDTH - MARGIN - _gutter_xs(len(later), 0)[0])
        xs.update({key: x for (key, _), x in zip(later, slots, strict=True) if key})
        as_x = next((x for (key, _), x in zip(later, slots, strict=True) if not key), None)
        gutters.append(Gutter("Later", WIDTH - MARGIN - width, WIDTH - MARGIN, as_x))
        main_x1 = WIDTH - MARGIN - width - BREAK

    pad = max(0.5, 0.03 * (hi - lo))
    d0, d1 = lo - pad, hi + pad

    def to_x(day: float) -> float:
        return main_x0 + (day - d0) / (d1 - d0) * (main_x1 - main_x0)

    as_of_x = to_x(now[0] + 0.5)
    for gutter in gutters:
        if gutter.as_of_x is not None:
            as_of_x = gutter.as_of_x
    placed = []
    for event in dated:
        assert event.date is not None
        first, end = spans[event.id]
        if event.id in xs:
            text = f"{format_date(event.date)}: {event.title}"
            x = xs[event.id]
            placed.append(_qualified(_Placed(event, x, x, shorten(text, LABEL_MAX, measure)), as_of_x))
            continue
        x0, x1 = to_x(first), to_x(end)
        if end - first == 1 or x1 - x0 < MARK:
            x0 = x1 = (x0 + x1) / 2
        placed.append(_qualified(_Placed(event, x0, x1, shorten(event.title, LABEL_MAX, measure)), as_of_x))
    for event in events:  # an ongoing state with no start date: at the as-of line, reaching back
        if event.date is None and event.status == "ongoing":
            text = shorten(f"since a date not given: {event.title}", LABEL_MAX, measure)
            placed.append(_Placed(event, as_of_x, as_of_x, text, (OPEN_REACH, MARK / 2 + 1)))
    marks: list[Mark] = []
    lanes: list[Lane] = []
    y = axis_y + 6
    for key, title in LANES[:-1]:
        items = [p for p in placed if lane_of(p.event) == key]
        if items:
            lane_marks = _pack(items, key, y + HEADER, measure)
            bottom = max(m.y for m in lane_marks) + ROW / 2
            lanes.append(Lane(key, title, y, bottom))
            marks += lane_marks
            y = bottom
    dated_bottom = y
    undated = [e for e in events if lane_of(e) == "undated"]
    if undated:
        lane_marks = _flow(undated, y + HEADER, measure)
        bottom = max(m.y for m in lane_marks) + ROW / 2
        lanes.append(Lane("undated", LANES[-1][1], y, bottom))
        marks += lane_marks
        y = bottom
    result = Layout(
        width=WIDTH,
        height=y + MARGIN,
        axis_y=axis_y,
        dated_bottom=dated_bottom,
        main=(main_x0, main_x1),
        ticks=ticks(d0, d1, main_x0, main_x1, measure),
        gutters=tuple(gutters),
        as_of_x=as_of_x,
        as_of_label=f"As of {format_date(as_of)}",
        lanes=tuple(lanes),
        marks=tuple(marks),
    )
    return Chart(result, legend)


def _qualified(item: _Placed, as_of_x: float) -> _Placed:
    """Room for what the date's qualifier draws; an ongoing state's bar runs on to the as-of line."""
    assert item.event.date is not None
    qualifier = item.event.date.qualifier
    reach = {
        "approximate": (WHISKER, WHISKER),
        "before": (OPEN_REACH, 0.0),
        "after": (0.0, OPEN_REACH),
    }.get(qualifier, (0.0, 0.0))
    if item.event.status == "ongoing":
        return _Placed(item.event, item.x0, max(item.x1, as_of_x), item.text, (reach[0], MARK / 2 + 1))
    return _Placed(item.event, item.x0, item.x1, item.text, reach)


def _pack(items: Sequence[_Placed], lane: str, top: float, measure: Measure) -> list[Mark]:
    """First-fit rows: right of the mark if it fits in any row, else left, else a new row."""
    rows: list[list[tuple[float, float]]] = []
    marks = []
    left_bound, right_bound = MARGIN, WIDTH - MARGIN
    for item in sorted(items, key=lambda p: (p.x0 - MARK / 2 - p.reach[0], p.x1)):
        m0, m1 = item.x0 - MARK / 2 - item.reach[0], max(item.x1, item.x0 + MARK / 2) + item.reach[1]
        text, width = item.text, measure(item.text)
        inside = item.x0 + MARK / 2 + GAP  # an ongoing bar leaves a gap for its label after its start
        inside_room = item.x1 - MARK - GAP - inside if item.event.status == "ongoing" else 0.0
        if m1 + GAP + width > right_bound and m0 - GAP - width < left_bound and width > inside_room:
            room = max(right_bound - m1, m0 - left_bound, inside_room + GAP) - GAP
            text = shorten(text, room, measure)
            width = measure(text)
        options = []
        if width <= inside_room:
            options.append((m0, m1, inside))
        if m1 + GAP + width <= right_bound:
            options.append((m0, m1 + GAP + width, m1 + GAP))
        if m0 - GAP - width >= left_bound:
            options.append((m0 - GAP - width, m1, m0 - GAP - width))
        if not options:  # cannot happen with LABEL_MAX under half the width; keep the label inside the card
            options.append((m0, m1 + GAP + width, m1 + GAP))
        row, (a, b, label_x) = _first_fit(rows, options)
        if row == len(rows):
            rows.append([])
        bisect.insort(rows[row], (a, b))  # kept sorted for _first_fit
        y = top + row * ROW + ROW / 2
        marks.append(Mark(item.event, lane, item.x0, item.x1, y, text, label_x, width, item.reach))
    return marks


def _first_fit(
    rows: list[list[tuple[float, float]]], options: list[tuple[float, float, float]]
) -> tuple[int, tuple[float, float, float]]:
    """The first row (then option) where the item keeps SPACE from everything in it.

    Each row is sorted and its items keep SPACE apart, so by start is also by end: only the
    last item starting before the option's end can reach into it (a bisection, not a scan).
    """
    for option in options:
        for index, taken in enumerate(rows):
            before = bisect.bisect_left(taken, (option[1] + SPACE,))
            if before == 0 or option[0] >= taken[before - 1][1] + SPACE:
                return index, option
    return len(rows), options[0]


def _flow(events: Sequence[Event], top: float, measure: Measure) -> list[Mark]:
    """Undated events left to right in the order given, wrapping like text: their x means nothing."""
    marks, x, row = [], MARGIN + MARK / 2, 0
    for event in events:
        text = shorten(event.title, LABEL_MAX, measure)
        width = measure(text)
        if x + MARK / 2 + GAP + width > WIDTH - MARGIN and x > MARGIN + MARK:
            x, row = MARGIN + MARK / 2, row + 1
        y = top + row * ROW + ROW / 2
        marks.append(Mark(event, "undated", x, x, y, text, x + MARK / 2 + GAP, width))
        x += MARK + GAP + width + SPACE
    return marks
