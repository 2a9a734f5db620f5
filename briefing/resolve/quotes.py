"""Quotations in source text: where each opens and closes, straight or curly, paragraph by paragraph."""

from __future__ import annotations

from briefing.model.documents import Document


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quotation, marks included; an unclosed one runs to the end."""
    spans, opened = [], -1
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and opened < 0):
            opened = i if opened < 0 else opened
        elif (ch == "”" or ch == '"') and opened >= 0:
            spans.append((opened, i + 1))
            opened = -1
    if opened >= 0:
        spans.append((opened, len(text)))
    return spans


def paragraph_quotes(document: Document) -> list[tuple[int, int]]:
    """Source spans of every quotation, found paragraph by paragraph (a quotation may run over
    several sentences)."""
    found = []
    for p in document.paragraphs:
        found += [(a + p.start, b + p.start) for a, b in quoted_spans(document.text[p.start : p.end])]
    return found
