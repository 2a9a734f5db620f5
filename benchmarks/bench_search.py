"""The offline search at N sources: index size, and query time in headless Chromium (from file://).

Run: python benchmarks/bench_search.py [N]   (default 1,000; builds a corpus.py project without the PDF)

Prints the size of search-index.js (raw and gzip), the time to load the search page with
its index, the first query (which folds every record once) and the median of later
queries, each measured inside the page with performance.now().
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = ("harbour", "ministry of ports", "said day 3", "Ruiz", "zzzz-no-match", "the", "closure week")


def build(n: int, work: Path) -> Path:
    project = work / "project"
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(n), str(project)], check=True, capture_output=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "briefing", "-C", str(project), "build", "--no-pdf"]
    subprocess.run(command, check=True, capture_output=True, env=env)
    return project / "site"


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    index = (site / "search-index.js").read_bytes()
    print(f"search-index.js: {len(index) / 1e6:.2f} MB, {len(gzip.compress(index)) / 1e6:.2f} MB gzipped")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "search.html").as_uri())
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        print(f"search page loaded (with its index): {loaded:.0f} ms")
        timings: list[float] = []
        for query in QUERIES * 3:
            took = page.evaluate(
                """q => { const box = document.getElementById('search-page-q'); box.value = q;
                          const t = performance.now();
                          box.form.dispatchEvent(new Event('submit', {cancelable: true}));
                          return performance.now() - t; }""",
                query,
            )
            timings.append(took)
            if len(timings) <= len(QUERIES):
                print(f"  {query!r}: {took:.1f} ms, {page.inner_text('#search-status')}")
        print(f"first query (folds every record once): {timings[0]:.1f} ms")
        later = timings[1:]
        print(f"later queries, median of {len(later)}: {statistics.median(later):.1f} ms (max {max(later):.1f})")
        browser.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as work:
        site = build(n, Path(work))
        print(f"N = {n}: {sum(1 for _ in (site / 'sources').glob('*.html'))} source pages")
        measure(site)


if __name__ == "__main__":
    main()
