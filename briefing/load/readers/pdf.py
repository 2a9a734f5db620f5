"""PDF: the text layer, page by page, by pypdf; paragraphs from the gaps between lines.

pypdf rather than pdfplumber: pure Python with no binary dependency, already used by
our tests, and its text visitor gives each line's position and font size, which is all
paragraph and heading detection needs (see docs/decisions.md). Lines of one paragraph
are joined with a space (the PDF's line breaks are layout, not text); a taller gap than
the page's usual line spacing, or a change of font size, starts a paragraph; a line set
larger than the page's body text is a heading. Each page starts with a form feed, so a
paragraph knows its page. A PDF with no text layer at all (a scan) is refused: briefing
does no OCR.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from dataclasses import dataclass
from importlib import metadata as _metadata
from typing import Any

from briefing.load.readers.base import Extracted, Meta, ReaderError

NAME = "pypdf"
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")
_RUNNING_MAX = 100
_FILE_NAME = re.compile(r"\.(docx?|odt|rtf|pdf|indd|pages)$|^Microsoft Word - |^untitled$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_TERMINAL = tuple(".!?:;\"'\u201d\u2019")


def version(recorded: str = "") -> str:
    return f"{NAME} {_metadata.version(NAME)}"


@dataclass
class _Line:
    text: str
    y: float
    size: float


def _lines(page: Any) -> list[_Line]:
    """The page's lines, top to bottom as pypdf emits them, each with its baseline and font size."""
    lines: list[_Line] = []
    current: list[str] = []
    where: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if part.strip() and not where:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                where.append((y, abs(size * tm[3] * cm[3]) or size))
            current.append(part)
            if k < len(parts) - 1:
                flush()

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text and where:
            lines.append(_Line(text, where[0][0], round(where[0][1], 1)))
        current.clear()
        where.clear()

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _paragraphs(lines: list[_Line]) -> list[tuple[str, bool]]:
    """(text, is heading) for each paragraph of one page."""
    if not lines:
        return []
    body = statistics.median(line.size for line in lines)
    gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if a.y > b.y and a.size == b.size == body]
    spacing = statistics.median(gaps) if gaps else body * 1.2
    paragraphs: list[tuple[list[str], bool]] = []
    previous: _Line | None = None
    for line in lines:
        heading = line.size > body * 1.15
        gap = previous.y - line.y if previous else 0.0
        new = (
            previous is None
            or line.size != previous.size
            or not 0 < gap < spacing * 1.3
            or (paragraphs[-1][1] and not heading)
        )
        if new:
            paragraphs.append(([line.text], heading))
        else:
            paragraphs[-1][0].append(line.text)
        previous = line
    return [(" ".join(words), heading) for words, heading in paragraphs]


def _metadata_of(reader: Any, first_heading: str) -> tuple[Meta, ...]:
    info = reader.metadata or {}
    found: list[Meta] = []
    title = " ".join(str(info.get("/Title") or "").split())
    if first_heading:  # what a reader sees first; /Title is often a file name or a template's leftover
        found.append(Meta("title", first_heading, "the first heading on page 1 of the PDF"))
    elif title and not _FILE_NAME.search(title):
        found.append(Meta("title", title, "the PDF's document information (Title)"))
    author = " ".join(str(info.get("/Author") or "").split())
    if author:
        found.append(Meta("author", author, "the PDF's document information (Author)"))
    created = _PDF_DATE.match(str(info.get("/CreationDate") or ""))
    if created:
        day = "-".join(part for part in created.groups() if part)
        found.append(
            Meta("published", day, "the PDF's creation date (when the file was made, which may not be publication)")
        )
    return tuple(found)


