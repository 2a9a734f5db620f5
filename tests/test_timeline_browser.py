"""The chart's <text> labels in Chromium: no label is wider than the room the layout measured for it.

The layout measures DejaVu Sans; pages load no web fonts, so a reader's browser may
draw a fallback. The font stack lists only fonts narrower than DejaVu Sans after it:
here each label's drawn length is checked with DejaVu Sans and with fallbacks forced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, require_tool
from timeline_cases import AS_OF, qualified_events

from briefing.outputs.timeline import chart as timeline
from briefing.outputs.timeline import glyphs
from briefing.outputs.timeline.layout import layout
from briefing.outputs.timeline.styles import STYLES

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")

LENGTHS = """() => [...document.querySelectorAll('svg [id^="event-mark-"] text')].map(
  t => [t.closest('[id^="event-mark-"]').id.slice(11), t.getComputedTextLength()])"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.mark.parametrize("forced", ["", "Noto Sans", "sans-serif", "serif"])
def test_labels_fit_their_measured_width_in_chromium(browser: object, tmp_path: Path, forced: str) -> None:
    events = qualified_events(40, 11)
    svg = timeline.chart_svg(events, AS_OF, href=lambda e: f"#event-{e.id}").decode()
    override = f"<style>.tl-chart text {{ font-family: {forced} !important }}</style>" if forced else ""
    page_file = tmp_path / "chart.html"
    page_file.write_text(f'<!DOCTYPE html><html lang="en"><meta charset="utf-8">{override}<body>{svg}</body></html>')
    font = glyphs.label_font()
    measure = glyphs.measurer(font)
    titled = [replace(e, title=glyphs.displayable(e.title, font)) for e in events]
    widths = {m.event.id: m.label_width for m in layout(titled, AS_OF, measure).layout.marks if m.label}
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(page_file.as_uri())
    drawn = dict(page.evaluate(LENGTHS))
    page.close()
    assert set(drawn) == set(widths)
    # px in the browser are the SVG's user units, the layout's points
    over = {
        key: (round(length, 1), round(widths[key], 1)) for key, length in drawn.items() if length > widths[key] + 0.5
    }
    assert over == {}, f"labels wider than measured with {forced or 'the stack as written'}: {over}"
    if not forced:  # DejaVu Sans itself: the widths agree, not only fit
        assert all(abs(drawn[k] - widths[k]) < 0.5 for k in drawn)


def test_marks_keep_their_status_colour_inside_links(browser: object, tmp_path: Path) -> None:
    """Seen on the page: the page's link colour (a { color }) repainted every mark drawn in currentColor."""
    events = qualified_events(40, 11)
    svg = timeline.chart_svg(events, AS_OF, href=lambda e: f"#event-{e.id}").decode()
    page_file = tmp_path / "chart.html"
    style = "<style>a { color: rgb(1, 2, 3) } a:visited { color: rgb(4, 5, 6) }</style>"
    page_file.write_text(f'<!DOCTYPE html><html lang="en"><meta charset="utf-8">{style}<body>{svg}</body></html>')
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(page_file.as_uri())
    colours = page.evaluate("""() => [...document.querySelectorAll('[id^="event-mark-"]')].map(
      g => [g.getAttribute('class'), getComputedStyle(g.querySelector('a')).color])""")
    page.close()
    expected = {f"tl-{status}": style.colour for status, style in STYLES.items()}
    for cls, colour in colours:
        r, g, b = (int(expected[cls][i : i + 2], 16) for i in (1, 3, 5))
        assert colour == f"rgb({r}, {g}, {b})", cls
