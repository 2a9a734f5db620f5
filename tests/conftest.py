"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from briefing.build import Settings, build

# In CI, property tests draw the same examples every run (derandomize), so a
# submission that passed here passes there; local runs keep exploring at random
# and new failures found that way become unit tests.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
DEMO = Path(__file__).resolve().parent / "demo"


# Headless Chromium from the system package: never a downloaded browser, and no
# background connections (this machine's network refuses them, many at a time).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_tool(name: str) -> str:
    """Path of a system tool; skip the test without it, or fail in CI (BRIEFING_REQUIRE_TOOLS=1)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (bash setup.sh installs it)"
        if os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A writable copy of the small demo project in tests/demo."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14: fixed build date for reproducible pages


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed SOURCE_DATE_EPOCH for the test (restored after it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


def build_site(project: Path, out: Path) -> Path:
    """Build ``project`` into ``out`` (no PDF) with a fixed SOURCE_DATE_EPOCH; fail on any error."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        result = build(Settings(project, out, pdf=False))
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    if not result.written:
        pytest.fail("build failed:\n" + "\n".join(d.message for d in result.diagnostics))
    return out


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built once per session (read-only: do not modify)."""
    base = tmp_path_factory.mktemp("demo-site")
    shutil.copytree(DEMO, base / "demo")
    return build_site(base / "demo", base / "site")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped briefing (repository root) built once per session into a temporary folder."""
    return build_site(REPO, tmp_path_factory.mktemp("shipped-site") / "site")
