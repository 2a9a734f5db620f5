"""The build cache: a skipped rebuild leaves the bytes of a clean build; any change to an input rebuilds."""

from __future__ import annotations

import contextlib
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


# -- hardening (issue 22): a skip cache that cannot lie -----------------------------------------------


def test_an_edit_saved_during_a_build_and_undone_is_rebuilt(built: tuple[Path, Path, str]) -> None:
    """F3: the build reads the edit; undone afterwards, the inputs equal the key taken before the build."""
    from briefing.build import build as run_build

    project, site, _ = built
    events = project / "content" / "events.yaml"
    original = events.read_text(encoding="utf-8")
    (project / "content" / "briefing.yaml").write_text(
        (project / "content" / "briefing.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )  # a real change, so this build is not skipped

    def save_during_the_build(phase: str) -> None:
        if phase.startswith("checking"):
            events.write_text(original.replace("Bridge closed for repairs", "Bridge closed FOREVER"), encoding="utf-8")

    settings = Settings(project, out=site, pdf=False)
    assert run_build(settings, save_during_the_build).ok
    assert b"FOREVER" in (site / "index.html").read_bytes()
    events.write_text(original, encoding="utf-8")  # undo
    again = run_build(settings)
    assert not again.skipped
    assert b"FOREVER" not in (site / "index.html").read_bytes()


@pytest.mark.parametrize("value", ["99999999999999999999", "\u00b2", "-5", "1e9"])
def test_an_unusable_epoch_keys_on_the_day_the_build_uses(
    built: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """F4: the build falls back to today; a later day's build must not be skipped with the old date."""
    project, site, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    build(capsys, project, site)
    import sys

    build_module = sys.modules["briefing.build"]

    class Tomorrow(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return datetime(2099, 1, 2, tzinfo=UTC)

    monkeypatch.setattr(build_module, "datetime", Tomorrow)
    out, _ = build(capsys, project, site)
    assert SKIPPED not in out
    assert b"2099-01-02" in (site / "index.html").read_bytes()


@pytest.mark.parametrize(
    "target", ["/proc/self/pagemap", "/dev/zero", "fifo", "outside"], ids=["pagemap", "dev-zero", "fifo", "outside"]
)
@pytest.mark.parametrize("folder", ["seeds", "content", "templates"])
def test_the_key_reads_nothing_through_a_link_or_special_file(
    built: tuple[Path, Path, str], tmp_path: Path, target: str, folder: str
) -> None:
    """F5: hashing the inputs never opens a link's target outside the project, a device or a FIFO."""
    import os

    project, site, _ = built
    (project / folder).mkdir(exist_ok=True)
    path = project / folder / "zz.txt"
    if target == "fifo":
        os.mkfifo(path)
    elif target == "outside":
        secret = tmp_path / "secret.txt"
        secret.write_bytes(b"x" * 1000)
        path.symlink_to(secret)
    else:
        path.symlink_to(target)
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:  # never really opened here: /dev/zero or a FIFO would exhaust memory or hang
            opened.append(str(self))
            raise OSError("opened")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "open", spy)
        with contextlib.suppress(OSError):
            buildcache.inputs_key(Settings(project, out=site), datetime(2024, 1, 1, tzinfo=UTC), True)
    assert str(path) not in opened


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "outside-link"])
def test_an_odd_file_in_the_site_is_no_match_and_is_replaced(
    built: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """F10: the skip check reads no link or FIFO in site/ (memory, hangs); the rebuild removes it."""
    import os

    project, site, _ = built
    odd = site / "odd.bin"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "dev-zero":
        odd.symlink_to("/dev/zero")
    else:
        (tmp_path / "elsewhere.txt").write_text("x", encoding="utf-8")
        odd.symlink_to(tmp_path / "elsewhere.txt")
    out, _ = build(capsys, project, site)
    assert SKIPPED not in out
    assert not odd.exists() and not odd.is_symlink()
