"""Warnings for Markdown prose that the renderer will neutralise: raw HTML, unsafe links, images.

The renderer (markup.py) already makes all three inert: raw HTML is shown as
text, a link with a disallowed target keeps only its text, images are off.
Silently changing what the curator wrote is surprising, so ``briefing check``
says so, at the line and column, with what to write instead.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.core.diagnostics import Diagnostic, Location, warning
from briefing.model.facts import Prose
from briefing.model.links import allowed_link


class _Permissive(MarkdownIt):
    """Parses every link and image, so that we can see the ones the renderer drops."""

    def validateLink(self, url: str) -> bool:
        return True


def _parser() -> MarkdownIt:
    return _Permissive("commonmark", {"html": True})


def _offset_of_line(text: str, line: int) -> int:
    """Offset of the start of 0-based ``line``."""
    offset = 0
    for _ in range(line):
        found = text.find("\n", offset)
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


class _Cursor:
    """Finds each flagged construct in the source text, left to right within its block."""

    def __init__(self, prose: Prose, start: int) -> None:
        self.prose, self.pos = prose, start

    def find(self, needle: str, skip: int = 0) -> Location:
        """Location of the next ``needle`` (plus ``skip`` characters), or of the block's start."""
        text = self.prose.markdown
        at = text.find(needle, self.pos) if needle else -1
        if at < 0:
            at = self.pos
        else:
            self.pos = at + len(needle)
            at += skip
        line_start = text.rfind("\n", 0, at) + 1
        return Location(self.prose.file, text.count("\n", 0, at) + 1, at - line_start + 1)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _raw_html(cursor: _Cursor, html: str) -> Diagnostic:
    return warning(
        "markdown.raw-html",
        f"raw HTML is shown as text, not as markup: '{_short(html)}'",
        cursor.find(html.strip()),
        "write Markdown instead: raw HTML is never rendered, so prose cannot run code in a reader's browser",
    )


def _inline(cursor: _Cursor, children: list[Token]) -> list[Diagnostic]:
    found = []
    for token in children:
        if token.type == "html_inline":
            found.append(_raw_html(cursor, token.content))
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not allowed_link(href):
                found.append(
                    warning(
                        "markdown.unsafe-link",
                        f"link to '{_short(href)}' is removed, its text kept",
                        cursor.find(f"]({href.split(':')[0]}", skip=2),
                        "only relative, https: and mailto: links are kept; link to an https: address instead",
                    )
                )
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            found.append(
                warning(
                    "markdown.image",
                    f"image '{_short(src)}' is not shown: pages load nothing from outside the site",
                    cursor.find("!["),
                    "describe the image in words, or link to it with [text](https://...)",
                )
            )
    return found


def check_markdown(prose: Prose) -> list[Diagnostic]:
    """Warnings for everything in one prose file that will not render as written."""
    found: list[Diagnostic] = []
    for token in _parser().parse(prose.markdown):
        cursor = _Cursor(prose, _offset_of_line(prose.markdown, token.map[0]) if token.map else 0)
        if token.type == "html_block":
            found.append(_raw_html(cursor, token.content.strip().split("\n")[0]))
        elif token.type == "inline" and token.children:
            found += _inline(cursor, token.children)
    return found
