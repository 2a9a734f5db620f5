"""Where each fact is shown: on the briefing page, or, for a large briefing, on pages of its own.

A small briefing is one page (index.html), its tables in full. Above ``SPLIT_ROWS`` items in
any one list, the briefing page keeps the key points, the chart and the method, and gives
each long list a summary and a link: the tables move to ``actors.html``, ``events.html``,
``statements.html``, ``disputes.html`` and ``sources.html``, split into numbered pages
(``statements-2.html``) of about ``PAGE_BUDGET`` bytes; each actor gets a page of what they
said and did (``actors/ID.html``) and each dispute a permalink (``disputes/ID.html``).

Why 100 rows (docs/decisions.md, "Pages that stay small"): a table row weighs 0.6-0.8 kB
and about 40 DOM nodes (each citation carries its quote for the hover card); Chromium laid
out the N = 1,000 briefing page (335,725 nodes) in 5.4 s, about 16 us a node. Five lists of
100 rows are about 20,000 nodes and 0.4 MB: the page still loads in well under a second,
and a reader can still scan a table of 100 rows. The shipped briefing (27 rows at most)
stays one page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.model.facts import Actor, Content, Dispute, Event, Source, Statement
from briefing.model.kinds import Fact, citations_of

SPLIT_ROWS = 100
"""A list longer than this moves the briefing's tables to their own pages."""
PAGE_BUDGET = 300_000
"""Estimated bytes of rows per list page (a page of the longest rows stays well under 1 MB)."""
INDEX = "index.html"
LISTS = ("actors", "events", "statements", "disputes", "sources")
"""The lists that move, in the order the briefing page shows them."""


@dataclass(frozen=True)
class Listing:
    """One list on pages of its own: the ids shown on each page, in order."""

    name: str
    """``statements``: the file stem and the section id on the briefing page."""
    pages: tuple[tuple[str, ...], ...]

    def file(self, number: int) -> str:
        """Page ``number`` (1-based): ``statements.html``, ``statements-2.html``..."""
        return f"{self.name}.html" if number == 1 else f"{self.name}-{number}.html"

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(self.file(n) for n in range(1, len(self.pages) + 1))

    @property
    def count(self) -> int:
        return sum(len(page) for page in self.pages)


@dataclass(frozen=True)
class Layout:
    """Which page shows what. ``split`` False: everything on index.html, as a small briefing always was."""

    split: bool = False
    listings: dict[str, Listing] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    """Fact id -> its address relative to the site root (a row of a list page, or its own page)."""
    most_quoted: tuple[tuple[str, int], ...] = ()
    """The ten actors with the most statements, two at least (file order among equals), and their counts."""

    def href(self, fact_id: str, anchor: str) -> str:
        """Where a link to a fact leads, relative to the site root."""
        return self.where.get(fact_id) or f"{INDEX}#{anchor}"

    def list_href(self, name: str) -> str:
        """The first page of a list, or its section of the briefing page."""
        return self.listings[name].file(1) if name in self.listings else f"{INDEX}#{name}"


ONE_PAGE = Layout()


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}.html"


def dispute_page(dispute_id: str) -> str:
    return f"disputes/{dispute_id}.html"


def plan(content: Content, timeline: Sequence[Event]) -> Layout:
    """The layout of this content: one page, or the long lists on their own pages.

    ``timeline``: the events in the order the page lists them (views.timeline()). The limits are
    read when called, so that a test can lower them to split a small briefing.
    """
    rows, budget = SPLIT_ROWS, PAGE_BUDGET
    lists: dict[str, Sequence[Fact | Source]] = {
        "actors": content.actors,
        "events": timeline,
        "statements": content.statements,
        "disputes": content.disputes,
        "sources": content.sources,
    }
    if all(len(items) <= rows for items in lists.values()):
        return ONE_PAGE
    listings = {name: Listing(name, paginate(items, budget)) for name, items in lists.items() if items}
    where: dict[str, str] = {}
    for name in ("events", "statements"):
        for listing in [listings[name]] if name in listings else []:
            for number, ids in enumerate(listing.pages, 1):
                where.update({i: f"{listing.file(number)}#{name[:-1]}-{i}" for i in ids})
    where.update({a.id: actor_page(a.id) for a in content.actors})
    where.update({d.id: dispute_page(d.id) for d in content.disputes})
    return Layout(True, listings, where, _most_quoted(content))


def _most_quoted(content: Content, limit: int = 10) -> tuple[tuple[str, int], ...]:
    said: dict[str, int] = {}
    for s in content.statements:
        for speaker in s.speaker:
            said[speaker] = said.get(speaker, 0) + 1
    # One statement each says nothing about who is most quoted: only those with two or more are listed.
    ranked = sorted(((a.id, said[a.id]) for a in content.actors if said.get(a.id, 0) > 1), key=lambda x: -x[1])
    return tuple(ranked[:limit])


def paginate(items: Sequence[Fact | Source], budget: int) -> tuple[tuple[str, ...], ...]:
    """Ids in pages of at most ``budget`` estimated bytes (one item per page at least)."""
    pages: list[tuple[str, ...]] = []
    page: list[str] = []
    used = 0
    for item in items:
        cost = weight(item)
        if page and used + cost > budget:
            pages.append(tuple(page))
            page, used = [], 0
        page.append(item.id)
        used += cost
    if page:
        pages.append(tuple(page))
    return tuple(pages)


ROW = 600
"""Markup of a table row without its words: cells, labels, links (measured: 0.6-0.8 kB a row)."""
CITE = 250
"""Markup of one citation marker without its quote."""


def weight(item: Fact | Source) -> int:
    """An over-estimate of a row's bytes: its markup and its words (a quote twice: marker and hover card)."""
    words = _WORDS[type(item)](item)
    if isinstance(item, Source):
        return ROW * 2 + words
    return ROW + words + sum(CITE + 2 * len(c.text or c.quote) for c in citations_of(item))


def _source_words(s: Source) -> int:
    return len(s.title) + sum(len(n) for n in s.notes) + len(s.url) + len(s.file) + 200


def _actor_words(a: Actor) -> int:
    return len(a.name) + sum(len(x) for x in a.aliases) + len(a.role) + len(a.notes)


def _event_words(e: Event) -> int:
    return len(e.title) + sum(len(w.text) for w in e.date_text) + len(e.notes) + 60 * len(e.actors)


def _statement_words(s: Statement) -> int:
    return 2 * sum(len(t) for t in s.text) + len(s.translation) + len(s.notes) + len(s.attributed_as)


def _dispute_words(d: Dispute) -> int:
    return len(d.question) + 200


_WORDS: dict[type, Callable[..., int]] = {
    Source: _source_words,
    Actor: _actor_words,
    Event: _event_words,
    Statement: _statement_words,
    Dispute: _dispute_words,
}
