"""The Atom 1.0 feed (``feed.xml``): one entry per edition, or one for the current state.

Entries are plain values (:class:`Entry`), so whatever knows the editions can hand
over their list; :func:`current_state` is the single entry used until then. A feed
needs absolute addresses, so it is only written when ``base_url`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree

from briefing.model.facts import Briefing

FEED_FILE = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    """One entry of the feed: an edition of the briefing (or its current state)."""

    id: str
    """A permanent, unique IRI (the same edition keeps it for ever)."""
    title: str
    updated: datetime
    """When this edition last changed (aware)."""
    link: str
    """Absolute address of the page a reader opens."""
    summary: str = ""
    link_type: str = "text/html"
    """The media type of ``link`` (an earlier edition links to its data, application/json)."""


def current_state(briefing: Briefing, base: str, built: datetime) -> Entry:
    """The one entry of a briefing without editions: its state as of its ``as_of`` date."""
    summary = briefing.description or briefing.subtitle
    return Entry(
        id=f"{base}#as-of-{briefing.as_of.value}",
        title=f"{briefing.title} (as of {briefing.as_of.value})",
        updated=built,
        link=f"{base}index.html",
        summary=summary,
    )


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ElementTree.Element, tag: str, text: str = "", **attrs: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag, attrs)
    if text:
        element.text = text
    return element


def atom_feed(briefing: Briefing, base: str, entries: Sequence[Entry]) -> bytes:
    """The feed document; ``updated`` is the latest entry's (so the same entries give the same bytes)."""
    feed = ElementTree.Element("feed", {"xmlns": ATOM, "xml:lang": briefing.language})
    _add(feed, "id", base)
    _add(feed, "title", briefing.title)
    if briefing.subtitle:
        _add(feed, "subtitle", briefing.subtitle)
    _add(feed, "updated", _stamp(max((e.updated for e in entries), default=datetime(1970, 1, 1, tzinfo=UTC))))
    author = _add(feed, "author")
    _add(author, "name", briefing.author or briefing.title)
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED_FILE}")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}index.html")
    _add(feed, "generator", "briefing")
    for entry in sorted(entries, key=lambda e: (e.updated, e.id), reverse=True):
        item = _add(feed, "entry")
        _add(item, "id", entry.id)
        _add(item, "title", entry.title)
        _add(item, "updated", _stamp(entry.updated))
        _add(item, "link", rel="alternate", type=entry.link_type, href=entry.link)
        if entry.summary:
            _add(item, "summary", entry.summary)
    ElementTree.indent(feed)
    text: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return text + b"\n"
