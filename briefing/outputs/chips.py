"""Short labels of chips and back-links: shortened, and told apart where several would read the same."""

from __future__ import annotations

from collections.abc import Sequence

LABEL_LENGTH = 80
SUFFIX_LENGTH = 24
"""The first words that tell apart chips that would otherwise read the same."""


def shorten(text: str, limit: int = LABEL_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def told_apart(labels: Sequence[str], words: Sequence[str]) -> list[str]:
    """Each label, with the first of its ``words`` after it where another label of the group is the same.

    Three statements by one speaker all read "statement, Jen Psaki"; shown side by side, a reader could
    not tell them apart (nor could a screen reader's list of links)."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return [
        f"{label}: {shorten(more, SUFFIX_LENGTH)}" if counts[label] > 1 else label
        for label, more in zip(labels, words, strict=True)
    ]
