"""Skip a build whose inputs and output are exactly those of the last successful one.

The key hashes every input a build reads: every file under content/, seeds/ and
the project's templates/, editions/ and locale/, every file of the briefing package itself (code,
default theme), the versions of the libraries that shape the output, the
settings and the build time (SOURCE_DATE_EPOCH's, else today's UTC date). The
manifest (``.<out>.manifest.json`` beside the output folder, next to its lock)
records that key, the SHA-256 of every file written and what the build reported
(its diagnostics and summary, as JSON the caller gives: build.py).
A rebuild is skipped only when the key is the same AND the output folder holds
exactly the recorded files, byte for byte; anything else builds from scratch,
so a skipped build leaves the same bytes a clean build would (tests/test_buildcache.py).

Not part of the key: system fonts, which WeasyPrint uses for the PDF. Without
SOURCE_DATE_EPOCH a skipped build keeps the PDF timestamp of the build it skips.
This module imports nothing heavy: the skip path must cost little more than
starting Python and hashing the inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from briefing.core.diskcache import code_files, write_atomically
from briefing.core.settings import SUGGESTED_DIR, Settings

FORMAT = 2
INPUT_DIRS = ("content", "seeds", "templates", "editions", "locale")
LIBRARIES = (
    *("jinja2", "babel", "markupsafe", "markdown-it-py", "matplotlib", "weasyprint", "pyyaml", "pydyf", "fonttools"),
)
# The extractors a check re-runs on originals: another version must be checked (and warned about), not skipped.
EXTRACTORS = ("trafilatura", "htmldate", "lxml", "pypdf")
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Replay:
    """What the skipped build wrote and reported."""

    files: dict[str, str]
    """Relative path -> SHA-256 of every file of the site."""
    report: dict[str, Any]


def manifest_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.manifest.json"


def _entries(root: Path, folder: Path, label: str) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Every entry under ``folder``, sorted, without following a link: (label, path, its lstat).

    A link to a folder inside the project is followed (the build reads through it), once.
    """
    seen: set[str] = set()
    real_root = os.path.realpath(root)
    stack = [(folder, label)]
    while stack:
        here, shown = stack.pop()
        real = os.path.realpath(here)
        if real in seen or not os.path.isdir(here):
            continue
        seen.add(real)
        try:
            names = sorted(os.listdir(here))
        except OSError:
            continue  # unreadable: the build reports it where it reads it
        for name in reversed(names):
            path, rel = here / name, f"{shown}/{name}"
            if name == "__pycache__" or (shown == "content" and name == SUGGESTED_DIR):
                continue  # suggestions are no input of a build
            try:
                info = path.lstat()
            except OSError:
                continue
            yield rel, path, info
            inside = _inside(path, real_root)
            if stat.S_ISDIR(info.st_mode) or (stat.S_ISLNK(info.st_mode) and inside and path.is_dir()):
                stack.append((path, rel))


def _inside(path: Path, real_root: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root + os.sep)


def _content(path: Path, info: os.stat_result, real_root: str) -> Iterator[bytes]:
    """What the key takes of one entry: a regular file's bytes (in chunks), a link's text and, when it
    points at a regular file inside the project, that file's bytes; a FIFO, device or socket only its kind.

    Never opened: a link out of the project (the build refuses it; /proc/kmsg would hang, a 3 GB file be
    read whole), a FIFO (hangs), a device (/dev/zero never ends).
    """
    if stat.S_ISLNK(info.st_mode):
        yield b"link " + os.fsencode(os.readlink(path)) + b"\0"
        if not _inside(path, real_root):
            return
        try:
            info = path.stat()
        except OSError:
            return
    if not stat.S_ISREG(info.st_mode):
        yield f"kind {stat.S_IFMT(info.st_mode)}".encode()
        return
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                yield chunk
    except OSError as exc:
        yield f"unreadable {exc.errno}".encode()


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def inputs_stamp(settings: Settings) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Every input entry's kind, size, times and inode: a write (even one undone) changes its ctime."""
    found = []
    for folder in INPUT_DIRS:
        for rel, path, info in _entries(settings.root, settings.root / folder, folder):
            found.append((rel, _stamp(info)))
            if stat.S_ISLNK(info.st_mode):
                with contextlib.suppress(OSError):
                    found.append((rel + " ->", _stamp(path.stat())))
    return tuple(found)


def _library(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} none"


def inputs_key(settings: Settings, built: datetime, pinned: bool) -> str:
    """SHA-256 over everything a build of ``settings`` at ``built`` depends on.

    A ``pinned`` time (SOURCE_DATE_EPOCH) counts to the second; the clock's only by its day, which is
    all the pages show (a skipped build keeps the PDF timestamp of the build it skips).
    """
    digest = hashlib.sha256()

    def add(text: str, data: bytes = b"") -> None:
        digest.update(f"{text}\0{len(data)}\0".encode("utf-8", "surrogateescape"))  # names need not be UTF-8
        digest.update(data)

    when = f"epoch {built.isoformat()}" if pinned else f"date {built:%Y-%m-%d}"
    add(f"format {FORMAT}; python {sys.version}; {when}")
    add(f"out {settings.out_dir.resolve()}; strict {settings.strict}; pdf {settings.pdf}; paper {settings.paper}")
    for name in LIBRARIES + EXTRACTORS:
        add(_library(name))
    for path in code_files(PACKAGE):
        add(f"briefing/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
    real_root = os.path.realpath(settings.root)
    for folder in INPUT_DIRS:
        for label, path, info in _entries(settings.root, settings.root / folder, folder):
            add(label)
            for chunk in _content(path, info, real_root):
                digest.update(chunk)
    return digest.hexdigest()


def _site_digests(out_dir: Path) -> dict[str, str] | None:
    """SHA-256 of every file of the site; None (so: build) when it holds anything but files and folders.

    A link (to /dev/zero: memory exhausted) or a FIFO (a hang) is never opened, and a rebuild replaces it.
    """
    if not out_dir.is_dir() or out_dir.is_symlink():
        return None
    found = {}
    for path in out_dir.rglob("*"):
        info = path.lstat()
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            return None
        found[path.relative_to(out_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def replay(settings: Settings, key: str) -> Replay | None:
    """The recorded build if ``key`` and the output folder match the last successful build, else None."""
    try:
        recorded = json.loads(manifest_path(settings.out_dir).read_text(encoding="utf-8"))
        if recorded.get("format") != FORMAT or recorded.get("key") != key:
            return None
        if _site_digests(settings.out_dir) != recorded["files"]:
            return None
        return Replay(dict(recorded["files"]), dict(recorded["report"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no manifest, an unreadable one, or a site changed under us: build


def forget(settings: Settings) -> None:
    """No manifest, so the next build builds (best effort)."""
    with contextlib.suppress(OSError):
        manifest_path(settings.out_dir).unlink(missing_ok=True)


def record(settings: Settings, key: str, files: Mapping[str, str], report: Mapping[str, Any]) -> None:
    """Write the manifest of a successful build (``files``: relative path -> SHA-256); best effort."""
    data = {"format": FORMAT, "key": key, "files": dict(files), "report": dict(report)}
    text = json.dumps(data, sort_keys=True)  # ASCII: a file name need not be UTF-8 (\udcXX escapes)
    write_atomically(manifest_path(settings.out_dir), text.encode("utf-8"))  # read-only parent: not skipped next
