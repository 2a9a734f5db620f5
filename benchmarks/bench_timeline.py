"""Timeline chart speed, and SVG against PNG inside WeasyPrint.

Run: python benchmarks/bench_timeline.py [--sizes [N ...]]
Prints figures, asserts nothing (speed targets are reported, never tested):

- ``--sizes``: only the chart as index.html embeds it (bytes, elements, <use>, <text>) for the
  shipped briefing and generated corpora (benchmarks/corpus.py; default N = 100 1000 5000, written
  once under $TMPDIR/briefing-bench-corpora);

- importing briefing.outputs.timeline.chart (must not import matplotlib), and the first chart
  of a fresh process (which imports matplotlib);
- 20 events drawn as SVG once everything is imported (target <= 0.15 s);
- 500 events, whole process: python start, imports, layout, SVG (target <= 2 s);
- the shipped briefing's chart, and 50 generated events, in a one-page PDF:
  inline SVG, SVG as an <img> (glyph outlines or <text>), and a PNG <img> at 200
  and 300 dpi (time, PDF size).
"""

from __future__ import annotations

import base64
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
from timeline_cases import AS_OF, generated_events  # noqa: E402

from briefing.build import check  # noqa: E402
from briefing.outputs import render  # noqa: E402
from briefing.outputs.timeline import chart as timeline  # noqa: E402
from briefing.outputs.timeline import draw  # noqa: E402
from briefing.outputs.views import Views  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>chart</title>
<style>@page {{ size: A4; margin: 2cm }} body {{ font: 10.5pt "DejaVu Serif" }}
figure {{ margin: 0 }} svg, img {{ max-width: 100%; height: auto }}</style></head>
<body><h1>Timeline</h1><figure>{chart}</figure></body></html>"""


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU seconds of several runs.

    The CPU time (user + system) is what a quiet machine would take as wall time;
    the wall time on a busy shared machine can be twice that.
    """

    wall: float
    cpu: float
    fastest: float

    def ms(self) -> str:
        return f"{self.wall * 1000:.0f} ms wall, {self.cpu * 1000:.0f} ms CPU"

    def s(self) -> str:
        return f"{self.wall:.2f} s wall (fastest {self.fastest:.2f} s), {self.cpu:.2f} s CPU"


def timed(run: Callable[[], object], runs: int) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), min(walls))


def median_time(run: Callable[[], object], runs: int) -> float:
    return timed(run, runs).wall


def process(code: str, runs: int = 3) -> Timing:
    """A fresh ``python -c code`` each run; CPU from the children's resource usage."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(walls), statistics.median(cpus), min(walls))


def speed() -> None:
    setup = (
        "import sys; sys.path.insert(0, 'tests'); from timeline_cases import *; "
        "from briefing.outputs.timeline import chart as timeline; "
    )
    print(f"import the chart module, whole process: {process('import briefing.outputs.timeline.chart').ms()}")
    first = setup + "timeline.chart_svg(generated_events(20), AS_OF)"
    print(f"first 20-event chart, whole process (imports matplotlib): {process(first).ms()}")
    events = generated_events(20)
    timeline.chart_svg(events, AS_OF)  # import matplotlib, warm the font cache
    warm = timed(lambda: timeline.chart_svg(events, AS_OF, href=lambda e: f"#event-{e.id}"), 15)
    print(f"20 events drawn after import (SVG, median of 15): {warm.ms()}  [target <= 150 ms]")
    big = setup + "timeline.chart_svg(generated_events(500), AS_OF, href=lambda e: '#')"
    print(f"500 events, whole process (median of 5): {process(big, 5).s()}  [target <= 2 s]")
    svg = timeline.chart_svg(generated_events(500), AS_OF)
    print(f"500 events: SVG {len(svg) / 1024:.0f} KiB")


def weasyprint(name: str, events: object, as_of: object) -> None:
    from weasyprint import HTML

    svg = timeline.chart_svg(events, as_of, href=lambda e: f"#event-{e.id}")  # type: ignore[arg-type]
    outlines = draw.render(events, as_of, "svg", href=None, dpi=72)  # type: ignore[arg-type]
    text = draw.render(events, as_of, "svg", href=None, dpi=72, glyphs=False)  # type: ignore[arg-type]

    def image(data: bytes) -> str:
        return f'<img alt="timeline" src="data:image/svg+xml;base64,{base64.b64encode(data).decode()}">'

    variants = {
        "inline SVG (svg.py, the page's)": (svg.decode(), 0.0),
        "SVG as <img> (svg.py, the handout's)": (image(svg), 0.0),
        "matplotlib SVG, glyph outlines, as <img> (before issue 18)": (image(outlines), 0.0),
        "matplotlib SVG with <text>, as <img>": (image(text), 0.0),
    }
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


def sizes(ns: list[int]) -> None:
    """The chart as index.html embeds it, for the shipped briefing and generated corpora of ``ns`` sources."""
    import re
    import tempfile

    from briefing.core import diskcache

    diskcache.folder = lambda: None  # type: ignore[assignment]  # draw every chart: the time is the drawing's

    projects = [("shipped briefing", ROOT)]
    for n in ns:
        root = Path(tempfile.gettempdir()) / "briefing-bench-corpora" / str(n)
        if not (root / "content").exists():
            corpus.generate(n, root)
        projects.append((f"N = {n:,}", root))
    print("| Project | Events | Chart bytes | Elements | <use> | <text> | Drawn in (no cache, imports included) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, root in projects:
        model = check(root).model
        assert model is not None, f"{root} does not load"
        events = Views(model, {}).timeline()
        start = time.perf_counter()
        svg = str(render.chart_svg(events, model))
        took = time.perf_counter() - start
        elements = len(re.findall(r"<[a-zA-Z]", svg))
        row = f"| {name} | {len(events):,} | {len(svg.encode()):,} | {elements:,} | {svg.count('<use'):,}"
        print(f"{row} | {svg.count('<text'):,} | {took:.2f} s |", flush=True)


def main() -> None:
    if "--sizes" in sys.argv:
        sizes([int(a) for a in sys.argv[sys.argv.index("--sizes") + 1 :]] or [100, 1000, 5000])
        return
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
