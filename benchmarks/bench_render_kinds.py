"""Rendering only, by kind of page: CPU seconds for the actor pages, the source pages, the lists...

Run: python benchmarks/corpus.py 1000 /tmp/n1000
     python benchmarks/bench_render_kinds.py /tmp/n1000 [--runs 2] [--hashes OUT.json]

Checks the project once (not timed), then makes every page in one process with
``site_pages.page_tasks`` (no chart cache is emptied: the briefing page's row includes whatever
the chart costs) and adds up the CPU time (``time.process_time``: steadier than wall time on a
shared machine) spent making each kind of page; the fastest of ``--runs`` per kind is printed.
``--hashes`` writes each page's SHA-256, to compare two versions' pages byte for byte.
Figures only: nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from briefing.build import check
from briefing.model.facts import Model
from briefing.outputs.site_pages import page_tasks

BUILT = datetime(2023, 11, 14, tzinfo=UTC)


def kind(rel: str) -> str:
    """``actor`` for actors/x.html, ``source``, ``dispute``; a list's pages by its name (``statements``)."""
    folder = {"sources": "source", "actors": "actor", "disputes": "dispute"}
    if "/" in rel:
        return folder.get(rel.split("/", 1)[0], rel.split("/", 1)[0])
    if rel in ("index.html", "search.html") or not rel.endswith(".html"):
        return "index, search, assets"
    return f"{rel.removesuffix('.html').split('-')[0]} list"


def _made(model: Model, links: dict[str, tuple[str, ...]], project: Path) -> Iterator[tuple[str, bytes]]:
    """Each page as it is made: what the pages share is made at the first, as a build makes it."""
    for rel, make in page_tasks(model, links, project, BUILT):
        yield rel, make()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--hashes", type=Path)
    args = parser.parse_args()
    checked = check(args.project)
    assert checked.model is not None, "the project does not load: run briefing check"
    best: dict[str, float] = {}
    counts: dict[str, int] = defaultdict(int)
    hashes: dict[str, str] = {}
    totals = []
    for _ in range(args.runs):
        times: dict[str, float] = defaultdict(float)
        counts.clear()
        start = last = time.process_time()
        for rel, page in _made(checked.model, checked.links, args.project):
            now = time.process_time()
            times[kind(rel)] += now - last
            counts[kind(rel)] += 1
            hashes[rel] = hashlib.sha256(page).hexdigest()
            last = time.process_time()
        totals.append(time.process_time() - start)
        for name, spent in times.items():
            best[name] = min(best.get(name, spent), spent)
    for name in sorted(best, key=lambda k: -best[k]):
        each = best[name] / counts[name] * 1000
        print(f"{name:18s} {counts[name]:5d} pages {best[name]:6.2f} s  {each:7.2f} ms a page")
    print(f"{'all':18s} {sum(counts.values()):5d} pages {min(totals):6.2f} s (fastest run)")
    if args.hashes:
        args.hashes.write_text(json.dumps(hashes, sort_keys=True, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
