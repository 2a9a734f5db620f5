"""Atomic output: a build killed at any point leaves a whole site/, and two builds never interleave.

Each scenario runs the real build in a child process with one function of the
pipeline wrapped so that the child announces the point it reached and then
waits; the test then SIGKILLs it (or lets it go on) and compares site/ byte
for byte. Two builds started together: the second fails at once with
``output.locked`` rather than waiting, so a user never sits in front of a
silent terminal and a script sees a clear exit status; re-running is safe.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.publish.output import OutputError, publish

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1709251200"

# Runs in the child: wrap one pipeline function so that it stops at a named point.
CHILD = textwrap.dedent(
    """
    import importlib, sys, time
    from pathlib import Path
    build = importlib.import_module("briefing.build")  # the module: briefing.build is the function
    import briefing.publish.output as output
    from briefing.cli import main

    project, point, mark, go = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])

    def stop_here():
        mark.write_text(point)
        for _ in range(600):  # until the test kills us or says go
            if go.exists():
                return
            time.sleep(0.05)

    def wrap_before(module, name):
        original = getattr(module, name)
        def wrapper(*args, **kwargs):
            stop_here()
            return original(*args, **kwargs)
        setattr(module, name, wrapper)

    if point == "rendering":
        wrap_before(build, "site_files")
    elif point == "locked":
        wrap_before(output, "staged")
    elif point == "writing":
        original_write = output.write_files
        def half_written(folder, files):
            names = sorted(files)
            original_write(folder, {n: files[n] for n in names[: len(names) // 2]})
            stop_here()
            original_write(folder, files)
        output.write_files = half_written
    elif point == "before-swap":
        wrap_before(output, "_exchange")
    elif point == "after-swap":
        original_exchange = output._exchange
        def exchanged(a, b):
            result = original_exchange(a, b)
            stop_here()
            return result
        output._exchange = exchanged
    sys.exit(main(["-C", project, "build", "--no-pdf"]))
    """
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}


def build_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return main(["-C", str(project), "build", "--no-pdf"])


def retitle(project: Path, title: str) -> None:
    path = project / "content" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Harbour bridge closure", f"title: {title}", 1), encoding="utf-8")


def start_child(project: Path, point: str, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, Path]:
    mark, go = tmp_path / f"{point}.reached", tmp_path / f"{point}.go"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), point, str(mark), str(go)],
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not mark.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"child ended before {point}: {out!r} {err!r}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"child never reached {point}")
        time.sleep(0.02)
    return child, mark, go


@pytest.fixture
def two_versions(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """The demo built once (the 'old' site), then its content changed for the next build."""
    assert build_in_process(demo_project, monkeypatch) == 0
    old = snapshot(demo_project / "site")
    assert "index.html" in old and "data.json" in old
    retitle(demo_project, "Harbour bridge closure, revised")
    return demo_project, old


@pytest.mark.parametrize("point", ["rendering", "locked", "writing", "before-swap"])
def test_sigkill_before_the_swap_leaves_the_previous_site_intact(
    two_versions: tuple[Path, dict[str, bytes]], point: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, old = two_versions
    child, _, _ = start_child(project, point, tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert snapshot(project / "site") == old
    # The lock died with the process; the next build cleans up what the killed one left and succeeds.
    assert build_in_process(project, monkeypatch) == 0
    new = snapshot(project / "site")
    assert new != old and b"revised" in new["index.html"]
    assert not list(project.glob(".site.tmp-*"))


def test_sigkill_after_the_swap_leaves_the_whole_new_site(
    two_versions: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, old = two_versions
    child, _, _ = start_child(project, "after-swap", tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed = snapshot(project / "site")
    assert build_in_process(project, monkeypatch) == 0  # same inputs and epoch: the complete new site
    assert killed == snapshot(project / "site") != old
    assert not list(project.glob(".site.tmp-*"))


def test_a_second_build_while_one_is_publishing_is_refused(
    two_versions: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project, old = two_versions
    first, _, go = start_child(project, "before-swap", tmp_path)  # holds the lock, staging written
    retitle_second = subprocess.run(
        [sys.executable, "-m", "briefing", "-C", str(project), "build", "--no-pdf"],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert retitle_second.returncode == 1
    assert "error: another build is writing site [output.locked]" in retitle_second.stderr
    assert retitle_second.stdout.startswith("build failed, site unchanged")
    assert snapshot(project / "site") == old  # the refused build wrote nothing
    go.write_text("go")
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert b"revised" in snapshot(project / "site")["index.html"]
    assert not list(project.glob(".site.tmp-*"))


def test_publish_replaces_exactly(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(out, {"data.json": b'{"schema_version": 1}', "sub/b.txt": b"2"}, tmp_path)
    publish(out, {"c.txt": b"3"}, tmp_path)
    assert snapshot(out) == {"c.txt": b"3"}  # files of the old site do not linger
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_two_renames_where_the_system_cannot_exchange(
    demo_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback (macOS, older kernels, some file systems: no renameat2 exchange) publishes the same site,
    and a build killed between its two renames (no site/ at all, the old one aside) is recovered by the next."""
    import briefing.publish.output as output

    assert build_in_process(demo_project, monkeypatch) == 0
    exchanged = snapshot(demo_project / "site")
    retitle(demo_project, "Harbour bridge closure, revised")
    calls: list[tuple[Path, Path]] = []
    monkeypatch.setattr(output, "_exchange", lambda a, b: calls.append((a, b)) or False)
    assert build_in_process(demo_project, monkeypatch) == 0
    assert calls, "the fallback was not taken"
    renamed = snapshot(demo_project / "site")
    assert set(renamed) == set(exchanged) and b"revised" in renamed["index.html"]
    assert sorted(p.name for p in demo_project.glob(".site*")) == [".site.lock", ".site.manifest.json"]

    (demo_project / "site").rename(demo_project / ".site.tmp-old")  # killed after the first rename
    retitle(demo_project, "Harbour bridge closure, revised twice")
    assert build_in_process(demo_project, monkeypatch) == 0
    assert b"revised twice" in snapshot(demo_project / "site")["index.html"]
    assert not list(demo_project.glob(".site.tmp-*"))


def test_a_folder_briefing_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "todo.txt").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        publish(out, {"index.html": b"x"}, tmp_path)
    assert caught.value.diagnostic.code == "output.not-a-site"
    assert snapshot(out) == {"todo.txt": b"keep me\n"}


def test_an_empty_folder_or_a_previous_site_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    publish(out, {"data.json": b'{"schema_version": 1}'}, tmp_path)
    publish(out, {"data.json": b'{"schema_version": 1}', "index.html": b"new"}, tmp_path)
    assert snapshot(out)["index.html"] == b"new"


def test_out_may_name_a_folder_whose_parents_do_not_exist_yet(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = demo_project / "new" / "deep" / "site"
    assert main(["-C", str(demo_project), "build", "--no-pdf", "--out", str(out)]) == 0
    assert "index.html" in snapshot(out)


def test_builds_started_together_never_mix(two_versions: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    """Four real builds at once: while one is writing (it holds the lock), the three others are refused
    at once with output.locked and touch nothing; the one writing then publishes whole.

    Without the lock the three would build and publish over it (and delete its staging folder as stale).
    """
    project, old = two_versions  # content changed since the last build: no build is skipped
    first, _, go = start_child(project, "writing", tmp_path)  # lock held, half of its files written
    command = [sys.executable, "-m", "briefing", "-C", str(project), "build", "--no-pdf"]
    others = [subprocess.Popen(command, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    results = [(child.wait(timeout=120), child.stderr.read().decode() if child.stderr else "") for child in others]
    for code, err in results:
        assert code == 1 and "[output.locked]" in err, (code, err)
    assert snapshot(project / "site") == old
    go.write_text("go")
    first.communicate(timeout=60)
    assert first.returncode == 0
    new = snapshot(project / "site")
    assert set(new) == set(old) and b"revised" in new["index.html"]
    assert not list(project.glob(".site.tmp-*"))


def test_disk_full_while_writing_keeps_the_site_and_cleans_up(
    two_versions: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import briefing.publish.output as output

    project, old = two_versions
    real_write = output.write_files

    def full(folder: Path, files: dict[str, bytes]) -> None:
        real_write(folder, dict(list(files.items())[:1]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "write_files", full)
    assert build_in_process(project, monkeypatch) == 1
    err = capsys.readouterr().err
    assert "error: cannot write site: No space left on device [output.not-writable]" in err
    assert "check free space and permissions" in err
    assert snapshot(project / "site") == old
    assert not list(project.glob(".site.tmp-*"))


# -- hardening (issue 22) -----------------------------------------------------------------------------


def test_a_refused_output_folder_gets_no_lock_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """F19: '--out site/sources' is refused (not a site), and leaves nothing in the previous site."""
    import shutil

    from conftest import DEMO

    project = tmp_path / "p"
    shutil.copytree(DEMO, project)
    assert main(["-C", str(project), "build", "--no-pdf"]) == 0
    before = sorted(p.name for p in (project / "site").iterdir())
    assert main(["-C", str(project), "build", "--no-pdf", "--out", str(project / "site" / "sources")]) == 1
    assert "output.not-a-site" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "site").iterdir()) == before


def test_a_read_only_site_is_replaced_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    """F20: the old copy, read-only, was left as .site.tmp-* for ever (as a user without root's override)."""
    import shutil

    from conftest import DEMO, require_tool

    require_tool("setpriv")
    project = tmp_path / "p"
    shutil.copytree(DEMO, project)
    tmp_path.chmod(0o777)
    assert main(["-C", str(project), "build", "--no-pdf"]) == 0
    for path in [project / "site", *(project / "site").rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    (project / "content" / "briefing.yaml").write_text(
        (project / "content" / "briefing.yaml").read_text(encoding="utf-8").replace("Test desk", "Desk"),
        encoding="utf-8",
    )
    drop = "-dac_override,-dac_read_search"
    unprivileged = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]
    done = subprocess.run(
        [*unprivileged, sys.executable, "-m", "briefing", "-C", str(project), "build", "--no-pdf"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert b"Desk" in (project / "site" / "index.html").read_bytes()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.tmp")] == []


def test_a_file_written_as_it_is_made_has_the_digest_of_its_bytes(tmp_path: Path) -> None:
    """Staging.write_text (data.json) joins the encoder's small strings into large writes; same bytes, same digest."""
    import hashlib

    import briefing.publish.output as output

    out = tmp_path / "site"
    with output.staged(out, tmp_path) as staging:
        staging.write_text("data.json", iter(["{", '"a": "é"' * 200_000, "}\n"]))
        staging["sub/b.txt"] = b"2"
        assert staging["sub/b.txt"] == b"2" and sorted(staging) == ["data.json", "sub/b.txt"]
    written = (out / "data.json").read_bytes()
    assert written == ("{" + '"a": "é"' * 200_000 + "}\n").encode()
    assert staging.digests["data.json"] == hashlib.sha256(written).hexdigest()
