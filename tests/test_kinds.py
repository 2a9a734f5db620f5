"""The table of kinds (model/kinds.py): every layer has an entry for every kind, and they agree."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from briefing.load.content import LIST_FILES
from briefing.load.schema import ITEM_SCHEMAS, PART_SCHEMAS, Schema
from briefing.model.dates import parse_date
from briefing.model.facts import Actor, Citation, Content, Dispute, Event, Position, Statement, Wording
from briefing.model.kinds import FACT_KINDS, KIND, KINDS, Fact, citations_of, evidence, kind_of, with_citations
from briefing.outputs.export import fact_json
from briefing.outputs.views import fact_title


def _attributes(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model)}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_a_schema_a_file_and_a_content_field(kind: typing.Any) -> None:
    assert ITEM_SCHEMAS[kind.name].name == kind.name
    assert LIST_FILES[kind.file] == (ITEM_SCHEMAS[kind.name], kind.model)
    assert kind.plural in _attributes(Content)


def _schemas() -> list[tuple[Schema, type]]:
    found: list[tuple[Schema, type]] = [(ITEM_SCHEMAS[k.name], k.model) for k in KINDS]
    return [*found, (PART_SCHEMAS["positions"], Position)]


@pytest.mark.parametrize(("schema", "model"), _schemas(), ids=lambda x: getattr(x, "name", ""))
def test_every_schema_field_is_a_model_attribute_and_every_target_a_kind(schema: Schema, model: type) -> None:
    for f in schema.fields:
        assert f.name in _attributes(model), f"{schema.name}.{f.name}"
        if f.type in ("ref", "refs"):
            assert all(t in KIND for t in f.target.split("|")), f"{schema.name}.{f.name} targets {f.target!r}"
        if f.type in PART_SCHEMAS:
            assert any(k.parts == f.name for k in KINDS)


def test_fact_union_is_the_fact_kinds() -> None:
    assert set(typing.get_args(Fact)) == {k.model for k in FACT_KINDS}
    assert [k.name for k in KINDS] == ["source", "actor", "event", "statement", "dispute"]


def _cite(quote: str) -> tuple[Citation, ...]:
    return (Citation("src", quote),)


def _one_of_each() -> list[Fact]:
    position = Position("Yes.", statements=("said",), cite=_cite("p"))
    return [
        Actor("ann", "Ann", "person", cite=_cite("a")),
        Event("met", "They met", (Wording("on Monday"),), "occurred", parse_date("2022-02-21"), cite=_cite("e")),
        Statement("said", "direct", ("Hello",), ("ann",), cite=_cite("s")),
        Dispute("agreed", "Was it agreed?", "contested-claim", "open", "Unclear.", (position, position), _cite("d")),
    ]


@pytest.mark.parametrize("fact", _one_of_each(), ids=lambda f: type(f).__name__)
def test_every_fact_kind_is_exported_shown_and_resolved(fact: Fact) -> None:
    kind = kind_of(fact)
    exported = fact_json(fact)
    assert exported["id"] == fact.id
    assert fact_title(fact, {}) != ""
    marked = with_citations(fact, lambda c: dataclasses.replace(c, text=c.quote.upper()))
    assert [c.text for c in citations_of(marked)] == [c.quote.upper() for c in citations_of(fact)]
    assert type(marked) is kind.model


def test_evidence_adds_the_statements_a_dispute_rests_on() -> None:
    actor, _, statement, dispute = _one_of_each()
    statements = {"said": typing.cast(Statement, statement)}
    assert [c.quote for c in evidence(dispute, statements)] == ["d", "p", "p", "s", "s"]
    assert [c.quote for c in evidence(actor, statements)] == ["a"]
