"""The offline search index: every fact and source sentence, as a script the search page loads.

A script file (not JSON fetched at run time) because browsers refuse ``fetch`` from
``file://``; a ``<script src>`` inside site/ loads from a USB stick and from any
subfolder alike. The search itself runs in ``search.js`` (a theme asset).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, assert_never

from briefing.model.facts import Actor, Dispute, Event, Statement
from briefing.model.kinds import Fact, citations_of, facts
from briefing.outputs.views import Views, fact_title

INDEX_FILE = "search-index.js"
PAGE = "search.html"
SCRIPT = "search.js"
INDEX_VARIABLE = "BRIEFING_SEARCH_INDEX"


def fact_detail(fact: Fact, views: Views) -> str:
    """Every searchable word of a fact besides its title, its fields set apart by " · "."""
    return " · ".join(part for part in _detail_parts(fact, views) if part)


def _detail_parts(fact: Fact, views: Views) -> list[str]:
    """(mypy checks that every kind has a case.)"""
    match fact:
        case Actor():
            affiliation = (
                views.actors[fact.affiliation].name if fact.affiliation in views.actors else fact.affiliation or ""
            )
            return [fact.role, affiliation, "also " + ", ".join(fact.aliases) if fact.aliases else "", fact.notes]
        case Event():
            return [*(w.text for w in fact.date_text), fact.status, fact.notes]
        case Statement():
            return [fact.attributed_as, fact.notes]
        case Dispute():
            return [fact.assessment, *(p.summary for p in fact.positions)]
        case _:
            assert_never(fact)


def _fact_records(views: Views) -> Iterator[list[str]]:
    for kind, fact in facts(views.model.content):
        title = " ".join(fact_title(fact, views.actors).split())
        cites = " ".join(views.cite(c).label for c in citations_of(fact))
        yield [kind.label, title, " ".join(fact_detail(fact, views).split()), views.facts[fact.id].href, cites]


def _source_records(views: Views) -> Iterator[dict[str, Any]]:
    """Per source: its label (``S1``), id, title and sentence texts (a sentence's number is its position + 1).

    A repeated paragraph's sentences are left as "" (found once, at their first occurrence).
    """
    for view in views.source_list():
        doc = view.document
        texts = [] if doc is None else ["" if s.repeat_of else s.text for s in doc.sentences]
        yield {"label": view.label, "id": view.source.id, "title": view.source.title, "sentences": texts}


def search_index(views: Views) -> bytes:
    """``search-index.js``: one assignment of the whole index to ``window.BRIEFING_SEARCH_INDEX``."""
    return "".join(search_index_chunks(views)).encode("utf-8")


def search_index_chunks(views: Views) -> Iterator[str]:
    """``search_index``'s text a record at a time (the same as ``json.dumps`` of the whole index with sorted
    keys): at N = 5,000 the whole 14 MB text and its records were a process's peak memory."""
    yield f'window.{INDEX_VARIABLE}={{"facts":['
    yield from _listed(_fact_records(views))
    yield '],"sources":['
    yield from _listed(_source_records(views))
    yield "]};\n"


def _listed(records: Iterable[Any]) -> Iterator[str]:
    for i, record in enumerate(records):
        yield ("," if i else "") + json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
