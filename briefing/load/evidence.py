"""Load the source documents named in sources.yaml: confined to seeds/, pinned by SHA-256."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from briefing.core.diagnostics import Diagnostic, Location, did_you_mean, error, note, warning
from briefing.load.sources import SEEDS_DIR, load_document
from briefing.model.documents import Document
from briefing.model.facts import Source


def _not_a_file(target: Path) -> str | None:
    """None for a regular file; 'missing'; or the system's reason (a symlink loop, a name too long)."""
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        return (exc.strerror or type(exc).__name__).lower()
    return None if stat.S_ISREG(mode) else "missing"


def _confined(root: Path, source: Source) -> tuple[str | None, list[Diagnostic]]:
    """The file's project-relative path, or a diagnostic if it leaves seeds/."""
    where = source.origin.of("file")
    seeds = (root / SEEDS_DIR).resolve()
    name = source.file
    if Path(name).is_absolute() or "\\" in name or any(part == ".." for part in Path(name).parts):
        return None, [
            error(
                "source.outside-seeds",
                f"source file '{name}' is outside {SEEDS_DIR}/",
                where,
                f"give a file name inside {SEEDS_DIR}/, e.g. 'report.txt'",
            )
        ]
    target = root / SEEDS_DIR / name
    try:
        # os.path.realpath, not Path.resolve: it never raises on a symlink loop, on any Python version.
        inside = Path(os.path.realpath(target)).is_relative_to(seeds)
        problem = _not_a_file(target)
    except ValueError:
        inside, problem = True, "the name contains a NUL character"
    if problem not in (None, "missing"):
        return None, [
            error(
                "source.unreadable",
                f"cannot use source file {name!r}: {problem}",
                where,
                f"give the plain name of a text file inside {SEEDS_DIR}/",
            )
        ]
    if not inside:
        return None, [
            error(
                "source.outside-seeds",
                f"source file '{name}' links outside {SEEDS_DIR}/",
                where,
                f"copy the document into {SEEDS_DIR}/ instead of linking to it",
            )
        ]
    if problem == "missing":
        present = sorted(p.name for p in (root / SEEDS_DIR).glob("*")) if seeds.is_dir() else []
        hint = did_you_mean(name, present) or f"put the file in {SEEDS_DIR}/ (copied unchanged)"
        return None, [error("source.missing", f"source file '{SEEDS_DIR}/{name}' does not exist", where, hint)]
    return f"{SEEDS_DIR}/{name}", []


def load_documents(root: Path, sources: tuple[Source, ...]) -> tuple[tuple[Document, ...], list[Diagnostic]]:
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for source in sources:
        rel, found = _confined(root, source)
        diagnostics += found
        if rel is None:
            continue
        document, found = load_document(root, source.id, rel)
        diagnostics += found
        if document is None:
            continue
        if document.sha256 != source.sha256:
            diagnostics.append(
                error(
                    "source.changed",
                    f"{rel} does not match its pinned sha256",
                    source.origin.of("sha256"),
                    f"the evidence changed: restore the original file, or if the change is intended, pin it again "
                    f"with sha256: {document.sha256}",
                )
            )
            continue
        documents.append(document)
        diagnostics += _repeats(document) + _bidi_controls(document)
    return tuple(documents), diagnostics


_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _bidi_controls(document: Document) -> list[Diagnostic]:
    """Invisible direction controls can make a page show words in another order than the source
    stores them ("Trojan Source"): a reader could be shown a quote the source does not contain."""
    match = _BIDI_CONTROL.search(document.text)
    if match is None:
        return []
    line_start = document.text.rfind("\n", 0, match.start()) + 1
    return [
        warning(
            "source.bidi-control",
            f"source contains invisible text-direction controls (U+{ord(match.group()):04X})",
            Location(document.file, document.line_of(match.start()), match.start() - line_start + 1),
            "pages may show these words in another order than the file: compare with the original, and record it "
            "under the source's notes",
        )
    ]


def _repeats(document: Document) -> list[Diagnostic]:
    """Report each repeated paragraph once: a quirk of the source, never an error."""
    return [
        note(
            "source.repeated-paragraph",
            f"paragraph {p.index} repeats paragraph {p.repeat_of} word for word",
            Location(document.file, document.line_of(p.start), 1),
            "quotes from it resolve to the first occurrence; its sentences count once for coverage",
        )
        for p in document.paragraphs
        if p.repeat_of is not None
    ]
