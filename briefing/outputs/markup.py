"""Markdown prose (content/*.md) to safe HTML.

markdown-it-py with the CommonMark preset and raw HTML off, so curated prose
cannot inject markup. Links survive only when relative, ``https:`` or
``mailto:``; any other link keeps its text but loses the link. Images are off
(an image URL would be a request outside the site). Inline citations
``[@id]`` / ``[@a; @b]`` become tokens the caller renders as citation markers.
Headings are shifted down two levels so prose sits under the page's h2.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import Markup, escape

from briefing.model.facts import PROSE_CITATION, prose_targets
from briefing.model.links import allowed_link

CiteRenderer = Callable[[Sequence[str]], str]
"""Turns the targets of one inline citation into HTML (already escaped)."""

HEADING_SHIFT = 2


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return allowed_link(url)


def _citation(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = PROSE_CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"targets": [target for target, _ in prose_targets(match.group(1))]}
    state.pos = match.end()
    return True


def _inert_links(state: StateCore) -> None:
    """Drop the link tokens (keeping their text) of any link whose target is not allowed."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept: list[Token] = []
        dropping = False
        for token in block.children:
            if token.type == "link_open" and not allowed_link(str(token.attrGet("href") or "")):
                dropping = True
                continue
            if token.type == "link_close" and dropping:
                dropping = False
                continue
            kept.append(token)
        block.children = kept


def _shift_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1:]) + HEADING_SHIFT)
            token.tag = f"h{level}"


def _render_citation(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
) -> str:
    render: CiteRenderer = env["cite"]
    return render(tuple(tokens[idx].meta["targets"]))


def parser() -> MarkdownIt:
    md = _Parser("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.inline.ruler.before("link", "citation", _citation)
    md.core.ruler.push("inert_links", _inert_links)
    md.core.ruler.push("shift_headings", _shift_headings)
    md.add_render_rule("citation", _render_citation)
    return md


def render_markdown(text: str, cite: CiteRenderer) -> Markup:
    """Markdown to HTML; ``cite`` renders each inline citation."""
    return Markup(parser().render(text, {"cite": cite}))


_TAG = re.compile(r"<[^>]+>")


def plain_words(text: str, cite: CiteRenderer) -> str:
    """Markdown as the words a reader reads, without markup: for places that cannot hold links."""
    rendered = parser().render(text, {"cite": lambda targets: escape(cite(targets))})
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())
