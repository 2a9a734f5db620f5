"""What changed between two editions of a briefing: a pure function over the exported model.

Both sides are data.json's shape (outputs/export.py, data.schema.json), so an edition file,
a site's data.json and the current content (exported on the fly) compare the same way.
Facts are matched by id; ``formerly: [old-id]`` on a fact of the new side makes a renamed id
a rename instead of a removal and an addition. Derived values (coverage, sentences' cited_by,
citation offsets) are left out: they change only when something reported here changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

KINDS = (("actors", "actor", "name"), ("events", "event", "title"), ("statements", "statement", "text"))
DISPUTES = ("disputes", "dispute", "question")
SETTLED = "resolved"

WHAT_ORDER = (
    "correction",
    "added",
    "opened",
    "removed",
    "renamed",
    "status",
    "date",
    "settled",
    "reopened",
    "reworded",
    "updated",
    "source-added",
    "source-removed",
    "source-updated",
    "correction-removed",
    "prose",
    "briefing",
)
"""Every kind of change, in the order a reader is told them."""

_DISPUTE_WORDING = ("question", "assessment", "positions")
_SOURCE_SKIP = frozenset({"id", "sentences"})
_FACT_SKIP = frozenset({"id", "formerly", "date_inferred", "parts"})
"""Not compared: the id (matched), formerly (a rename), and what follows from compared fields (date_inferred;
a statement's parts, which its text joins: one change of words was reported twice, 'text, parts')."""


@dataclass(frozen=True)
class Change:
    """One change: ``what`` (see WHAT_ORDER), the kind of item and its id (the new id for a rename)."""

    what: str
    kind: str
    id: str
    label: str
    before: str = ""
    """The old value (a status, a date, a former id, a question), where one value changed."""
    after: str = ""
    fields: tuple[str, ...] = ()
    """For ``updated``, ``reworded``, ``source-updated``, ``briefing``: the fields that changed."""

    def json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "before": self.before,
            "after": self.after,
            "fields": list(self.fields),
        }


@dataclass(frozen=True)
class Diff:
    old_as_of: str
    new_as_of: str
    changes: tuple[Change, ...]

    def of(self, *what: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.what in what)

    def marks(self) -> dict[str, str]:
        """{fact or source id: 'new' | 'updated'} for marking rows of tables."""
        found: dict[str, str] = {}
        for c in self.changes:
            if c.what in ("added", "opened", "source-added"):
                found[c.id] = "new"
            elif c.what not in _UNMARKED:
                found.setdefault(c.id, "updated")
        return found

    def json(self) -> dict[str, Any]:
        return {"from": self.old_as_of, "to": self.new_as_of, "changes": [c.json() for c in self.changes]}


_UNMARKED = frozenset({"removed", "source-removed", "prose", "briefing", "correction", "correction-removed"})
"""Changes that mark no row: what is gone, what has no row, and corrections (their facts say 'corrected')."""


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> Diff:
    """Every change from ``old`` to ``new``, each reported once, in WHAT_ORDER then document order."""
    found: list[Change] = []
    for plural, kind, label in (*KINDS, DISPUTES):
        found.extend(_facts(kind, label, old.get(plural, []), new.get(plural, [])))
    found.extend(_sources(old.get("sources", []), new.get("sources", [])))
    found.extend(_corrections(old.get("corrections", []), new.get("corrections", [])))
    found.extend(_prose(old.get("prose", {}), new.get("prose", {})))
    found.extend(_briefing(old.get("briefing", {}), new.get("briefing", {})))
    rank = {what: n for n, what in enumerate(WHAT_ORDER)}
    ordered = sorted(enumerate(found), key=lambda pair: (rank[pair[1].what], pair[0]))
    return Diff(_as_of(old), _as_of(new), tuple(c for _, c in ordered))


def _as_of(data: Mapping[str, Any]) -> str:
    return str(data.get("briefing", {}).get("as_of", ""))


def _by_id(items: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(item["id"]): item for item in items}


