"""The language of a new source's text, for ``briefing add`` to suggest as its ``language``.

py3langid (a maintained fork of langid.py: a naive Bayes model of byte n-grams over 139 languages,
shipped inside the package, nothing downloaded) with probabilities normalised, so that a short or
mixed text is said to be unsure rather than given a confident wrong tag. See docs/decisions.md for
the comparison with langdetect. The model takes about a second to load: only ``add`` loads it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol, cast

SURE = 0.8
"""Below this probability the language is reported as a guess, and not written into sources.yaml. Every
passage of the splitter's fixtures (60 to 300 characters, eight languages) is above it (Chinese, 62
characters: 0.89); a three-word Spanish headline is not (0.40, read as Extremaduran)."""
SAMPLE = 20_000
"""Characters read from the start of the text: plenty for a page, and the time stays small."""


@dataclass(frozen=True)
class Detected:
    tag: str
    """The language's BCP 47 tag (a primary subtag, 'fr'), or '' when nothing could be told."""
    probability: float

    @property
    def sure(self) -> bool:
        return bool(self.tag) and self.probability >= SURE


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


@functools.lru_cache(maxsize=1)
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return cast(_Identifier, LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def detect(text: str) -> Detected:
    """The most likely language of ``text``; tag '' for a text with too few letters to tell."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 20:
        return Detected("", 0.0)
    tag, probability = _identifier().classify(sample)
    return Detected(str(tag), float(probability))
