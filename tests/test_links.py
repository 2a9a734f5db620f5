"""Every internal link and #anchor of the built sites resolves; no page fetches anything from outside."""

from __future__ import annotations

from pathlib import Path

from briefing.tools.linkcheck import check_site


def test_demo_site_links_resolve(demo_site: Path) -> None:
    assert [str(p) for p in check_site(demo_site)] == []


def test_shipped_site_links_resolve(shipped_site: Path) -> None:
    assert [str(p) for p in check_site(shipped_site)] == []


def test_every_fact_and_sentence_is_linked(demo_site: Path) -> None:
    """The checker only proves something if the pages are full of links: count the kinds we rely on."""
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    source = (demo_site / "sources" / "gazette.html").read_text(encoding="utf-8")
    assert index.count('href="sources/gazette.html#gazette.') >= 3
    assert 'href="../index.html#statement-engineer-six-weeks"' in source
    assert 'href="../index.html#actor-unnamed-engineer"' in source
