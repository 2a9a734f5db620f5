"""Results kept between builds in a private per-user folder, keyed by a hash of everything that shapes them.

Users: drawn timeline charts (timeline.py), parsed YAML content files
(yamlfile.py), their converted items (content.py) and split source documents
(sources.py). Importing matplotlib and drawing cost about 0.35 s of a 0.65 s
build of the shipped briefing, and PyYAML's pure-Python parser 1.8 s of a
1,000-source check, every time, for results that change only when their input
does. A key covers the inputs' full ``repr`` (events are frozen dataclasses:
every field is in it; a YAML file's text and name), the package's code (every
module) and the versions of matplotlib, PyYAML, sentencex and Babel. The
results are deterministic, so an entry is the bytes or value a fresh run makes
(tests/test_diskcache.py, tests/test_yamlfile.py, tests/test_content.py,
tests/test_sources.py). The folder is in the temporary directory, refused if
another user owns it or others may write to it (YAML, item and document
entries are pickles); any problem with it just means computing again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

PACKAGE = Path(__file__).resolve().parent.parent
PICKLED = ".pickle"
T = TypeVar("T")


def code_files(package: Path, pattern: str = "*") -> list[Path]:
    """The package's files matching ``pattern``, sorted (no compiled caches): what a code hash covers."""
    return [p for p in sorted(package.rglob(pattern)) if p.is_file() and "__pycache__" not in p.parts]


def write_atomically(path: Path, data: bytes) -> bool:
    """Write whole or not at all (a temporary file beside it, then a rename); False when it could not."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)  # a reader never sees half a file
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


@cache
def _code_version() -> str:
    digest = hashlib.sha256()
    for path in code_files(PACKAGE, "*.py"):  # all of it: the chart also reads dates.py, model.py...
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ("matplotlib", "pyyaml", "sentencex", "babel"):  # sentencex splits, Babel knows language tags
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library} {metadata.version(library)}".encode())
    return digest.hexdigest()


def folder() -> Path | None:
    """The cache folder (created private), or None where it is missing, shared or foreign."""
    path = Path(tempfile.gettempdir()) / f"briefing-cache-{os.getuid()}"
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


def read(name: str, suffix: str) -> bytes | None:
    """The entry ``name`` if the folder is usable and holds it, else None."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / f"{name}{suffix}").read_bytes()
    except OSError:
        return None


def read_pickled(name: str, of: type[T]) -> T | None:
    """The entry ``name`` stored as a pickle of an ``of``, else None (none, or not whole: a truncated entry
    fails to load in many ways, and the caller computes it again)."""
    stored = read(name, PICKLED)
    if stored is None:
        return None
    with contextlib.suppress(Exception):
        found = pickle.loads(stored)
        if isinstance(found, of):
            return found
    return None


def store_pickled(name: str, value: object) -> None:
    store(name, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), PICKLED)


def has(name: str, suffix: str) -> bool:
    """Whether the entry ``name`` is there (it may still turn out truncated when read)."""
    where = folder()
    return where is not None and (where / f"{name}{suffix}").is_file()


def store(name: str, data: bytes, suffix: str) -> None:
    """Keep ``data`` as the entry ``name`` for next time (best effort: whole or absent)."""
    where = folder()
    if where is not None:
        write_atomically(where / f"{name}{suffix}", data)


def cached(name: str, draw: Callable[[], bytes], suffix: str = ".svg") -> bytes:
    """The entry ``name`` if present, else ``draw()``, stored for next time (best effort)."""
    found = read(name, suffix)
    if found is not None:
        return found
    data = draw()
    store(name, data, suffix)
    return data
