"""The timeline chart's measures, in points, and label shortening: shared by the layout and the drawing."""

from __future__ import annotations

from briefing.outputs.timeline.axis import Measure

SIZE = 8.5  # the labels' font size
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
