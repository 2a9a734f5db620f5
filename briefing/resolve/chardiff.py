"""A character diff of a mistyped quote against the source sentence it stands for (the not-found hint)."""

from __future__ import annotations

import difflib


def char_diff(quote: str, sentence: str) -> str:
    """Show the quote against the part of the sentence it stands for: [-only in the quote-]{+only in the source+}.

    Only what differs is marked: the sentence's words before the quote's start and after its end are
    context (shown as '...'), never additions, and source words are never marked as the quote's.
    """
    lo, hi = _window(quote, sentence)
    window = sentence[lo:hi]
    ops = difflib.SequenceMatcher(None, quote, window, autojunk=False).get_opcodes()
    segments = [(op == "equal", quote[a1:a2], window[b1:b2]) for op, a1, a2, b1, b2 in ops]
    # Source text before the quote's first word or after its last is context, not an addition
    # (but letters inside a word the quote cut short are a difference: 'princip[-al-]{+le+}').
    if _added_outside(segments[0][1], segments[0][2], segments[1][1][:1] if len(segments) > 1 else ""):
        lo += len(segments.pop(0)[2])
    if len(segments) > 1 and _added_outside(segments[-1][1], segments[-1][2][::-1], segments[-2][1][-1:]):
        hi -= len(segments.pop()[2])
    parts = []
    for equal, old, new in _merge_small_equal_runs(segments):
        if equal:
            parts.append(old)
            continue
        parts.append(f"[-{old}-]" if old else "")
        parts.append(f"{{+{new}+}}" if new else "")
    prefix = "..." if sentence[:lo].strip() else ""
    suffix = "..." if sentence[hi:].strip() else ""
    return f"{prefix}{''.join(parts)}{suffix}"


def _added_outside(old: str, new: str, neighbour: str) -> bool:
    """An addition only (nothing of the quote) that does not continue the quote's word beside it.

    ``new`` is read from the end that touches the quote, ``neighbour`` the quote's character there.
    """
    return bool(neighbour) and not old and not (new[-1:].isalnum() and neighbour.isalnum())


def _window(quote: str, sentence: str) -> tuple[int, int]:
    """The span of the sentence the quote stands for: from its first shared run of three or more
    characters to its last, widened by the quote's unmatched ends, on word boundaries."""
    matcher = difflib.SequenceMatcher(None, quote, sentence, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    if not blocks:
        longest = matcher.find_longest_match(0, len(quote), 0, len(sentence))
        blocks = [longest] if longest.size else []
    if not blocks:
        return 0, len(sentence)
    first, last = blocks[0], blocks[-1]
    lo = max(first.b - first.a, 0)
    hi = min(last.b + last.size + len(quote) - last.a - last.size, len(sentence))
    while 0 < lo < len(sentence) and sentence[lo - 1].isalnum() and sentence[lo].isalnum():
        lo -= 1  # start on a word boundary
    while 0 < hi < len(sentence) and sentence[hi - 1].isalnum() and sentence[hi].isalnum():
        hi += 1  # end on one
    while lo < hi and sentence[lo].isspace():
        lo += 1
    while hi > lo and sentence[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _merge_small_equal_runs(segments: list[tuple[bool, str, str]]) -> list[tuple[bool, str, str]]:
    """Fold a run of one or two equal characters between two changes into one change ('[-al-]{+le+}')."""
    merged: list[tuple[bool, str, str]] = []
    for segment in segments:
        if merged and not segment[0] and not merged[-1][0]:
            _, old, new = merged.pop()
            merged.append((False, old + segment[1], new + segment[2]))
        elif len(merged) >= 2 and not segment[0] and merged[-1][0] and len(merged[-1][1]) <= 2 and not merged[-2][0]:
            _, run, _ = merged.pop()
            _, old, new = merged.pop()
            merged.append((False, old + run + segment[1], new + run + segment[2]))
        else:
            merged.append(segment)
    return merged
