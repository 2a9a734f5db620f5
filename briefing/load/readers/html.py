"""Saved web pages: the article text by trafilatura, headings and captions marked, metadata with its origin.

trafilatura is the field's standard for main-text extraction (boilerplate, navigation,
cookie banners, share buttons and related links dropped; see docs/decisions.md). We keep
its paragraphs and headings from its XML output, one paragraph per block, white space
inside a block collapsed (HTML white space has no meaning). Captions are the blocks
whose text is a ``<figcaption>`` of the page; the headline is kept as the first
paragraph when the page shows it as an ``<h1>``.
"""

from __future__ import annotations

from importlib import metadata as _metadata
from typing import Any

from briefing.load.readers.base import Extracted, ReaderError
from briefing.load.readers.html_meta import page_metadata

NAME = "trafilatura"
_BLOCKS = {"p": "", "head": "heading", "quote": "", "item": "", "row": ""}


def version(recorded: str = "") -> str:
    return f"{NAME} {_metadata.version(NAME)}"


def _squash(text: str) -> str:
    return " ".join(text.split())


def parse(raw: bytes) -> Any:
    """The page as an lxml tree (trafilatura decodes it: meta charset, BOM, or detection)."""
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        raise ReaderError(
            "the file is not a readable HTML page", "check it is the saved page (.html), not an error page"
        )
    return tree


def _blocks(xml: str) -> list[tuple[str, str]]:
    """(text, kind) for each block of trafilatura's XML output, in reading order."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    found: list[tuple[str, str]] = []
    for element in main.iter() if main is not None else ():
        tag = element.tag
        if tag not in _BLOCKS or (
            tag == "p" and element.getparent() is not None and element.getparent().tag == "quote"
        ):
            continue
        text = _squash("".join(element.itertext()))
        if text:
            found.append((text, _BLOCKS[tag]))
    return found


def _captions(tree: Any) -> set[str]:
    return {_squash("".join(c.itertext())) for c in tree.iter("figcaption")} - {""}


def _captions_as_paragraphs(tree: Any) -> Any:
    """trafilatura drops <figcaption>s; as paragraphs they stay, and are marked as captions afterwards."""
    for caption in tree.iter("figcaption"):
        caption.tag = "p"
    return tree


def _headline(tree: Any, title: str) -> str:
    """The article's <h1>, which the reader sees first: the one equal to the metadata title, else the first
    inside <article> or <main> (a site's logo is often an <h1> too)."""
    headings = [(h1, _squash("".join(h1.itertext()))) for h1 in tree.iter("h1")]
    for _, text in headings:
        if text and text == title:
            return text
    for h1, text in headings:
        if text and any(a.tag in ("article", "main") for a in h1.iterancestors()):
            return text
    return ""


def extract(raw: bytes, encoding: str = "") -> Extracted:
    import trafilatura

    tree = parse(raw)
    meta = page_metadata(tree, raw)
    title = next((m.value for m in meta if m.field == "title"), "")
    xml = trafilatura.extract(
        _captions_as_paragraphs(parse(raw)),  # a fresh tree: trafilatura prunes the one it is given
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=True,  # keeps the figures, and with them their captions
        deduplicate=False,
        with_metadata=False,
    )
    blocks = _blocks(xml) if xml else []
    if not blocks:
        raise ReaderError(
            "no article text found in the page",
            "save the article's own page (not a front page or a login wall), or copy its text into a .txt file",
        )
    captions = _captions(tree)
    headline = _headline(tree, title)
    if headline and blocks[0][0] != headline:
        blocks.insert(0, (headline, "heading"))
    kinds = [(i, "caption" if text in captions else kind) for i, (text, kind) in enumerate(blocks, 1)]
    text = "\n\n".join(b for b, _ in blocks) + "\n"
    return Extracted(
        text,
        version(),
        "web page (HTML)",
        tuple((i, k) for i, k in kinds if k),
        meta,
    )
