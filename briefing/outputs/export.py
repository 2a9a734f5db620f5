"""The whole resolved model as JSON (site/data.json), described by data.schema.json."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, assert_never

from briefing.model.dates import DateValue
from briefing.model.documents import Document
from briefing.model.facts import (
    Actor,
    Citation,
    Content,
    Correction,
    Dispute,
    Event,
    Model,
    Position,
    Source,
    Statement,
    Wording,
)
from briefing.model.inference import date_inferred, published_inferred
from briefing.model.kinds import FACT_KINDS, Fact, Kind, facts_of
from briefing.outputs.json_text import json_chunks
from briefing.resolve.corrections import anchors
from briefing.resolve.coverage import Coverage

SCHEMA_VERSION = 2
"""2: speakers a list (or attributed_as), text parts, date_text wordings, date qualifiers, alleged_by, after,
actors' same_as and identity, citations' sentence, sentences' not_content."""


def date_json(value: DateValue | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {
        "value": value.value,
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
        "qualifier": value.qualifier,
    }


def wordings_json(wordings: tuple[Wording, ...]) -> list[dict[str, str]]:
    return [{"text": w.text, "source": w.source} for w in wordings]


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "source": c.source,
        "quote": c.quote,
        "sentence": c.sentence,
        "text": c.text,
        "sentences": list(c.sentences),
        "start": c.start,
        "end": c.end,
        "translation": c.translation,
        **({"earlier_version": True} if c.earlier_version else {}),
    }


def _cites(cites: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [citation_json(c) for c in cites]


def _position(p: Position) -> dict[str, Any]:
    return {
        "summary": p.summary,
        "held_by": list(p.held_by),
        "statements": list(p.statements),
        "citations": _cites(p.cite),
    }


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "kind": a.kind,
        "role": a.role,
        "affiliation": a.affiliation,
        "same_as": a.same_as,
        "identity": a.identity,
        "notes": a.notes,
        "citations": _cites(a.cite),
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "date": date_json(e.date),
        "date_text": wordings_json(e.date_text),
        "date_inferred": date_inferred(e.date, e.date_text),
        "status": e.status,
        "alleged_by": list(e.alleged_by),
        "after": list(e.after),
        "actors": list(e.actors),
        "notes": e.notes,
        "citations": _cites(e.cite),
    }


def _statement(s: Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "speaker": list(s.speaker),
        "attributed_as": s.attributed_as,
        "reported_by": list(s.reported_by),
        "date": date_json(s.date),
        "date_text": wordings_json(s.date_text),
        "date_inferred": date_inferred(s.date, s.date_text),
        "mode": s.mode,
        "text": s.words,
        "parts": list(s.text),
        "about": list(s.about),
        "translation": s.translation,
        "notes": s.notes,
        "citations": _cites(s.cite),
    }


def _dispute(d: Dispute) -> dict[str, Any]:
    return {
        "id": d.id,
        "question": d.question,
        "kind": d.kind,
        "status": d.status,
        "assessment": d.assessment,
        "positions": [_position(p) for p in d.positions],
        "citations": _cites(d.cite),
    }


def fact_json(fact: Fact) -> dict[str, Any]:
    """One fact as data.json has it; ``formerly`` only when recorded (so data.json stays as it was without)."""
    found = _fact_json(fact)
    if fact.formerly:
        found["formerly"] = list(fact.formerly)
    return found


def _fact_json(fact: Fact) -> dict[str, Any]:
    """mypy checks that every kind of Fact has a case."""
    match fact:
        case Actor():
            return _actor(fact)
        case Event():
            return _event(fact)
        case Statement():
            return _statement(fact)
        case Dispute():
            return _dispute(fact)
        case _:
            assert_never(fact)


def model_json(model: Model, links: dict[str, tuple[str, ...]], cov: Coverage) -> dict[str, Any]:
    return _model_json(model, links, cov, lazy=False)


