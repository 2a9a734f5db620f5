"""Editions on disk: editions/<as_of>.json in the project, each the resolved model as data.json holds it.

``briefing diff`` reads two sides from here: an edition file, a data.json, an edition's date, or
the current content (checked and exported on the fly).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EDITIONS_DIR = "editions"
CURRENT = "current"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EditionError(Exception):
    """A side of a comparison that cannot be read; ``hint`` says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Side:
    name: str
    """What the user would call it: a path, or 'the current content'."""
    data: dict[str, Any]


def edition_files(root: Path) -> list[Path]:
    """The project's editions, oldest first (their names are ISO dates, so names sort by date)."""
    folder = root / EDITIONS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if _DATE.match(p.stem))


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EditionError(f"cannot read '{path}': {exc.strerror}", "give an edition file or a data.json") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise EditionError(f"'{path}' is not JSON: {exc}", "give an edition file or a site's data.json") from exc
    if not isinstance(data, dict) or not isinstance(data.get("briefing"), dict):
        raise EditionError(f"'{path}' is not a briefing's data", "give an edition file or a site's data.json")
    return data


def current(root: Path) -> dict[str, Any] | None:
    """The current content exported as data.json would hold it; None when it does not load."""
    from briefing.build import check
    from briefing.outputs.export import model_json

    checked = check(root)
    if checked.model is None:
        return None
    return model_json(checked.model, checked.links, checked.coverage)


def side(root: Path, spec: str) -> Side:
    """``spec``: 'current', an edition's date (editions/<date>.json), or a path to a JSON file."""
    if spec == CURRENT:
        data = current(root)
        if data is None:
            raise EditionError("the current content does not load", "'briefing check' lists the errors")
        return Side("the current content", data)
    path = root / EDITIONS_DIR / f"{spec}.json" if _DATE.match(spec) else Path(spec)
    if _DATE.match(spec) and not path.is_file():
        known = ", ".join(p.stem for p in edition_files(root)) or "none yet; 'briefing publish' records one"
        raise EditionError(f"no edition of {spec}", f"editions: {known}")
    return Side(str(path), read_json(path))


def default_sides(root: Path, given: list[str]) -> tuple[str, str]:
    """No side given: the last edition and the current content; one: it and the current content."""
    if len(given) >= 2:
        return given[0], given[1]
    if given:
        return given[0], CURRENT
    editions = edition_files(root)
    if not editions:
        raise EditionError(
            "no edition to compare with", "'briefing publish' records one; or give two files: briefing diff OLD NEW"
        )
    return str(editions[-1]), CURRENT


def command(args: argparse.Namespace) -> int:
    """``briefing diff``: print the changes; exit 0, or 2 when a side cannot be read."""
    from briefing.core.diagnostics import terminal_safe
    from briefing.resolve.editions import diff, text

    root, specs, as_json = args.project, list(args.sides), args.json
    if len(specs) > 2:
        print("briefing: error: diff takes at most two sides, OLD and NEW", file=sys.stderr)
        return 2
    try:
        old_spec, new_spec = default_sides(root, specs)
        old, new = side(root, old_spec), side(root, new_spec)
    except EditionError as exc:
        print(terminal_safe(f"briefing: error: {exc.message}\nhint: {exc.hint}"), file=sys.stderr)
        return 2
    result = diff(old.data, new.data)
    if as_json:
        print(json.dumps(result.json(), ensure_ascii=False, indent=2))
    else:
        print(terminal_safe(f"{old.name} -> {new.name}\n{text(result)}"), end="")
    return 0
