"""What the templates show: facts and sources prepared for display, and citation markers.

Everything here is read-only and derived from the model; templates only
format it. Hrefs are relative to the site root; a template prefixes them with
its own ``root`` ("" for index.html, "../" for sources/*.html).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import assert_never

from briefing.model.chronology import chronological
from briefing.model.documents import Document, Sentence
from briefing.model.facts import Actor, Citation, Dispute, Event, Model, Source, Statement
from briefing.model.inference import date_inferred, published_inferred
from briefing.model.kinds import Fact, Kind, citations_of, facts
from briefing.model.languages import direction
from briefing.outputs.chips import N_, fact_chip, fact_label, place, repeat_quirks, speaker_names, told_apart
from briefing.outputs.chips import shorten as shorten  # re-exported: other modules import it from here
from briefing.outputs.layout import Layout, plan
from briefing.outputs.localized import Formats
from briefing.outputs.markup import plain_words
from briefing.resolve.coverage import Coverage, coverage, document_coverage, superseded

DISPUTE_KINDS = {
    "contested-claim": "contested claim",
    "single-source": "unconfirmed: one source",
    "source-discrepancy": "the sources differ",
}
"""How each dispute kind is named to readers."""


@dataclass(frozen=True)
class CiteRef:
    """One citation marker: a compact label linking to what it cites, with a quote to show."""

    href: str
    label: str
    """Compact text of the marker, e.g. ``S1.4`` (source 1, sentence 4) or ``event``."""
    description: str
    """What the marker points to, in words, e.g. ``Source 1, sentence 4``."""
    quote: str
    """Verbatim text shown on hover and focus."""
    translation: str = ""
    """The curator's translation of ``quote``, shown beside it."""
    language: str = ""
    """BCP 47 tag of ``quote`` when it is a source's own words in a language of its own."""


@dataclass(frozen=True)
class FactRef:
    id: str
    kind: str
    anchor: str
    """Fragment id of the fact on index.html, e.g. ``event-bridge-closed``."""
    label: str
    """``Event: Bridge closed for repairs``."""
    quote: str
    """Its first citation's verbatim text, if any."""
    short: str = ""
    """What a chip or back-link shows: ``event 2024-03-04``, ``statement, Ana Ruiz``, a short title."""
    note: str = ""
    """The fact's curator's note (Markdown), shown with a back-link to it."""
    href: str = ""
    """Where the fact is shown, from the site root: ``index.html#event-x``, or a page of its own (layout.py)."""


@dataclass(frozen=True)
class Named:
    """Something a table names: linked by its anchor, or, without one, shown with its citations."""

    anchor: str
    name: str
    cite: tuple[Citation, ...] = ()
    fact: str = ""  # the id of what ``anchor`` marks, for ``Views.link``


@dataclass(frozen=True)
class SentenceView:
    sentence: Sentence
    gap: str
    """The source's own white space before this sentence within its paragraph."""
    cited_by: tuple[FactRef, ...]


@dataclass(frozen=True)
class ParagraphView:
    index: int
    repeat_of: int | None
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class SourceView:
    source: Source
    number: int
    """1-based position in sources.yaml; the ``S<n>`` of citation markers."""
    document: Document | None
    sentence_count: int
    countable: int
    """Sentences that count for coverage: not headlines, a repeated paragraph once."""
    cited: int
    quirks: tuple[str, ...]
    """What the loader detected (repeated paragraphs) that the curator's notes do not already say."""

    @property
    def href(self) -> str:
        return f"sources/{self.source.id}.html"

    @property
    def label(self) -> str:
        """What citation markers call the source: its ``label``, else ``S<n>``."""
        return self.source.marker(self.number)

    @property
    def named(self) -> str:
        """The label and a short title, as a marker's description names the source."""
        return f"{self.label} ({shorten(self.source.title, 60)})"

    @property
    def share(self) -> float:
        return self.cited / self.countable if self.countable else 1.0

    @property
    def text_dir(self) -> str:
        """``rtl`` or ``ltr`` for the source's own text (its ``language``; empty: the page's)."""
        return direction(self.source.language) if self.source.language else ""


@dataclass(frozen=True)
class HandoutLink:
    """The PDF handout a build made, as the page links to it."""

    href: str
    size: int
    """Bytes."""
    pages: int

    @property
    def described(self) -> str:
        """``PDF, 10 pages, 412 kB``: what a reader downloads."""
        kb = max(1, round(self.size / 1000))
        size = f"{kb} kB" if kb < 1000 else f"{self.size / 1_000_000:.1f} MB"
        return f"PDF, {self.pages} page{'' if self.pages == 1 else 's'}, {size}"


def fact_title(fact: Fact, actors: dict[str, Actor], tr: Callable[[str], str] = str) -> str:
    """A fact in one line of words (mypy checks that every kind of Fact has a case)."""
    match fact:
        case Actor():
            return fact.name
        case Event():
            return fact.title
        case Statement():
            return tr(N_("%(speaker)s: %(words)s")) % {"speaker": speaker_names(fact, actors, tr), "words": fact.words}
        case Dispute():
            return fact.question
        case _:
            assert_never(fact)


