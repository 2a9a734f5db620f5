"""Load source documents: decode, normalise newlines, split paragraphs and sentences.

Offsets everywhere refer to ``Document.text``: the file decoded as UTF-8, a
leading BOM dropped, CRLF and CR turned into LF. Nothing else is changed, so
what a reader is shown is the source's own characters.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path

from briefing.core import diskcache
from briefing.core.diagnostics import Diagnostic, Location, byte_location, error
from briefing.load import multilingual as splitter
from briefing.model.documents import Document, Paragraph, Sentence

SEEDS_DIR = "seeds"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TERMINAL = tuple('.!?"\u201d\u2019\u2026:')


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to normalised text, or a diagnostic naming the line of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None, [
            error(
                "source.empty",
                "source file is empty",
                Location(file, 1, 1),
                "put the document's text in the file, or remove it from content/sources.yaml",
            )
        ]
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        return None, [
            error(
                "source.binary",
                "source file is binary, not text",
                byte_location(raw, at, file),
                "sources must be plain UTF-8 text; convert PDFs or Word files to .txt first",
            )
        ]
    return utf8_text(raw, file, "source.encoding", "re-save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)")


def utf8_text(raw: bytes, file: str, code: str, hint: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 bytes (a BOM dropped) as text with LF newlines, or error ``code`` at the first bad byte.

    The one decoding of a project's text files: content/ (content.py) and seeds/.
    """
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"invalid UTF-8 byte 0x{raw[exc.start]:02x}"
        return None, [error(code, message, byte_location(raw, exc.start, file), hint)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def comparable(text: str) -> str:
    """The form two paragraphs are compared in when looking for repeats."""
    return " ".join(unicodedata.normalize("NFC", text).split())  # runs of white space one space, stripped


HEADING_MAX_WORDS = 10


def looks_like_heading(line: str) -> bool:
    """A short line without final punctuation, starting like a title: a sub-heading or a caption's label."""
    stripped = line.strip()
    words = stripped.split()
    first = stripped[:1]
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and not stripped.endswith(_TERMINAL)
        and (first.isupper() or first.isdigit())
    )


def _heading_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a blank-line paragraph around its heading lines: a line that looks like a heading,
    after a line ending a sentence (or first) and before a line starting one (or last)."""
    lines, pos = [], start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if len(lines) < 2:
        return [(start, end)]
    cuts = []
    for i, (lo, hi) in enumerate(lines):
        before = i == 0 or text[lines[i - 1][0] : lines[i - 1][1]].rstrip().endswith(_TERMINAL)
        after = i == len(lines) - 1 or text[lines[i + 1][0] : lines[i + 1][1]].lstrip()[:1].isupper()
        if before and after and looks_like_heading(text[lo:hi]):
            cuts.append(i)
    pieces, first = [], 0
    for i in cuts:
        if i > first:
            pieces.append((lines[first][0], lines[i - 1][1]))
        pieces.append(lines[i])
        first = i + 1
    if first < len(lines):
        pieces.append((lines[first][0], lines[-1][1]))
    return pieces


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated if the text has blank lines, else one per line.

    With blank lines, a single line break is a soft wrap, except around a heading line (a short line
    without final punctuation between two sentences): that line is a paragraph of its own.
    """
    blank_lines = bool(_BLANK_LINE.search(text.strip()))
    separator = _BLANK_LINE if blank_lines else re.compile(r"\n")
    ranges, pos = [], 0
    for match in separator.finditer(text):
        ranges.append((pos, match.start()))
        pos = match.end()
    ranges.append((pos, len(text)))
    result = []
    for start, end in ranges:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            span = (start + lead, start + lead + len(stripped))
            result += _heading_lines(text, *span) if blank_lines else [span]
    return [(lo, hi) for lo, hi in result if text[lo:hi].strip()]


def _pages(text: str) -> Callable[[int], int]:
    """Offset -> page number, where each form feed starts a page (derived PDF text); 0 without any."""
    breaks = [m.start() for m in re.finditer("\f", text)]
    if not breaks:
        return lambda _offset: 0
    return lambda offset: bisect.bisect_right(breaks, offset) + 1


