"""The command line: output shape and exit codes (0 ok, 1 content, 2 usage)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.build import Settings, build
from briefing.cli import _progress, main
from briefing.publish.workers import workers_for


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_summary_line(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(demo_project), "check")
    assert code == 0 and err == ""
    assert out == (
        "2 sources (11 sentences), 5 actors, 4 events, 3 statements, 2 disputes; "
        "coverage 8/10 sentences (80%); 0 errors, 0 warnings\n"
    )


def test_check_prints_diagnostic_with_caret_and_hint(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = demo_project / "content" / "events.yaml"
    old = "quote: will close for three weeks from 4 March\n"
    path.write_text(path.read_text().replace(old, old.replace("March", "Marhc"), 1))
    code, out, err = run(capsys, "-C", str(demo_project), "check")
    assert code == 1
    assert err == (
        "content/events.yaml:26:14: error: quote not found in source 'council-report' [citation.not-found]\n"
        "          quote: will close for three weeks from 4 Marhc\n"
        "                 ^\n"
        "hint: closest sentence council-report.2:\n"
        "      ...will close for three weeks from 4 Mar[-hc-]{+ch+}...\n"
    )
    assert out.endswith("1 error, 0 warnings\n")


def test_strict_fails_on_warnings(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (demo_project / "content" / "notes.md").write_text("stray\n")
    assert run(capsys, "-C", str(demo_project), "check")[0] == 0
    code, _, err = run(capsys, "-C", str(demo_project), "check", "--strict")
    assert code == 1 and "[content.unknown-file]" in err


def test_sentences_listing_and_uncited(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-C", str(demo_project), "sentences", "council-report")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "  council-report.1 [p1] (headline) Harbour bridge to close for repairs, council says"
    assert len(lines) == 6
    code, out, _ = run(capsys, "-C", str(demo_project), "sentences", "council-report", "--uncited")
    union = 'A spokesman for the drivers\' union said the closure "will cost our members a fortune".'
    assert out == f"  council-report.6 [p2] {union}\n"


def test_usage_errors_exit_2(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "-C", str(demo_project), "sentences", "nope")
    assert code == 2 and "no loaded source 'nope' (sources: council-report, gazette)" in err
    assert run(capsys, "-C", str(demo_project / "missing"), "check")[0] == 2
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2


def test_build_writes_site_and_failed_build_keeps_it(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-C", str(demo_project), "build", "--no-pdf")
    assert code == 0 and out.startswith("built ")
    before = {p.relative_to(demo_project): p.read_bytes() for p in (demo_project / "site").rglob("*") if p.is_file()}
    (demo_project / "content" / "events.yaml").write_text("- id: [broken\n")
    code, out, _ = run(capsys, "-C", str(demo_project), "build", "--no-pdf")
    assert code == 1 and out.startswith("build failed, site unchanged")
    after = {p.relative_to(demo_project): p.read_bytes() for p in (demo_project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_python_dash_m_and_internal_errors_have_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "-C", str(tmp_path), "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "[content.missing-dir]" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _progress(io.StringIO()) is None  # a pipe or CI log: nothing
    terminal = _Terminal()
    show = _progress(terminal)
    assert show is not None
    result = build(Settings(demo_project, pdf=False), show)
    assert result.written
    lines = terminal.getvalue().split("\r\x1b[K")[1:]
    processes = workers_for(0, len(result.written))
    making = f"making {len(result.written)} files" + (f" in {processes} processes" if processes > 1 else "")
    assert lines == [
        "briefing: checking content and sources…",
        "briefing: drawing the timeline chart…",
        f"briefing: {making}…",
        f"briefing: publishing {len(result.written)} files…",
    ]
    code, _, err = run(capsys, "-C", str(demo_project), "build", "--no-pdf")
    assert code == 0 and "\r" not in err  # captured stderr is no terminal


# A seed's text must not drive the terminal: escape sequences, an OSC-8 hyperlink, a bell, C1's CSI.
_HOSTILE = "Extra \x1b[2J\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ \x07 \x9b31m \u202e text.\n"


def _hostile_seed(project: Path) -> None:
    import hashlib

    seed = project / "seeds" / "gazette-story.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + _HOSTILE, encoding="utf-8")
    sources = project / "content" / "sources.yaml"
    text = sources.read_text(encoding="utf-8").split("\n")
    at = text.index("  file: gazette-story.txt")
    text[at + 1] = "  sha256: " + hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text("\n".join(text), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [("sentences", "gazette"), ("sentences", "gazette", "--yaml"), ("check", "--report")],
    ids=["sentences", "sentences-yaml", "report"],
)
def test_seed_text_cannot_drive_the_terminal(
    demo_project: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    _hostile_seed(demo_project)
    _, out, err = run(capsys, "-C", str(demo_project), *args)
    assert "Extra" in out, out
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in out + err


def test_a_project_path_that_is_not_utf8_checks_and_builds(tmp_path: Path) -> None:
    """F7: check passed and build crashed (exit 70) on a non-UTF-8 byte in the project's path."""
    import os
    import shutil

    from conftest import DEMO

    project = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9"))
    shutil.copytree(DEMO, project)
    for command in (["check"], ["build", "--no-pdf"], ["build", "--no-pdf"]):
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "-C", str(project), *command],
            capture_output=True,
            env={**os.environ, "BRIEFING_DEBUG": "1", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert (project / "site" / "index.html").is_file()
