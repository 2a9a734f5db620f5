"""The one order of events every output shows: by date, then undated events as ``after:`` orders them.

Dated events sort by their first day, then their last, then file order. Undated events
come last, each after the events its ``after:`` names (when those are undated too), and
otherwise in file order. A cycle in ``after:`` is an error reported by validation; here
its events simply keep file order, so an output never fails on it.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from briefing.model.facts import Event


def chronological(events: Sequence[Event]) -> list[Event]:
    """Dated events by start, end and file order; then the undated ones in ``after:`` order."""
    position = {e.id: i for i, e in enumerate(events)}
    dated = sorted((e for e in events if e.date is not None), key=lambda e: _date_key(e, position[e.id]))
    return dated + after_order([e for e in events if e.date is None])


def _date_key(event: Event, position: int) -> tuple[str, str, int]:
    assert event.date is not None
    return event.date.start.isoformat(), event.date.end.isoformat(), position


def after_order(events: Sequence[Event]) -> list[Event]:
    """``events`` so that each comes after those of them its ``after:`` names; ties in file order."""
    position = {e.id: i for i, e in enumerate(events)}
    waiting = {e.id: {ref for ref in e.after if ref in position and ref != e.id} for e in events}
    followers: dict[str, list[str]] = {}
    for event_id, before in waiting.items():
        for ref in before:
            followers.setdefault(ref, []).append(event_id)
    ready = [position[k] for k, before in waiting.items() if not before]
    heapq.heapify(ready)
    ordered: list[Event] = []
    while ready:
        event = events[heapq.heappop(ready)]
        ordered.append(event)
        for follower in followers.get(event.id, ()):
            waiting[follower].discard(event.id)
            if not waiting[follower]:
                heapq.heappush(ready, position[follower])
    done = {e.id for e in ordered}
    return ordered + [e for e in events if e.id not in done]  # a cycle: file order


def after_cycle(events: Sequence[Event]) -> list[str]:
    """The ids of one cycle in ``after:`` (first found in file order), or [] when there is none."""
    by_id = {e.id: e for e in events}
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(event_id: str, path: list[str]) -> list[str]:
        state[event_id] = 1
        for ref in by_id[event_id].after:
            if ref not in by_id:
                continue
            if state.get(ref) == 1:
                return [*path[path.index(ref) :], ref] if ref in path else [event_id, ref]
            if ref not in state:
                found = visit(ref, [*path, ref])
                if found:
                    return found
        state[event_id] = 2
        return []

    for event in events:
        if event.id not in state:
            found = visit(event.id, [event.id])
            if found:
                return found
    return []
