"""``briefing new DIR``: a working skeleton project that checks and builds at once.

The skeleton is a folder of real files inside the package (``skeleton/``), so
its YAML can be read and edited as YAML; only the JSON Schemas are generated
at creation time, from the same table the loader uses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from briefing.core.diagnostics import BriefingError, Location, error
from briefing.tools.jsonschema_gen import SCHEMA_DIR, generate

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
# Files that cannot ship under their own name inside a Python package.
RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(BriefingError):
    """A usage problem: the target folder is not a place for a new project."""


def _refused(target: Path, message: str, hint: str) -> ScaffoldError:
    return ScaffoldError(error("new.target", message, Location(str(target)), hint))


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
        raise _refused(target, "this is a file, not a folder", "give the name of a new folder")
    if target.is_dir() and any(target.iterdir()):
        hint = "give the name of a new folder (briefing new creates it) or an empty one; nothing was written"
        raise _refused(target, "the folder is not empty", hint)


EXAMPLE_SEED = "seeds/library-report.txt"
_EXAMPLE_ONLY = ("subtitle:", "author:", "description:", "keywords:")


def without_example(files: dict[str, bytes], title: str, today: str) -> dict[str, bytes]:
    """The skeleton with the invented example taken out: for a project started from the user's own sources.

    Content files keep their comments (the schema line, what each field holds); briefing.yaml gets
    ``title`` and an ``as_of`` of today, to be corrected by the curator.
    """
    bare: dict[str, bytes] = {}
    for rel, data in files.items():
        if rel == EXAMPLE_SEED:
            continue
        if rel.startswith("content/") and rel.endswith(".yaml") and rel != "content/briefing.yaml":
            data = b"".join(line for line in data.splitlines(keepends=True) if line.startswith(b"#"))
        elif rel in ("content/summary.md", "content/method.md"):
            data = b""
        elif rel == "content/briefing.yaml":
            data = _bare_briefing(data.decode("utf-8"), title, today).encode("utf-8")
        bare[rel] = data
    return bare


def _bare_briefing(text: str, title: str, today: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("title:"):
            line = f"title: {json.dumps(title, ensure_ascii=False)}\n"
        elif line.startswith("as_of:"):
            line = f"as_of: {today}  # set to today by 'briefing new': give the date of your latest information\n"
        elif line.startswith(_EXAMPLE_ONLY):
            continue
        lines.append(line)
    return "".join(lines)


def create(target: Path, example: bool = True) -> Created:
    """Write the skeleton into ``target``, which must be missing or empty; without the example if asked."""
    _refuse(target)
    files = skeleton_files()
    if not example:
        title = target.resolve().name.replace("-", " ").replace("_", " ").capitalize() or "Briefing"
        files = without_example(files, title, dt.datetime.now(dt.UTC).date().isoformat())
    try:
        for rel, data in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as exc:
        hint = "choose a folder you can write to"
        raise _refused(target, f"cannot write here: {exc.strerror}", hint) from exc
    return Created(target, tuple(sorted(files)))
