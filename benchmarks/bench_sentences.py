"""Sentence-splitter speed: milliseconds per 1,000 sentences of newswire text.

Run: python benchmarks/bench_sentences.py
Uses the seed sentences (with their quotes, abbreviations and an ellipsis),
repeated into paragraphs, and reports the median of several runs.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from briefing.load.sentences import split

ROOT = Path(__file__).resolve().parent.parent


def corpus(target: int = 1000) -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    paragraphs, count = [], 0
    while count < target:
        for line in lines:
            paragraphs.append(line)
            count += len(split(line))
            if count >= target:
                break
    return paragraphs


def main() -> None:
    paragraphs = corpus()
    sentences = sum(len(split(p)) for p in paragraphs)
    runs = []
    for _ in range(30):
        start = time.perf_counter()
        for p in paragraphs:
            split(p)
        runs.append(time.perf_counter() - start)
    per_thousand = statistics.median(runs) / sentences * 1000 * 1000
    print(f"sentences: {sentences}, median {per_thousand:.2f} ms per 1,000 sentences (target <= 10 ms)")


if __name__ == "__main__":
    main()
