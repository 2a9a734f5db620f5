"""The content model: frozen dataclasses handed from stage to stage.

Content files are converted into these by ``content.py``; ``provenance.py``
fills in each citation's resolution; renderers only read them.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from briefing.core.diagnostics import Location
from briefing.model.dates import DateValue
from briefing.model.documents import Document

PAGE_SIZES = {"a4": "A4", "letter": "Letter"}
"""Paper names of the PDF handout (briefing.yaml `paper`) and their CSS page sizes."""

# A citation in prose: [@id] or [@a; @b]; a sentence id may carry its pin: [@report.6#5d41402a].
PROSE_CITATION = re.compile(r"\[@([a-z0-9][a-z0-9.-]*(?:#[0-9a-f]+)?(?:\s*;\s*@[a-z0-9][a-z0-9.-]*(?:#[0-9a-f]+)?)*)\]")


def prose_targets(cited: str) -> list[tuple[str, str]]:
    """``@a; @report.6#5d41402a`` (a PROSE_CITATION's group) -> [('a', ''), ('report.6', '5d41402a')]."""
    return [tuple(part.strip().lstrip("@").partition("#")[::2]) for part in cited.split(";")]  # type: ignore[misc]


_PLACE = struct.Struct("<Q")
_COLUMN = (1 << 32) - 1


@dataclass(frozen=True)
class Origin:
    """Where a fact was written, for diagnostics: the item and each of its fields (all in the item's file).

    Each field's line and column are packed in ``places``, and its Location made when a diagnostic asks:
    a model keeps an origin for every fact, and a Location (and a pair) per field was a third of the
    checked model's memory.
    """

    item: Location
    names: tuple[str, ...] = ()
    """The fields' names: ``cite``, and ``cite[0]`` for an element of a list."""
    places: bytes = b""
    """Where each of ``names`` is, ``line << 32 | column``, as an unsigned 64-bit integer."""

    @classmethod
    def at(cls, item: Location, names: Sequence[str], places: Sequence[int]) -> Origin:
        """The origin of an item and its fields (``line << 32 | column`` each, in the item's file)."""
        return cls(item, tuple(names), struct.pack(f"<{len(places)}Q", *places))

    def of(self, name: str, index: int | None = None) -> Location:
        """The location of field ``name`` (or of its element ``index``), else of the item."""
        wanted = name if index is None else f"{name}[{index}]"
        if wanted in self.names:
            (place,) = _PLACE.unpack_from(self.places, _PLACE.size * self.names.index(wanted))
            return Location(self.item.file, place >> 32, place & _COLUMN)
        return self.of(name) if index is not None else self.item


NOWHERE = Origin(Location("", 0, 0))


@dataclass(frozen=True)
class Citation:
    source: str
    """Id of the source document."""
    quote: str
    """The quote as the curator wrote it; "" for a whole sentence cited by ``sentence``."""
    location: Location = field(default=NOWHERE.item, compare=False)
    """Where the quote (or the sentence id) is written in content/."""
    sentence: str = ""
    """``- sentence: report-b.9``: the sentence cited, whole, or the only place ``quote`` is looked for."""
    sentence_location: Location = field(default=NOWHERE.item, compare=False)
    """Where the sentence id is written."""
    sentences: tuple[str, ...] = ()
    """Ids of the sentences the quote falls in (filled by provenance)."""
    start: int = -1
    """Code-point offset of the quote's first character in the source text."""
    end: int = -1
    """Offset one past its last character."""
    text: str = ""
    """The quote in the source's own characters (filled by provenance)."""
    translation: str = ""
    """The curator's translation of the quote: shown beside it, never checked."""
    pin: str = ""
    """With ``sentence``: the digest of the sentence's words, so that a renumbered sentence is noticed."""
    earlier_version: bool = False
    """Quotes an earlier version of a source on purpose (what was first reported): not checked against the newer."""

    @property
    def resolved(self) -> bool:
        return self.start >= 0


