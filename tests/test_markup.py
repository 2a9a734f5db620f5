"""Markdown prose: CommonMark, no raw HTML, only safe links, no images, inline citations, shifted headings."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from briefing.model.links import allowed_link
from briefing.outputs.markup import render_markdown


def _cite(targets: Sequence[str]) -> str:
    return "<CITE " + "|".join(targets) + ">"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("sources/a.html#a.1", True),
        ("#key-points", True),
        ("../index.html", True),
        ("https://example.org/x", True),
        ("HTTPS://example.org", True),
        ("mailto:desk@example.org", True),
        ("http://example.org", False),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("//cdn.example.org/x.js", False),
        ("\\\\server\\share", False),
        ("", False),
    ],
)
def test_allowed_link(url: str, ok: bool) -> None:
    assert allowed_link(url) is ok


def test_raw_html_is_escaped() -> None:
    html = render_markdown("Hello <script>alert(1)</script> <b>x</b>\n\n<div>block</div>\n", _cite)
    assert "<script>" not in html and "<b>" not in html and "<div>" not in html
    assert "&lt;script&gt;" in html and "&lt;div&gt;block&lt;/div&gt;" in html


def test_disallowed_links_keep_their_text_and_lose_the_link() -> None:
    html = render_markdown("[a](javascript:alert(1)) [b](http://x.org) [c](//x.org) <http://x.org>\n", _cite)
    assert "<a " not in html
    assert "[a](javascript:alert(1))" in html and "[b](http://x.org)" in html


def test_allowed_links_stay_links() -> None:
    html = render_markdown("[s](sources/a.html#a.1) [w](https://example.org) [m](mailto:a@b.org)\n", _cite)
    assert '<a href="sources/a.html#a.1">s</a>' in html
    assert '<a href="https://example.org">w</a>' in html
    assert '<a href="mailto:a@b.org">m</a>' in html


def test_reference_links_are_checked_too() -> None:
    html = render_markdown("[x][bad]\n\n[bad]: javascript:alert(1)\n", _cite)
    assert "<a " not in html


def test_images_make_no_request() -> None:
    html = render_markdown("![chart](https://example.org/c.png)\n", _cite)
    assert "<img" not in html


def test_no_linkify_and_no_typographer() -> None:
    html = render_markdown('See www.example.org -- "quoted"\n', _cite)
    assert "<a " not in html and "--" in html and "&quot;quoted&quot;" in html


def test_inline_citations_become_markers() -> None:
    html = render_markdown("- Closed for three weeks [@bridge-closed].\n- Six weeks [@engineer; @gazette.2].\n", _cite)
    assert "<CITE bridge-closed>" in html
    assert "<CITE engineer|gazette.2>" in html
    assert "[@" not in html


def test_citation_syntax_inside_code_is_left_alone() -> None:
    html = render_markdown("Write `[@fact-id]` to cite.\n", _cite)
    assert "<code>[@fact-id]</code>" in html and "CITE" not in html


def test_headings_sit_below_the_page_section_heading() -> None:
    html = render_markdown("# One\n\n## Two\n\n##### Five\n", _cite)
    assert "<h3>One</h3>" in html and "<h4>Two</h4>" in html and "<h6>Five</h6>" in html
    assert "<h1>" not in html and "<h2>" not in html
