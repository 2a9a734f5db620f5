"""The chart of a briefing with hundreds of events: how many per period, lane by lane, not one label per event.

Above ``OVERVIEW_FROM`` events the full chart is more than two screens tall and
most labels are cut short, so it stops being a picture of the story. The
overview keeps what the chart's shape tells (when things happened, how settled
they are) and leaves the events to the table: one column per period (day, week,
month, quarter or year, the finest that gives at most ``MAX_COLUMNS``), dates
far from the story in "Earlier"/"Later" columns as the chart's gutters, one row
per lane with a bar per period. Each bar links to the first of its events in
the table. Pure geometry and SVG text; widths come from ``measure``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from briefing.model.chronology import chronological
from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.outputs.timeline.axis import Measure, days, format_date, main_window, periods
from briefing.outputs.timeline.geometry import MARGIN, WIDTH
from briefing.outputs.timeline.layout import lane_of
from briefing.outputs.timeline.styles import CARD, GRID, GUTTER_FILL, MUTED, STYLES
from briefing.outputs.timeline.svg import CLASS, Writer, n, stylesheet
from briefing.outputs.timeline.words import PLURALS, full, month, ntr, number, tr

OVERVIEW_FROM = 101
"""From this many events the page shows the overview (docs/decisions.md: why 100 is the last full chart)."""
MAX_COLUMNS = 16
UNITS = (("day", 1), ("day", 7), ("month", 1), ("month", 3), ("year", 1), ("year", 5), ("year", 10), ("year", 100))
LANE_STATUS = {"happened": "occurred", "ongoing": "ongoing", "alleged": "alleged", "planned": "scheduled"}
"""Each lane's bars in the colour of its main status (proposed for 'proposed or conditional')."""
PER = {("day", 1): "per day", ("day", 7): "per week", ("month", 1): "per month", ("month", 3): "per quarter"}
"""What a column counts, in words (msgids of words.py); years: 'per year', 'per 5 years'."""
LANES = (
    ("happened", "Happened"),
    ("ongoing", "Ongoing at the as-of date"),
    ("alleged", "Alleged (claimed, not established)"),
    ("planned", "Planned or called off"),
    ("possible", "Proposed or conditional"),
)
"""The chart's dated lanes, named without the marks' legend (a bar has no cross)."""
BAR = 30.0  # the tallest bar
ROW_HEAD = 14.0  # a lane's title
COUNT = 10.0  # room above a bar for its count


@dataclass(frozen=True)
class Column:
    label: str
    name: str
    """The period in words, for the bar's link and the text alternative."""
    first: int
    end: int
    """Days as ordinals, ``end`` excluded; Earlier and Later are open-ended."""
    gutter: bool = False
    per: str = ""
    """What a column counts, in the chart's language: 'per day', 'per week', ... 'per year', 'per 5 years'."""


def columns(events: Sequence[Event], as_of: DateValue) -> list[Column]:
    """The periods of the story's days (at most MAX_COLUMNS of the finest unit), with Earlier and Later around them."""
    spans = [days(e.date) for e in events if e.date is not None]
    now = (as_of.end.toordinal(), as_of.end.toordinal() + 1)
    lo, hi = main_window(spans, now) if spans else now
    first, last = date.fromordinal(lo), date.fromordinal(hi - 1)
    found: list[tuple[date, date, str]] = []
    unit, step = UNITS[-1]
    for unit, step in UNITS:
        found = periods(unit, step, first, last)
        if len(found) <= MAX_COLUMNS:
            break
    per = tr(PER[unit, step]) if (unit, step) in PER else _per_years(step)
    result = [Column(label, _name(unit, step, a, b), a.toordinal(), b.toordinal(), per=per) for a, b, label in found]
    if any(s[0] < result[0].first for s in spans) or now[0] < result[0].first:
        result.insert(0, Column(tr("Earlier"), tr("Earlier"), -(10**9), result[0].first, gutter=True))
    if any(s[0] >= result[-1].end for s in spans) or now[0] >= result[-1].end:
        result.append(Column(tr("Later"), tr("Later"), result[-1].end, 10**9, gutter=True))
    return result


def _per_years(step: int) -> str:
    return tr("per year") if step == 1 else ntr(*PLURALS[1], step) % {"count": step}


