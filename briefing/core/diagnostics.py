"""One shape for every problem a user can fix: location, severity, code, hint.

Stages return lists of :class:`Diagnostic` instead of raising; the build
collects them all, sorts them and decides once whether it failed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # informative only: never fails a build, even with --strict


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a project file: path relative to the project, 1-based line and column.

    Slotted: a checked model keeps one for every field of every fact (its origin), and a per-instance
    dict doubled their cost (about 5 MiB per 1,000 sources).
    """

    file: str
    line: int = 0
    column: int = 0

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        # The constructor's arguments: a slotted frozen dataclass otherwise pickles through a Python-level
        # __setstate__, 4x slower to read back (the YAML cache holds one per value of a content file).
        return (Location, (self.file, self.line, self.column))

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.column, 1)}"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    """Dotted code such as ``citation.not-found``; documented in docs/diagnostics.md."""
    message: str
    location: Location | None = None
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.code, self.message)


class BriefingError(Exception):
    """A problem the user can fix that stops the work at hand; what to print is in ``diagnostics``.

    The one base of RenderError, OutputError, PdfError and ScaffoldError: a caller catches this.
    """

    def __init__(self, *diagnostics: Diagnostic) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    @property
    def diagnostic(self) -> Diagnostic:
        """The first (for errors that carry one)."""
        return self.diagnostics[0]


def byte_location(raw: bytes, at: int, file: str) -> Location:
    """The line and column (in characters) of byte ``at`` of a file's ``raw`` bytes."""
    line_start = raw.rfind(b"\n", 0, at) + 1
    column = len(raw[line_start:at].decode("utf-8", errors="replace")) + 1
    return Location(file, raw.count(b"\n", 0, at) + 1, column)


def error(code: str, message: str, location: Location | None = None, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, location, hint)


def warning(code: str, message: str, location: Location | None = None, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, location, hint)


def note(code: str, message: str, location: Location | None = None, hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.NOTE, code, message, location, hint)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key(), d.severity, d.hint): d for d in diagnostics}
    return [unique[k] for k in sorted(unique, key=lambda k: (k[0], k[1].value, k[2] or ""))]


LineReader = Callable[[str, int], str | None]


def file_line_reader(root: Path) -> LineReader:
    """Read line N of a project file for the caret display, caching each file once."""
    cache: dict[str, list[str] | None] = {}

    def read(file: str, line: int) -> str | None:
        if file not in cache:
            try:
                text = (root / file).read_text(encoding="utf-8-sig", errors="replace")
                cache[file] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            except OSError:
                cache[file] = None
        lines = cache[file]
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]

    return read


def format_diagnostic(d: Diagnostic, read_line: LineReader | None = None) -> str:
    """Render as ``file:line:col: severity: message [code]``, the source line, a caret, a hint."""
    head = f"{d.severity.value}: {d.message} [{d.code}]"
    if d.location is not None:
        head = f"{d.location}: {head}"
    out = [head]
    if d.location is not None and d.location.line > 0 and read_line is not None:
        text = read_line(d.location.file, d.location.line)
        if text is not None and len(text) <= 400:
            shown = text.expandtabs(1)
            out.append(f"    {shown}")  # control characters are made visible below, one for one
            col = max(d.location.column, 1)
            out.append("    " + " " * (col - 1) + "^")
    if d.hint:
        hint_lines = d.hint.split("\n")
        out.append(f"hint: {hint_lines[0]}")
        out.extend(f"      {h}" for h in hint_lines[1:])
    return "\n".join(out).translate(_CONTROLS)


# A file's bytes must not drive the user's terminal (escape sequences, bells, carriage returns)
# nor reorder what it shows (bidirectional overrides, "Trojan Source"): each C0/C1 control and
# bidi control character except the newline is shown as U+FFFD, keeping carets aligned.
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Invisible text-direction controls (also what load/evidence.py warns about in a source)."""
_CONTROLS = {c: "\ufffd" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS] if c != 0x0A}
_TEXT_CONTROLS = {c: r for c, r in _CONTROLS.items() if c != 0x09}


def terminal_safe(text: str) -> str:
    """Text from a project (a seed's sentences, titles, names) made safe to print, as diagnostics are:
    controls and bidi overrides shown as U+FFFD; newlines and tabs kept."""
    return text.translate(_TEXT_CONTROLS)


def summary_counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            errors += 1
        elif d.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt key or id, or None when nothing is close."""
    import difflib
    import heapq

    pool = sorted(set(choices))
    if len(pool) > CLOSE_CANDIDATES:
        # Only the ids sharing most letter pairs with the word are compared: difflib against 5,000 ids took
        # 1.9 s per mistyped reference (half an hour for 1,000 typos); a set intersection each is milliseconds.
        pairs = _pairs(word)
        pool = heapq.nlargest(CLOSE_CANDIDATES, pool, key=lambda c: len(pairs & _pairs(c)))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


CLOSE_CANDIDATES = 100
"""Ids compared character by character for a 'did you mean' hint."""


@functools.lru_cache(maxsize=1 << 16)  # the same ids are offered for every mistyped reference
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))
