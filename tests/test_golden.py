"""Golden test: the demo project's pages, normalised, and its data.json equal tests/golden/ file by file.

Regenerate after an intended change with ``invoke golden`` (or
BRIEFING_UPDATE_GOLDEN=1 pytest tests/test_golden.py) and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"
# The chart has its own tests; its SVG would make every chart tweak a page diff.
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def normalise(html: str) -> str:
    html = _SVG.sub("<svg><!-- timeline chart: see tests/test_timeline.py --></svg>", html)
    return _TRAILING.sub("", html).rstrip("\n") + "\n"


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): normalise(p.read_text("utf-8")) for p in sorted(site.rglob("*.html"))}


def test_normalise_keeps_content_and_drops_only_the_chart() -> None:
    html = '<p>a</p>  \n<figure><svg role="img"><title>T</title>\n</svg></figure>\n\n'
    chart = "<svg><!-- timeline chart: see tests/test_timeline.py --></svg>"
    assert normalise(html) == f"<p>a</p>\n<figure>{chart}</figure>\n"


def test_demo_pages_match_golden(demo_site: Path) -> None:
    actual = pages(demo_site)
    if UPDATE:
        for old in GOLDEN.rglob("*.html"):
            old.unlink()
        for rel, text in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in sorted(GOLDEN.rglob("*.html"))}
    assert sorted(actual) == sorted(expected), "pages differ from tests/golden (run 'invoke golden' if intended)"
    for rel, text in actual.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/{rel} (run 'invoke golden' if intended)"


def test_demo_data_json_matches_golden(demo_site: Path) -> None:
    """data.json is a public contract (docs: data.schema.json): any change to it shows up here, byte for byte."""
    actual = (demo_site / "data.json").read_bytes()
    if UPDATE:
        (GOLDEN / "data.json").write_bytes(actual)
    expected = (GOLDEN / "data.json").read_bytes()
    assert actual == expected, "data.json differs from tests/golden/data.json (run 'invoke golden' if intended)"
