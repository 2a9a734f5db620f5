"""The build cache: a skipped rebuild leaves the bytes of a clean build; any change to an input rebuilds."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DEMO, SOURCE_DATE_EPOCH

from briefing.cli import main
from briefing.core.settings import Settings
from briefing.publish import buildcache

SKIPPED = "(unchanged, skipped)"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(capsys: pytest.CaptureFixture[str], project: Path, out: Path, *options: str) -> tuple[str, str]:
    code = main(["-C", str(project), "build", "--out", str(out), "--no-pdf", *options])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out, captured.err


@pytest.fixture
def built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, str]:
    """A copy of the demo built once with a fixed epoch: (project, out, stderr of that build)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    project = tmp_path / "a" / "demo"
    shutil.copytree(DEMO, project)
    out, err = build(capsys, project, tmp_path / "a" / "site")
    assert SKIPPED not in out
    return project, tmp_path / "a" / "site", err


def test_skipped_rebuild_equals_a_clean_build(
    built: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, site, first_err = built
    out, err = build(capsys, project, site)
    assert SKIPPED in out
    assert err == first_err  # the same diagnostics are shown again
    clean_project = tmp_path / "b" / "demo"
    shutil.copytree(DEMO, clean_project)
    build(capsys, clean_project, tmp_path / "b" / "site")
    assert snapshot(site) == snapshot(tmp_path / "b" / "site")


def test_skipped_full_build_equals_a_clean_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the PDF handout: the skipped build's site, PDF included, is a clean build's, byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    sites = []
    for name in ("a", "b"):
        shutil.copytree(DEMO, tmp_path / name / "demo")
        sites.append(tmp_path / name / "site")
        command = ["-C", str(tmp_path / name / "demo"), "build", "--out", str(sites[-1])]
        assert main(command) == 0
    assert main(["-C", str(tmp_path / "a" / "demo"), "build", "--out", str(sites[0])]) == 0
    assert SKIPPED in capsys.readouterr().out.splitlines()[-1]
    assert "briefing.pdf" in snapshot(sites[0])
    assert snapshot(sites[0]) == snapshot(sites[1])


def _edit_content(project: Path) -> None:
    path = project / "content" / "briefing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Harbour bridge", "Harbour Bridge", 1), encoding="utf-8")


def _edit_seed(project: Path) -> None:
    (project / "seeds" / "unused.txt").write_text("A new file in seeds/.\n", encoding="utf-8")


def _add_template(project: Path) -> None:
    (project / "templates").mkdir()
    css = Path(__file__).resolve().parent.parent / "briefing" / "templates" / "style.css"
    (project / "templates" / "style.css").write_text(css.read_text(encoding="utf-8") + "\n/* mine */\n")


@pytest.mark.parametrize("change", [_edit_content, _edit_seed, _add_template], ids=["content", "seeds", "templates"])
def test_an_input_change_rebuilds(
    built: tuple[Path, Path, str], change: object, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project, site, _ = built
    assert callable(change)
    change(project)
    out, _ = build(capsys, project, site)
    assert SKIPPED not in out
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site"))
    build(capsys, clean, tmp_path / "clean-site")
    assert snapshot(site) == snapshot(tmp_path / "clean-site")


def test_settings_and_epoch_are_part_of_the_key(
    built: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, _ = built
    assert SKIPPED not in build(capsys, project, site, "--strict")[0]
    assert SKIPPED in build(capsys, project, site, "--strict")[0]
    assert SKIPPED not in build(capsys, project, site)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 86400))
    assert SKIPPED not in build(capsys, project, site)[0]
    assert b"2023-11-15" in (site / "index.html").read_bytes()


def test_package_change_changes_the_key(
    built: tuple[Path, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, _ = built
    package = tmp_path / "package"
    shutil.copytree(buildcache.PACKAGE / "templates", package / "templates")
    monkeypatch.setattr(buildcache, "PACKAGE", package)
    settings = Settings(project, site, pdf=False)
    when = datetime(2023, 11, 14, tzinfo=UTC)
    before = buildcache.inputs_key(settings, when, True)
    assert buildcache.inputs_key(settings, when, True) == before
    with (package / "templates" / "style.css").open("a", encoding="utf-8") as f:
        f.write("/* changed */\n")
    assert buildcache.inputs_key(settings, when, True) != before


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_a_changed_site_is_rebuilt(
    built: tuple[Path, Path, str], damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project, site, _ = built
    good = snapshot(site)
    if damage == "edit":
        (site / "index.html").write_bytes((site / "index.html").read_bytes() + b" ")
    elif damage == "delete":
        (site / "style.css").unlink()
    else:
        (site / "extra.html").write_text("not ours")
    out, _ = build(capsys, project, site)
    assert SKIPPED not in out
    assert snapshot(site) == good


def test_a_failed_build_does_not_record(built: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    project, site, _ = built
    manifest = buildcache.manifest_path(site).read_bytes()
    events = project / "content" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    events.write_text("- id: [broken\n", encoding="utf-8")
    assert main(["-C", str(project), "build", "--out", str(site), "--no-pdf"]) == 1
    assert buildcache.manifest_path(site).read_bytes() == manifest
    events.write_text(good, encoding="utf-8")
    assert SKIPPED in build(capsys, project, site)[0]
