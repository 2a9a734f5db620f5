"""A function over a few large items, shared among processes made by ``fork``: results come back in order.

For the check's independent pieces of work (each content file parsed and converted
on its own). A child gets its items by fork (nothing is pickled on the way in),
and sends back its results pickled through a pipe. Whatever goes wrong in a child
(a bug, a result that cannot be pickled, a child killed), the parent computes those
items itself, so the results and any exception are exactly a sequential run's.
Without ``os.fork`` (Windows), in a process with threads, or with one worker, everything runs here.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
_PR_SET_PDEATHSIG = 1
MAX_AUTO_WORKERS = 4
"""Processes when none are asked for: each child is a copy of this process as it touches memory."""


def can_fork() -> bool:
    """Only a process with one thread forks: a child copies the locks other threads hold (imports, I/O) and
    would wait for ever on one (``briefing serve`` has its server's threads: it checks and renders here)."""
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def fork_worker() -> int:
    """``os.fork()``, the child set to end with its parent: a build killed outright (SIGKILL) must not leave a
    worker behind that holds the output folder's lock and writes into a staging folder no one will swap in."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent cleans up; a child just ends
        with contextlib.suppress(OSError, AttributeError):  # Linux's parent-death signal; elsewhere the child
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # ends at its next write
        if os.getppid() != parent:  # the parent died before the child asked
            os._exit(1)
    return pid


def usable_cpus() -> int:
    """CPUs this process may run on, at most MAX_AUTO_WORKERS; 1 where it cannot fork."""
    if not can_fork():
        return 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(usable, MAX_AUTO_WORKERS))


def forked_map(fn: Callable[[T], R], items: Sequence[T], weights: Sequence[int], workers: int) -> list[R]:
    """``[fn(item) for item in items]``, the items dealt to ``workers`` processes by ``weights`` (their sizes)."""
    if workers <= 1 or len(items) < 2 or not can_fork():
        return [fn(item) for item in items]
    shares = _deal(weights, workers)
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int, list[int]]] = []
    gc.freeze()  # the collector would otherwise copy the parent's objects into each child
    try:
        for share in shares[1:]:
            read, write = os.pipe()
            pid = fork_worker()
            if pid == 0:
                os.close(read)
                _child(fn, items, share, write)
            os.close(write)
            children.append((pid, read, share))
    finally:
        gc.unfreeze()
    results: dict[int, R] = {i: fn(items[i]) for i in shares[0]}
    for pid, read, share in children:
        results.update(_collect(pid, read, share))
    for i in range(len(items)):  # what a child could not give back: made here, as a sequential run would
        if i not in results:
            results[i] = fn(items[i])
    return [results[i] for i in range(len(items))]


def _deal(weights: Sequence[int], workers: int) -> list[list[int]]:
    """Item indices per process: the heaviest first, each to the lightest share so far (the parent's is first)."""
    shares: list[list[int]] = [[] for _ in range(min(workers, len(weights)))]
    loads = [0] * len(shares)
    for i in sorted(range(len(weights)), key=lambda i: -weights[i]):
        lightest = loads.index(min(loads))
        shares[lightest].append(i)
        loads[lightest] += weights[i]
    return [sorted(share) for share in shares]


def _child(fn: Callable[[T], R], items: Sequence[T], share: list[int], write: int) -> None:
    try:
        with contextlib.suppress(BaseException), os.fdopen(write, "wb") as pipe:
            pickle.dump({i: fn(items[i]) for i in share}, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)  # never the parent's cleanup (atexit, open files, the caller's finally blocks)


def _collect(pid: int, read: int, share: list[int]) -> dict[int, R]:
    with os.fdopen(read, "rb") as pipe:
        raw = pipe.read()
    os.waitpid(pid, 0)
    try:
        found = pickle.loads(raw)
    except Exception:  # nothing or half a pickle: the child failed; the parent makes its items
        return {}
    return {i: found[i] for i in share if isinstance(found, dict) and i in found}
