"""Where days go across the timeline chart: the story's days on a linear axis, far dates in gutters.

Far-apart dates: the dated events are grouped into clusters; the cluster the
story is in (the one holding most events, latest on a tie) keeps a linear date
axis and grows while that does not squash it (axis.main_window), and anything
further away goes to a narrow "Earlier" (or "Later") gutter, in date order, each
label carrying its own date. The as-of line takes a slot of its own in a gutter
when it falls there.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.model.dates import DateValue
from briefing.model.facts import Event
from briefing.outputs.timeline.axis import days, main_window
from briefing.outputs.timeline.geometry import BREAK, GUTTER_SLOT, MARGIN, WIDTH


@dataclass(frozen=True)
class Gutter:
    """A stretch of the chart for dates too far from the story to share its axis."""

    title: str
    x0: float
    x1: float
    as_of_x: float | None = None


@dataclass(frozen=True)
class Axis:
    """Where days go across the chart: the main axis, its gutters and the as-of line."""

    main: tuple[float, float]
    days: tuple[float, float]
    """The main axis's first and last day (ordinals, padded)."""
    gutters: tuple[Gutter, ...]
    slots: dict[str, float]
    """The x of each event sent to a gutter, by id."""
    as_of_x: float

    def x(self, day: float) -> float:
        (x0, x1), (d0, d1) = self.main, self.days
        return x0 + (day - d0) / (d1 - d0) * (x1 - x0)


def axis_of(events: Sequence[Event], as_of: DateValue) -> Axis:
    """The story's days on a linear axis; dates too far from them in an "Earlier" or "Later" gutter."""
    spans = {e.id: days(e.date) for e in events if e.date is not None}
    now = (as_of.end.toordinal(), as_of.end.toordinal() + 1)
    lo, hi = main_window(list(spans.values()), now)
    earlier = _Gutter.of("Earlier", spans, now, lambda span: span[1] <= lo)
    later = _Gutter.of("Later", spans, now, lambda span: span[0] >= hi)
    main_x0, main_x1 = MARGIN, WIDTH - MARGIN
    gutters = []
    if earlier is not None:
        gutters.append(earlier.at(MARGIN, MARGIN + earlier.width))
        main_x0 = MARGIN + earlier.width + BREAK
    if later is not None:
        gutters.append(later.at(WIDTH - MARGIN - later.width, WIDTH - MARGIN))
        main_x1 = WIDTH - MARGIN - later.width - BREAK
    pad = max(0.5, 0.03 * (hi - lo))
    slots = {key: x for gutter in gutters for key, x in gutter.slots.items()}
    axis = Axis((main_x0, main_x1), (lo - pad, hi + pad), tuple(g.gutter for g in gutters), slots, 0.0)
    in_gutter = [g.gutter.as_of_x for g in gutters if g.gutter.as_of_x is not None]
    return replace(axis, as_of_x=in_gutter[-1] if in_gutter else axis.x(now[0] + 0.5))


@dataclass(frozen=True)
class _Gutter:
    """One gutter's events in date order, with the slot the as-of line takes among them if it falls there."""

    title: str
    keys: tuple[str, ...]
    as_of_slot: int | None
    """Index of the as-of line's slot: after the events up to its day (None: the line is not in this gutter)."""

    @staticmethod
    def of(
        title: str, spans: dict[str, tuple[int, int]], now: tuple[int, int], outside: Callable[[tuple[int, int]], bool]
    ) -> _Gutter | None:
        ordered = sorted((item for item in spans.items() if outside(item[1])), key=lambda item: item[1])  # stable
        slot = bisect.bisect_right([span for _, span in ordered], now) if outside(now) else None
        keys = tuple(key for key, _ in ordered)
        return _Gutter(title, keys, slot) if keys or slot is not None else None

    @property
    def count(self) -> int:
        return len(self.keys) + (self.as_of_slot is not None)

    @property
    def width(self) -> float:
        return min(max(GUTTER_SLOT * self.count + 8, 40.0), 0.25 * WIDTH)

    def at(self, x0: float, x1: float) -> _PlacedGutter:
        """Between x0 and x1 (``width`` apart): one slot per event, and one for the as-of line if it is here."""
        slot = (self.width - 8) / self.count
        xs = [x0 + 4 + slot * (i + 0.5) for i in range(self.count)]
        as_of_x = xs.pop(self.as_of_slot) if self.as_of_slot is not None else None
        return _PlacedGutter(Gutter(self.title, x0, x1, as_of_x), dict(zip(self.keys, xs, strict=True)))


@dataclass(frozen=True)
class _PlacedGutter:
    gutter: Gutter
    slots: dict[str, float]
