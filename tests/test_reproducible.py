"""Same inputs + SOURCE_DATE_EPOCH = the same bytes, whatever the folder, clock, time zone or hash seed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DEMO, REPO, require_tool

EPOCH = "1709251200"  # 2024-03-01T00:00:00Z
OTHER_CLOCK = "2031-05-01 03:04:05"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, *, epoch: str | None, clock: str | None, tz: str, seed: str) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update({"PYTHONPATH": str(REPO), "TZ": tz, "PYTHONHASHSEED": seed})
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "briefing", "-C", str(project), "build"]
    if clock is not None:
        command = [require_tool("faketime"), clock, *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return snapshot(project / "site")


def copy_demo(where: Path) -> Path:
    shutil.copytree(DEMO, where)
    return where


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build(copy_demo(tmp_path / "a" / "demo"), epoch=EPOCH, clock=None, tz="UTC", seed="1")
    second = build(
        copy_demo(tmp_path / "elsewhere" / "renamed project"),
        epoch=EPOCH,
        clock=OTHER_CLOCK,
        tz="Pacific/Auckland",
        seed="2",
    )
    assert {"index.html", "data.json", "style.css"} <= set(first)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], f"site/{name} differs between two builds"


def test_the_epoch_is_what_fixes_the_date(tmp_path: Path) -> None:
    """Control: without SOURCE_DATE_EPOCH another clock gives another site, so the test above can fail."""
    pinned = build(copy_demo(tmp_path / "a"), epoch=EPOCH, clock=None, tz="UTC", seed="1")
    unpinned = build(copy_demo(tmp_path / "b"), epoch=None, clock=OTHER_CLOCK, tz="UTC", seed="1")
    assert pinned != unpinned
    assert b"2024-03-01" in pinned["index.html"] and b"2031-05-01" in unpinned["index.html"]


def _inflated(data: bytes) -> bytes:
    """The bytes with every zlib stream of a PDF inflated, so that paths inside them can be seen."""
    import re
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_no_path_of_the_build_machine_in_the_site(tmp_path: Path) -> None:
    """Nothing about where the build ran (folder names, file:// URLs) reaches a reader, PDF included."""
    project = copy_demo(tmp_path / "secret-folder-name" / "demo")
    site = build(project, epoch=EPOCH, clock=None, tz="UTC", seed="1")
    for name, data in site.items():
        text = _inflated(data) if name.endswith(".pdf") else data
        assert b"secret-folder-name" not in text, f"site/{name} contains the build folder's path"
        assert b"file://" not in text, f"site/{name} contains a file:// URL"