def build_document(source_id: str, file: str, text: str, sha256: str, language: str = "en") -> Document:
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    first_seen: dict[str, int] = {}
    first_sentence_of: dict[int, int] = {}
    ranges = paragraph_ranges(text)
    page_of = _pages(text)
    for p_index, (start, end) in enumerate(ranges, 1):
        key = comparable(text[start:end])
        repeat_of = first_seen.setdefault(key, p_index)
        repeat_of_or_none = repeat_of if repeat_of != p_index else None
        paragraphs.append(Paragraph(p_index, start, end, repeat_of_or_none, page_of(start)))
        first_sentence_of[p_index] = len(sentences)
        spans = splitter.split(text[start:end], start, language)
        headline = p_index == 1 and len(ranges) > 1 and len(spans) == 1 and not text[start:end].endswith(_TERMINAL)
        heading = (
            not headline and len(spans) == 1 and "\n" not in text[start:end] and looks_like_heading(text[start:end])
        )
        for k, span in enumerate(spans):
            n = len(sentences) + 1
            original = None
            if repeat_of_or_none is not None:
                original = f"{source_id}.{first_sentence_of[repeat_of_or_none] + k + 1}"
            sentences.append(
                Sentence(
                    f"{source_id}.{n}",
                    source_id,
                    p_index,
                    n,
                    text,
                    span.start,
                    span.end,
                    headline,
                    original,
                    "heading" if heading else "",
                    page_of(span.start),
                )
            )
    return Document(source_id, file, text, sha256, tuple(paragraphs), tuple(sentences))


def load_document(
    root: Path, source_id: str, file: str, language: str = "en", cache: DocumentCache | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    """Read ``root/file`` (already checked to lie inside the seeds folder); split by ``language``'s rules."""
    try:
        raw = (root / file).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            error(
                "source.unreadable",
                f"cannot read source file: {reason}",
                Location(file),
                "check the file exists and is readable",
            )
        ]
    text, diagnostics = decode(raw, file)
    if text is None:
        return None, diagnostics
    made = cache.document if cache is not None else build_document
    return made(source_id, file, text, hashlib.sha256(raw).hexdigest(), language), diagnostics


DOCUMENT_CACHE_FROM = 1_000
"""Characters: a shorter document is split in a fraction of a millisecond."""


class DocumentCache:
    """A project's split documents kept between checks, as one disk-cache entry (core/diskcache.py).

    Splitting and numbering the sentences was most of loading the documents (0.5 s of 0.7 s for 1,000
    sources); reading them back takes a third of that. One entry for the whole project, not one per
    document: creating a file costs more than splitting a short document. Each document is keyed by all
    it is made from (and the code), so an entry is what a build makes; the entry keeps the documents of
    the last check only.
    """

    def __init__(self, root: Path) -> None:
        self.name = "documents-" + hashlib.sha256(os.fsencode(root.resolve())).hexdigest()  # any path's bytes
        self.stored = _stored_documents(self.name)
        self.used: dict[str, Document] = {}

    def document(self, source_id: str, file: str, text: str, sha256: str, language: str = "en") -> Document:
        """``build_document``'s result, from the entry when it holds it."""
        if len(text) < DOCUMENT_CACHE_FROM:
            return build_document(source_id, file, text, sha256, language)
        key = diskcache.key("document", source_id, file, sha256, language, text)
        found = self.stored.get(key) or build_document(source_id, file, text, sha256, language)
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep this check's documents for the next, unless the entry holds exactly them already."""
        if self.used.keys() != self.stored.keys():
            diskcache.store_pickled(self.name, self.used)


def _stored_documents(name: str) -> dict[str, Document]:
    return diskcache.read_pickled(name, dict) or {}


def seed_digest(seeds: Path, name: object) -> str | None:
    """SHA-256 of ``seeds/name`` if that is a regular file inside seeds/, else None (for hints only)."""
    if not isinstance(name, str) or not name.strip() or "\0" in name:
        return None
    path = seeds / name.strip()
    try:
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(Path(os.path.realpath(seeds))) or not stat.S_ISREG(real.stat().st_mode):
            return None
        with real.open("rb") as f:  # in chunks: a 3 GB stray file is hashed, not held in memory
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (OSError, ValueError):
        return None
