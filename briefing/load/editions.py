"""The project's recorded editions: editions/<as_of>.json, each a data.json as it was published."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

EDITIONS_DIR = "editions"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EditionError(Exception):
    """An edition or data file that cannot be read; ``hint`` says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def edition_files(root: Path) -> list[Path]:
    """The project's editions, oldest first (their names are ISO dates, so names sort by date)."""
    folder = root / EDITIONS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if DATE.match(p.stem) and p.is_file())


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
