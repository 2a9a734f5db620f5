"""Source readers, one per format, in a table keyed by file extension (as Pelican's Readers).

A reader turns the bytes of an original (a saved web page, a PDF, a text file in an
old encoding) into the UTF-8 text the pipeline reads, plus what the original says
about itself (title, outlet, date...), each value with where it was found. Readers
are used by ``briefing add`` to derive the text and by ``briefing check`` to verify
that re-deriving it from the pinned original gives the pinned text. Their libraries
are imported only when a reader runs.

Derived text conventions: paragraphs are separated by a blank line; a form feed
(U+000C) marks the start of a new page of a paged original (PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from briefing.load.readers import html, pdf, text
from briefing.load.readers.base import Extracted, Meta, ReaderError

__all__ = ["READERS", "Extracted", "Meta", "Reader", "ReaderError", "derivation", "reader_for", "sniff"]


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    kind: str
    """What such an original is, in words, for readers of the briefing."""
    method: str
    """The first word of the ``extractor`` this reader records."""
    extracted: Callable[[bytes, str], Extracted]
    """The format module's ``extract(raw, encoding)``."""
    installed: Callable[[str], str]
    """The format module's ``version(recorded)``."""

    def extract(self, raw: bytes, encoding: str = "") -> Extracted:
        return self.extracted(raw, encoding)

    def version(self, recorded: str) -> str:
        """The ``NAME VERSION`` this installation would record instead of ``recorded``."""
        return self.installed(recorded)


READERS = (  # one row per format: a new format is its module and a row here (docs/architecture.md)
    Reader("text", (".txt", ".text"), "text", "decode", text.extract, text.version),
    Reader("html", (".html", ".htm", ".xhtml"), "web page (HTML)", "trafilatura", html.extract, html.version),
    Reader("pdf", (".pdf",), "PDF", "pypdf", pdf.extract, pdf.version),
)
BY_EXTENSION = {ext: reader for reader in READERS for ext in reader.extensions}
BY_METHOD = {reader.method: reader for reader in READERS}


def derivation(extractor: str) -> str:
    """How a source's text was made from its original, in words, from its ``extractor`` value."""
    method, _, detail = extractor.partition(" ")
    return f"decoded from {detail}" if method == "decode" else f"extracted by {extractor}"


def reader_for(name: str) -> Reader | None:
    return BY_EXTENSION.get(PurePath(name).suffix.lower())


def sniff(raw: bytes) -> Reader:
    """The reader for bytes whose name says nothing (a download): by their first bytes."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF-"):
        return BY_EXTENSION[".pdf"]
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return BY_EXTENSION[".html"]
    return BY_EXTENSION[".txt"]
