"""core/forked.py: a map shared among forked processes gives a sequential map's results, and its exceptions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from briefing.build import check
from briefing.core import diskcache, forked
from briefing.core.forked import forked_map
from briefing.load import content

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_from_every_process() -> None:
    found = forked_map(_square_with_pid, list(range(10)), [1] * 10, workers=3)
    assert [square for square, _ in found] == [n * n for n in range(10)]
    assert len({pid for _, pid in found}) == 3  # three processes did the work
    assert os.getpid() in {pid for _, pid in found}  # the parent did its share


def test_the_heaviest_items_are_spread_first() -> None:
    assert forked._deal([5, 1, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4, 5]]
    assert forked._deal([3, 3, 2, 2], 2) == [[0, 2], [1, 3]]
    assert forked._deal([1, 1], 4) == [[0], [1]]  # no more processes than items


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("item 3 is broken")
    return n


def test_an_exception_in_a_child_is_raised_here_as_a_sequential_map_raises_it() -> None:
    shares = forked._deal([1] * 6, 2)
    assert 3 not in shares[0]  # item 3 is a child's
    with pytest.raises(ValueError, match="item 3 is broken"):
        forked_map(_fails_on_three, list(range(6)), [1] * 6, workers=2)


def _unpicklable(n: int) -> object:
    return (lambda: n) if n % 2 else n  # a lambda cannot travel back through pickle


def test_a_result_a_child_cannot_send_is_made_here() -> None:
    found = forked_map(_unpicklable, list(range(4)), [1] * 4, workers=2)
    assert [f() if callable(f) else f for f in found] == [0, 1, 2, 3]


def test_one_worker_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked"))
    assert forked_map(_square_with_pid, [1, 2], [1, 1], workers=1)[1][0] == 4


def _broken(project: Path) -> Path:
    """The generated briefing with problems in several list files: every diagnostic must survive the trip."""
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("status: occurred", "status: happened", 3), encoding="utf-8")
    actors = project / "content" / "actors.yaml"
    actors.write_text(actors.read_text().replace("  kind: person", "  kind: persn", 2), encoding="utf-8")
    statements = project / "content" / "statements.yaml"
    statements.write_text(statements.read_text() + "- id: [not, an, id]\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("broken", [False, True])
def test_content_loaded_in_parallel_equals_content_loaded_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    project = corpus.generate(20, tmp_path / "corpus")
    if broken:
        _broken(project)
    monkeypatch.setattr(diskcache, "folder", lambda: None)  # items converted each time, so the children do it
    monkeypatch.setattr(content, "PARALLEL_FROM", 10**12)
    monkeypatch.setattr(content, "usable_cpus", lambda: 2)
    alone = content.load_content(project)
    here = check(project)
    monkeypatch.setattr(content, "PARALLEL_FROM", 0)
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    shared = content.load_content(project)
    assert forks  # the parallel path ran
    assert shared == alone
    assert check(project).diagnostics == here.diagnostics
    assert bool(here.diagnostics) == broken


def test_list_files_whose_items_are_all_kept_are_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = corpus.generate(60, tmp_path / "corpus")  # list files large enough to be kept
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(content, "PARALLEL_FROM", 0)
    monkeypatch.setattr(content, "usable_cpus", lambda: 2)
    first = content.load_content(project)  # converted (in children), kept
    assert list((tmp_path / "cache").glob("items-*.pickle"))
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked to read the cache"))
    assert content.load_content(project) == first


def test_a_process_with_threads_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from briefing.publish.workers import workers_for

    release = threading.Event()
    server = threading.Thread(target=release.wait)  # as briefing serve's HTTP thread
    server.start()
    try:
        monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked beside a thread"))
        assert [square for square, _ in forked_map(_square_with_pid, [1, 2, 3], [1, 1, 1], workers=3)] == [1, 4, 9]
        assert workers_for(4, 10_000) == 1 and forked.usable_cpus() == 1
    finally:
        release.set()
        server.join()
