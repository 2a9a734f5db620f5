"""Markdown that the renderer neutralises is reported, at its line and column."""

from __future__ import annotations

from briefing.model.facts import Prose
from briefing.resolve.prose_check import check_markdown


def found(markdown: str) -> list[tuple[str, int, int]]:
    diagnostics = check_markdown(Prose("summary", "content/summary.md", markdown))
    return [(d.code, d.location.line, d.location.column) for d in diagnostics if d.location]


def test_clean_prose_has_no_warnings() -> None:
    text = "# Title\n\nA [relative](sources/a.html), [web](https://x.org) and [mail](mailto:a@b.org) [@fact].\n"
    assert found(text) == []


def test_raw_html_block_and_inline() -> None:
    assert found("Intro.\n\n<div>\nx\n</div>\n\nSome <em>inline</em>.\n") == [
        ("markdown.raw-html", 3, 1),
        ("markdown.raw-html", 7, 6),
        ("markdown.raw-html", 7, 16),
    ]


def test_each_unsafe_scheme_is_flagged_where_it_stands() -> None:
    text = "a [x](javascript:alert(1)) b [y](http://plain.org)\n[z](data:text/html,hi) [w](//evil.org/a)\n"
    assert found(text) == [
        ("markdown.unsafe-link", 1, 7),
        ("markdown.unsafe-link", 1, 34),
        ("markdown.unsafe-link", 2, 5),
        ("markdown.unsafe-link", 2, 28),
    ]


def test_images_are_flagged() -> None:
    assert found("Look:\n\n  ![b](https://example.org/b.png) and ![c](c.png)\n") == [
        ("markdown.image", 3, 3),
        ("markdown.image", 3, 39),
    ]