def _renames(old: Mapping[str, Any], new: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """{new id: old id} for facts whose ``formerly`` names an id the old side has and the new one lost."""
    ids = {str(item["id"]) for item in new}
    found: dict[str, str] = {}
    for item in new:
        for former in item.get("formerly", []):
            if former in old and former not in ids and former not in found.values():
                found[str(item["id"])] = former
                break
    return found


def _facts(
    kind: str, label: str, old_items: Sequence[Mapping[str, Any]], new_items: Sequence[Mapping[str, Any]]
) -> Iterator[Change]:
    old = _by_id(old_items)
    renamed = _renames(old, new_items)
    matched = set(renamed.values())
    for item in new_items:
        new_id = str(item["id"])
        old_id = renamed.get(new_id, new_id)
        before = old.get(old_id)
        if before is None:
            yield _added(kind, label, item)
            continue
        matched.add(old_id)
        if old_id != new_id:
            yield Change("renamed", kind, new_id, _label(item, label), before=old_id, after=new_id)
        yield from _compared(kind, label, before, item)
    for item in old_items:
        if str(item["id"]) not in matched:
            yield Change("removed", kind, str(item["id"]), _label(item, label))


def _added(kind: str, label: str, item: Mapping[str, Any]) -> Change:
    opened = kind == "dispute" and item.get("status") == "open"
    return Change("opened" if opened else "added", kind, str(item["id"]), _label(item, label))


def _label(item: Mapping[str, Any], field: str) -> str:
    return str(item.get(field, "") or item.get("id", ""))


def _compared(kind: str, label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    """The changes of one fact present on both sides."""
    new_id, name = str(new["id"]), _label(new, label)
    changed = [f for f in _fields(old, new) if f not in _FACT_SKIP and _value(old, f) != _value(new, f)]
    if "status" in changed:
        changed.remove("status")
        yield _status(kind, new_id, name, str(old.get("status", "")), str(new.get("status", "")))
    if kind == "event" and "date" in changed:
        changed.remove("date")
        yield Change("date", kind, new_id, name, before=_date(old.get("date")), after=_date(new.get("date")))
    if kind == "dispute":
        wording = tuple(f for f in changed if f in _DISPUTE_WORDING)
        changed = [f for f in changed if f not in wording]
        if wording:
            yield Change("reworded", kind, new_id, name, fields=wording)
    if changed:
        yield Change("updated", kind, new_id, name, fields=tuple(changed))


def _status(kind: str, item_id: str, name: str, before: str, after: str) -> Change:
    if kind == "dispute" and after == SETTLED:
        return Change("settled", kind, item_id, name, before=before, after=after)
    if kind == "dispute" and before == SETTLED:
        return Change("reopened", kind, item_id, name, before=before, after=after)
    return Change("status", kind, item_id, name, before=before, after=after)


def _date(value: Any) -> str:
    return "no date" if not value else str(value.get("value", ""))


def _fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The fields both sides have: one that only a newer data.json carries is a new format, not a change."""
    return [f for f in new if f in old]


def _value(item: Mapping[str, Any], field: str) -> Any:
    """A field's value as a curator sees it: citations without their derived offsets."""
    value = item.get(field)
    if field == "citations":
        return [_citation(c) for c in value or []]
    if field == "positions":
        return [{k: _value(p, k) for k in p} for p in value or []]
    return value


def _citation(c: Mapping[str, Any]) -> tuple[str, ...]:
    return (str(c.get("source")), str(c.get("quote")), str(c.get("sentence")), str(c.get("text")))


def _sources(old_items: Sequence[Mapping[str, Any]], new_items: Sequence[Mapping[str, Any]]) -> Iterator[Change]:
    old, new = _by_id(old_items), _by_id(new_items)
    for source_id, item in new.items():
        before = old.get(source_id)
        if before is None:
            yield Change("source-added", "source", source_id, str(item.get("title", "")))
            continue
        changed = tuple(f for f in _fields(before, item) if f not in _SOURCE_SKIP and before.get(f) != item.get(f))
        if changed:
            yield Change("source-updated", "source", source_id, str(item.get("title", "")), fields=changed)
    for source_id, item in old.items():
        if source_id not in new:
            yield Change("source-removed", "source", source_id, str(item.get("title", "")))


def _corrections(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> Iterator[Change]:
    """Corrections published or withdrawn: one whose wording was edited is both (they are a public record)."""

    def key(c: Mapping[str, Any]) -> tuple[str, ...]:
        return (str(c.get("date")), str(c.get("said")), str(c.get("now")), *map(str, c.get("facts", [])))

    before, after = {key(c) for c in old}, {key(c) for c in new}
    for c in new:
        if key(c) not in before:
            yield Change("correction", "correction", str(c.get("id", "")), str(c.get("date", "")), *_said(c))
    for c in old:
        if key(c) not in after:
            yield Change("correction-removed", "correction", str(c.get("id", "")), str(c.get("date", "")), *_said(c))


def _said(c: Mapping[str, Any]) -> tuple[str, str]:
    return str(c.get("said", "")), str(c.get("now", ""))


def _prose(old: Mapping[str, str], new: Mapping[str, str]) -> Iterator[Change]:
    for name in [*new, *(n for n in old if n not in new)]:
        if old.get(name, "") != new.get(name, ""):
            yield Change("prose", "prose", name, name)


_BRIEFING_SKIP = frozenset({"as_of", "as_of_text"})


def _briefing(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    changed = tuple(f for f in _fields(old, new) if f not in _BRIEFING_SKIP and old.get(f) != new.get(f))
    if changed:
        yield Change("briefing", "briefing", "briefing", str(new.get("title", "")), fields=changed)


_SENTENCES = {
    "added": "added",
    "opened": "opened",
    "removed": "removed",
    "renamed": "renamed (formerly {before})",
    "status": "{before} \u2192 {after}",
    "date": "date {before} \u2192 {after}",
    "settled": "settled ({before} \u2192 {after})",
    "reopened": "reopened ({before} \u2192 {after})",
    "reworded": "reworded: {fields}",
    "updated": "updated: {fields}",
    "source-added": "new source",
    "source-removed": "source removed",
    "source-updated": "source updated: {fields}",
    "correction": "published: an earlier version said {before}; it now says {after}",
    "correction-removed": "withdrawn (an earlier version said {before}; it now says {after})",
    "prose": "text rewritten",
    "briefing": "briefing details changed: {fields}",
}


def describe(change: Change) -> str:
    """One line for a reader: ``event scheduled-vote: scheduled → occurred (Council votes)``."""
    what = _SENTENCES[change.what].format(before=change.before, after=change.after, fields=", ".join(change.fields))
    shown = change.label and change.label != change.id and change.kind != "correction"  # its id has its date
    label = f" ({change.label})" if shown else ""
    return f"{change.kind} {change.id}: {what}{label}"


def text(result: Diff) -> str:
    """The terminal listing: a heading, then one line per change."""
    head = f"changes from {result.old_as_of or '?'} to {result.new_as_of or '?'}: {len(result.changes)}"
    return "\n".join([head, *(f"  {describe(c)}" for c in result.changes)]) + "\n"
