"""Source readers (briefing add, and the re-extraction briefing check does): seconds per format.

Makes its inputs: a PDF of PAGES pages with WeasyPrint (varied words, a heading, running heads),
the saved news page of tests/fixtures/add, a Windows-1252 text. Prints the median of RUNS
extractions each, then a check of a project holding the three, with the re-extraction cache
empty (cold: what CI and a new machine pay) and filled (warm: every later check).

    python benchmarks/bench_readers.py [PAGES] [RUNS]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing.load.readers import reader_for  # noqa: E402

WORDS = ["the", "court", "heard", "a", "witness", "lorry", "harbour", "council", "appeal", "ferry", "night", "report"]


def make_inputs(folder: Path, pages: int) -> list[Path]:
    from weasyprint import HTML

    draw = random.Random(3)

    def sentence() -> str:
        return " ".join(draw.choice(WORDS) for _ in range(draw.randint(8, 20))).capitalize() + "."

    paras = "".join(f"<p>{' '.join(sentence() for _ in range(6))}</p>" for _ in range(pages * 4))
    css = "<style>@page { @bottom-right { content: 'Page ' counter(page) } }</style>"
    pdf = folder / "ruling.pdf"
    HTML(string=f"<html>{css}<body><h1>Ruling</h1>{paras}</body></html>").write_pdf(pdf)
    page = folder / "page.html"
    page.write_bytes((REPO / "tests" / "fixtures" / "add" / "harbour-daily.html").read_bytes())
    wire = folder / "wire.txt"
    wire.write_bytes(("Café owners said the “strike” would cost €2,000 a day.\r\n" * 200).encode("windows-1252"))
    return [pdf, page, wire]


def timed(path: Path, runs: int) -> float:
    reader = reader_for(path.name)
    assert reader is not None
    raw = path.read_bytes()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        reader.extract(raw)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def check_seconds(project: Path, tmp: Path) -> float:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", "-C", str(project), "check"], env=env, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "story"
        folder.mkdir()
        inputs = make_inputs(folder, pages)
        print("| input | median s | per page s |")
        print("|---|---:|---:|")
        from pypdf import PdfReader

        made = len(PdfReader(inputs[0]).pages)
        for path in inputs:
            seconds = timed(path, runs)
            per_page = f"{seconds / made:.3f} ({made} pages)" if path.suffix == ".pdf" else ""
            print(f"| {path.name} ({path.stat().st_size // 1024} KB) | {seconds:.3f} | {per_page} |")
        project = Path(scratch) / "project"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run(
            [sys.executable, "-m", "briefing", "new", str(project), *map(str, inputs)],
            env=env,
            check=True,
            capture_output=True,
        )
        cache = Path(scratch) / "tmp"
        cache.mkdir()
        print(f"check, re-extraction cache empty: {check_seconds(project, cache):.2f} s")
        print(f"check, cache filled:             {check_seconds(project, cache):.2f} s")


if __name__ == "__main__":
    main()