def _name(unit: str, step: int, start: date, end: date) -> str:
    if unit == "day":
        day = format_date(DateValue(start, start, start.isoformat()))
        return day if step == 1 else tr("week from %(date)s") % {"date": full(start, 3)}
    if unit == "month":
        last = date.fromordinal(end.toordinal() - 1)
        return month(start, True) if step == 1 else f"{month(start, False)}–{month(last, True)}"
    return str(start.year) if step == 1 else f"{start.year}–{start.year + step - 1}"


def counts(events: Sequence[Event], cols: Sequence[Column]) -> dict[str, list[list[Event]]]:
    """Per lane (dated lanes only), per column, its events by their first day, in date order."""
    starts = [c.first for c in cols]
    table: dict[str, list[list[Event]]] = {}
    for event in chronological(events):
        if event.date is None:
            continue
        index = max(0, bisect.bisect_right(starts, event.date.start.toordinal()) - 1)
        lane = lane_of(event)
        if lane not in table:
            table[lane] = [[] for _ in cols]
        table[lane][index].append(event)
    return table


def describe(events: Sequence[Event], as_of: DateValue) -> str:
    """The overview as text: per lane, each period's count; then the undated ones."""
    cols = columns(events, as_of)
    table = counts(events, cols)
    unit = next(c.per for c in cols if not c.gutter)
    said = tr("%(events)s as of %(date)s, counted %(per)s and by how settled they are.")
    lines = [said % {"events": _events(len(events), grouped=False), "date": format_date(as_of), "per": unit}]
    for key, title in LANES:
        if key in table:
            shown = ", ".join(f"{c.name}: {len(group)}" for c, group in zip(cols, table[key], strict=True) if group)
            lines.append(f"{tr(title)} ({sum(map(len, table[key]))}): {shown}.")
    undated = [e for e in events if e.date is None]  # ongoing ones too: no start to count them by
    if undated:
        lines.append(tr("No date given: %(count)s.") % {"count": len(undated)})
    lines.append(tr("Every event is listed in the events table."))
    return " ".join(lines)


def write(
    events: Sequence[Event], as_of: DateValue, measure: Measure, baseline: float, href: Callable[[Event], str] | None
) -> bytes:
    """The overview as SVG (chart.py adds its title and description); bars link to ``href`` of their first event."""
    cols = columns(events, as_of)
    table = counts(events, cols)
    width = (WIDTH - 2 * MARGIN) / len(cols)
    x_of = [MARGIN + i * width for i in range(len(cols) + 1)]
    out = Writer(baseline)
    axis_y = MARGIN + 30
    top = axis_y + 6
    lanes = [(key, tr(title)) for key, title in LANES if key in table]
    bottom = top + len(lanes) * (ROW_HEAD + COUNT + BAR + 6)
    for i, col in enumerate(cols):
        if col.gutter:
            out.rect(x_of[i], top, width, bottom - top, f'fill="{GUTTER_FILL}"')
        out.pieces(x_of[i], [(top, bottom)], "tl-grid")
    _labels(out, cols, x_of, axis_y, measure)
    _as_of(out, cols, x_of, as_of, axis_y, bottom)  # first: bars and counts are drawn over it
    peak = max(len(group) for row in table.values() for group in row) if table else 1
    y = top
    for key, title in lanes:
        _lane(out, (key, title), table[key], cols, x_of, y, peak, href)
        y += ROW_HEAD + COUNT + BAR + 6
    undated = sum(1 for e in events if e.date is None)
    if undated:
        out.line([(0, y), (WIDTH, y)], "tl-rule")
        said = tr("No date given: %(events)s (in the table)") % {"events": _events(undated)}
        out.text(MARGIN, y + 7.5 + baseline, said, "tl-lane")
        y += ROW_HEAD + 4
    height = y + MARGIN
    head = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(WIDTH)} {n(height)}" width="100%" class="{CLASS}">'
    card = f'<rect width="{n(WIDTH)}" height="{n(height)}" fill="{CARD}"/>'
    return (
        head + f"<defs><style>{stylesheet()}{_css()}</style></defs>" + card + "".join(out.parts) + "</svg>\n"
    ).encode()


