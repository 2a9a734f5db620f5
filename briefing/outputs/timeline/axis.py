"""The timeline's date axis: which days get a linear scale, calendar ticks, and dates as words.

Far-apart dates: the dated events are grouped into clusters of overlapping
days; the cluster the story is in (the one holding most events, the latest on a
tie) keeps a linear axis and takes in its neighbours while that leaves the story
at least a quarter of the axis (or the whole axis spans three weeks or less).
Anything further away goes to an "Earlier" or "Later" gutter (see
:mod:`briefing.outputs.timeline.layout`), so 2014 beside February 2022 does not squash
February into a sliver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from briefing.model.dates import QUALIFIER_WORDS, DateValue, words
from briefing.outputs.timeline.words import day_month, full, speaks_english, tr
from briefing.outputs.timeline.words import month as month_label

Measure = Callable[[str], float]
"""Width in points of a text at the chart's label font."""

TICK_SPACE = 12.0  # least room between two tick labels


@dataclass(frozen=True)
class Tick:
    x: float
    """Where the period starts (a grid line)."""
    label: str
    label_x: float
    """Centre of the label."""
    label_width: float


def format_date(value: DateValue) -> str:
    """'21 Feb 2022', 'Feb 2022', '2014', 'A to B' for an interval, with its qualifier in words
    ('about 14 Nov 2017', 'on or before 14 Nov 2017')."""
    if speaks_english():
        return words(value)
    if value.bound:
        return f"{tr(QUALIFIER_WORDS[value.qualifier])} {_single(value.bound)}"
    pieces = [(f"{tr('about')} " if p.endswith("~") else "") + _single(p.rstrip("~")) for p in value.value.split("/")]
    return f" {tr('to')} ".join(pieces)


def _single(written: str) -> str:
    parts = [int(p) for p in written.split("-")]
    return full(date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), len(parts))


def days(value: DateValue) -> tuple[int, int]:
    """First day and one past the last day, as ordinals."""
    return value.start.toordinal(), value.end.toordinal() + 1


def _clusters(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _keeps_story_readable(story: int, merged: int) -> bool:
    return merged <= 21 or story * 4 >= merged


def main_window(spans: Sequence[tuple[int, int]], as_of: tuple[int, int]) -> tuple[int, int]:
    """The days (first, one past last) that get a linear axis; the rest goes to gutters."""
    clusters = _clusters([*spans, as_of])
    counts = [sum(1 for s in spans if lo <= s[0] < hi) for lo, hi in clusters]
    best = max(range(len(clusters)), key=lambda i: (counts[i], i))
    first = last = best
    while True:
        lo, hi = clusters[first][0], clusters[last][1]
        options = []
        if first > 0:
            options.append((lo - clusters[first - 1][1], first - 1, last))
        if last < len(clusters) - 1:
            options.append((clusters[last + 1][0] - hi, first, last + 1))
        options.sort()
        grown = next(
            ((f, t) for _, f, t in options if _keeps_story_readable(hi - lo, clusters[t][1] - clusters[f][0])),
            None,
        )
        if grown is None:
            return lo, hi
        first, last = grown


def ticks(lo: float, hi: float, x0: float, x1: float, measure: Measure) -> tuple[Tick, ...]:
    """The finest calendar ticks whose labels do not collide, between days ``lo`` and ``hi``."""
    scale = (x1 - x0) / (hi - lo)
    for unit, step in (("day", 1), ("day", 2), ("day", 7), ("month", 1), ("month", 3), ("year", 1)):
        found = _ticks_of(unit, step, lo, hi, lambda d: x0 + (d - lo) * scale, measure)
        if found is not None:
            return found
    for step in (2, 5, 10, 20, 50, 100, 200, 500, 1000):
        found = _ticks_of("year", step, lo, hi, lambda d: x0 + (d - lo) * scale, measure)
        if found is not None:
            return found
    return ()


def _ticks_of(
    unit: str, step: int, lo: float, hi: float, to_x: Callable[[float], float], measure: Measure
) -> tuple[Tick, ...] | None:
    result: list[Tick] = []
    right_of_last = -1e9
    for start, end, label in periods(unit, step, date.fromordinal(int(lo)), date.fromordinal(int(hi))):
        centre = to_x((max(start.toordinal(), lo) + min(end.toordinal(), hi)) / 2)
        if step > 1 or (unit == "year" and end.toordinal() - start.toordinal() > 366):
            centre = to_x(max(start.toordinal(), lo)) + measure(label) / 2
        width = measure(label)
        if centre - width / 2 < right_of_last + TICK_SPACE:
            return None
        right_of_last = centre + width / 2
        result.append(Tick(to_x(start.toordinal()), label, centre, width))
    return tuple(result)


def periods(unit: str, step: int, first: date, last: date) -> list[tuple[date, date, str]]:
    """(start, start of the next period, label) for every period touching [first, last]."""
    periods = []
    if unit == "day":
        day = first
        while day <= last:
            label = day_month(day)
            if day.month == 1 and day.day <= step:  # the as-of label above names the year
                label = full(day, 3)
            periods.append((day, day + timedelta(days=step), label))
            day += timedelta(days=step)
        return periods
    if unit == "month":
        year, month = first.year, (first.month - 1) // step * step + 1
        while date(year, month, 1) <= last:
            nxt_month, nxt_year = month + step, year
            if nxt_month > 12:
                nxt_month, nxt_year = nxt_month - 12, year + 1
            label = month_label(date(year, month, 1), not periods or month <= step)
            periods.append((date(year, month, 1), date(nxt_year, nxt_month, 1), label))
            year, month = nxt_year, nxt_month
        return periods
    year = first.year // step * step
    while year <= last.year:
        end = date(year + step, 1, 1) if year + step <= 9999 else date(9999, 12, 31)
        periods.append((date(max(year, 1), 1, 1), end, str(year)))
        year += step
    return periods