def _fact_ref(kind: Kind, fact: Fact, actors: dict[str, Actor], layout: Layout, formats: Formats) -> FactRef:
    label = fact_label(kind.name, kind.label, fact_title(fact, actors, formats.gettext), formats.gettext)
    quote = next((c.text for c in citations_of(fact)), "")
    note = "" if isinstance(fact, Dispute) else fact.notes
    anchor = kind.anchor(fact.id)
    href = layout.href(fact.id, anchor)
    return FactRef(fact.id, kind.name, anchor, label, quote, fact_chip(fact, actors, formats), note, href)


def distinct_refs(refs: Sequence[CiteRef]) -> list[CiteRef]:
    """One marker per target, and no two markers of a group that read the same (chips.told_apart)."""
    seen: set[str] = set()
    unique = [ref for ref in refs if not (ref.href in seen or seen.add(ref.href))]  # type: ignore[func-returns-value]
    labels = told_apart([r.label for r in unique], [r.description.rsplit(": ", 1)[-1] for r in unique])
    return [replace(ref, label=label) for ref, label in zip(unique, labels, strict=True)]


def _told_apart(refs: tuple[FactRef, ...]) -> tuple[FactRef, ...]:
    """A sentence's back-links, none reading the same as another (two statements by one speaker)."""
    if len(refs) < 2:  # most sentences: nothing to tell apart
        return refs
    shorts = told_apart([r.short for r in refs], [r.label.rsplit(": ", 1)[-1] for r in refs])
    return tuple(r if r.short == short else replace(r, short=short) for r, short in zip(refs, shorts, strict=True))


