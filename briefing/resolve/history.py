"""A briefing's history as its readers see it: the earlier editions, and what changed since the last one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.diagnostics import BriefingError, Location, error
from briefing.load.editions import EDITIONS_DIR, EditionError, edition_files, read_json
from briefing.resolve.editions import Change, Diff, diff

N_ = str
"""Marks a string for the catalog (Babel's extractor finds ``N_("...")``); the page translates it."""
_KIND = {"actor": "actor", "event": "event", "statement": "statement", "dispute": "dispute", "source": "source"}
_READER = {
    "added": "New {kind}: {label}",
    "opened": N_("New dispute: {label}"),
    "removed": "Removed {kind}: {label}",
    "renamed": N_("{label} (formerly '{before}')"),
    "status": N_("{label}: now {after} (was {before})"),
    "date": N_("{label}: date now {after} (was {before})"),
    "settled": N_("Dispute settled: {label}"),
    "reopened": N_("Dispute reopened: {label}"),
    "reworded": N_("Dispute reworded: {label}"),
    "updated": "Updated {kind}: {label} ({fields})",
    "source-added": N_("New source: {label}"),
    "source-removed": N_("Source removed: {label}"),
    "source-updated": N_("Source updated: {label} ({fields})"),
    "correction": N_("A correction, dated {label}: see Corrections"),
    "correction-removed": N_("Correction of {label} withdrawn"),
    "prose": N_("The {label} was rewritten"),
    "briefing": N_("Details of the briefing changed ({fields})"),
}
_OF_KIND = {
    ("added", "actor"): N_("New actor: {label}"),
    ("added", "event"): N_("New event: {label}"),
    ("added", "statement"): N_("New statement: {label}"),
    ("added", "dispute"): N_("New dispute: {label}"),
    ("removed", "actor"): N_("Removed actor: {label}"),
    ("removed", "event"): N_("Removed event: {label}"),
    ("removed", "statement"): N_("Removed statement: {label}"),
    ("removed", "dispute"): N_("Removed dispute: {label}"),
    ("updated", "actor"): N_("Updated actor: {label} ({fields})"),
    ("updated", "event"): N_("Updated event: {label} ({fields})"),
    ("updated", "statement"): N_("Updated statement: {label} ({fields})"),
    ("updated", "dispute"): N_("Updated dispute: {label} ({fields})"),
}
"""The lines that name a fact's kind, one per kind: the kind's word agrees with its adjective in most languages."""
_PROSE = {"summary": N_("The summary was rewritten"), "method": N_("The method was rewritten")}


def reader_line(change: Change, tr: Callable[[str], str] = str) -> str:
    """A change in words for the page, the PDF and the feed; ``tr``: the page's language (a status in it too)."""
    said = _OF_KIND.get((change.what, change.kind)) or _READER[change.what]
    if change.what == "prose":  # the text's name too ('summary'), so one line per text
        said = _PROSE.get(change.label, said)
    before, after = change.before, change.after
    if change.what == "status":  # a status is a word of the page ("" would be the catalog's header)
        before, after = (tr(w) if w else w for w in (before, after))
    return tr(said).format(
        kind=_KIND.get(change.kind, change.kind),
        label=change.label or change.id,
        before=before,
        after=after,
        fields=", ".join(f.replace("_", " ") for f in change.fields),
    )


@dataclass(frozen=True)
class Edition:
    """One earlier edition as the feed tells it: its date, the one before, and what changed since."""

    as_of: str
    previous: str = ""
    changes: tuple[Change, ...] = ()

    def lines(self, tr: Callable[[str], str] = str) -> list[str]:
        return [reader_line(c, tr) for c in self.changes]


@dataclass(frozen=True)
class History:
    """The editions before this one (as_of dates, oldest first) and the changes since the last of them."""

    editions: tuple[str, ...] = ()
    changes: Diff | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    """{as_of: the edition's bytes}, for the site's editions/ folder."""
    marks: dict[str, str] = field(default_factory=dict)
    """{fact or source id: 'new' | 'updated'}."""
    earlier: tuple[Edition, ...] = ()
    """Each earlier edition with its own changes, oldest first (for the feed)."""

    @property
    def previous(self) -> str:
        return self.editions[-1] if self.editions else ""

    def lines(self, tr: Callable[[str], str] = str) -> list[str]:
        return [reader_line(c, tr) for c in self.changes.changes] if self.changes else []

    def mark(self, item_id: str) -> str:
        """'new', 'updated' or '' for a row of a table."""
        return self.marks.get(item_id, "")


def history(root: Path, current: dict[str, Any]) -> History:
    """The editions recorded before ``current``'s as_of; an edition of the same date is this one (not listed)."""
    as_of = str(current["briefing"]["as_of"])
    earlier = [p for p in edition_files(root) if p.stem < as_of]
    if not earlier:
        return History()
    files = {p.stem: p.read_bytes() for p in earlier}
    read = [_read(p) for p in earlier]
    editions = [Edition(earlier[0].stem)]
    for n in range(1, len(read)):
        editions.append(Edition(earlier[n].stem, earlier[n - 1].stem, tuple(diff(read[n - 1], read[n]).changes)))
    changes = diff(read[-1], current)
    return History(tuple(files), changes, files, changes.marks(), tuple(editions))


def _read(path: Path) -> dict[str, Any]:
    try:
        return read_json(path)
    except (OSError, EditionError) as exc:
        raise BriefingError(_unreadable(path, exc)) from None


def _unreadable(path: Path, exc: OSError | EditionError) -> Any:
    why = exc.message.replace(f"'{path}' ", "") if isinstance(exc, EditionError) else f"cannot be read: {exc.strerror}"
    where = f"{EDITIONS_DIR}/{path.name}"
    return error(
        "edition.unreadable",
        f"this edition {why}",
        Location(where),
        f"restore it as 'briefing publish' wrote it (git checkout {where}), or delete it to drop that edition",
    )
