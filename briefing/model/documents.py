"""Source documents as the pipeline sees them: text, paragraphs and numbered sentences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    """``<source-id>.<n>``, n counting from 1 in reading order."""
    source: str
    paragraph: int
    """1-based index of the paragraph holding the sentence."""
    index: int
    text: str
    start: int
    end: int
    headline: bool = False
    repeat_of: str | None = None
    """For a sentence inside a repeated paragraph: the id of its first occurrence."""
    not_content: str = ""
    """'heading' or 'caption' when the sentence is not the source's running text: taken as a heading
    by rule (a short line without final punctuation) or listed in the source's ``not_content``."""
    page: int = 0
    """Page of a paged original (a PDF) the sentence starts on; 0 when the source has no pages."""

    @property
    def counted(self) -> bool:
        """Counts for coverage: not a headline, heading or caption, and not a repeat."""
        return not self.headline and not self.not_content and self.repeat_of is None

    def __reduce__(self) -> tuple[type[Sentence], tuple[object, ...]]:
        # The constructor's arguments: a slotted frozen dataclass otherwise pickles through a Python-level
        # __setstate__ (the document cache, load/sources.py, holds every sentence).
        fields = (self.id, self.source, self.paragraph, self.index, self.text, self.start, self.end)
        return (Sentence, (*fields, self.headline, self.repeat_of, self.not_content, self.page))


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    repeat_of: int | None = None
    """1-based index of the earlier identical paragraph, if this one repeats it."""
    page: int = 0
    """Page the paragraph starts on (form feeds in the text start pages); 0 when the source has none."""

    def __reduce__(self) -> tuple[type[Paragraph], tuple[object, ...]]:
        return (Paragraph, (self.index, self.start, self.end, self.repeat_of, self.page))


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    """Path relative to the project, e.g. ``seeds/a.txt``."""
    text: str
    sha256: str
    """Of the file's raw bytes: any change to the evidence is detected."""
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def sentence(self, sentence_id: str) -> Sentence | None:
        prefix, _, n = sentence_id.rpartition(".")
        if prefix != self.id or not n.isdigit() or not 1 <= int(n) <= len(self.sentences):
            return None
        return self.sentences[int(n) - 1]

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1
