"""Load the source documents named in sources.yaml: confined to seeds/, pinned by SHA-256."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from briefing.core.diagnostics import BIDI_CONTROLS, Diagnostic, Location, did_you_mean, error, note, warning
from briefing.load.derived import check_derived
from briefing.load.sources import SEEDS_DIR, DocumentCache, load_document, looks_like_heading
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


def _inside(target: Path, name: str, seeds: Path) -> bool:
    """Whether ``target`` (``name`` in seeds/) really lies in the resolved ``seeds``."""
    if "/" not in name and not stat.S_ISLNK(_lstat_mode(target)):
        return True  # a plain name, not a link, in seeds/ itself: resolving each folder above was 40 % of this
    # os.path.realpath, not Path.resolve: it never raises on a symlink loop, on any Python version.
    return Path(os.path.realpath(target)).is_relative_to(seeds)


def _lstat_mode(target: Path) -> int:
    try:
        return os.lstat(target).st_mode
    except OSError:  # missing, or the system's reason: realpath and _not_a_file say which
        return stat.S_IFLNK


def _confined(root: Path, name: str, where: Location, seeds: Path | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The file's project-relative path, or a diagnostic (at ``where``) if it leaves seeds/.

    ``seeds`` is the seeds folder resolved, when the caller has it already (once for all sources).
    """
    seeds = seeds or (root / SEEDS_DIR).resolve()
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
        inside = _inside(target, name, seeds)
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


def load_documents(
    root: Path, sources: tuple[Source, ...], language: str = "en"
) -> tuple[tuple[Document, ...], list[Diagnostic]]:
    """Each source's document, split by its own language or else the briefing's (``language``)."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    seeds = (root / SEEDS_DIR).resolve()
    cache = DocumentCache(root)
    for source in sources:
        rel, found = _confined(root, source.file, source.origin.of("file"), seeds)
        diagnostics += found
        if rel is None:
            continue
        document, found = load_document(root, source.id, rel, source.language or language, cache)
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
        document, found = mark_not_content(document, source)
        documents.append(document)
        diagnostics += found + _repeats(document) + _bidi_controls(document)
        diagnostics += check_derived(root, source, rel, lambda name, where: _confined(root, name, where, seeds))
    cache.save()
    return tuple(documents), diagnostics


def mark_not_content(document: Document, source: Source) -> tuple[Document, list[Diagnostic]]:
    """Mark the sentences listed in the source's ``not_content`` as headings or captions.

    Numbering is unchanged, so sentence ids stay what they were: only how a sentence is shown and counted.
    """
    if not source.not_content:
        return document, []
    marked: dict[int, str] = {}
    diagnostics = []
    for i, sentence_id in enumerate(source.not_content):
        sentence = document.sentence(sentence_id)
        if sentence is None:
            diagnostics.append(_not_a_sentence_of(document, source, sentence_id, i))
            continue
        marked[sentence.index] = "heading" if looks_like_heading(sentence.text) else "caption"
    sentences = tuple(replace(s, not_content=marked[s.index]) if s.index in marked else s for s in document.sentences)
    return replace(document, sentences=sentences), diagnostics


def _not_a_sentence_of(document: Document, source: Source, sentence_id: str, i: int) -> Diagnostic:
    prefix = sentence_id.rpartition(".")[0]
    by_rule = [s.id for s in document.sentences if s.not_content == "heading"]
    found = f"; taken as headings already: {', '.join(by_rule)}" if by_rule else ""
    if prefix != document.id:
        message = f"'{sentence_id}' is not a sentence of source '{source.id}'"
        hint = f"list this source's own sentences, e.g. '{source.id}.1'"
    else:
        message = f"source '{source.id}' has no sentence '{sentence_id}'"
        hint = f"its sentences are {source.id}.1 to {source.id}.{len(document.sentences)}"
    rule = " (a short line without final punctuation after a line break is taken as a heading by itself"
    return error("source.not-content", message, source.origin.of("not_content", i), f"{hint}{rule}{found})")


_BIDI_CONTROL = re.compile("[" + "".join(map(chr, BIDI_CONTROLS)) + "]")


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
