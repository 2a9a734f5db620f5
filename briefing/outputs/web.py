"""The site's files in the web's own formats, beside the pages: search index, CSV, annotations, card, feed, sitemap.

One function for build.py to call; each format is its own module. The feed and the
sitemap need absolute addresses: without ``base_url`` they are left out, and the
build's summary line says so (``address.left_out``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import cache, partial

from briefing.model.documents import Document
from briefing.model.facts import Model
from briefing.outputs.address import site_base
from briefing.outputs.annotations import ANNOTATIONS_FILE, annotations_chunks, text_file
from briefing.outputs.card import CARD_FILE, card_png
from briefing.outputs.feed import FEED_FILE, Entry, atom_feed, current_state
from briefing.outputs.files import Task
from briefing.outputs.search import INDEX_FILE, search_index_chunks
from briefing.outputs.sitemap import SITEMAP_FILE, sitemap
from briefing.outputs.tables import TABLES, Table, table_csv
from briefing.outputs.views import Views


def web_file_tasks(
    model: Model,
    links: dict[str, tuple[str, ...]],
    built: datetime,
    pages: Iterable[str],
    editions: Sequence[Entry] = (),
    corrections: Sequence[Entry] = (),
) -> list[Task]:
    """Each web format's path with the call that makes it (publish/workers.py may share them out); the feed and
    the sitemap only with ``base_url``.

    ``pages``: the site's HTML pages (for the sitemap). ``editions``: the feed's entries, one per
    published edition; none yet means one entry for the briefing's current state. ``corrections``: one
    entry per correction, beside them.
    """
    views = cache(partial(Views, model, links))  # made by the first task that needs it, in its own process
    b = model.content.briefing
    base = site_base(b)
    tasks: list[Task] = [
        (INDEX_FILE, lambda: search_index_chunks(views())),
        (ANNOTATIONS_FILE, lambda: annotations_chunks(views(), base)),
        (CARD_FILE, partial(card_png, b.title, b.as_of, model.content.events)),
    ]
    tasks += [(t.file, partial(_table, t, views, b.csv_bom)) for t in TABLES]
    # one text at a time (source_texts'), not all 15 MB of N = 5,000 at once
    tasks += [(text_file(doc.id), partial(_text, doc)) for doc in model.documents]
    if base:
        html = [p for p in pages if p.endswith(".html")]
        entries = [*(editions or [current_state(b, base, built)]), *corrections]
        tasks.append((FEED_FILE, partial(atom_feed, b, base, entries)))
        tasks.append((SITEMAP_FILE, partial(sitemap, base, html, built.date().isoformat())))
    return tasks


def _table(table: Table, views: Callable[[], Views], bom: bool) -> bytes:
    return table_csv(table, views(), bom=bom)


def _text(doc: Document) -> bytes:
    return doc.text.encode("utf-8")