class LazyList(list[Any]):
    """A list the JSON encoder walks without it being held: each item is made as the encoder reaches it.

    (json's indenting encoder only asks a list whether it is empty and iterates it.)"""

    def __init__(self, items: Callable[[], Iterator[Any]], count: int) -> None:
        super().__init__()
        self._items = items
        self._count = count

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


def _listed(items: Callable[[], Iterator[Any]], count: int, lazy: bool) -> list[Any]:
    return LazyList(items, count) if lazy else list(items())


def _model_json(model: Model, links: dict[str, tuple[str, ...]], cov: Coverage, *, lazy: bool) -> dict[str, Any]:
    c = model.content
    b = c.briefing
    docs = {d.id: d for d in model.documents}
    sources = _listed(
        lambda: (_source_json(n, s, docs.get(s.id), links) for n, s in enumerate(c.sources, 1)), len(c.sources), lazy
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "briefing": {
            "title": b.title,
            "as_of": b.as_of.value,
            "as_of_text": b.as_of_text,
            "subtitle": b.subtitle,
            "author": b.author,
            "description": b.description,
            "keywords": list(b.keywords),
            "language": b.language,
        },
        "sources": sources,
        **{kind.plural: _facts_json(c, kind, lazy) for kind in FACT_KINDS},
        "prose": {p.name: p.markdown for p in c.prose},
        "coverage": {"sentences": cov.sentences, "cited": cov.cited},
        **({"corrections": corrections_json(c.corrections)} if c.corrections else {}),
    }


def _facts_json(content: Content, kind: Kind, lazy: bool) -> list[Any]:
    found = facts_of(content, kind)
    return _listed(lambda: (fact_json(f) for f in found), len(found), lazy)


def _source_json(number: int, s: Source, doc: Document | None, links: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    sentences = (
        []
        if doc is None
        else [
            {
                "id": t.id,
                "paragraph": t.paragraph,
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "headline": t.headline,
                "not_content": t.not_content,
                "repeat_of": t.repeat_of,
                "page": t.page,
                "cited_by": list(links.get(t.id, ())),
            }
            for t in doc.sentences
        ]
    )
    return {
        "id": s.id,
        "label": s.marker(number),
        "file": s.file,
        "sha256": s.sha256,
        "title": s.title,
        "title_origin": s.title_origin,
        "title_translation": s.title_translation,
        "language": s.language,
        "outlet": s.outlet,
        "author": s.author,
        "published": date_json(s.published),
        "published_text": s.published_text,
        "published_inferred": s.published is not None and published_inferred(s.published_text),
        "url": s.url,
        "notes": list(s.notes),
        "found": {"title": s.title_text, "outlet": s.outlet_text, "author": s.author_text, "url": s.url_text},
        "original": (
            {"file": s.original_file, "sha256": s.original_sha256, "extractor": s.extractor}
            if s.original_file
            else None
        ),
        "captured": {"url": s.captured_url, "at": s.captured_at} if s.captured_url or s.captured_at else None,
        "sentences": sentences,
        **({"supersedes": s.supersedes} if s.supersedes else {}),
    }


def corrections_json(corrections: tuple[Correction, ...]) -> list[dict[str, Any]]:
    """data.json's corrections (only when there are any, so that data.json stays as it was without)."""
    return [
        {"id": anchor, "date": c.date.value, "said": c.said, "now": c.now, "facts": list(c.facts)}
        for anchor, c in zip(anchors(corrections), corrections, strict=True)
    ]


def data_json(model: Model, links: dict[str, tuple[str, ...]], cov: Coverage) -> bytes:
    return "".join(data_json_chunks(model, links, cov)).encode("utf-8")


def data_json_chunks(model: Model, links: dict[str, tuple[str, ...]], cov: Coverage) -> Iterator[str]:
    """data.json's text piece by piece, the same as ``data_json``'s, each source and fact made as it is
    written: the whole tree of a 5,000-source briefing held at once was most of a build's peak memory."""
    yield from json_chunks(_model_json(model, links, cov, lazy=True))
    yield "\n"
