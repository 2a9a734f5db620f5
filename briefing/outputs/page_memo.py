"""Pages kept from the previous render of a session (``briefing serve``), made again only when their inputs change.

A source page shows its source, its text and, beside each cited sentence, the
facts citing it (their short titles, labels and notes); around that, what every
page shows (the briefing's title and language, the build date, the page's web
metadata, the navigation, the other sources it may name). Its key hashes all of
that, so an edit to one fact makes again only the pages of the sources it cites
(and those whose back-links' notes cite it). An actor's or a dispute's page (a
large briefing) hashes the facts it shows, the facts their notes cite and what
all such pages read (every actor, which list page holds each fact, the marks);
the lists' pages and the briefing page are made every time. The bytes are the
same as a clean render's: tests/test_edit_loop.py edits content many ways, on a
small and on a split briefing, and compares every file with a clean build's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import Field, fields, is_dataclass
from pathlib import Path
from typing import Any

from briefing.model.facts import PROSE_CITATION
from briefing.outputs.views import ParagraphView, SourceView, Views

TEMPLATE_DIRS = ("templates", "locale")
"""A project's own folders that change how any page renders (with the package's theme)."""


class PageMemo:
    """The pages of the last render by path, each with the key of its inputs. Not thread-safe: one per server."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, bytes]] = {}
        self.made = 0
        self.kept = 0
        self.remade: list[str] = []
        """The pages made again since the last ``start()``."""

    def start(self) -> None:
        self.remade = []

    def page(self, rel: str, key: str, render: Callable[[], bytes]) -> bytes:
        """The page at ``rel``: the one kept if its key is ``key``, else ``render()`` (kept for next time)."""
        found = self._pages.get(rel)
        if found is not None and found[0] == key:
            self.kept += 1
            return found[1]
        page = render()
        self._pages[rel] = (key, page)
        self.made += 1
        self.remade.append(rel)
        return page


def _digest(parts: Iterator[object]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _stamps(project: Path | None) -> Iterator[object]:
    """Every theme and catalog file by (path, mtime, size): an edited template or translation makes all again."""
    folders = [Path(__file__).resolve().parent.parent / name for name in ("templates", "locale")]
    if project is not None:
        folders += [project / name for name in TEMPLATE_DIRS]
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            info = path.stat()
            yield str(path), info.st_mtime_ns, info.st_size


def shared_key(index: Mapping[str, Any], views: Views, project: Path | None) -> str:
    """What every source page shows besides its own source: a change here makes them all again."""
    content = views.model.content
    nav = (bool(content.actors), bool(content.statements), tuple(sorted({d.kind for d in content.disputes})))
    sources = tuple((v.source, v.number) for v in views.source_list())
    newer = tuple(sorted((k, v.source.id) for k, v in index["newer"].items()))
    return _digest(iter((index["briefing"], index["built"], index["web"], nav, sources, newer, *_stamps(project))))


def source_page_key(shared: str, views: Views, view: SourceView, paragraphs: tuple[ParagraphView, ...]) -> str:
    """A source page's inputs: the shared ones, its own view and text, the facts citing it and their notes."""
    notes = [*view.source.notes, *(f.note for p in paragraphs for s in p.sentences for f in s.cited_by if f.note)]
    cited = [views.prose_ref(t.strip().lstrip("@")) for text in notes for t in _targets(text)]
    return _digest(iter((shared, view, paragraphs, cited)))


def wide_key(shared: str, views: Views, index: Mapping[str, Any]) -> str:
    """What an actor's or a dispute's page shows besides its own facts: every actor (names, affiliations,
    identities), which list page holds each fact (links point there), the marks of editions and corrections."""
    content = views.model.content
    listed = tuple((listing.name, listing.pages) for listing in views.layout.listings.values())
    marks = tuple(sorted(index["history"].marks.items()))
    return _digest(iter((shared, content.actors, listed, marks, content.corrections)))


def fact_page_key(wide: str, views: Views, shown: Sequence[object]) -> str:
    """An actor's or a dispute's page: the wide inputs, the facts it shows (whole: every field), and the facts
    their notes cite by id (their titles are shown)."""
    notes = [note for fact in _flat(shown) for note in _notes(fact)]
    cited = [views.prose_ref(t.strip().lstrip("@")) for text in notes for t in _targets(text)]
    return _digest(iter((wide, _shown(shown), cited)))


def _shown(value: object) -> object:
    """A fact's fields as a page can show them: not where in which file the curator wrote it (its ``origin``,
    a citation's ``location``s): a line added above a fact must not make its pages again."""
    if is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, tuple((f.name, _shown(getattr(value, f.name))) for f in fields(value) if _shows(f))
    if isinstance(value, tuple):
        return tuple(_shown(item) for item in value)
    return value


def _shows(f: Field[Any]) -> bool:
    return f.compare and f.name != "origin"  # locations do not count in a citation's equality either


def _flat(shown: Sequence[object]) -> Iterator[object]:
    """The facts in ``shown``, some of them in tuples (an actor's statements, events...)."""
    for item in shown:
        if isinstance(item, tuple):
            yield from _flat(item)
        else:
            yield item


def _notes(fact: object) -> list[str]:
    found = [getattr(fact, "notes", "") or ""]
    found += [getattr(p, "notes", "") or "" for p in getattr(fact, "positions", ())]
    return [note for note in found if note]


def _targets(text: str) -> Iterator[str]:
    for match in PROSE_CITATION.finditer(text):
        yield from match.group(1).split(";")