@dataclass(frozen=True)
class Briefing:
    title: str
    as_of: DateValue
    subtitle: str = ""
    author: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en"
    base_url: str = ""
    """Where the site is hosted, if anywhere: the PDF links citations there."""
    coverage_target: float = 0.0
    """Warn when fewer than this share of source sentences are cited (0 to 1)."""
    paper: str = ""
    """Paper of the PDF handout (a key of pdf.PAGE_SIZES); "" when not set (A4, or --paper)."""
    curation_page: bool = False
    """Also write site/curation.html (the curation report), not linked from the briefing."""
    as_of_text: str = ""
    """How the as-of date was chosen (shown beside it)."""
    csv_bom: bool = False
    """Start the CSV tables with a UTF-8 byte-order mark (for spreadsheet programs)."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    """File name inside seeds/."""
    sha256: str
    title: str
    title_origin: str = "document"
    title_translation: str = ""
    """The curator's translation of the title."""
    """``document`` when the title is the source's own headline, ``curator`` when we wrote it."""
    outlet: str = "unknown"
    author: str = "unknown"
    published: DateValue | None = None
    published_text: str = ""
    """How the publication date was established (e.g. inferred from the text)."""
    url: str = ""
    language: str = ""
    """BCP 47 tag of the source's text; empty means the briefing's language."""
    notes: tuple[str, ...] = ()
    not_content: tuple[str, ...] = ()
    """Ids of sentences that are headings or captions, not the source's text."""
    title_text: str = ""
    """Where the title was found (e.g. the page's JSON-LD headline); so for outlet, author and url."""
    outlet_text: str = ""
    author_text: str = ""
    url_text: str = ""
    original_file: str = ""
    """The original ``file`` was derived from (a saved page, a PDF, a text in another encoding), in seeds/."""
    original_sha256: str = ""
    extractor: str = ""
    """How ``file`` was derived from ``original_file``: ``NAME VERSION`` (``trafilatura 2.3.1``)."""
    captured_url: str = ""
    """The address the original was fetched from (after redirects), when known."""
    captured_at: str = ""
    """When the original was fetched or saved (UTC, ISO 8601), when known."""
    label: str = ""
    """What markers call the source (``AP``); "" for the default ``S<n>`` (its place in sources.yaml)."""
    supersedes: str = ""
    """Id of the source this one is a later version of (an article revised by its outlet)."""
    origin: Origin = NOWHERE

    def marker(self, number: int) -> str:
        """The label citation markers use for this source, the ``number``-th in sources.yaml."""
        return self.label or f"S{number}"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str = ""
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    same_as: str | None = None
    """Id of an actor this one is identified with across sources."""
    identity: str = ""
    """With ``same_as``: 'probable' or 'confirmed'."""
    cite: tuple[Citation, ...] = ()
    notes: str = ""
    formerly: tuple[str, ...] = ()
    """Ids this fact had in earlier editions."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    date_text: tuple[Wording, ...]
    """The date as the sources word it: one wording, or one per source that words it differently."""
    status: str
    date: DateValue | None = None
    """None when the source gives no date yet (drawn in a 'not yet scheduled' lane)."""
    alleged_by: tuple[str, ...] = ()
    """Status 'alleged': ids of the actors or statements that allege it."""
    after: tuple[str, ...] = ()
    """Ids of events this one came after (orders undated events)."""
    actors: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()
    notes: str = ""
    formerly: tuple[str, ...] = ()
    """Ids this fact had in earlier editions."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Wording:
    """How a date is worded: by the sources in general (``source`` ""), or by one source."""

    text: str
    source: str = ""
    location: Location = field(default=NOWHERE.item, compare=False)
    """Where the text is written in content/."""


DIRECT_PARTS_JOIN = " \u2026 "
"""Between the verbatim parts of an interrupted direct quote, as the reader sees them."""


@dataclass(frozen=True)
class Statement:
    id: str
    mode: str
    text: tuple[str, ...] = ()
    """The words; a direct quote interrupted by its attribution is several verbatim parts; for a direct
    statement written without ``text``, its single citation's quote."""
    speaker: tuple[str, ...] = ()
    """Ids of the actors who said it (several for a joint statement); none when ``attributed_as``."""
    attributed_as: str = ""
    """The source's words for a speaker it does not name ('critics', 'one US official')."""
    reported_by: tuple[str, ...] = ()
    date: DateValue | None = None
    date_text: tuple[Wording, ...] = ()
    about: tuple[str, ...] = ()
    """Ids of events the statement concerns."""
    cite: tuple[Citation, ...] = ()
    translation: str = ""
    """The curator's translation of the words: shown beside them, never checked."""
    notes: str = ""
    formerly: tuple[str, ...] = ()
    """Ids this fact had in earlier editions."""
    origin: Origin = NOWHERE

    @property
    def words(self) -> str:
        """The text as shown: its parts joined with an ellipsis."""
        return DIRECT_PARTS_JOIN.join(self.text)


@dataclass(frozen=True)
class Position:
    summary: str
    held_by: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Dispute:
    id: str
    question: str
    kind: str
    status: str
    assessment: str
    positions: tuple[Position, ...]
    cite: tuple[Citation, ...] = ()
    formerly: tuple[str, ...] = ()
    """Ids this fact had in earlier editions."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class Correction:
    """A correction published as newsrooms do: when, what an earlier edition said, what it says now."""

    date: DateValue
    said: str
    """What the earlier edition said, completing 'An earlier version of this briefing said ...'."""
    now: str
    """What it says now, completing 'It now says ...'."""
    facts: tuple[str, ...] = ()
    """Ids of the facts the correction changed."""
    origin: Origin = NOWHERE


@dataclass(frozen=True)
class ProseCitation:
    """An inline ``[@id]`` in Markdown prose."""

    target: str
    location: Location
    pin: str = ""
    """A sentence id's pin (``[@report.6#5d41402a]``): the first digits of the digest of its words."""


@dataclass(frozen=True)
class Prose:
    name: str
    """``summary`` or ``method``."""
    file: str
    markdown: str
    citations: tuple[ProseCitation, ...] = ()


@dataclass(frozen=True)
class Content:
    """Everything in content/, converted and (after provenance) resolved."""

    briefing: Briefing
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    disputes: tuple[Dispute, ...]
    prose: tuple[Prose, ...] = ()
    corrections: tuple[Correction, ...] = ()
    """content/corrections.yaml, in file order."""
    dropped: frozenset[str] = frozenset()
    """Ids of entries left out as invalid, and ``*kind`` ('*actor', ...) for a file that was unusable.

    Both are reported already: checks do not report references to them a second time.
    """

    def excused(self, ref: str, kind: str) -> bool:
        """True when an unknown reference is explained by an error reported already."""
        return ref in self.dropped or f"*{kind}" in self.dropped


@dataclass(frozen=True)
class Model:
    """The validated briefing: content plus its source documents."""

    content: Content
    documents: tuple[Document, ...]

    def document(self, source_id: str) -> Document | None:
        return self._documents_by_id.get(source_id)

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        """Built on first use: a scan per lookup made every source page O(sources) (quadratic builds)."""
        found: dict[str, Document] = {}
        for doc in self.documents:
            found.setdefault(doc.id, doc)  # the first, as the scan returned
        return found
