"""What a saved page says about itself, and where: JSON-LD, Open Graph, <meta>, <link rel=canonical>.

Each value keeps its origin in words, for the ``*_text`` fields of sources.yaml. The
structured data a news page publishes for search engines and social networks comes
first; htmldate (the library trafilatura uses) finds a publication date where none
is declared, and says so as a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import metadata as _metadata
from typing import Any

from briefing.load.readers.base import Meta

_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(\S+?) ?-->")
_SINGLEFILE = re.compile(rb"url: (\S+)\s+saved date: ([^\n]+)")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _articles(tree: Any) -> Iterator[dict[str, Any]]:
    """Objects of the page's JSON-LD whose @type is an article of some kind."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and (k.endswith("Article") or k == "BlogPosting") for k in kinds):
                    yield item


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD person or organisation, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _squash(name) and not name.startswith("http"):
            names.append(_squash(name))
    return names


def _jsonld(tree: Any) -> list[Meta]:
    found: list[Meta] = []
    for article in _articles(tree):
        kind = article.get("@type")
        kind = kind[0] if isinstance(kind, list) else kind
        where = f"the page's JSON-LD ({kind}."
        if isinstance(article.get("headline"), str):
            found.append(Meta("title", _squash(article["headline"]), where + "headline)"))
        if _names(article.get("author")):
            found.append(Meta("author", ", ".join(_names(article["author"])), where + "author)"))
        if _names(article.get("publisher")):
            found.append(Meta("outlet", _names(article["publisher"])[0], where + "publisher)"))
        if isinstance(article.get("datePublished"), str):
            found.append(Meta("published", article["datePublished"].strip(), where + "datePublished)"))
        page = article.get("mainEntityOfPage") or article.get("url")
        page = page.get("@id") if isinstance(page, dict) else page
        if isinstance(page, str) and page.startswith(("http://", "https://")):
            found.append(Meta("url", page.strip(), where + "mainEntityOfPage)"))
    return found


_META_TAGS = (
    ("title", "property", "og:title"),
    ("outlet", "property", "og:site_name"),
    ("published", "property", "article:published_time"),
    ("url", "property", "og:url"),
    ("author", "name", "author"),
    ("title", "name", "citation_title"),
    ("published", "name", "citation_publication_date"),
    ("published", "name", "dcterms.created"),
    ("published", "name", "date"),
)


def _tags(tree: Any) -> list[Meta]:
    found: list[Meta] = []
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical and str(canonical[0]).startswith(("http://", "https://")):
        found.append(Meta("url", str(canonical[0]).strip(), 'the page\'s <link rel="canonical">'))
    for field, attribute, name in _META_TAGS:
        values = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
        if values and _squash(str(values[0])):
            found.append(Meta(field, _squash(str(values[0])), f'the page\'s <meta {attribute}="{name}">'))
    title = tree.find(".//title")
    if title is not None and _squash(title.text_content()):
        found.append(Meta("title", _squash(title.text_content()), "the page's <title>"))
    return found


def _published_guess(tree: Any) -> list[Meta]:
    from htmldate import find_date

    try:
        day = find_date(tree, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # a heuristic that fails is no date, never a failed add
        day = None
    if not day:
        return []
    return [Meta("published", day, f"htmldate {_metadata.version('htmldate')}'s best guess from the page")]


def capture(raw: bytes) -> list[Meta]:
    """Where a browser-saved file says it was saved from (Chrome's, and SingleFile's, comment)."""
    head = raw[:4096]
    single = _SINGLEFILE.search(head)
    if single and b"SingleFile" in head:
        return [
            Meta("captured_url", single.group(1).decode("utf-8", "replace"), "SingleFile's comment in the page"),
            Meta("captured_at", single.group(2).decode("utf-8", "replace").strip(), "SingleFile's comment in the page"),
        ]
    saved = _SAVED_FROM.search(head)
    if saved:
        return [Meta("captured_url", saved.group(1).decode("utf-8", "replace"), "the browser's 'saved from' comment")]
    return []


def first(found: list[Meta]) -> tuple[Meta, ...]:
    """The first value found for each field, in the order given; dates as their ISO day."""
    chosen: dict[str, Meta] = {}
    for meta in found:
        if meta.field == "published":
            day = _ISO_DAY.match(meta.value)
            if day is None:
                continue
            if day.group(1) != meta.value:
                meta = Meta("published", day.group(1), f"{meta.found}: {meta.value}")
        chosen.setdefault(meta.field, meta)
    return tuple(chosen.values())


def page_metadata(tree: Any, raw: bytes) -> tuple[Meta, ...]:
    found = _jsonld(tree) + _tags(tree)
    if not any(m.field == "published" and _ISO_DAY.match(m.value) for m in found):
        found += _published_guess(tree)
    return first(found + capture(raw))
