"""The offline search index: every fact and source sentence, as a script the search page loads.

A script file (not JSON fetched at run time) because browsers refuse ``fetch`` from
``file://``; a ``<script src>`` inside site/ loads from a USB stick and from any
subfolder alike. The search itself runs in ``search.js`` (a theme asset).
"""

from __future__ import annotations

import json
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


def _fact_records(views: Views) -> list[list[str]]:
    records = []
    for kind, fact in facts(views.model.content):
        title = " ".join(fact_title(fact, views.actors).split())
        cites = " ".join(views.cite(c).label for c in citations_of(fact))
        records.append(
            [kind.label, title, " ".join(fact_detail(fact, views).split()), views.facts[fact.id].href, cites]
        )
    return records


def _source_records(views: Views) -> list[dict[str, Any]]:
    """Per source: its label (``S1``), id, title and sentence texts (a sentence's number is its position + 1).

    A repeated paragraph's sentences are left as "" (found once, at their first occurrence).
    """
    found = []
    for view in views.source_list():
        doc = view.document
        texts = [] if doc is None else ["" if s.repeat_of else s.text for s in doc.sentences]
        found.append({"label": view.label, "id": view.source.id, "title": view.source.title, "sentences": texts})
    return found


def search_index(views: Views) -> bytes:
    """``search-index.js``: one assignment of the whole index to ``window.BRIEFING_SEARCH_INDEX``."""
    index = {"facts": _fact_records(views), "sources": _source_records(views)}
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{INDEX_VARIABLE}={body};\n".encode()
