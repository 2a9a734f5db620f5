"""Timeline chart speed, and SVG against PNG inside WeasyPrint.

Run: python benchmarks/bench_timeline.py
Prints figures, asserts nothing (speed targets are reported, never tested):

- importing briefing.timeline (must not import matplotlib), and the first chart
  of a fresh process (which imports matplotlib);
- 20 events drawn as SVG once everything is imported (target <= 0.15 s);
- 500 events, whole process: python start, imports, layout, SVG (target <= 2 s);
- the shipped briefing's chart, and 50 generated events, in a one-page PDF:
  inline SVG against a PNG <img> at 200 and 300 dpi (time and PDF size).
"""

from __future__ import annotations

import base64
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from timeline_cases import AS_OF, generated_events  # noqa: E402

from briefing import timeline  # noqa: E402
from briefing.build import check  # noqa: E402
from briefing.render import _SVG_METADATA, _XML_PROLOG  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>chart</title>
<style>@page {{ size: A4; margin: 2cm }} body {{ font: 10.5pt "DejaVu Serif" }}
figure {{ margin: 0 }} svg, img {{ max-width: 100%; height: auto }}</style></head>
<body><h1>Timeline</h1><figure>{chart}</figure></body></html>"""


def median_time(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_times(code: str, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def process_time(code: str, runs: int = 3) -> float:
    return statistics.median(process_times(code, runs))


def speed() -> None:
    setup = "import sys; sys.path.insert(0, 'tests'); from timeline_cases import *; "
    print(f"import briefing.timeline, whole process: {process_time('import briefing.timeline') * 1000:.0f} ms")
    first = setup + "from briefing import timeline; timeline.chart_svg(generated_events(20), AS_OF)"
    print(f"first 20-event chart, whole process (imports matplotlib): {process_time(first) * 1000:.0f} ms")
    events = generated_events(20)
    timeline.chart_svg(events, AS_OF)  # import matplotlib, warm the font cache
    warm = median_time(lambda: timeline.chart_svg(events, AS_OF, href=lambda e: f"#event-{e.id}"), 15)
    print(f"20 events drawn after import (SVG, median of 15): {warm * 1000:.0f} ms  [target <= 150 ms]")
    big = setup + "from briefing import timeline; timeline.chart_svg(generated_events(500), AS_OF, href=lambda e: '#')"
    times = process_times(big, 5)
    print(
        f"500 events, whole process: median {statistics.median(times):.2f} s, fastest {min(times):.2f} s "
        "of 5  [target <= 2 s]"
    )
    svg = timeline.chart_svg(generated_events(500), AS_OF)
    print(f"500 events: SVG {len(svg) / 1024:.0f} KiB")


def weasyprint(name: str, events: object, as_of: object) -> None:
    from weasyprint import HTML

    svg = timeline.chart_svg(events, as_of, href=lambda e: f"#event-{e.id}")  # type: ignore[arg-type]
    inline = _SVG_METADATA.sub("", _XML_PROLOG.sub("", svg.decode(), count=1))
    variants = {"inline SVG": (inline, 0.0)}
    for dpi in (200, 300):
        start = time.perf_counter()
        png = timeline.chart_png(events, as_of, dpi=dpi)  # type: ignore[arg-type]
        made = time.perf_counter() - start
        img = f'<img alt="timeline" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
        variants[f"PNG {dpi} dpi ({len(png) / 1024:.0f} KiB)"] = (img, made)
    print(f"{name}: one A4 page with the chart, WeasyPrint write_pdf (median of 5)")
    blank = median_time(lambda: HTML(string=PAGE.format(chart="")).write_pdf(), 5)
    print(f"  no chart: {blank * 1000:.0f} ms")
    for label, (chart, made) in variants.items():
        html = PAGE.format(chart=chart)
        pdf = HTML(string=html).write_pdf()
        took = median_time(lambda html=html: HTML(string=html).write_pdf(), 5)  # type: ignore[misc]
        extra = f", +{made * 1000:.0f} ms to draw the PNG" if made else ""
        print(f"  {label}: {took * 1000:.0f} ms{extra}, PDF {len(pdf) / 1024:.0f} KiB")


def main() -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (other work on the machine slows every figure)")
    speed()
    model = check(ROOT).model
    if model is None:
        print("shipped briefing does not load: run 'briefing check'")
        return
    weasyprint(
        f"shipped briefing ({len(model.content.events)} events)", model.content.events, model.content.briefing.as_of
    )
    weasyprint("50 generated events", generated_events(50), AS_OF)


if __name__ == "__main__":
    main()
