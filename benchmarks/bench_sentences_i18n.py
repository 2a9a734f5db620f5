"""Splitting other languages: accuracy on the fixture texts and speed, sentencex and pysbd against ours.

Run: python benchmarks/bench_sentences_i18n.py
Accuracy: of the fixture cases in tests/fixtures/sentences_i18n.txt, how many come back exactly as
expected, and how many expected sentences are found. Speed: ms per 1,000 sentences, the fixture
passages repeated, median of 15 runs. pysbd is optional (pip install pysbd) and has no Ukrainian.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sentencex

from briefing.load import multilingual

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_sentences_i18n import CASES

Splitter = Callable[[str, str], list[str]]


def ours(language: str, text: str) -> list[str]:
    return [text[s.start : s.end] for s in multilingual.split(text, 0, language)]


def raw_sentencex(language: str, text: str) -> list[str]:
    return [s.strip() for s in sentencex.segment(language, text) if s.strip()]


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"sentencex (raw)": raw_sentencex, "ours (sentencex + corrections)": ours}
    try:
        import pysbd  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return found

    def with_pysbd(language: str, text: str) -> list[str]:
        segmenter = pysbd.Segmenter(language=language, clean=False)
        return [s.strip() for s in segmenter.segment(text) if s.strip()]

    found["pysbd (raw)"] = with_pysbd
    return found


def accuracy(split: Splitter) -> tuple[int, int, int, int]:
    exact = found = total = 0
    for _name, language, text, expected in CASES:
        try:
            got = split(language, text)
        except ValueError:
            got = []
        exact += got == expected
        found += len(set(got) & set(expected))
        total += len(expected)
    return exact, len(CASES), found, total


def speed(split: Splitter) -> float:
    usable = [(lang, text) for _n, lang, text, _e in CASES]
    sentences = sum(len(e) for _n, _l, _t, e in CASES) * 20
    runs = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(20):
            for language, text in usable:
                with contextlib.suppress(ValueError):  # pysbd refuses Ukrainian
                    split(language, text)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000 * 1000 / sentences


def main() -> None:
    print("| Splitter | cases exact | sentences found | ms / 1,000 sentences |")
    print("|---|---|---|---|")
    for name, split in splitters().items():
        exact, cases, found, total = accuracy(split)
        print(f"| {name} | {exact}/{cases} | {found}/{total} | {speed(split):.1f} |")


if __name__ == "__main__":
    main()
