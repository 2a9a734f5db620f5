"""Drawn charts kept between builds, keyed by a hash of everything that shapes them.

Importing matplotlib and drawing cost about 0.35 s of a 0.65 s build of the
shipped briefing, every time, for a chart that changes only when an event does.
The key covers the chart's inputs as their full ``repr`` (events are frozen
dataclasses: every field is in it), the package's code (every module, since the
chart also uses dates.py and model.py) and the matplotlib version; drawing is deterministic (fixed SVG
metadata and hash salt), so a cached chart is the bytes a fresh drawing makes
(tests/test_chartcache.py). Entries live in a per-user folder in the temporary
directory, refused if another user owns it or others may write to it; any
problem with the folder just means drawing again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):  # all of it: the chart also reads dates.py, model.py...
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    with contextlib.suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version("matplotlib").encode())
    return digest.hexdigest()


def folder() -> Path | None:
    """The cache folder (created private), or None where it is missing, shared or foreign."""
    path = Path(tempfile.gettempdir()) / f"briefing-charts-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return path if private else None


def key(*parts: object) -> str:
    """The entry name for a chart drawn from ``parts`` (their repr) by this code and matplotlib."""
    return hashlib.sha256(f"{_code_version()}\0{parts!r}".encode()).hexdigest()


def cached(name: str, draw: Callable[[], bytes]) -> bytes:
    """The entry ``name`` if present, else ``draw()``, stored for next time (best effort)."""
    where = folder()
    if where is None:
        return draw()
    entry = where / f"{name}.svg"
    try:
        return entry.read_bytes()
    except OSError:
        pass
    data = draw()
    temporary = where / f".{name}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, entry)  # whole or absent: a reader never sees half an entry
    except OSError:
        temporary.unlink(missing_ok=True)
    return data
