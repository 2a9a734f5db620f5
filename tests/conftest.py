"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = Path(__file__).resolve().parent / "demo"


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
