"""``briefing publish``: build with --strict, then record the edition as editions/<as_of>.json.

The edition is the built site's data.json, byte for byte: the resolved model a reader of that
day saw. An edition is meant to be committed; publishing the same ``as_of`` again with other
content is refused unless ``amend`` (and then the changes to the edition are reported).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing.build import BuildResult, build
from briefing.core.settings import Settings
from briefing.resolve.editions import Diff, diff
from briefing.tools.editions import EDITIONS_DIR, edition_files, read_json


@dataclass(frozen=True)
class Published:
    build: BuildResult
    path: Path | None = None
    """The edition file, relative to the project; None when the build failed."""
    outcome: str = ""
    """'new', 'unchanged', 'amended' or 'refused' (the as_of has another edition; no --amend)."""
    changes: Diff | None = None
    """Since the previous edition (new), or to the edition as it was (amended, refused)."""
    previous: str = ""
    """The previous edition's as_of, for a new edition; '' when it is the first."""


def publish(settings: Settings, amend: bool = False, progress: Callable[[str], None] | None = None) -> Published:
    strict = Settings(settings.root, settings.out, True, pdf=settings.pdf, paper=settings.paper)
    result = build(strict, progress)
    if not result.ok:
        return Published(result)
    data = (strict.out_dir / "data.json").read_bytes()
    new = json.loads(data)
    as_of = str(new["briefing"]["as_of"])
    relative = Path(EDITIONS_DIR) / f"{as_of}.json"
    path = settings.root / relative
    if path.is_file():
        if path.read_bytes() == data:
            return Published(result, relative, "unchanged")
        changes = diff(read_json(path), new)
        if not amend:
            return Published(result, relative, "refused", changes)
        _write(path, data)
        return Published(result, relative, "amended", changes)
    earlier = [p for p in edition_files(settings.root) if p.stem < as_of]
    _write(path, data)
    if not earlier:
        return Published(result, relative, "new")
    return Published(result, relative, "new", diff(read_json(earlier[-1]), new), earlier[-1].stem)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never finds half an edition."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report(done: Published) -> tuple[int, str]:
    """Exit code and what to print once the build succeeded."""
    from briefing.resolve.editions import text

    where = str(done.path)
    if done.outcome == "unchanged":
        return 0, f"{where} is already this edition; nothing written\n"
    if done.outcome == "refused":
        assert done.changes is not None
        return 1, (
            f"briefing: error: {where} is already published with other content\n"
            f"{text(done.changes)}"
            "hint: a new edition needs a new as_of in content/briefing.yaml; "
            "'briefing publish --amend' replaces this one and says so\n"
        )
    if done.outcome == "amended":
        assert done.changes is not None
        return 0, f"amended {where}:\n{text(done.changes)}"
    if done.changes is None:
        return 0, f"published {where}, the first edition; commit it\n"
    return 0, f"published {where} (since {done.previous}):\n{text(done.changes)}commit it\n"


def command(args: argparse.Namespace) -> int:
    """``briefing publish [--amend]``: exit 0, or 1 when the build fails or the edition is refused."""
    from briefing.core.diagnostics import file_line_reader, format_diagnostic, summary_counts, terminal_safe

    done = publish(Settings(args.project, None, True), args.amend)
    reader = file_line_reader(args.project)
    sys.stderr.write("".join(f"{format_diagnostic(d, reader)}\n" for d in done.build.diagnostics))
    if not done.build.ok:
        errors, warnings = summary_counts(done.build.diagnostics)
        print(f"build failed, no edition recorded: {errors} error(s), {warnings} warning(s)")
        return 1
    code, said = report(done)
    print(terminal_safe(said), end="", file=sys.stderr if code else sys.stdout)
    return code
