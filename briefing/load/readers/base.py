"""What every reader returns, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass


class ReaderError(Exception):
    """The original cannot be turned into text (a scanned PDF, a page with no article...)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Meta:
    """One thing the original says about itself."""

    field: str
    """The sources.yaml field it fills: title, outlet, author, url, published."""
    value: str
    found: str
    """Where it was found, in words: "the page's JSON-LD (NewsArticle.headline)"."""


@dataclass(frozen=True)
class Extracted:
    text: str
    """The derived text, or "" when the original is UTF-8 text already (copied as it is)."""
    extractor: str
    """``NAME VERSION`` as recorded in sources.yaml (``trafilatura 2.3.1``, ``decode windows-1252``)."""
    kind: str
    """What the original is, for readers: "web page (HTML)", "PDF", "text (Windows-1252)"."""
    not_content: tuple[tuple[int, str], ...] = ()
    """(1-based paragraph index, "heading" | "caption") for paragraphs that are not the source's prose."""
    metadata: tuple[Meta, ...] = ()
    notes: tuple[str, ...] = ()
    """Things the curator should know about the extraction (pages without text...)."""
