"""Plain text: UTF-8 is kept as it is; any other encoding is decoded into a derived UTF-8 copy.

The rule is fixed rather than guessed: a byte-order mark says UTF-16 or UTF-32; text that
is valid UTF-8 is UTF-8; anything else is Windows-1252 (the superset of Latin-1 that
Windows and most Western newsroom systems write), or Latin-1 where Windows-1252 leaves
a byte undefined. Statistical detectors guessed cp1250 or cp775 for short Western
European texts in our trials; a curator whose file is in another encoding says so
with ``briefing add --encoding``.
"""

from __future__ import annotations

import codecs

from briefing.load.readers.base import Extracted, ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-16": "UTF-16", "utf-32": "UTF-32", "windows-1252": "Windows-1252", "latin-1": "Latin-1"}


def encoding_of(raw: bytes) -> str:
    """The encoding the rule above gives: 'utf-8' when the bytes need no decoding step."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        raw.decode("windows-1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "windows-1252"


def extract(raw: bytes, encoding: str = "") -> Extracted:
    chosen = encoding or encoding_of(raw)
    try:
        if codecs.lookup(chosen).name == "utf-8":  # a BOM too: the loader skips it
            raw.decode("utf-8")
            return Extracted("", "", "text")  # UTF-8 already: the file itself is the evidence
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        decoded = raw.decode(chosen)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReaderError(
            f"cannot decode the file as {chosen}: {exc}",
            "give the file's encoding with --encoding (for example --encoding windows-1251)",
        ) from exc
    decoded = decoded.removeprefix("\ufeff")
    label = _NAMES.get(chosen, chosen)
    notes = () if encoding else _suspicious(decoded, label)
    return Extracted(decoded, f"decode {chosen}", f"text ({label})", notes=notes)


def _suspicious(text: str, label: str) -> tuple[str, ...]:
    """A text mostly of accented letters was probably not written in the encoding the rule chose."""
    letters = [c for c in text if c.isalpha()]
    accented = sum(not c.isascii() for c in letters)
    if letters and accented / len(letters) > 0.3:
        return (
            f"{accented} of {len(letters)} letters decode as accented letters in {label}: if the text reads "
            "wrongly, it is in another encoding; add it again with --encoding (e.g. --encoding windows-1251)",
        )
    return ()


def version(recorded: str) -> str:
    """A codec has no version that changes its output: re-decoding is always comparable."""
    return recorded
