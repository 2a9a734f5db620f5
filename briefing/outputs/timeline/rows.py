"""First-fit rows for the timeline's labels, in O(log rows) per label."""

from __future__ import annotations

import math
from collections.abc import Sequence

from briefing.outputs.timeline.geometry import SPACE

Option = tuple[float, float, float]
"""Where an item may go: (start, end, label x) of the space its mark and label take."""


class Rows:
    """The rows of a lane, for first-fit placement in O(log rows) per item (it was a scan of every row).

    Items come sorted by the left end of their mark, and every option starts at or left of that end and
    ends right of it; so an earlier item can only collide with an option by ending less than SPACE
    before the option's start. A row's rightmost end is all that matters: a tree of minima over the
    rows' ends finds the first row where ``start >= end + SPACE``.
    """

    def __init__(self) -> None:
        self.count = 0
        self.size = 1
        self.tree = [math.inf, math.inf]
        """tree[size + r] is row r's rightmost end; tree[k] the least end under node k."""

    def first_fit(self, options: Sequence[Option]) -> tuple[int, Option]:
        """The first row (then option) where the option keeps SPACE from everything in it; else a new row."""
        for option in options:
            row = self._first_row_ending_by(option[0])
            if row is not None:
                return row, option
        return self.count, options[0]

    def put(self, row: int, end: float) -> None:
        """An item ending at ``end`` goes in ``row`` (an existing row, or the next new one)."""
        if row == self.count:
            self.count += 1
            if self.count > self.size:
                self._grow()
        k = self.size + row
        self.tree[k] = end  # ends only grow: an item is placed right of everything in its row
        while k > 1:
            k //= 2
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])

    def _first_row_ending_by(self, start: float) -> int | None:
        if self.count == 0 or not start >= self.tree[1] + SPACE:
            return None
        k = 1
        while k < self.size:  # descend to the leftmost leaf that fits (rounding is monotonic: min fits iff any)
            k = 2 * k if start >= self.tree[2 * k] + SPACE else 2 * k + 1
        return k - self.size

    def _grow(self) -> None:
        leaves = self.tree[self.size :]
        self.size *= 2
        self.tree = [math.inf] * self.size + leaves + [math.inf] * (self.size - len(leaves))
        for k in range(self.size - 1, 0, -1):
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])
