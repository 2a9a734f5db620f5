"""The social card (``card.png``): title, as-of date and the timeline chart, for link previews.

Drawn with matplotlib's Agg renderer from the briefing's own data only, so the same
content gives the same bytes (no date, no software name in the PNG); cached
between builds like the chart.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any

from briefing.core import diskcache
from briefing.model.chronology import chronological
from briefing.model.dates import DateValue
from briefing.model.facts import Event

CARD_FILE = "card.png"
WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter's large card show uncropped
_DPI = 100
_MARGIN = 48
_INK = "#1a1a1a"
_MUTED = "#4d4d4d"
_TITLE_LINES = 2


def card_alt(title: str, as_of: DateValue, events: int) -> str:
    """The image's text alternative (og:image:alt)."""
    return f"{title}. As of {as_of.value}. Timeline of {events} events."


CARD_EVENTS = 40
"""The card shows the top of the chart, a dozen rows: the chart of the first 40 events (in date order) shows
the same rows. Drawing all 1,000 events of a large briefing only to crop them away took 0.4 GB (the build's
peak memory) and most of the web formats' time."""


def card_png(title: str, as_of: DateValue, events: Sequence[Event]) -> bytes:
    """The card as PNG bytes (cached by everything that shapes it)."""
    events = tuple(chronological(events))[:CARD_EVENTS] if len(events) > CARD_EVENTS else events
    name = diskcache.key("card", title, as_of, tuple(events), WIDTH, HEIGHT)
    return diskcache.cached(name, lambda: _draw(title, as_of, events), suffix=".png")


def _title_lines(title: str) -> str:
    lines = textwrap.wrap(" ".join(title.split()), 40) or [""]  # 40 bold 30 pt characters fit 1,104 px
    if len(lines) > _TITLE_LINES:
        lines = [*lines[: _TITLE_LINES - 1], textwrap.shorten(" ".join(lines[_TITLE_LINES - 1 :]), 39, placeholder="…")]
    return "\n".join(lines)


def _draw(title: str, as_of: DateValue, events: Sequence[Event]) -> bytes:
    import matplotlib.image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from briefing.outputs.timeline import glyphs
    from briefing.outputs.timeline.chart import chart_png

    with glyphs.settings():
        fig = Figure(figsize=(WIDTH / _DPI, HEIGHT / _DPI), dpi=_DPI, facecolor="#ffffff")
        FigureCanvasAgg(fig)
        top = 1 - _MARGIN / HEIGHT
        fig.text(_MARGIN / WIDTH, top, _title_lines(title), fontsize=30, weight="bold", color=_INK, va="top")
        fig.text(_MARGIN / WIDTH, top - 120 / HEIGHT, f"As of {as_of.value}", fontsize=18, color=_MUTED, va="top")
        box = (_MARGIN / WIDTH, _MARGIN / HEIGHT, 1 - 2 * _MARGIN / WIDTH, (HEIGHT - 2 * _MARGIN - 170) / HEIGHT)
        if events:
            chart = matplotlib.image.imread(io.BytesIO(chart_png(events, as_of, dpi=100)), format="png")
            axes = fig.add_axes(box)
            axes.set_axis_off()
            axes.imshow(_fit(chart, box[2] * WIDTH / (box[3] * HEIGHT)), interpolation="antialiased")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _fit(image: Any, aspect: float) -> Any:
    """The top of a chart taller than the box (its first rows), so that what shows stays legible."""
    height, width = image.shape[:2]
    rows = int(width / aspect)
    return image[:rows] if height > rows else image