class Views:
    """Lookups the templates need, built once per render."""

    def __init__(
        self,
        model: Model,
        links: dict[str, tuple[str, ...]],
        layout: Layout | None = None,
        formats: Formats | None = None,
    ) -> None:
        """``layout``: which page shows what; by default planned from the content (outputs/layout.py).
        ``formats``: the page's language, for chips and descriptions (English by default)."""
        content = model.content
        self.formats = formats = formats or Formats()
        self.model = model
        self.links = links
        self.actors = {a.id: a for a in content.actors}
        self.statements = {s.id: s for s in content.statements}
        self.layout = plan(content, self.timeline()) if layout is None else layout
        refs = (_fact_ref(kind, fact, self.actors, self.layout, formats) for kind, fact in facts(content))
        self.facts = {ref.id: ref for ref in refs}
        self.sources = {s.id: self._source_view(n, s) for n, s in enumerate(content.sources, 1)}
        self.sentences = {t.id: t for d in model.documents for t in d.sentences}
        # The rule is resolve/coverage.py's; cheap to count again.
        self.coverage = coverage(model.documents, links, superseded(content))

    def _source_view(self, number: int, source: Source) -> SourceView:
        doc = self.model.document(source.id)
        counted = document_coverage(doc, self.links) if doc else Coverage(0, 0)
        quirks = tuple(repeat_quirks(doc, source.notes, self.formats.gettext))
        total = len(doc.sentences) if doc else 0
        return SourceView(source, number, doc, total, counted.sentences, counted.cited, quirks)

    # -- citation markers -------------------------------------------------

    def cite(self, citation: Citation) -> CiteRef:
        view = self.sources[citation.source]
        translated, language = citation.translation, view.source.language
        if not citation.sentences:
            return CiteRef(view.href, view.label, view.named, citation.text or citation.quote, translated, language)
        first = self.sentences[citation.sentences[0]]
        last = self.sentences[citation.sentences[-1]].index if len(citation.sentences) > 1 else None
        numbers = f"{first.index}" if last is None else f"{first.index}–{last}"
        where = place(self.formats.gettext, view.named, first.index, last, first.page)
        href = f"{view.href}#{first.id}"
        return CiteRef(href, f"{view.label}.{numbers}", where, citation.text, translated, language)

    def cites(self, citations: Sequence[Citation]) -> list[CiteRef]:
        return distinct_refs([self.cite(c) for c in citations])

    def note_words(self, text: str) -> str:
        """A note as plain words, its citations as their markers' labels: for inside a link (a back-link)."""
        return plain_words(text, lambda targets: "(" + "; ".join(self.prose_ref(t).label for t in targets) + ")")

    def prose_ref(self, target: str) -> CiteRef:
        """An inline ``[@target]`` in Markdown: a fact, a whole source or a sentence."""
        if target in self.facts:
            fact = self.facts[target]
            return CiteRef(fact.href, fact.short, fact.label, fact.quote)
        if target in self.sources:
            view = self.sources[target]
            return CiteRef(view.href, view.label, place(self.formats.gettext, view.named, None), "")
        sentence = self.sentences[target]
        view = self.sources[sentence.source]
        return CiteRef(
            f"{view.href}#{sentence.id}",
            f"{view.label}.{sentence.index}",
            place(self.formats.gettext, view.named, sentence.index, None, sentence.page),
            sentence.text,
        )

    def link(self, root: str, fact_id: str) -> str:
        """A link to a fact from a page at ``root``: ``#actor-x`` on one page (and in the handout), else its page."""
        fact = self.facts.get(fact_id)
        if fact is None:
            return ""
        return f"{root}{fact.href}" if self.layout.split else f"#{fact.anchor}"

    # -- lists in display order -------------------------------------------

    def timeline(self) -> tuple[Event, ...]:
        """Events by date (start, then end); undated ones last, in ``after:`` order; ties keep file order."""
        return tuple(chronological(self.model.content.events))

    def statements_by(self, actor_id: str) -> tuple[Statement, ...]:
        """Statements the actor made, in file order (the actors table links to the first)."""
        return self._by_speaker.get(actor_id, ())

    @cached_property
    def _by_speaker(self) -> dict[str, tuple[Statement, ...]]:
        """Speaker id -> statements, built once: a scan per actor was O(actors x statements)."""
        found: dict[str, list[Statement]] = {}
        for s in self.model.content.statements:
            for speaker in s.speaker:
                found.setdefault(speaker, []).append(s)
        return {speaker: tuple(said) for speaker, said in found.items()}

    def source_list(self) -> tuple[SourceView, ...]:
        return tuple(self.sources[s.id] for s in self.model.content.sources)

    def paragraphs(self, source_id: str) -> tuple[ParagraphView, ...]:
        doc = self.sources[source_id].document
        if doc is None:
            return ()
        # Grouped once: a scan of every sentence per paragraph made a 4 MB source page take 14 s.
        by_paragraph: dict[int, list[Sentence]] = {}
        for s in doc.sentences:
            by_paragraph.setdefault(s.paragraph, []).append(s)
        result = []
        for p in doc.paragraphs:
            views: list[SentenceView] = []
            previous_end = p.start
            for s in by_paragraph.get(p.index, ()):
                backlinks = _told_apart(tuple(self.facts[f] for f in self.links.get(s.id, ()) if f in self.facts))
                views.append(SentenceView(s, doc.text[previous_end : s.start] if views else "", backlinks))
                previous_end = s.end
            result.append(ParagraphView(p.index, p.repeat_of, tuple(views)))
        return tuple(result)

    def disputes_of(self, *kinds: str) -> tuple[Dispute, ...]:
        """The disputes of the given kinds, in file order (contested claims apart from source discrepancies)."""
        return tuple(d for d in self.model.content.disputes if d.kind in kinds)

    @staticmethod
    def dispute_kind(kind: str) -> str:
        return DISPUTE_KINDS.get(kind, kind.replace("-", " "))

    @staticmethod
    def position_word(kind: str) -> str:
        """A discrepancy's positions are what each source says; a dispute's, what each side holds."""
        return N_("Account") if kind == "source-discrepancy" else N_("Position")

    @staticmethod
    def date_inferred(fact: Event | Statement) -> bool:
        """True when a fact's date is the curator's reading of its wording, not a date the source names."""
        return date_inferred(fact.date, fact.date_text)

    @staticmethod
    def published_inferred(source: Source) -> bool:
        return source.published is not None and published_inferred(source.published_text)

    def names(self, ids: Sequence[str]) -> tuple[Actor, ...]:
        return tuple(self.actors[i] for i in ids if i in self.actors)

    def identified(self, actor: Actor) -> tuple[tuple[Actor, str], ...]:
        """The actors this one is identified with (either way round), each with 'probable' or 'confirmed'."""
        found = [(self.actors[actor.same_as], actor.identity)] if actor.same_as in self.actors else []
        found += [(a, a.identity) for a in self._same_as.get(actor.id, ()) if a.id != actor.id]
        return tuple(found)

    @cached_property
    def _same_as(self) -> dict[str, tuple[Actor, ...]]:
        """Actor id -> the actors that name it in ``same_as``, in file order: a scan per actor was quadratic."""
        found: dict[str, list[Actor]] = {}
        for a in self.model.content.actors:
            if a.same_as:
                found.setdefault(a.same_as, []).append(a)
        return {target: tuple(named) for target, named in found.items()}

    def allegers(self, event: Event) -> tuple[Named, ...]:
        """Who alleges an event: actors by name, statements as 'speaker (statement)', each with its anchor."""
        found = []
        statements = self.statements
        for ref in event.alleged_by:
            if ref in self.actors:
                found.append(Named(f"actor-{ref}", self.actors[ref].name, (), ref))
            elif ref in statements:
                # No link: the handout leaves the statements table out; the citations reach the source.
                said = statements[ref]
                found.append(Named("", f"{speaker_names(said, self.actors)}, in a statement", said.cite))
        return tuple(found)
