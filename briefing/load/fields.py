"""The vocabulary of the field table (schema.py): Field, Schema, the patterns of ids, and citations.

Kept apart from the tables of each content file so that schema.py stays the one place fields are added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LABEL_LENGTH = 12
LABEL = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_-]{{0,{LABEL_LENGTH - 1}}}$")
"""A source's label in citation markers (``AP`` makes ``AP.4``): short, and safe in anchors."""
NOTES_DOC = (
    "Curator's note, shown to readers wherever the fact is shown (page and PDF), marked as the curator's;"
    " Markdown and [@id] citations work. Private remarks go in YAML comments (# ...)."
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    """text | slug | label | date | choice | flag | ref | refs | texts | citations | positions | sha256 | number
    | url"""
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    target: str = ""
    """For ref/refs: the kind of item referred to (actor, event, statement, source); for sha256: the
    field naming the file it pins."""
    example: Any = None


@dataclass(frozen=True)
class Schema:
    name: str
    doc: str
    fields: tuple[Field, ...]
    requires: tuple[tuple[str, ...], ...] = ()
    """Alternatives of which one must be given in full (a citation: source and quote, or sentence)."""
    requires_hint: str = ""
    """The fix-it hint when none is: what each alternative is for."""

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        """Each field by name (the first of a name): a scan per key of every item was 10 % of loading."""
        by_name: dict[str, Field] = {}
        for f in self.fields:
            by_name.setdefault(f.name, f)
        return by_name


CITE = Field(
    "cite",
    "citations",
    "Where the fact comes from: a list of {source, quote}.",
    required=True,
    example=[{"source": "macron-announcement", "quote": "President Biden accepted in principle a meeting"}],
)

FORMERLY = Field(
    "formerly",
    "texts",
    "Ids this fact had in earlier editions: 'briefing diff' then shows a rename, not a removal and an addition.",
    example=["summit-proposal"],
)

SENTENCE_ID = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.([1-9][0-9]*)$")
"""A sentence id: ``<source-id>.<n>``, as 'briefing sentences' numbers them."""

CITATION = Schema(
    "citation",
    "A verbatim quote from one source document, or one of its sentences by id.",
    (
        Field(
            "source",
            "ref",
            "Id of the source in sources.yaml (with 'quote'; a 'sentence' id names its source).",
            target="source",
            example="macron-announcement",
        ),
        Field(
            "quote",
            "text",
            "Exact words from the source (whitespace and curly/straight quotes may differ); with 'sentence', "
            "looked for inside that sentence only.",
            example="President Biden accepted in principle a meeting",
        ),
        Field(
            "sentence",
            "sentence",
            "A sentence id from 'briefing sentences SOURCE': cites the whole sentence, or with 'quote' checks "
            "the quote inside it.",
            example="macron-announcement.5",
        ),
        Field(
            "pin",
            "text",
            "With 'sentence': the first digits of the digest of its words, from 'briefing sentences SOURCE "
            "--yaml'; the check fails if the id comes to name another sentence.",
            example="5d41402a",
        ),
        Field(
            "translation",
            "text",
            "Curator's translation of the quote: shown beside it, never checked.",
            example="I am ready for talks",
        ),
        Field(
            "earlier_version",
            "flag",
            "'true' when the source is an earlier version of another ('supersedes') and this citation keeps its "
            "words on purpose (what was first reported): 'briefing check' then does not list it.",
            choices=("true", "false"),
            example="true",
        ),
    ),
    requires=(("source", "quote"), ("sentence",)),
    requires_hint="write 'source:' with 'quote:' (words copied from it), or 'sentence: SOURCE.N' for a whole "
    "sentence (numbers from 'briefing sentences SOURCE')",
)
