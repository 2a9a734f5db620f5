"""The site's files made by several processes at once: the pages of a large briefing take most of a build.

Each task is a file's path and the call that makes it (bytes, or text piece by
piece for data.json). With more than one worker, the checked model is shared by
``fork`` (copy on write: nothing is pickled), every process takes the next task
from a shared counter and writes its file straight into the staging folder, and
the children send back what they wrote (paths and SHA-256) or the diagnostics of
a failure. Which process makes a file changes nothing in it: a parallel build's
bytes are a sequential build's (tests/test_workers.py). Without ``os.fork``
(Windows), in a process with threads (core/forked.py), or for a few files, the tasks run here.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
import traceback
from collections.abc import Collection, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from briefing.core.diagnostics import BriefingError, Diagnostic
from briefing.core.forked import can_fork, fork_worker, usable_cpus
from briefing.outputs.files import Task
from briefing.publish.output import Staging, put

MIN_PARALLEL_TASKS = 10
"""Below this many files, one process. A fork costs milliseconds: even the shipped briefing's 20 files
are made faster by two (its chart, its card and the templates' compiling in parallel: 2.98 -> 2.38 s cold,
1.17 -> 1.07 s warm, --no-pdf, on 2 CPUs)."""


@dataclass(frozen=True)
class _Report:
    """What a child sends back: the files it wrote, or why it stopped."""

    digests: dict[str, str]
    diagnostics: tuple[Diagnostic, ...] = ()
    crash: str = ""


class WorkerCrash(RuntimeError):
    """A bug in a child process: its traceback, so that it is not lost."""


def workers_for(asked: int, tasks: int) -> int:
    """``asked`` (0: one per usable CPU, at most 4, and only for many files), 1 without fork."""
    if not can_fork():
        return 1
    if asked > 0:
        return asked
    return usable_cpus() if tasks >= MIN_PARALLEL_TASKS else 1


def make_files(
    tasks: Sequence[Task], out: MutableMapping[str, bytes], workers: int = 1, first: Collection[str] = ()
) -> None:
    """Make every task's file into ``out``; with ``workers`` > 1 and ``out`` a staging folder, in parallel.

    ``out`` ends the same either way, its entries in task order. Raises BriefingError with the
    diagnostics of every process that met one (a broken template), WorkerCrash for a child's bug."""
    if workers <= 1 or not isinstance(out, Staging) or len(tasks) < 2 or not can_fork():
        for rel, make in tasks:
            put(out, rel, make())
        return
    # The slow files (``first``) are dealt first: one of them last would keep one process busy alone.
    dealt = [t for t in tasks if t[0] in first] + [t for t in tasks if t[0] not in first]
    _in_parallel(dealt, out, workers)
    _merge_order(tasks, out)


def _in_parallel(tasks: Sequence[Task], out: Staging, workers: int) -> None:
    counter = get_context("fork").Value("q", 0)
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the collector's passes would otherwise copy every page of the shared model into each child
    children: list[tuple[int, int]] = []
    try:
        for _ in range(workers - 1):
            read, write = os.pipe()
            pid = fork_worker()
            if pid == 0:  # the child: never returns (os._exit), so the parent's cleanup never runs twice
                os.close(read)
                _child(tasks, out, counter, write)
            os.close(write)
            children.append((pid, read))
        own = _own_share(tasks, out, counter)
    except BaseException:
        _stop(counter, len(tasks))
        _collect(children)
        raise
    finally:
        gc.unfreeze()
    reports = [own, *_collect(children)]
    _merge(tasks, out, reports)


def _next(counter: Any, total: int) -> Iterator[int]:
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= total:
            return
        yield index


def _stop(counter: Any, total: int) -> None:
    """Every process takes no further task (one has failed: the build fails whatever the others make)."""
    with counter.get_lock():
        counter.value = total


def _own_share(tasks: Sequence[Task], out: Staging, counter: Any) -> _Report:
    made: dict[str, str] = {}
    try:
        for index in _next(counter, len(tasks)):
            rel, make = tasks[index]
            put(out, rel, make())
            made[rel] = out.digests[rel]
    except BriefingError as exc:
        _stop(counter, len(tasks))
        return _Report(made, tuple(exc.diagnostics))
    return _Report(made)


def _child(tasks: Sequence[Task], out: Staging, counter: Any, write: int) -> None:
    try:
        try:
            report = _own_share(tasks, out, counter)
        except BaseException:
            _stop(counter, len(tasks))
            report = _Report({}, crash=traceback.format_exc())
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(report, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def _collect(children: list[tuple[int, int]]) -> list[_Report]:
    """Each child's report (read before waiting: a long report fills the pipe until it is read)."""
    reports = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            raw = pipe.read()
        os.waitpid(pid, 0)
        with contextlib.suppress(pickle.UnpicklingError, EOFError):
            reports.append(pickle.loads(raw))
            continue
        reports.append(_Report({}, crash=f"worker {pid} ended without a report"))
    return reports


def _merge(tasks: Sequence[Task], out: Staging, reports: list[_Report]) -> None:
    crashes = [r.crash for r in reports if r.crash]
    if crashes:
        raise WorkerCrash("a build worker failed:\n" + "\n".join(crashes))
    diagnostics = [d for r in reports for d in r.diagnostics]
    if diagnostics:
        raise BriefingError(*diagnostics)
    for report in reports:
        out.digests.update(report.digests)


def _merge_order(tasks: Sequence[Task], out: Staging) -> None:
    """The manifest's order is the tasks', as a sequential build's."""
    for rel, _ in tasks:
        out.digests[rel] = out.digests.pop(rel)
