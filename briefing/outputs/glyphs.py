"""A character no installed font has: said where it is written, not at the templates.

WeasyPrint draws an empty box (.notdef) for it and logs the character. The evidence
may not be edited, so the useful place is the quote (or the source) that holds it,
and the useful hint is the font to install.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.core.diagnostics import Diagnostic, Location, warning
from briefing.model.facts import Model
from briefing.model.kinds import citations_of, facts

_NOTDEF = re.compile(r"\.notdef glyph rendered for Unicode string unsupported by fonts: \"(.*)\" \(U\+([0-9A-F]+)")
HINT = (
    "the PDF shows an empty box for it: install a font that has it (setup.sh installs Noto for emoji, "
    "Cyrillic, Arabic, Chinese and Japanese: fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji); "
    "keep the quote as the source has it"
)


def locate_missing_glyphs(found: Iterable[Diagnostic], model: Model) -> list[Diagnostic]:
    """``found`` with each missing-glyph warning moved to the first quote, else source, holding the character."""
    return [_located(d, model) for d in found]


def _located(d: Diagnostic, model: Model) -> Diagnostic:
    match = _NOTDEF.search(d.message) if d.code == "pdf.renderer" else None
    if match is None:
        return d
    char = chr(int(match.group(2), 16))
    message = f"no installed font has U+{match.group(2)} ({match.group(1)!r})"
    return warning("pdf.missing-glyph", message, _where(char, model) or d.location, HINT)


def _where(char: str, model: Model) -> Location | None:
    for _, fact in facts(model.content):
        for citation in citations_of(fact):
            if char in citation.quote or char in citation.text:
                return citation.location
    for document in model.documents:
        at = document.text.find(char)
        if at >= 0:
            line_start = document.text.rfind("\n", 0, at) + 1
            return Location(document.file, document.line_of(at), at - line_start + 1)
    return None
