"""Editions on disk: editions/<as_of>.json in the project, each the resolved model as data.json holds it.

``briefing diff`` reads two sides from here: an edition file, a data.json, an edition's date, or
the current content (checked and exported on the fly).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.load.editions import DATE, EDITIONS_DIR, EditionError, edition_files, read_json

__all__ = ["EDITIONS_DIR", "EditionError", "edition_files", "read_json"]

CURRENT = "current"
_DATE = DATE


@dataclass(frozen=True)
class Side:
    name: str
    """What the user would call it: a path, or 'the current content'."""
    data: dict[str, Any]


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
