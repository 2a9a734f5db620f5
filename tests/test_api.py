"""The public API (docs/api.md): its example runs as written; build() is what the command line runs."""

from __future__ import annotations

import importlib
import re
import shutil
import typing
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from conftest import DEMO, SOURCE_DATE_EPOCH

import briefing
from briefing import BriefingError, BuildResult, Diagnostic, Settings, build, check
from briefing.cli import main

API_DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def test_the_documented_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [example] = re.findall(r"## Example\n.*?```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.DOTALL)
    shutil.copytree(DEMO, tmp_path / "demo")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    exec(compile(example, str(API_DOC), "exec"), {})
    assert (tmp_path / "demo" / "site" / "index.html").is_file()


def test_the_names_the_doc_promises() -> None:
    assert (briefing.build, briefing.check, briefing.Settings) == (build, check, Settings)
    assert {"build", "check", "Settings", "BuildResult", "Diagnostic", "BriefingError"} <= set(briefing.__all__)
    assert BriefingError.__subclasses__()  # RenderError, OutputError, PdfError, ScaffoldError
    assert isinstance(Diagnostic, type) and isinstance(BuildResult, type)


def test_every_error_a_build_raises_internally_is_a_briefing_error() -> None:
    from briefing.outputs.handout import PdfError
    from briefing.outputs.render import RenderError
    from briefing.publish.output import OutputError
    from briefing.tools.scaffold import ScaffoldError

    for error in (RenderError, OutputError, PdfError, ScaffoldError):
        assert issubclass(error, BriefingError)


def test_a_failed_build_is_not_ok_and_says_why(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("status: proposed", "status: propsed", 1))
    result = build(Settings(project, pdf=False))
    assert not result.ok and not result.written and not (project / "site").exists()
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["schema.bad-choice"]


def test_build_from_python_skips_like_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One skip cache for both: a Python build is skipped by the command line, and the other way round."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    first = build(Settings(project, pdf=False))
    assert first.ok and not first.skipped
    assert main(["-C", str(project), "build", "--no-pdf"]) == 0
    assert "(unchanged, skipped)" in capsys.readouterr().out
    again = build(Settings(project, pdf=False))
    assert again.skipped and again.written == first.written and again.digests == first.digests
    assert again.diagnostics == first.diagnostics and again.summary == first.summary


def test_one_build_time_for_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock is read once per build: a build running across midnight dates every page the same."""
    build_module = importlib.import_module("briefing.build")  # briefing.build is the function
    ticks = (datetime(2024, 3, 1, 23, 59, 59, tzinfo=UTC) + timedelta(seconds=n) for n in range(1000))

    class Ticking(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Ticking:
            return typing.cast(Ticking, next(ticks))

    monkeypatch.setattr(build_module, "datetime", Ticking)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    result = build(Settings(project, pdf=False))
    assert result.ok
    pages = [(project / "site" / rel).read_text(encoding="utf-8") for rel in result.written if rel.endswith(".html")]
    assert len(pages) >= 3 and all("2024-03-01" in page and "2024-03-02" not in page for page in pages)
