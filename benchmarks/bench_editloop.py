"""The warm edit loop of ``briefing serve``: one edit to one source's facts, then the rebuild serve runs.

Run: python benchmarks/bench_editloop.py PROJECT [--runs 7] [--profile]

PROJECT is copied to a temporary folder. One warm-up rebuild, then each run
changes the notes of one statement (the middle one of statements.yaml) and
times what serve does on a change, in the same process: check, the pages
(carrying no handout), data.json and the other files, publishing site/.
Prints the median and the fastest run, in seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.build import Settings  # noqa: E402
from briefing.outputs.page_memo import PageMemo  # noqa: E402
from briefing.publish.output import publish  # noqa: E402
from briefing.tools.live import build_pages  # noqa: E402


def _edit(project: Path, run: int) -> None:
    """Give the middle statement without notes a note naming the run (a change to one source's facts)."""
    path = project / "content" / "statements.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n  notes: edit \d+\n", "\n", text)
    starts = [m.start() for m in re.finditer(r"^- id: ", text, re.MULTILINE)] + [len(text)]
    plain = [a for a, b in itertools.pairwise(starts) if "\n  notes:" not in text[a:b]]
    at = text.index("\n", plain[len(plain) // 2])
    path.write_text(text[:at] + f"\n  notes: edit {run}" + text[at:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-memo", action="store_true", help="make every page again (as before the memo)")
    parser.add_argument("--profile", action="store_true", help="profile one run (cumulative, top 25)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(args.project, project, ignore=shutil.ignore_patterns("site", ".site*", ".git"))
        settings = Settings(project, pdf=False)
        memo = PageMemo() if not args.no_memo else None

        def rebuild() -> None:
            done = build_pages(settings, None, lambda files: publish(settings.out_dir, files, project), memo)
            if not done.result.ok:
                raise SystemExit("\n".join(d.message for d in done.result.diagnostics))

        rebuild()  # warm: compiled templates, the chart and the parsed YAML cached as a session has them
        times = []
        for run in range(args.runs):
            _edit(project, run)
            started = time.perf_counter()
            rebuild()
            times.append(time.perf_counter() - started)
        kept = f", pages kept {memo.kept}, made {memo.made}" if memo else ""
        label = "edit loop" if memo else "edit loop (no memo)"
        median, fastest = statistics.median(times), min(times)
        print(f"{args.project}: {label} median {median:.3f} s, fastest {fastest:.3f} s{kept}")
        if args.profile:
            _edit(project, args.runs)
            profiler = cProfile.Profile()
            profiler.runcall(rebuild)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
