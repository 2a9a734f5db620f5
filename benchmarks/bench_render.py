"""HTML rendering speed and page sizes: render_site on the shipped briefing and the demo.

Run: python benchmarks/bench_render.py
Reports the median of several runs of render.render_site (after check, which
is not timed) and the size of each page, so template changes that make pages
slow or heavy show up as figures, never as timed assertions in tests.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from briefing.build import check
from briefing.outputs.render import render_site

ROOT = Path(__file__).resolve().parent.parent
BUILT = datetime(2023, 11, 14, tzinfo=UTC)


def bench(project: Path, runs: int = 15) -> None:
    checked = check(project)
    if checked.model is None:
        print(f"{project.name}: content does not load; run 'briefing check'")
        return
    times, files = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        files = render_site(checked.model, checked.links, project, BUILT)
        times.append(time.perf_counter() - start)
    facts = sum(len(getattr(checked.model.content, k)) for k in ("actors", "events", "statements", "disputes"))
    print(f"{project.name or 'project'}: {facts} facts, median {statistics.median(times) * 1000:.1f} ms per render")
    for rel, data in sorted(files.items()):
        print(f"  {rel}: {len(data) / 1024:.1f} KiB")


def main() -> None:
    bench(ROOT)
    bench(ROOT / "tests" / "demo")


if __name__ == "__main__":
    main()
