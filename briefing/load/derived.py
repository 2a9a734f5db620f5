"""Derived text: the original it came from is pinned too, and re-deriving it gives the pinned text.

A source whose ``file`` was derived (by ``briefing add``) from a saved web page, a PDF or
a text file in another encoding names that ``original_file`` with its
``original_sha256`` and the ``extractor`` that made the text. The check re-runs the
extractor on the original and compares bytes: the text a reader sees is then what the
original holds, by a recorded method. A different installed version of the extractor
is a warning, never a silent change of the evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from briefing.core import diskcache
from briefing.core.diagnostics import Diagnostic, Location, error, warning
from briefing.load.readers import BY_METHOD, Reader, ReaderError
from briefing.model.facts import Source

Confine = Callable[[str, Location], tuple[str | None, list[Diagnostic]]]


def check_derived(root: Path, source: Source, text_rel: str, confine: Confine) -> list[Diagnostic]:
    """Problems with ``source``'s original and its derivation; [] when it has no original."""
    if not source.original_file:
        if source.extractor:
            return [_no_original(source)]
        return []
    rel, found = confine(source.original_file, source.origin.of("original_file"))
    if rel is None:
        return found
    try:
        original = (root / rel).read_bytes()
    except OSError as exc:
        where = source.origin.of("original_file")
        return [error("source.unreadable", f"cannot read {rel}: {exc.strerror}", where, "check the file's permissions")]
    digest = hashlib.sha256(original).hexdigest()
    if digest != source.original_sha256:
        return [_unpinned(source, rel, digest)]
    if not source.extractor:
        return []
    return _rederive(root, source, text_rel, original, digest)


def _no_original(source: Source) -> Diagnostic:
    return error(
        "source.extractor-without-original",
        "'extractor' is given but not the 'original_file' it was applied to",
        source.origin.of("extractor"),
        "add 'original_file:' and 'original_sha256:', or remove 'extractor:' if the text is the original",
    )


def _unpinned(source: Source, rel: str, digest: str) -> Diagnostic:
    if not source.original_sha256:
        return error(
            "source.original-unpinned",
            f"the original {rel} has no 'original_sha256'",
            source.origin.of("original_file"),
            f"pin it: add 'original_sha256: {digest}' (its SHA-256 as it is now)",
        )
    return error(
        "source.original-changed",
        f"{rel} does not match its pinned original_sha256",
        source.origin.of("original_sha256"),
        f"the original changed: restore it, or if the change is intended, pin it again with "
        f"original_sha256: {digest} (and check the text still derives from it)",
    )


def _rederive(root: Path, source: Source, text_rel: str, original: bytes, digest: str) -> list[Diagnostic]:
    where = source.origin.of("extractor")
    method, _, parameter = source.extractor.partition(" ")
    reader = BY_METHOD.get(method)
    if reader is None:
        known = ", ".join(sorted(BY_METHOD))
        return [
            error(
                "source.unknown-extractor",
                f"unknown extractor '{method}'",
                where,
                f"known extractors: {known}; 'briefing add' records the right one",
            )
        ]
    try:
        installed = reader.version(source.extractor)
    except Exception:  # the library is not installed: nothing to compare with
        return [
            warning(
                "source.extractor-version",
                f"{method} is not installed: cannot check that {text_rel} derives from {source.original_file}",
                where,
                f"pip install '{method}=={parameter}' (the version that made the text)",
            )
        ]
    try:
        derived = _derive(reader, source.extractor, original, digest, installed)
    except ReaderError as exc:
        return [error("source.extraction-differs", f"re-extracting the original fails: {exc.message}", where, exc.hint)]
    pinned = (root / text_rel).read_bytes()
    same = derived == pinned
    if installed != source.extractor:
        return [_other_version(source, text_rel, installed, same)]
    if same:
        return []
    return [
        error(
            "source.extraction-differs",
            f"{text_rel} is not what {source.extractor} extracts from {source.original_file}: "
            f"{_first_difference(pinned, derived)}",
            where,
            "if you corrected the text by hand, remove 'extractor:' and say what you changed in notes; "
            "otherwise restore the text (the original is the evidence)",
        )
    ]


def _derive(reader: Reader, extractor: str, original: bytes, digest: str, installed: str) -> bytes:
    """The installed extractor's text for ``original`` (cached per user: same inputs, same bytes)."""
    encoding = extractor.partition(" ")[2] if reader.method == "decode" else ""

    def run() -> bytes:
        return reader.extract(original, encoding).text.encode("utf-8")

    return diskcache.cached(diskcache.key("derive", digest, installed), run, suffix=".txt")


def _other_version(source: Source, text_rel: str, installed: str, same: bool) -> Diagnostic:
    method, _, recorded = source.extractor.partition(" ")
    if same:
        message = f"{text_rel} was extracted with {source.extractor}; the installed {installed} gives the same text"
        hint = f"record the version that checked it: extractor: {installed}"
    else:
        message = f"{text_rel} was extracted with {source.extractor}; the installed {installed} gives a different text"
        hint = (
            f"the pinned text stays the evidence; to check it, install the recorded version "
            f"(pip install '{method}=={recorded}')"
        )
    return warning("source.extractor-version", message, source.origin.of("extractor"), hint)


def _first_difference(pinned: bytes, derived: bytes) -> str:
    old = pinned.decode("utf-8", "replace").splitlines()
    new = derived.decode("utf-8", "replace").splitlines()
    for n, (a, b) in enumerate(zip(old, new, strict=False), 1):
        if a != b:
            return f"line {n} differs"
    return f"the re-extracted text has {len(new)} lines, the file {len(old)}"
