"""Source documents as the pipeline sees them: text, paragraphs and numbered sentences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, repr=False)
class Sentence:
    id: str
    """``<source-id>.<n>``, n counting from 1 in reading order."""
    source: str
    paragraph: int
    """1-based index of the paragraph holding the sentence."""
    index: int
    document_text: str
    """The whole text of the sentence's document (shared, not copied): the sentence is ``text``."""
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
    def text(self) -> str:
        """The sentence's words, sliced from its document when asked: a copy kept for each of 130,000
        sentences was a sixth of a checked model's memory at N = 5,000."""
        return self.document_text[self.start : self.end]

    @property
    def counted(self) -> bool:
        """Counts for coverage: not a headline, heading or caption, and not a repeat."""
        return not self.headline and not self.not_content and self.repeat_of is None

    def __repr__(self) -> str:
        # What the generated repr said when the text was a field: page memo keys (outputs/page_memo.py) hash it.
        return (
            f"Sentence(id={self.id!r}, source={self.source!r}, paragraph={self.paragraph!r}, index={self.index!r}, "
            f"text={self.text!r}, start={self.start!r}, end={self.end!r}, headline={self.headline!r}, "
            f"repeat_of={self.repeat_of!r}, not_content={self.not_content!r}, page={self.page!r})"
        )

    def __reduce__(self) -> tuple[type[Sentence], tuple[object, ...]]:
        # The constructor's arguments: a slotted frozen dataclass otherwise pickles through a Python-level
        # __setstate__ (the document cache, load/sources.py, holds every sentence).
        fields = (self.id, self.source, self.paragraph, self.index, self.document_text, self.start, self.end)
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
