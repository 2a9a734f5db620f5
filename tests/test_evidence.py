"""Seed paths: confined to seeds/, and odd names answered with a diagnostic, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.build import check


def _point_gazette_at(project: Path, name: str) -> list[tuple[str, str]]:
    sources = project / "content" / "sources.yaml"
    text = sources.read_text(encoding="utf-8").replace("file: gazette-story.txt", f"file: {name}")
    sources.write_text(text, encoding="utf-8")
    return [(d.code, d.message) for d in check(project).diagnostics if d.severity.value == "error"]


def test_symlink_loop_is_a_diagnostic(demo_project: Path) -> None:
    (demo_project / "seeds" / "a.txt").symlink_to("b.txt")
    (demo_project / "seeds" / "b.txt").symlink_to("a.txt")
    assert _point_gazette_at(demo_project, "a.txt") == [
        ("source.unreadable", "cannot use source file 'a.txt': too many levels of symbolic links")
    ]


def test_nul_byte_in_file_name_is_a_diagnostic(demo_project: Path) -> None:
    # YAML's "\0" escape is refused where it is written, before any file is looked for
    ((code, message),) = _point_gazette_at(demo_project, '"a\\0b.txt"')
    assert code == "yaml.bad-escape" and "U+0000" in message


def test_overlong_file_name_is_a_diagnostic(demo_project: Path) -> None:
    ((code, message),) = _point_gazette_at(demo_project, "x" * 300 + ".txt")
    assert code == "source.unreadable" and message.endswith("file name too long")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "sub/../../x.txt"])
def test_paths_leaving_seeds_are_refused(demo_project: Path, name: str) -> None:
    assert [code for code, _ in _point_gazette_at(demo_project, name)] == ["source.outside-seeds"]


def test_symlink_out_of_seeds_is_refused(demo_project: Path) -> None:
    (demo_project / "seeds" / "out.txt").symlink_to(demo_project / "content" / "briefing.yaml")
    assert [code for code, _ in _point_gazette_at(demo_project, "out.txt")] == ["source.outside-seeds"]


def test_symlink_inside_seeds_is_followed(demo_project: Path) -> None:
    (demo_project / "seeds" / "alias.txt").symlink_to("gazette-story.txt")
    assert _point_gazette_at(demo_project, "alias.txt") == []


def test_content_file_encoding_error_names_line_and_column(demo_project: Path) -> None:
    from briefing.load.content import read_text_file

    (demo_project / "content" / "x.yaml").write_bytes("title: Caf\u00e9\nname: Ru".encode() + b"\xedz\n")
    _, (d,) = read_text_file(demo_project, "content/x.yaml")
    assert (d.code, str(d.location)) == ("content.encoding", "content/x.yaml:2:9")


def test_content_file_linking_outside_the_project_is_not_read(demo_project: Path) -> None:
    summary = demo_project / "content" / "summary.md"
    summary.unlink()
    summary.symlink_to("/etc/hostname")
    assert [d.code for d in check(demo_project).diagnostics] == ["content.outside-project"]


def test_content_fifo_does_not_hang_the_build(demo_project: Path) -> None:
    import os

    method = demo_project / "content" / "method.md"
    method.unlink()
    os.mkfifo(method)
    assert [(d.code, d.message) for d in check(demo_project).diagnostics] == [
        ("content.unreadable", "content/method.md is not a regular file")
    ]


def test_bidi_control_in_a_seed_is_a_warning_at_its_place(demo_project: Path) -> None:
    import hashlib

    seed = demo_project / "seeds" / "gazette-story.txt"
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_text(seed.read_text(encoding="utf-8").replace("Wednesday", "\u2067Wednesday\u2069"), encoding="utf-8")
    sources = demo_project / "content" / "sources.yaml"
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    ((code, where),) = [(d.code, str(d.location)) for d in check(demo_project).diagnostics]
    assert (code, where) == ("source.bidi-control", "seeds/gazette-story.txt:4:57")
