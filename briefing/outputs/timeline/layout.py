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

Far-apart dates go to gutters (gutters.py). Labels go right of their mark, or
left near the right edge; each lane is packed into rows first-fit (rows.py), so
no label can overlap another label or a mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.model.inference import date_inferred
from briefing.outputs.timeline.axis import Measure, Tick, days, format_date, ticks
from briefing.outputs.timeline.geometry import (
    GAP,
    HEADER,
    LABEL_MAX,
    MARGIN,
    MARK,
    OPEN_REACH,
    ROW,
    SPACE,
    WHISKER,
    WIDTH,
    shorten,
)
from briefing.outputs.timeline.gutters import Axis, Gutter, axis_of
from briefing.outputs.timeline.rows import Option, Rows
from briefing.outputs.timeline.words import tr

LANES = (
    ("happened", "Happened"),
    ("ongoing", "Ongoing at the as-of date"),
    ("alleged", "Alleged (claimed, not established)"),
    ("planned", "Planned (crossed: called off)"),
    ("possible", "Proposed or conditional"),
    ("undated", "No date given"),
)
UNDATED_LANES = (
    ("happened", "Happened, no date given"),
    ("alleged", "Alleged (claimed, not established), no date given"),
    ("planned", "Planned, no date given (crossed: called off)"),
    ("possible", "Proposed or conditional, no date given"),
)
"""Undated events under headings that say how settled they are, as the dated lanes do."""
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


PAST = ("occurred", "alleged")
"""Statuses of what has happened (or is said to have) by the as-of date: never drawn past it."""


def lane_of(event: Event) -> str:
    if event.status == "ongoing":
        return "ongoing"  # holds at the as-of date, dated or not
    if event.date is None:
        return "undated"
    return _LANE_OF_STATUS.get(event.status, "possible")


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
    ("inferred", "range read from vague words"),
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
    if any(e.date is not None and not e.date.is_day and date_inferred(e.date, e.date_text) for e in events):
        used.add("inferred")  # drawn faded and dashed: the curator's window, not the source's
    return (*LEGEND, *(entry for entry in EXTRA_LEGEND if entry[0] in used))


SAMPLE_WIDE = {"range": 2.0, "inferred": 2.0, "ongoing": 2.0, "approximate": 2.5, "before": 2.5, "after": 2.5}
"""Legend samples wider than a marker, in marker widths."""


def _legend(measure: Measure, top: float, entries: Sequence[tuple[str, str]]) -> tuple[tuple[LegendItem, ...], float]:
    items, x, y = [], MARGIN + MARK / 2, top + ROW / 2
    for status, english in entries:
        text = tr(english)
        wide = SAMPLE_WIDE.get(status, 1.0)
        width = MARK * wide + GAP + measure(text)
        if x - MARK / 2 + width > WIDTH - MARGIN:
            x, y = MARGIN + MARK / 2, y + ROW
        items.append(LegendItem(status, text, x - MARK / 2 + MARK * wide / 2, y))
        x += width + SPACE
    return tuple(items), y + ROW / 2


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
    axis = axis_of(events, as_of)
    placed = [*_place_dated(events, axis, measure), *_place_ongoing_undated(events, axis.as_of_x, measure)]
    lanes, marks, dated_bottom = _dated_lanes(placed, axis_y + 6, measure)
    bottom = dated_bottom
    undated = [e for e in events if lane_of(e) == "undated"]
    for key, title in UNDATED_LANES:  # by status: an undated event that happened is not 'not yet scheduled'
        group = [e for e in undated if _LANE_OF_STATUS.get(e.status, "possible") == key]
        if group:
            lane_marks = _flow(group, bottom + HEADER, measure)
            lanes.append(Lane("undated", tr(title), bottom, max(m.y for m in lane_marks) + ROW / 2))
            marks += lane_marks
            bottom = lanes[-1].bottom
    result = Layout(
        width=WIDTH,
        height=bottom + MARGIN,
        axis_y=axis_y,
        dated_bottom=dated_bottom,
        main=axis.main,
        ticks=ticks(*axis.days, *axis.main, measure),
        gutters=axis.gutters,
        as_of_x=axis.as_of_x,
        as_of_label=tr("As of %(date)s") % {"date": format_date(as_of)},
        lanes=tuple(lanes),
        marks=tuple(marks),
    )
    return Chart(result, legend)


