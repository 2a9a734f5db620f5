"""Strict YAML loading: libyaml's event parser (the fast path) against the pure-Python parser.

Run: python benchmarks/bench_yaml.py [N]   (default N = 1,000 generated sources)

Parses the content files of a generated corpus (benchmarks/corpus.py) with each
parser through the same strict builder, and prints the median of three runs.
The disk cache is bypassed: this is the cold cost of parsing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402

from briefing.load import yamlfile  # noqa: E402


def seconds(texts: list[tuple[str, str]], fast: bool) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for name, text in texts:
            if fast and yamlfile._fast_parser_agrees_on(text):
                yamlfile._build(text, name, yamlfile.yaml.CSafeLoader)
            else:
                yamlfile._build(text, name, yamlfile.yaml.SafeLoader)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        corpus.generate(n, Path(folder))
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("content/*.yaml"))]
    size = sum(len(text.encode()) for _, text in texts) / 1e6
    pure, fast = seconds(texts, fast=False), seconds(texts, fast=True)
    print(f"N = {n}: {size:.2f} MB of YAML; pure parser {pure:.2f} s, libyaml events {fast:.2f} s ({pure / fast:.1f}x)")


if __name__ == "__main__":
    main()
