"""Every citation as a W3C Web Annotation (``annotations.jsonld``), and the source texts it anchors in.

The target of each annotation is the source's plain text, published beside its page
as ``sources/<id>.txt`` (the same characters the quotes were found in): a
TextPositionSelector counts characters of exactly that text, and a
TextQuoteSelector gives the quote with 32 characters either side. The HTML page
that shows the text is the target's ``scope``. The body is the fact: its words
(``describing``) and its place in the briefing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.model.documents import Document
from briefing.model.facts import Citation, Model
from briefing.model.kinds import citations_of, facts
from briefing.outputs.address import absolute
from briefing.outputs.export import LazyList
from briefing.outputs.json_text import json_chunks
from briefing.outputs.views import Views, fact_title

ANNOTATIONS_FILE = "annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32
"""Characters of prefix and suffix: enough to tell two occurrences of a short quote apart."""


def text_file(source_id: str) -> str:
    return f"sources/{source_id}.txt"


def source_texts(model: Model) -> dict[str, bytes]:
    """``sources/<id>.txt``: each source's text as the build read it (UTF-8, newlines as LF)."""
    return {text_file(d.id): d.text.encode("utf-8") for d in model.documents}


def selectors(doc: Document, c: Citation) -> list[dict[str, Any]]:
    """A TextQuoteSelector and a TextPositionSelector for the citation's span of ``doc.text``."""
    return [
        {
            "type": "TextQuoteSelector",
            "exact": doc.text[c.start : c.end],
            "prefix": doc.text[max(0, c.start - AFFIX) : c.start],
            "suffix": doc.text[c.end : c.end + AFFIX],
        },
        {"type": "TextPositionSelector", "start": c.start, "end": c.end},
    ]


def _annotation(views: Views, base: str, fact_id: str, words: str, n: int, c: Citation) -> dict[str, Any] | None:
    doc = views.model.document(c.source)
    if doc is None or not c.resolved:
        return None
    scope = f"sources/{c.source}.html" + (f"#{c.sentences[0]}" if c.sentences else "")
    language = views.model.content.briefing.language
    return {
        "id": absolute(base, f"{ANNOTATIONS_FILE}#{fact_id}-{n}"),
        "type": "Annotation",
        "motivation": "linking",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": words,
                "format": "text/plain",
                "language": language,
            },
            {"id": absolute(base, views.facts[fact_id].href), "type": "Text", "format": "text/html"},
        ],
        "target": {
            "type": "SpecificResource",
            "source": absolute(base, text_file(c.source)),
            "scope": absolute(base, scope),
            "selector": selectors(doc, c),
        },
    }


def annotation_list(views: Views, base: str) -> list[dict[str, Any]]:
    """One annotation per resolved citation, facts in file order, citations in fact order."""
    return list(_annotations(views, base))


def _annotations(views: Views, base: str) -> Iterator[dict[str, Any]]:
    for kind, fact in facts(views.model.content):
        words = f"{kind.label}: {' '.join(fact_title(fact, views.actors).split())}"
        for n, c in enumerate(citations_of(fact), 1):
            item = _annotation(views, base, fact.id, words, n, c)
            if item is not None:
                yield item


def annotations_jsonld(views: Views, base: str) -> bytes:
    """An AnnotationCollection holding one AnnotationPage with every annotation."""
    return "".join(annotations_chunks(views, base)).encode("utf-8")


def annotations_chunks(views: Views, base: str) -> Iterator[str]:
    """``annotations_jsonld``'s text piece by piece, each annotation made as it is written: all of them at
    once (27,000 at N = 5,000) added 155 MiB to a build's peak memory, their text at once 60 MiB more."""
    total = sum(1 for _ in _annotations(views, base))
    items = LazyList(lambda: _annotations(views, base), total)
    collection = {
        "@context": CONTEXT,
        "id": absolute(base, ANNOTATIONS_FILE),
        "type": "AnnotationCollection",
        "label": f"Citations of {views.model.content.briefing.title}",
        "total": total,
        "first": {
            "id": absolute(base, f"{ANNOTATIONS_FILE}#page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    yield from json_chunks(collection, indent=1, streamed=3)  # one piece per annotation (items: level 3)
    yield "\n"
