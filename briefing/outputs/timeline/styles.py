"""How each status looks on the chart: colour, shape, fill, outline. Shared by the SVG writer and matplotlib.

Colours are Okabe–Ito, each at least 3:1 against the white card, and every
status also has its own shape and fill (filled circle, hollow square, dashed
diamond, hatched dashed triangle, crossed circle), so the chart reads in
greyscale and for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass

INK = "#1a1a1a"
MUTED = "#4d4d4d"
GRID = "#dedede"
CARD = "#ffffff"
GUTTER_FILL = "#f2f2f2"
LANE_RULE = "#c8c8c8"
INFERRED_ALPHA = 0.3


@dataclass(frozen=True)
class Style:
    colour: str
    shape: str
    filled: bool
    dashed: bool = False
    hatch: str | None = None
    dots: bool = False
    """Dotted rather than dashed outline."""


STYLES = {
    "occurred": Style("#0072B2", "circle", filled=True),
    # still holding: a bar on to the as-of line ending in an arrowhead (Tol's wine, 8:1 on white)
    "ongoing": Style("#882255", "arrow", filled=True),
    # claimed, not established: a hollow dotted ring where 'occurred' is a solid dot (brown, 6:1 on white)
    "alleged": Style("#8C510A", "ring", filled=False, dashed=True, dots=True),
    "scheduled": Style("#009E73", "square", filled=False),
    "proposed": Style("#CC79A7", "diamond", filled=False, dashed=True),
    "conditional": Style("#D55E00", "triangle", filled=False, dashed=True, hatch="////"),
    "cancelled": Style("#000000", "crossed", filled=False),
}
UNKNOWN = Style("#666666", "circle", filled=False, dashed=True)
GREY = Style(MUTED, "circle", filled=True)
"""The legend's samples of date qualifiers (about, on or before, on or after): not a status."""
DASH = (2.2, 1.4)
DOTS = (0.8, 1.2)
"""Dash patterns in line widths (matplotlib scales them by the line's width; the SVG writer does the same)."""


def style_of(status: str) -> Style:
    return STYLES.get(status, UNKNOWN)


def pattern(style: Style) -> tuple[float, float] | None:
    """The outline's dash pattern in line widths, or None for a solid line."""
    return DOTS if style.dots else DASH if style.dashed else None
