"""Pure geometry of the chart's frame that both drawings share: grid lines broken around labels, the as-of line."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.outputs.timeline.geometry import ROW, SIZE
from briefing.outputs.timeline.layout import Layout, Mark

Segments = list[tuple[float, float]]


def vertical(
    x: float, top: float, bottom: float, marks: Sequence[Mark], gaps: Sequence[tuple[float, float]] = ()
) -> Segments:
    """The (top, bottom) pieces of a vertical line at ``x``, broken where it would cross a label."""
    crossed = [
        (m.y - ROW / 2 + 2, m.y + ROW / 2 - 2) for m in marks if m.label_x - 1 <= x <= m.label_x + m.label_width + 1
    ]
    pieces, y = [], top
    for start, end in sorted([*gaps, *crossed]):
        if start >= bottom:
            break
        if start > y:
            pieces.append((y, start))
        y = max(y, end)
    if y < bottom:
        pieces.append((y, bottom))
    return pieces


def grid_top(lay: Layout) -> float:
    return lay.axis_y + 4


def as_of_line(lay: Layout) -> Segments:
    """The as-of line, from above the axis down through the dated lanes, with a gap where a tick label sits."""
    covered = any(abs(t.label_x - lay.as_of_x) <= t.label_width / 2 + 2 for t in lay.ticks) or any(
        g.x0 <= lay.as_of_x <= g.x1 for g in lay.gutters
    )
    heading = [(lay.axis_y - 9, lay.axis_y + 3)] if covered else []  # a tick label or gutter title is there
    return vertical(lay.as_of_x, lay.axis_y - 12, lay.dated_bottom, lay.marks, heading)


def as_of_label_x(lay: Layout) -> float:
    """Centre of the 'As of' label, kept inside the card."""
    half = len(lay.as_of_label) * SIZE * 0.3
    return min(max(lay.as_of_x, 10 + half), lay.width - 10 - half)
