"""Pages a reader loads: the largest HTML page, the briefing page's size and DOM nodes, its load time in Chromium.

Run: python benchmarks/bench_pages.py [--n 5000] [--runs 5]      (generates and builds the corpus, --no-pdf)
     python benchmarks/bench_pages.py --site DIR [--runs 5]      (measures a site already built)

The load time is the navigation's ``loadEventEnd`` (file://, a fresh page each run; the median and the
fastest are printed), so it includes parsing, the stylesheet, layout of the whole page and the chart.
Figures only: nothing here is asserted by tests (tests/test_pages.py checks the sizes by a bound).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT = 1_000_000
"""Issue 18's bound for any HTML page, in bytes."""


def build(n: int, work: Path) -> Path:
    project = work / f"corpus{n}"
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(n), str(project)], check=True, capture_output=True)
    command = [sys.executable, "-m", "briefing", "-C", str(project), "build", "--no-pdf"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    return project / "site"


def sizes(site: Path) -> list[tuple[int, str]]:
    """(bytes, relative path) of every HTML page, largest first."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return sorted(pages, reverse=True)


def load(site: Path, page: str, runs: int) -> tuple[list[float], int]:
    """Load times in ms of ``page`` (a fresh browser page each run) and its DOM element count."""
    from playwright.sync_api import sync_playwright

    url = (site / page).resolve().as_uri()
    times: list[float] = []
    nodes = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(url, wait_until="load")
            times.append(tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            nodes = tab.evaluate("document.getElementsByTagName('*').length")
            tab.close()
        browser.close()
    return times, nodes


def report(site: Path, runs: int) -> None:
    found = sizes(site)
    over = [page for size, page in found if size > LIMIT]
    print(f"{len(found)} HTML pages; largest: {found[0][1]} {found[0][0] / 1e6:.3f} MB; over 1 MB: {len(over)}")
    for size, page in found[:5]:
        print(f"  {size / 1e6:8.3f} MB  {page}")
    index = (site / "index.html").stat().st_size
    times, nodes = load(site, "index.html", runs)
    print(f"index.html: {index / 1e6:.3f} MB, {nodes} elements")
    print(f"index.html load in Chromium: median {statistics.median(times):.0f} ms, fastest {min(times):.0f} ms")
    largest = found[0][1]
    if largest != "index.html":
        times, nodes = load(site, largest, runs)
        print(f"{largest} load: median {statistics.median(times):.0f} ms ({nodes} elements)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="sources in the generated corpus")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--runs", type=int, default=5, help="page loads per page (median reported)")
    args = parser.parse_args(argv)
    if args.site is not None:
        report(args.site, args.runs)
        return 0
    with tempfile.TemporaryDirectory() as work:
        report(build(args.n, Path(work)), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
