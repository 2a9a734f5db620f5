"""PDF handout speed: where the time goes, the chart's format, and whether a worker process helps.

Run: python benchmarks/bench_pdf.py [--overlap]
Reports best-of-N wall times (the machine is shared, so the minimum is the
fairest figure) for: importing WeasyPrint, rendering the handout's HTML,
WeasyPrint's layout and PDF writing, and the chart embedded three ways (inline
SVG, SVG as an image, PNG). With --overlap, also a whole build with the PDF
made after the site (as briefing does) against one forked worker making the PDF
while the main process renders the site. Figures are recorded in
benchmarks/pdf.md; nothing here is asserted by tests.
"""

from __future__ import annotations

import base64
import multiprocessing
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def best(step: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import weasyprint; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout) for _ in range(3)
    ]
    return min(runs)


def stages(project: Path) -> None:
    from briefing.build import check
    from briefing.core.epoch import build_time
    from briefing.outputs.handout import handout_html, metadata
    from briefing.outputs.pdf import render_pdf
    from briefing.outputs.timeline.chart import chart_png, chart_svg
    from briefing.outputs.views import Views

    checked = check(project)
    assert checked.model is not None, "content does not load; run 'briefing check'"
    model, built = checked.model, build_time()
    html = handout_html(model, checked.links, project, built)
    meta = metadata(model, built)
    site = project / "site"
    print(f"{project.name or 'project'}:")
    seconds = best(lambda: handout_html(model, checked.links, project, built))
    print(f"  handout HTML (partials, notes, chart): {seconds:.2f} s")
    data, _ = render_pdf(html, site, metadata=meta)
    assert data is not None
    seconds = best(lambda: render_pdf(html, site, metadata=meta))
    print(f"  WeasyPrint layout + PDF: {seconds:.2f} s, {len(data) / 1024:.0f} KiB")

    events = Views(model, checked.links).timeline()
    svg = chart_svg(events, model.content.briefing.as_of, title="Timeline")
    png = chart_png(events, model.content.briefing.as_of, dpi=200)
    image = re.search(r'<img src="data:image/svg\+xml[^"]*"[^>]*>', html)
    assert image is not None
    inline = re.sub(rb"^<\?xml[^>]*>\s*", b"", svg).decode("utf-8")
    variants = {
        "SVG as <img> (used)": html,
        "inline <svg>": html.replace(image.group(0), inline),
        "PNG 200 dpi": html.replace(image.group(0), f'<img alt="chart" src="data:image/png;base64,{_b64(png)}">'),
        "none (baseline)": html.replace(image.group(0), ""),
    }
    for name, variant in variants.items():
        seconds = best(lambda v=variant: render_pdf(v, site, metadata=meta))  # type: ignore[misc]
        out, found = render_pdf(variant, site, metadata=meta)
        size = len(out or b"") / 1024
        print(f"  chart {name}: {seconds:.2f} s, {size:.0f} KiB, {len(found)} WeasyPrint warnings")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _whole(project: Path, fork: bool) -> float:
    from briefing.build import Settings, check, site_files
    from briefing.core.epoch import build_time
    from briefing.outputs.handout import handout_pdf

    start = time.perf_counter()
    checked = check(project)
    assert checked.model is not None
    model, settings = checked.model, Settings(project, project / "site", pdf=False)
    if not fork:
        files = site_files(model, checked, settings, build_time()).files
        handout_pdf(model, checked.links, project, settings.out_dir, build_time(), files=files)
        return time.perf_counter() - start

    def work(queue: Any) -> None:
        queue.put(handout_pdf(model, checked.links, project, settings.out_dir, build_time()).pdf)

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=work, args=(queue,))
    worker.start()
    site_files(model, checked, settings, build_time())
    queue.get()
    worker.join()
    return time.perf_counter() - start


def overlap(project: Path, runs: int = 5) -> None:
    for fork in (False, True):
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.bench_pdf import _whole; "
        code += f"from pathlib import Path; print(_whole(Path({str(project)!r}), {fork}))"
        times = [
            float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
            for _ in range(runs)
        ]
        label = "worker process for the PDF" if fork else "sequential (site, then PDF)"
        print(f"  whole build, {label}: best {min(times):.2f} s of {runs}")


def main() -> None:
    print(f"import weasyprint: {import_time():.2f} s (paid only when a PDF is built)")
    for project in (ROOT, ROOT / "tests" / "demo"):
        stages(project)
    if "--overlap" in sys.argv:
        overlap(ROOT)


if __name__ == "__main__":
    main()
