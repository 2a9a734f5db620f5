"""Files made by several processes (publish/workers.py): the same bytes as one process, every failure reported."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.build import Settings, build
from briefing.core import forked
from briefing.core.diagnostics import BriefingError, Location, error
from briefing.outputs import layout
from briefing.outputs.files import Task
from briefing.publish import workers
from briefing.publish.output import Staging
from briefing.publish.workers import WorkerCrash, make_files, workers_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="parallel making needs os.fork")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated briefing of 30 sources, split into list, actor and dispute pages (thresholds lowered)."""
    root = corpus.generate(30, tmp_path_factory.mktemp("large"))
    briefing = root / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text() + "base_url: https://example.org/large/\n", encoding="utf-8")
    return root


def _build(root: Path, out: Path, jobs: int) -> tuple[bool, tuple[tuple[str, str], ...]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "SPLIT_ROWS", 10)
        patch.setattr(layout, "PAGE_BUDGET", 12_000)
        result = build(Settings(root, out, pdf=False, jobs=jobs))
    assert result.ok, result.diagnostics
    return result.ok, result.digests


@pytest.mark.usefixtures("pinned")
def test_a_parallel_build_writes_the_same_bytes_as_one_process(large: Path, tmp_path: Path) -> None:
    _, one = _build(large, tmp_path / "one", 1)
    for jobs in (2, 3):
        _, many = _build(large, tmp_path / f"jobs-{jobs}", jobs)
        assert many == one
        assert _files(tmp_path / f"jobs-{jobs}") == _files(tmp_path / "one")
    assert any(rel.startswith("actors/") for rel, _ in one)  # the split pages were made too


@pytest.mark.usefixtures("pinned")
def test_the_demo_in_parallel_equals_the_demo_in_one_process(demo_project: Path, tmp_path: Path) -> None:
    one = build(Settings(demo_project, tmp_path / "one", pdf=False, jobs=1))
    two = build(Settings(demo_project, tmp_path / "two", pdf=False, jobs=2))
    assert one.ok and two.ok
    assert two.digests == one.digests and _files(tmp_path / "two") == _files(tmp_path / "one")


def test_a_broken_template_met_in_any_process_fails_the_build_and_keeps_the_site(large: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(large, out, 2)
    before = _files(out)
    project = tmp_path / "project"
    shutil.copytree(large, project)
    (project / "templates").mkdir()
    (project / "templates" / "actor.html").write_text("{{ actor.name | no_such_filter }}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "SPLIT_ROWS", 10)
        result = build(Settings(project, out, pdf=False, jobs=2))
    assert not result.ok
    assert any("no_such_filter" in d.message for d in result.diagnostics), result.diagnostics
    assert _files(out) == before  # the previous site, untouched
    assert not list(tmp_path.glob(".site.tmp-*"))  # no staging folder left behind


def _staging(tmp_path: Path) -> Staging:
    folder = tmp_path / "staging"
    folder.mkdir()
    return Staging(folder, "site")


def _tasks(count: int, failing: int = -1, fail: Callable[[], bytes] | None = None) -> list[Task]:
    def make(i: int) -> bytes:
        if i == failing and fail is not None:
            return fail()
        return f"page {i}\n".encode()

    return [(f"p/{i:03}.html", lambda i=i: make(i)) for i in range(count)]  # type: ignore[misc]


def test_every_file_is_written_once_and_the_digests_keep_the_tasks_order(tmp_path: Path) -> None:
    out = _staging(tmp_path)
    out["first.txt"] = b"made before"
    tasks = _tasks(200)
    make_files(tasks, out, workers=3)
    assert list(out.digests) == ["first.txt", *(rel for rel, _ in tasks)]
    assert all((out.folder / rel).read_bytes() == f"page {i}\n".encode() for i, (rel, _) in enumerate(tasks))


def test_a_diagnostic_raised_in_a_worker_reaches_the_caller(tmp_path: Path) -> None:
    def refused() -> bytes:
        raise BriefingError(error("render.failed", "template refused", Location("templates/x.html"), "fix it"))

    with pytest.raises(BriefingError) as raised:
        make_files(_tasks(200, failing=150, fail=refused), _staging(tmp_path), workers=2)
    assert [d.code for d in raised.value.diagnostics] == ["render.failed"]


def test_a_bug_in_a_worker_is_raised_with_its_traceback(tmp_path: Path) -> None:
    def bug() -> bytes:
        raise ValueError("a bug in the page code")

    with pytest.raises((WorkerCrash, ValueError)) as raised:
        make_files(_tasks(200, failing=199, fail=bug), _staging(tmp_path), workers=2)
    assert "a bug in the page code" in str(raised.value)


def test_no_worker_process_is_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    make_files(_tasks(200), _staging(tmp_path), workers=3)
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: neither running nor a zombie


def test_a_mapping_in_memory_is_filled_in_this_process(tmp_path: Path) -> None:
    files: dict[str, bytes] = {}
    make_files(_tasks(150), files, workers=2)
    assert len(files) == 150 and files["p/149.html"] == b"page 149\n"


def test_how_many_workers() -> None:
    assert workers_for(1, 10_000) == 1
    assert workers_for(3, 5) == 3  # asked for: even for a few files
    assert workers_for(0, workers.MIN_PARALLEL_TASKS - 1) == 1  # a handful of files: not worth a fork
    assert 1 <= workers_for(0, 10_000) <= forked.MAX_AUTO_WORKERS


KILLED_PARENT = """
import os, sys, time
from pathlib import Path
from briefing.publish.output import Staging
from briefing.publish.workers import make_files
marks = Path(sys.argv[1])
def slow(i):
    (marks / f"{os.getpid()}").write_text("working")
    time.sleep(0.2)
    return b"x"
staging = marks / "staging"
staging.mkdir()
make_files([(f"{i}.txt", lambda i=i: slow(i)) for i in range(400)], Staging(staging, "site"), workers=2)
"""


def test_a_build_killed_outright_takes_its_workers_with_it(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    parent = subprocess.Popen([sys.executable, "-c", KILLED_PARENT, str(tmp_path)])
    deadline = time.monotonic() + 30
    while not [p for p in tmp_path.glob("[0-9]*") if int(p.name) != parent.pid] and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = [int(p.name) for p in tmp_path.glob("[0-9]*") if int(p.name) != parent.pid]
    assert workers, "no worker started"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(workers[0]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(workers[0])  # it held the site's lock and wrote into a staging folder no one swaps in


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())