def _css() -> str:
    return (
        f".{CLASS} .tl-count{{fill:currentColor}}"
        f".{CLASS} .tl-n{{font-size:7.5px;fill:{MUTED}}}"
        f".{CLASS} a:focus .tl-count,.{CLASS} a:hover .tl-count{{stroke:#000;stroke-width:1.5}}"
        f".{CLASS} .tl-base{{stroke:{GRID};stroke-width:1}}"
    )


def _labels(out: Writer, cols: Sequence[Column], x_of: Sequence[float], axis_y: float, measure: Measure) -> None:
    """Column labels, centred; one that would touch the label before it is left out."""
    width = x_of[1] - x_of[0]
    right = -1e9
    for i, col in enumerate(cols):
        centre, half = x_of[i] + width / 2, measure(col.label) / 2
        if centre - half >= right + 6 and centre + half <= WIDTH:
            out.text(centre, axis_y, col.label, "tl-mu tl-c")
            right = centre + half


def _lane(
    out: Writer,
    lane: tuple[str, str],
    row: Sequence[Sequence[Event]],
    cols: Sequence[Column],
    x_of: Sequence[float],
    top: float,
    peak: int,
    href: Callable[[Event], str] | None,
) -> None:
    key, title = lane
    total = sum(map(len, row))
    out.line([(0, top), (WIDTH, top)], "tl-rule")
    said = tr("%(lane)s: %(events)s") % {"lane": title, "events": _events(total)} + _by_status(row)
    out.text(MARGIN, top + 7.5 + out.baseline, said, "tl-lane")
    base = top + ROW_HEAD + COUNT + BAR
    width = x_of[1] - x_of[0]
    out.line([(x_of[0], base), (x_of[-1], base)], "tl-base")
    out.add(f'<g class="tl-{LANE_STATUS.get(key, "proposed")}">')
    for i, group in enumerate(row):
        if not group:
            continue
        height = max(1.5, BAR * len(group) / peak)
        x = x_of[i] + width * 0.15
        bar = (
            f'<rect x="{n(x)}" y="{n(base - height)}" width="{n(width * 0.7)}" height="{n(height)}" class="tl-count"/>'
        )
        label = f'<text x="{n(x_of[i] + width / 2)}" y="{n(base - height - 2.5)}" class="tl-n tl-c">{len(group)}</text>'
        if href is None:
            out.add(bar + label)
            continue
        said = tr("%(lane)s, %(period)s: %(events)s; go to the first of them in the table")
        name = said % {"lane": title, "period": cols[i].name, "events": _events(len(group))}
        out.add(f"<a href={quoteattr(href(group[0]))}><title>{escape(name)}</title>{bar}{label}</a>")
    out.add("</g>")


def _by_status(row: Sequence[Sequence[Event]]) -> str:
    """' (58 scheduled, 41 cancelled)' for a lane of more than one status, else ''."""
    found: dict[str, int] = {}
    for group in row:
        for event in group:
            found[event.status] = found.get(event.status, 0) + 1
    order = sorted(found, key=lambda status: (list(STYLES).index(status) if status in STYLES else len(STYLES), status))
    counted = (tr("%(count)s %(status)s") % {"count": number(found[s]), "status": tr(s)} for s in order)
    return f" ({', '.join(counted)})" if len(found) > 1 else ""


def _events(count: int, grouped: bool = True) -> str:
    """``1,234 events`` (``grouped=False``: ``1234 events``, as the text alternative has always said)."""
    return ntr(*PLURALS[0], count) % {"count": number(count) if grouped else count}


def _as_of(
    out: Writer, cols: Sequence[Column], x_of: Sequence[float], as_of: DateValue, axis_y: float, bottom: float
) -> None:
    day = as_of.end.toordinal() + 0.5
    i = next(k for k, c in enumerate(cols) if c.first <= day < c.end)
    col = cols[i]
    share = 0.5 if col.gutter else (day - col.first) / (col.end - col.first)
    x = x_of[i] + share * (x_of[i + 1] - x_of[i])
    out.pieces(x, [(axis_y + 3, bottom)], "tl-asof")
    label = tr("As of %(date)s") % {"date": format_date(as_of)}
    half = len(label) * 2.6
    out.text(min(max(x, MARGIN + half), WIDTH - MARGIN - half), axis_y - 15, label, "tl-b tl-c")
