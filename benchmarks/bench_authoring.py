"""Authoring-loop costs: one watch poll of `briefing serve`, and the curation report on a large corpus.

Run: python benchmarks/bench_authoring.py
Prints figures (median of several runs); nothing here is asserted by the tests.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing.build import check
from briefing.resolve.curation import curation_report
from briefing.tools.scaffold import create
from briefing.tools.serve import snapshot


def median_ms(fn: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def poll_cost(files: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        for i in range(files):
            (root / "content" / f"f{i}.yaml").write_text("x", encoding="utf-8")
        return median_ms(lambda: snapshot(root), runs=21)


def _name(rng: random.Random) -> str:
    letters = "abcdefghiklmnoprstuvyz"
    return rng.choice("ABCDEFGHKLMNPRSTVZ") + "".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))


def curation_cost(sources: int, sentences: int) -> tuple[float, int]:
    rng = random.Random(1)
    names = [_name(rng) for _ in range(2000)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        create(root)
        entries = []
        for s in range(sources):
            text = "Headline\n\n" + "\n\n".join(
                f"The minister {rng.choice(names)} met {rng.choice(names)} in {rng.choice(names)} on day {k}."
                for k in range(sentences)
            )
            seed = root / "seeds" / f"s{s}.txt"
            seed.write_text(text + "\n", encoding="utf-8")
            digest = hashlib.sha256(seed.read_bytes()).hexdigest()
            entries.append(f"- id: s{s}\n  file: s{s}.txt\n  sha256: {digest}\n  title: S{s}\n")
        with (root / "content" / "sources.yaml").open("a", encoding="utf-8") as f:
            f.write("".join(entries))
        checked = check(root)
        model = checked.model
        assert model is not None
        report = curation_report(model, checked.links)
        return median_ms(lambda: curation_report(model, checked.links), runs=3), len(report.variants)


def main() -> None:
    for files in (10, 500, 2000):
        print(f"serve: one watch poll over {files} files: {poll_cost(files):.2f} ms")
    ms, groups = curation_cost(50, 100)
    print(f"curation report, 50 sources x 100 sentences (2,000 random names): {ms:.0f} ms, {groups} variant groups")


if __name__ == "__main__":
    main()
