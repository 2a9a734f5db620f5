"""Skip a build whose inputs and output are exactly those of the last successful one.

The key hashes every input a build reads: every file under content/, seeds/ and
the project's templates/, every file of the briefing package itself (code,
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

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from briefing.core.diskcache import code_files, write_atomically
from briefing.core.settings import SUGGESTED_DIR, Settings

FORMAT = 2
INPUT_DIRS = ("content", "seeds", "templates")
LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "matplotlib", "weasyprint", "pyyaml", "pydyf", "fonttools")
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Replay:
    """What the skipped build wrote and reported."""

    files: dict[str, str]
    """Relative path -> SHA-256 of every file of the site."""
    report: dict[str, Any]


def manifest_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.manifest.json"


def _tree(folder: Path, label: str) -> Iterable[tuple[str, bytes]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if label == "content" and rel[0] == SUGGESTED_DIR:
            continue  # suggestions are no input of a build
        if path.is_file() and "__pycache__" not in path.parts:
            yield f"{label}/{path.relative_to(folder).as_posix()}", path.read_bytes()


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
        digest.update(f"{text}\0{len(data)}\0".encode())
        digest.update(data)

    when = f"epoch {built.isoformat()}" if pinned else f"date {built:%Y-%m-%d}"
    add(f"format {FORMAT}; python {sys.version}; {when}")
    add(f"out {settings.out_dir.resolve()}; strict {settings.strict}; pdf {settings.pdf}; paper {settings.paper}")
    for name in LIBRARIES:
        add(_library(name))
    for path in code_files(PACKAGE):
        add(f"briefing/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes())
    for folder in INPUT_DIRS:
        for label, data in _tree(settings.root / folder, folder):
            add(label, data)
    return digest.hexdigest()


def _site_digests(out_dir: Path) -> dict[str, str] | None:
    if not out_dir.is_dir():
        return None
    return {
        path.relative_to(out_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in out_dir.rglob("*")
        if path.is_file() or path.is_symlink()
    }


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


def record(settings: Settings, key: str, files: Mapping[str, str], report: Mapping[str, Any]) -> None:
    """Write the manifest of a successful build (``files``: relative path -> SHA-256); best effort."""
    data = {"format": FORMAT, "key": key, "files": dict(files), "report": dict(report)}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    write_atomically(manifest_path(settings.out_dir), text.encode("utf-8"))  # read-only parent: not skipped next
