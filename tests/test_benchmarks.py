"""The benchmark corpus generator and runner: valid content, deterministic, phases reported (no timings asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.build import check
from briefing.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus
import run as bench_run


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_passes_check(tmp_path: Path) -> None:
    checked = check(corpus.generate(10, tmp_path / "p"))
    assert checked.model is not None, [d.message for d in checked.diagnostics]
    assert checked.diagnostics == []
    content = checked.model.content
    assert (len(content.sources), len(content.actors), len(content.events)) == (10, 20, 10)
    assert (len(content.statements), len(content.disputes)) == (20, 2)
    assert all(len(d.sentences) >= 25 for d in checked.model.documents)


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    first = _files(corpus.generate(7, tmp_path / "a"))
    assert first == _files(corpus.generate(7, tmp_path / "b"))
    assert first != _files(corpus.generate(8, tmp_path / "c"))


def test_build_line_reports_each_phase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = corpus.generate(3, tmp_path / "p")
    assert main(["-C", str(project), "build", "--no-pdf"]) == 0
    found = bench_run._BUILT.search(capsys.readouterr().out)
    assert found is not None
    phases = dict(bench_run._PHASE.findall(found.group(1)))
    assert {"check", "pages", "data", "write"} <= set(phases) and "pdf" not in phases


def test_runner_measures_a_whole_process(tmp_path: Path) -> None:
    project = corpus.generate(2, tmp_path / "p")
    result = bench_run.run_once(project, tmp_path / "site", ["--no-pdf"])
    assert result.wall > 0 and result.rss_mb > 10
    assert set(result.phases) == {"check", "pages", "data", "write"}
    assert (tmp_path / "site" / "index.html").is_file()
