"""``briefing new DIR``: a working skeleton project that checks and builds at once.

The skeleton is a folder of real files inside the package (``skeleton/``), so
its YAML can be read and edited as YAML; only the JSON Schemas are generated
at creation time, from the same table the loader uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.tools.jsonschema_gen import SCHEMA_DIR, generate

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
# Files that cannot ship under their own name inside a Python package.
RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(Exception):
    """A usage problem: the target folder is not a place for a new project."""


@dataclass(frozen=True)
class Created:
    root: Path
    files: tuple[str, ...]
    """Paths written, relative to ``root``, sorted."""


def skeleton_files() -> dict[str, bytes]:
    """{relative path: bytes} of the new project, schemas included."""
    files: dict[str, bytes] = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(SKELETON).as_posix()
            files[RENAMED.get(rel, rel)] = path.read_bytes()
    for name, text in generate().items():
        files[f"{SCHEMA_DIR}/{name}"] = text.encode("utf-8")
    return files


def _refuse(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"'{target}' exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(f"'{target}' is not empty; give a new or empty folder")


def create(target: Path) -> Created:
    """Write the skeleton into ``target``, which must be missing or empty."""
    _refuse(target)
    files = skeleton_files()
    try:
        for rel, data in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as exc:
        raise ScaffoldError(f"cannot write into '{target}': {exc.strerror}") from exc
    return Created(target, tuple(sorted(files)))
