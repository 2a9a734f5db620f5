"""--strict: warnings print and pass without it, fail with it (exit 1, site unchanged); notes never fail."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.cli import main


def with_warning(project: Path) -> None:
    """An extra seed nobody declared: a warning (source.unlisted), not an error."""
    (project / "seeds" / "stray.txt").write_text("A stray file.\n", encoding="utf-8")


def with_note_only(project: Path) -> None:
    """A source that repeats a paragraph: a note (source.repeated-paragraph) and nothing else."""
    seed = project / "seeds" / "gazette-story.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text + "\n" + text.split("\n\n")[0] + "\n", encoding="utf-8")

    sources = project / "content" / "sources.yaml"
    old = "ae6ea586bb81c3b26483a8bbb1d433a0001a8f9362ce88a80a76e58b55d606b0"
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(project), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [["check"], ["build", "--no-pdf"]])
def test_warnings_pass_without_strict(
    demo_project: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with_warning(demo_project)
    code, out, err = run(demo_project, capsys, *command)
    assert code == 0
    assert "warning: seeds/stray.txt is not declared in sources.yaml [source.unlisted]" in err
    assert "; 0 errors, 1 warning" in out  # a build's summary may go on to say what it left out (feed, handout)


def test_warnings_fail_check_with_strict(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_warning(demo_project)
    code, out, err = run(demo_project, capsys, "check", "--strict")
    assert code == 1
    assert "[source.unlisted]" in err and out.rstrip().endswith("0 errors, 1 warning")


def test_warnings_fail_build_with_strict_and_keep_the_site(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(demo_project, capsys, "build", "--no-pdf")[0] == 0
    before = {p: p.read_bytes() for p in (demo_project / "site").rglob("*") if p.is_file()}
    with_warning(demo_project)
    (demo_project / "content" / "briefing.yaml").write_text(
        (demo_project / "content" / "briefing.yaml").read_text(encoding="utf-8").replace("Harbour", "Harbor"),
        encoding="utf-8",
    )
    code, out, _ = run(demo_project, capsys, "build", "--strict", "--no-pdf")
    assert code == 1
    assert out == "build failed, site unchanged: 0 errors, 1 warning\n"
    assert {p: p.read_bytes() for p in (demo_project / "site").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_notes_never_fail(demo_project: Path, capsys: pytest.CaptureFixture[str], strict: list[str]) -> None:
    with_note_only(demo_project)
    code, out, err = run(demo_project, capsys, "check", *strict)
    assert "repeats paragraph 1 word for word [source.repeated-paragraph]" in err
    assert ": error:" not in err and ": warning:" not in err
    assert code == 0 and out.rstrip().endswith("; 0 errors, 0 warnings")


def test_errors_fail_with_or_without_strict(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = demo_project / "content" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: proposed", "status: maybe"), encoding="utf-8")
    assert run(demo_project, capsys, "check")[0] == 1
    assert run(demo_project, capsys, "check", "--strict")[0] == 1


def test_usage_error_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(tmp_path / "nowhere"), "check"]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["check", "--no-such-option"])
    assert caught.value.code == 2


def test_project_that_is_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    assert main(["-C", str(tmp_path / "notes.txt"), "check"]) == 2
    assert capsys.readouterr().err.endswith("notes.txt' is a file, not a folder\n")
