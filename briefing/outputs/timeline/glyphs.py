"""The chart's text: DejaVu Sans, unhinted, measured as the SVG's glyph paths lay it out, drawn directly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import Kerning, LoadFlags
from matplotlib.transforms import Bbox, Transform

from briefing.outputs.timeline.geometry import SIZE
from briefing.outputs.timeline.styles import INK

FONT = "DejaVu Sans"  # bundled with matplotlib: the same glyphs on every machine
RC: dict[str, Any] = {
    "svg.hashsalt": "briefing-timeline",  # fixed ids for hatch patterns: same bytes every build
    "svg.fonttype": "path",  # glyphs as paths: the layout measured these exact glyphs
    "font.family": FONT,
    "hatch.linewidth": 0.9,
    "text.hinting": "no_hinting",  # Agg then measures what the SVG's unhinted glyph paths draw
}
LABEL_FONT = FontProperties(family=FONT, size=SIZE)


class Label(Artist):
    """One line of text drawn straight through ``renderer.draw_text``, baseline at (x, y) in chart points.

    Event labels are most of a chart's text; matplotlib's Text lays each one out
    again before drawing (alignment, wrapping, rotation) though the layout
    already placed it, which took a quarter of the time for 500 events.
    """

    def __init__(self, x: float, y: float, text: str, to: Transform, prop: FontProperties) -> None:
        super().__init__()
        self._xy = (x, y)
        self._text = text
        self._to = to
        self._prop = prop
        self.set_zorder(3)

    def get_text(self) -> str:
        return self._text

    def get_position(self) -> tuple[float, float]:
        return self._xy

    def set_position(self, xy: tuple[float, float]) -> None:
        self._xy = xy

    def draw(self, renderer: Any) -> None:
        if not self._text or not self.get_visible():
            return
        gc = renderer.new_gc()
        gc.set_foreground(INK)
        gc.set_antialiased(True)
        x, y = self._to.transform(self._xy)
        if renderer.flipy():  # as Text.draw does: Agg and SVG count y from the top
            y = renderer.get_canvas_width_height()[1] - y
        renderer.draw_text(gc, x, y, self._text, self._prop, 0.0, ismath=False, mtext=None)
        gc.restore()

    def get_window_extent(self, renderer: Any = None) -> Bbox:
        width, height, descent = renderer.get_text_width_height_descent(self._text, self._prop, ismath=False)
        x, y = self._to.transform(self._xy)
        return Bbox([[x, y - descent], [x + width, y - descent + height]])


@contextmanager
def settings() -> Iterator[None]:
    """Fixed hash salt, glyphs as paths, DejaVu Sans, unhinted text: for drawing and for measuring.

    Every other setting is matplotlib's own default, whatever the machine's matplotlibrc says
    (path.sketch, savefig.bbox...): the chart cache keys on the code and matplotlib's version only, so a
    drawing must not depend on anything else.
    """
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # restored when the context ends
        matplotlib.rcParams.update(RC)  # type: ignore[arg-type]  # the stubs list keys as Literals
        yield


def label_font() -> Any:
    font = get_font(findfont(FontProperties(family=FONT, size=SIZE)))
    font.set_size(SIZE, 72)
    return font


def baseline(font: Any) -> float:
    """From a row's centre down to the baseline, as matplotlib's va="center" puts a line of text."""
    font.set_text("lp", 0.0, flags=LoadFlags.NO_HINTING)
    height, descent = font.get_width_height()[1] / 64, font.get_descent() / 64
    return float(height / 2 - descent)


def displayable(text: str, font: Any) -> str:
    """One line (a label is one row) with U+FFFD for characters DejaVu Sans lacks, as matplotlib would warn."""
    return "".join(c if font.get_char_index(ord(c)) else "\ufffd" for c in " ".join(text.split()))


def measurer(font: Any = None) -> Callable[[str], float]:
    """Label widths in points: unhinted glyph advances plus kerning, as the SVG's glyph paths are laid out.

    Summed per character from a cache, ten times faster than asking the renderer for each candidate
    label (shortening tries several); tests check the result against the renderer's own boxes.
    """
    font = font or label_font()
    glyphs: dict[str, tuple[float, Any]] = {}  # advance, glyph index
    kerned: dict[str, float] = {}  # by pair of characters

    def advance(char: str) -> tuple[float, Any]:
        if char not in glyphs:
            glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
            glyphs[char] = (glyph.linearHoriAdvance / 65536, font.get_char_index(ord(char)))
        return glyphs[char]

    def kerning(pair: str) -> float:
        if pair not in kerned:
            kerned[pair] = font.get_kerning(advance(pair[0])[1], advance(pair[1])[1], Kerning.UNFITTED) / 64
        return kerned[pair]

    def measure(text: str) -> float:
        return sum(advance(c)[0] for c in text) + sum(kerning(text[i : i + 2]) for i in range(len(text) - 1))

    return measure