def extract(raw: bytes, encoding: str = "") -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            reader.decrypt("")
        lines = [_lines(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ReaderError(
            f"cannot read the PDF: {exc}", "check the file is a complete PDF (open it in a viewer)"
        ) from exc
    lines, running = _without_running_lines(lines)
    pages = [_paragraphs(page_lines) for page_lines in lines]
    if not any(pages):
        raise ReaderError(
            f"the PDF has no text layer on any of its {len(pages)} pages (a scan?)",
            "briefing does no OCR: run OCR first (e.g. ocrmypdf), or type the text into a .txt file and add that",
        )
    text, not_content = _assemble(pages)
    empty = [str(n) for n, page in enumerate(pages, 1) if not page]
    notes: tuple[str, ...] = (
        (f"no text on page(s) {', '.join(empty)}: scanned pages? their words are not in the text",) if empty else ()
    )
    if running:
        notes += (f"left out as running heads or page numbers (on most pages): {'; '.join(running)}",)
    first = pages[0][0] if pages[0] else ("", False)
    metadata = _metadata_of(reader, first[0] if first[1] else "")
    return Extracted(text, version(), "PDF", not_content, metadata, notes)


def _assemble(pages: list[list[tuple[str, bool]]]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The derived text and its headings (by paragraph index). A form feed starts each page after the
    first: between paragraphs, or inside one that runs on from the page before (no final punctuation)."""
    blocks: list[list[Any]] = []  # [text, is heading, is page break]
    for n, page in enumerate(pages):
        for k, (text, heading) in enumerate(page):
            if n > 0 and k == 0:
                if blocks and _runs_on(blocks[-1], heading):
                    blocks[-1][0] += " \f" + text  # no line break: a text without blank lines has one per line
                    continue
                blocks.append(["\f", False, True])
            blocks.append([text, heading, False])
        if n > 0 and not page:
            blocks.append(["\f", False, True])
    headings, index = [], 0
    for _, heading, page_break in blocks:
        if not page_break:
            index += 1
            if heading:
                headings.append((index, "heading"))
    return "\n\n".join(text for text, _, _ in blocks) + "\n", tuple(headings)


def _runs_on(last: list[Any], heading: bool) -> bool:
    """A paragraph that ends a page without final punctuation continues on the next one."""
    return not last[2] and not last[1] and not heading and not str(last[0]).rstrip().endswith(_TERMINAL)


def _without_running_lines(pages: list[list[_Line]]) -> tuple[list[list[_Line]], list[str]]:
    """Pages without their running heads and footers: lines at the top or bottom of the page that recur
    on most pages, numbers aside ("Page 2 of 9", a letterhead). They are layout, like a web
    page's navigation, not the document's words."""
    if len(pages) < 2:
        return pages, []
    seen: dict[str, int] = {}
    for page in pages:
        for key in {_running_key(line) for line in _edges(page)}:
            seen[key] = seen.get(key, 0) + 1
    running = {key for key, count in seen.items() if count >= max(2, (len(pages) + 1) // 2)}
    kept = []
    for page in pages:
        edges = {id(line) for line in _edges(page)}
        kept.append([ln for ln in page if id(ln) not in edges or _running_key(ln) not in running])
    return kept, sorted({key.partition("@")[0] for key in running})


def _edges(page: list[_Line]) -> list[_Line]:
    """Lines set apart at the top or bottom of a page, where running heads and footers sit: among the two
    highest and two lowest, those further from the next line than two ordinary line spacings."""
    by_height = sorted(page, key=lambda line: -line.y)
    pairs = itertools.pairwise(by_height)
    spacing = [a.y - b.y for a, b in pairs if a.y > b.y and a.size == b.size]  # within paragraphs, mostly
    if not spacing:
        return []
    apart = 2 * min(statistics.median(spacing), sorted(spacing)[len(spacing) // 4])
    found = []
    for i, line in enumerate(by_height):
        if 2 <= i < len(by_height) - 2 or len(line.text) > _RUNNING_MAX:
            continue
        above = by_height[i - 1].y - line.y if i > 0 else float("inf")
        below = line.y - by_height[i + 1].y if i + 1 < len(by_height) else float("inf")
        near = below if i < 2 else above  # a head is set apart from what follows, a footer from what precedes
        if near > apart:
            found.append(line)
    return found


def _running_key(line: _Line) -> str:
    """Numbers aside, at one height: "Page 2 of 9" on page 2 and "Page 9 of 9" on page 9 are one running
    line; a line of the body that happens to recur lies at another height."""
    return f"{_NUMBER.sub('#', line.text)}@{round(line.y / 3)}"
