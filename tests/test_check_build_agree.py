"""check and build agree: whatever check passes, build (without the PDF) builds.

A differential test over the whole broken-project corpus and the fuzz corpus: each project
is checked and built in process, and a build that fails where check passed is a bug (check
must find every problem of the content and the templates a build would find; only the
output folder's own problems are build's alone).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import broken_cases as bc
import pytest
from conftest import DEMO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.build import Settings, build, check, check_templates

BUILD_ONLY = ("output.",)
"""Codes that only a build can meet: the output folder is not check's business."""
CASES = [c for c in bc.CASES if not c.hold_lock and not c.unprivileged]


def _agree(project: Path, out: Path) -> None:
    checked = check_templates(check(project), project)  # what 'briefing check' runs
    built = build(Settings(project, out, pdf=False))
    if checked.failed(strict=False):
        return  # check refused: the build must refuse too, and does (it checks first)
    refused = [d for d in built.diagnostics if d.severity.value == "error" and not d.code.startswith(BUILD_ONLY)]
    assert built.ok or not refused, [f"{d.location}: {d.message} [{d.code}]" for d in refused]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_passes_only_what_build_builds(case: bc.Case, tmp_path: Path) -> None:
    project = bc.make_project(case, tmp_path)
    _agree(project, tmp_path / "agree-site")


_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, name=_TEXT, method=_TEXT)
def test_check_and_build_agree_on_fuzzed_text(tmp_path: Path, title: str, name: str, method: str) -> None:
    """Any text in a title, an actor's name (double-quoted, escapes and all) and the method's Markdown."""
    project = tmp_path / "fuzz"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(DEMO, project)
    events = project / "content" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("title: Bridge closed for repairs", f"title: {title}", 1),
        encoding="utf-8",
    )
    actors = project / "content" / "actors.yaml"
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    text = actors.read_text(encoding="utf-8").replace("name: Ana Ruiz", f'name: "{quoted}"', 1)
    actors.write_text(text, encoding="utf-8")
    with (project / "content" / "method.md").open("a", encoding="utf-8") as f:
        f.write("\n" + method + "\n")
    _agree(project, tmp_path / "fuzz-site")
