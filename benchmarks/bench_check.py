"""The check phase stage by stage: seconds (wall and CPU) per stage, cold and warm, and RSS after the check.

    python benchmarks/bench_check.py --n 1000 --runs 3        # a corpus.py project, made in a temporary folder
    python benchmarks/bench_check.py --dir PROJECT --runs 3

Each run is a new process. **cold**: an empty ``TMPDIR`` (no YAML or document cache); **warm**: the caches
filled by an earlier run. CPU counts this process and the children it forked (the content files of a large
briefing are loaded in parallel). The stages are those of ``briefing.build.check``; no time is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("load_content", "load_documents", "resolve_content", "coverage", "validate", "check")


def _clock() -> tuple[float, float]:
    t = os.times()
    return time.perf_counter(), t.user + t.system + t.children_user + t.children_system


def measure(root: Path) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each stage of one check of ``root``, and the RSS after it as ``rss`` (MiB, MiB)."""
    from briefing.build import _collector_tuned
    from briefing.load.content import load_content
    from briefing.load.evidence import load_documents
    from briefing.resolve.coverage import cited_by, coverage, superseded
    from briefing.resolve.provenance import resolve_content
    from briefing.resolve.validate import validate

    marks = [_clock()]
    with _collector_tuned():
        content, _ = load_content(root)
        assert content is not None, "the project does not load"
        marks.append(_clock())
        documents, _ = load_documents(root, content.sources, content.briefing.language)
        marks.append(_clock())
        content, _ = resolve_content(content, documents)
        marks.append(_clock())
        cov = coverage(documents, cited_by(content, documents), superseded(content))
        marks.append(_clock())
        validate(root, content, documents, cov)
        marks.append(_clock())
    found = {name: (b[0] - a[0], b[1] - a[1]) for name, a, b in zip(STAGES, marks, marks[1:], strict=False)}
    found["check"] = (marks[-1][0] - marks[0][0], marks[-1][1] - marks[0][1])
    rss = _rss_mib()
    found["rss"] = (rss, rss)
    return found


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _one_run(root: Path, tmp: Path) -> dict[str, tuple[float, float]]:
    """One check in a new process whose temporary folder (and so the disk cache) is ``tmp``."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(root)], env=env, capture_output=True, text=True, check=True
    ).stdout
    return {name: (float(w), float(c)) for name, w, c in (line.split() for line in out.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="sources of a corpus.py project (without --dir)")
    parser.add_argument("--dir", type=Path, help="an existing project instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        for name, (wall, cpu) in measure(args.child).items():
            print(name, f"{wall:.3f}", f"{cpu:.3f}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        root = args.dir
        if root is None:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            import corpus

            root = corpus.generate(args.n, Path(scratch) / "project")
        warm = Path(scratch) / "warm"
        warm.mkdir()
        _one_run(root, warm)  # fills the caches
        runs: dict[str, list[dict[str, tuple[float, float]]]] = {"cold": [], "warm": []}
        for i in range(args.runs):
            cold = Path(scratch) / f"cold{i}"
            cold.mkdir()
            runs["cold"].append(_one_run(root, cold))
            runs["warm"].append(_one_run(root, warm))
    print(f"{'caches':6} " + " ".join(f"{name:>16}" for name in STAGES) + "  RSS MiB   (median wall / CPU s)")
    for mode, found in runs.items():
        cells = [
            f"{statistics.median(r[s][0] for r in found):7.2f}/{statistics.median(r[s][1] for r in found):<7.2f}"
            for s in STAGES
        ]
        rss = max(r["rss"][0] for r in found)
        print(f"{mode:6} " + " ".join(f"{c:>16}" for c in cells) + f"  {rss:7.0f}")


if __name__ == "__main__":
    main()
