"""CSV tables of the facts (``actors.csv``, ``events.csv``, ``statements.csv``, ``disputes.csv``) and sources.

One row per fact, for spreadsheets; ``sources.csv`` says which source each label
(``S1``) is. A fact's citations are three columns: the marker labels a reader sees
on the page (``S1.4; S2.7–8``), the sentence ids
(``source.4``) and the quotes, one a line, in the source's own words (a line
break inside a quote becomes a space, so that each line is one quote). Lists
(aliases, actors) are joined with "; ". UTF-8; with ``bom`` a byte-order mark
first, which spreadsheet programs need to read the file as UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import assert_never

from briefing.model.facts import Actor, Dispute, Event, Statement, Wording
from briefing.model.inference import date_inferred, published_inferred
from briefing.model.kinds import FACT_KINDS, SOURCE_KIND, Fact, Kind, citations_of, facts_of
from briefing.outputs.annotations import text_file
from briefing.outputs.views import SourceView, Views

CITATION_COLUMNS = ("citations", "sentences", "quotes")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


@dataclass(frozen=True)
class Table:
    kind: Kind
    columns: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.kind.plural}.csv"

    @property
    def title(self) -> str:
        return self.kind.plural


COLUMNS = {
    "actor": ("id", "name", "kind", "role", "affiliation", "aliases", "notes"),
    "event": (
        *("id", "title", "date", "date_start", "date_end", "date_text", "date_inferred", "status"),
        *("alleged_by", "after", "actors", "notes"),
    ),
    "statement": (
        "id",
        "speaker",
        "speaker_name",
        "attributed_as",
        "reported_by",
        "date",
        "date_text",
        "date_inferred",
        "mode",
        "text",
        "about",
        "notes",
    ),
    "dispute": ("id", "question", "kind", "status", "assessment", "positions"),
}
"""The columns of each fact kind before the citation columns (a new kind needs its entry)."""
SOURCE_COLUMNS = (
    *("id", "label", "title", "title_origin", "outlet", "author", "published", "published_inferred"),
    *("published_text", "url"),
    *("file", "sha256", "text_file", "sentences", "cited", "notes"),
)
"""Sources: what a citation's label (``S1``) stands for; ``text_file`` is the text annotations anchor in."""
TABLES = (
    Table(SOURCE_KIND, SOURCE_COLUMNS),
    *(Table(kind, (*COLUMNS[kind.name], *CITATION_COLUMNS)) for kind in FACT_KINDS),
)


def _joined(items: Sequence[str]) -> str:
    return "; ".join(items)


def _flag(value: bool) -> str:
    """An inference mark as a spreadsheet filters it: ``true`` or ``false``."""
    return "true" if value else "false"


def _wordings(wordings: Sequence[Wording]) -> str:
    """A date's wording, or each source's (``gazette: on Sunday``), joined with "; "."""
    return _joined([f"{w.source}: {w.text}" if w.source else w.text for w in wordings])


def _fields(fact: Fact, views: Views) -> dict[str, str]:
    """The columns particular to the fact's kind (mypy checks that every kind has a case)."""
    match fact:
        case Actor():
            return {"name": fact.name, "kind": fact.kind, "role": fact.role, "affiliation": fact.affiliation or "",
                    "aliases": _joined(fact.aliases), "notes": fact.notes}  # fmt: skip
        case Event():
            d = fact.date
            return {"title": fact.title, "date": d.value if d else "", "date_start": d.start.isoformat() if d else "",
                    "date_end": d.end.isoformat() if d else "", "date_text": _wordings(fact.date_text),
                    "date_inferred": _flag(date_inferred(d, fact.date_text)), "status": fact.status,
                    "alleged_by": _joined(fact.alleged_by), "after": _joined(fact.after),
                    "actors": _joined(fact.actors), "notes": fact.notes}  # fmt: skip
        case Statement():
            names = [views.actors[a].name if a in views.actors else a for a in fact.speaker]
            return {"speaker": _joined(fact.speaker), "speaker_name": _joined(names),
                    "attributed_as": fact.attributed_as, "reported_by": _joined(fact.reported_by),
                    "date": fact.date.value if fact.date else "", "date_text": _wordings(fact.date_text),
                    "date_inferred": _flag(date_inferred(fact.date, fact.date_text)), "mode": fact.mode,
                    "text": fact.words, "about": _joined(fact.about), "notes": fact.notes}  # fmt: skip
        case Dispute():
            positions = "\n".join(p.summary for p in fact.positions)
            return {"question": fact.question, "kind": fact.kind, "status": fact.status,
                    "assessment": fact.assessment, "positions": positions}  # fmt: skip
        case _:
            assert_never(fact)


def _citations(fact: Fact, views: Views) -> dict[str, str]:
    cites = list(citations_of(fact))
    return {
        "citations": _joined([views.cite(c).label for c in cites]),
        "sentences": _joined([s for c in cites for s in c.sentences]),
        "quotes": "\n".join(_LINE_BREAK.sub(" ", c.text or c.quote) for c in cites),
    }


def _rows(table: Table, views: Views) -> Iterator[dict[str, str]]:
    if table.kind is SOURCE_KIND:
        yield from (_source_row(view) for view in views.source_list())
        return
    for fact in facts_of(views.model.content, table.kind):
        yield {"id": fact.id, **_fields(fact, views), **_citations(fact, views)}


def _source_row(view: SourceView) -> dict[str, str]:
    s = view.source
    inferred = s.published is not None and published_inferred(s.published_text)
    return {"id": s.id, "label": view.label, "title": s.title, "title_origin": s.title_origin,
            "outlet": s.outlet, "author": s.author, "published": s.published.value if s.published else "",
            "published_inferred": _flag(inferred),
            "published_text": s.published_text, "url": s.url, "file": s.file, "sha256": s.sha256,
            "text_file": text_file(s.id) if view.document else "", "sentences": str(view.sentence_count),
            "cited": str(view.cited), "notes": "\n".join(s.notes)}  # fmt: skip


def table_csv(table: Table, views: Views, *, bom: bool = False) -> bytes:
    """The table as CSV (RFC 4180: CRLF line ends, fields quoted where needed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_rows(table, views))
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def csv_files(views: Views, *, bom: bool = False) -> dict[str, bytes]:
    return {t.file: table_csv(t, views, bom=bom) for t in TABLES}
