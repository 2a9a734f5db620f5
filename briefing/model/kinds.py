"""The kinds of content item: ONE table saying what each kind is, in data only.

Every layer reads this table instead of listing the kinds by hand:

- load/content.py reads ``Kind.file`` into ``Kind.model`` with the schema
  ``load/schema.py ITEM_SCHEMAS[kind.name]`` (whose ``Field.target`` is the
  single source of reference targets);
- resolve/provenance.py resolves every citation ``citations_of`` finds,
  resolve/validate.py checks every reference the schema declares;
- outputs/views.py and outputs/export.py show and export each kind by a
  ``match`` over ``Fact`` that mypy proves exhaustive (``assert_never``);
- the CLI summary counts ``FACT_KINDS``; the handout prints those with ``handout``.

tests/test_kinds.py checks that each kind has its schema, its Content field and
its model attributes. Adding a kind: docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from briefing.model.facts import Actor, Citation, Content, Dispute, Event, Position, Source, Statement

Fact = Actor | Event | Statement | Dispute
"""A fact: an item with an id that cites sources and that prose may cite."""
Item = Source | Fact
"""What a content list file holds."""
Part = Position
"""A fact's sub-item with citations of its own (a dispute's positions)."""

FactT = TypeVar("FactT", bound=Fact)


@dataclass(frozen=True)
class Kind:
    name: str
    """``event``: the schema's name, a reference target, the anchor prefix (``event-ID``)."""
    plural: str
    """``events``: the field of Content, the key in data.json, the word of the CLI summary."""
    file: str
    """The content file, inside content/."""
    model: type[Item]
    label: str
    """Shown before a fact's title in links and tooltips (``Event: ...``)."""
    claim: bool = True
    """A claim rests on sources (curation's single-source lead); that an actor exists is not one."""
    handout: bool = True
    """Printed in the PDF handout (every fact is: the handout carries what the page carries)."""
    parts: str = ""
    """The field holding Parts with citations of their own, if any."""

    def anchor(self, item_id: str) -> str:
        """Fragment id of the item on index.html."""
        return f"{self.name}-{item_id}"


SOURCE_KIND = Kind("source", "sources", "sources.yaml", Source, "Source", claim=False, handout=False)
FACT_KINDS = (
    Kind("actor", "actors", "actors.yaml", Actor, "Actor", claim=False),
    Kind("event", "events", "events.yaml", Event, "Event"),
    Kind("statement", "statements", "statements.yaml", Statement, "Statement"),
    Kind("dispute", "disputes", "disputes.yaml", Dispute, "Dispute", parts="positions"),
)
KINDS = (SOURCE_KIND, *FACT_KINDS)
"""In the order content files are read and data.json lists them."""
KIND = {k.name: k for k in KINDS}
_OF_MODEL = {k.model: k for k in KINDS}


def kind_of(item: Item) -> Kind:
    return _OF_MODEL[type(item)]


def items(content: Content, kind: Kind) -> tuple[Item, ...]:
    found: tuple[Item, ...] = getattr(content, kind.plural)
    return found


def facts_of(content: Content, kind: Kind) -> tuple[Fact, ...]:
    """The facts of one of FACT_KINDS, in file order."""
    found: tuple[Fact, ...] = getattr(content, kind.plural)
    return found


def facts(content: Content) -> Iterator[tuple[Kind, Fact]]:
    """(kind, fact) for every fact, by kind, in file order."""
    for kind in FACT_KINDS:
        for fact in facts_of(content, kind):
            yield kind, fact


def parts_of(fact: Fact) -> tuple[Part, ...]:
    name = kind_of(fact).parts
    found: tuple[Part, ...] = getattr(fact, name) if name else ()
    return found


def citations_of(fact: Fact) -> Iterator[Citation]:
    """A fact's own citations, then those of its parts."""
    yield from fact.cite
    for part in parts_of(fact):
        yield from part.cite


def with_citations(fact: FactT, change: Callable[[Citation], Citation]) -> FactT:
    """The fact with ``change`` applied to every citation, its own first, then its parts' (in order)."""
    changed = replace(fact, cite=tuple(change(c) for c in fact.cite))
    name = kind_of(fact).parts
    if not name:
        return changed
    parts: dict[str, Any] = {name: tuple(replace(p, cite=tuple(change(c) for c in p.cite)) for p in parts_of(fact))}
    return replace(changed, **parts)


def map_facts(content: Content, change: Callable[[Fact], Fact]) -> Content:
    """The content with every fact replaced by ``change(fact)`` (which keeps its kind)."""
    lists: dict[str, Any] = {k.plural: tuple(change(f) for f in facts_of(content, k)) for k in FACT_KINDS}
    return replace(content, **lists)


def evidence(fact: Fact, statements: Mapping[str, Statement]) -> tuple[Citation, ...]:
    """What a fact rests on: its citations, then those of the statements its parts rely on."""
    held = [c for p in parts_of(fact) for ref in p.statements if ref in statements for c in statements[ref].cite]
    return (*citations_of(fact), *held)