def _place_dated(events: Sequence[Event], axis: Axis, measure: Measure) -> list[_Placed]:
    """Each dated event across the chart: its range on the main axis, or its slot in a gutter (dated label)."""
    placed = []
    for event in events:
        if event.date is None:
            continue
        if event.id in axis.slots:
            x = axis.slots[event.id]
            text = shorten(f"{format_date(event.date)}: {event.title}", LABEL_MAX, measure)
            placed.append(_qualified(_Placed(event, x, x, text), event.date, axis.as_of_x))
            continue
        first, end = days(event.date)
        x0, x1 = axis.x(first), axis.x(end)
        if event.status in PAST and not event.date.is_day and x1 > axis.as_of_x:
            x1 = max(x0, axis.as_of_x)  # 'earlier this month' happened by the as-of date, not at the month's end
        if end - first == 1 or x1 - x0 < MARK:
            x0 = x1 = (x0 + x1) / 2
        text = shorten(event.title, LABEL_MAX, measure)
        placed.append(_qualified(_Placed(event, x0, x1, text), event.date, axis.as_of_x))
    return placed


def _place_ongoing_undated(events: Sequence[Event], as_of_x: float, measure: Measure) -> list[_Placed]:
    """An ongoing state with no start date: at the as-of line, reaching back."""
    reach = (OPEN_REACH, MARK / 2 + 1)
    return [
        _Placed(
            event,
            as_of_x,
            as_of_x,
            shorten(tr("since a date not given: %(title)s") % {"title": event.title}, LABEL_MAX, measure),
            reach,
        )
        for event in events
        if event.date is None and event.status == "ongoing"
    ]


def _dated_lanes(placed: Sequence[_Placed], top: float, measure: Measure) -> tuple[list[Lane], list[Mark], float]:
    """The lanes of dated events (and ongoing ones), each packed into rows; returns where they end."""
    lanes: list[Lane] = []
    marks: list[Mark] = []
    y = top
    for key, title in LANES[:-1]:
        items = [p for p in placed if lane_of(p.event) == key]
        if items:
            lane_marks = _pack(items, key, y + HEADER, measure)
            bottom = max(m.y for m in lane_marks) + ROW / 2
            lanes.append(Lane(key, tr(title), y, bottom))
            marks += lane_marks
            y = bottom
    return lanes, marks, y


def _qualified(item: _Placed, date: DateValue, as_of_x: float) -> _Placed:
    """Room for what the date's qualifier draws; an ongoing state's bar runs on to the as-of line."""
    reach = {
        "approximate": (WHISKER, WHISKER),
        "before": (OPEN_REACH, 0.0),
        "after": (0.0, OPEN_REACH),
    }.get(date.qualifier, (0.0, 0.0))
    if item.event.status == "ongoing":
        return _Placed(item.event, item.x0, max(item.x1, as_of_x), item.text, (reach[0], MARK / 2 + 1))
    return _Placed(item.event, item.x0, item.x1, item.text, reach)


def _pack(items: Sequence[_Placed], lane: str, top: float, measure: Measure) -> list[Mark]:
    """First-fit rows: right of the mark if it fits in any row, else left, else a new row."""
    rows = Rows()
    marks = []
    for item in sorted(items, key=lambda p: (p.x0 - MARK / 2 - p.reach[0], p.x1)):
        m0, m1 = item.x0 - MARK / 2 - item.reach[0], max(item.x1, item.x0 + MARK / 2) + item.reach[1]
        text, width, options = _label_options(item, m0, m1, measure)
        row, (_, end, label_x) = rows.first_fit(options)
        rows.put(row, end)
        y = top + row * ROW + ROW / 2
        marks.append(Mark(item.event, lane, item.x0, item.x1, y, text, label_x, width, item.reach))
    return marks


def _label_options(item: _Placed, m0: float, m1: float, measure: Measure) -> tuple[str, float, list[Option]]:
    """The label (shortened if it fits nowhere), its width, and where it may go, by preference: inside an ongoing bar,
    right of the mark, left of it; each as (start, end, label x) of the space mark and label take."""
    left_bound, right_bound = MARGIN, WIDTH - MARGIN
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
    return text, width, options


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
