"""Checks of what events say about time and certainty: allegations, ongoing states, ``after:`` order,
and the as-of date itself."""

from __future__ import annotations

from briefing.core.diagnostics import Diagnostic, error, warning
from briefing.model.chronology import after_cycle
from briefing.model.dates import AFTER, BEFORE
from briefing.model.facts import Briefing, Content, Event


def check_events(content: Content) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for event in content.events:
        found += _allegation(event) + _ongoing(event, content.briefing)
    found += _after(content.events)
    found += _as_of(content.briefing)
    return found


def _allegation(event: Event) -> list[Diagnostic]:
    if event.status == "alleged" and not event.alleged_by:
        return [
            error(
                "event.alleged-by-missing",
                f"event '{event.id}' is alleged, but not by whom",
                event.origin.of("status"),
                "add 'alleged_by: [ID]' with the actors, or the statements, that allege it; if the sources "
                "report it as fact, use 'status: occurred'",
            )
        ]
    if event.status != "alleged" and event.alleged_by:
        return [
            error(
                "event.alleged-by-unused",
                f"event '{event.id}' has 'alleged_by' but its status is '{event.status}'",
                event.origin.of("alleged_by"),
                "'alleged_by' goes with 'status: alleged': set that status, or remove 'alleged_by'",
            )
        ]
    return []


def _ongoing(event: Event, briefing: Briefing) -> list[Diagnostic]:
    if event.status != "ongoing" or event.date is None:
        return []
    if event.date.qualifier == AFTER or event.date.start > briefing.as_of.end:
        return [
            error(
                "event.ongoing-after-as-of",
                f"ongoing event '{event.id}' starts after the as-of date ({briefing.as_of.value})",
                event.origin.of("date"),
                "an ongoing event holds at the as-of date: its date is when it began (on or before "
                f"{briefing.as_of.value}); for something still to come use 'scheduled' or 'proposed'",
            )
        ]
    return []


def _after(events: tuple[Event, ...]) -> list[Diagnostic]:
    found = []
    by_id = {e.id: e for e in events}
    cycle = after_cycle(events)
    if cycle:
        first = by_id[cycle[0]]
        found.append(
            error(
                "event.after-cycle",
                f"'after' goes round in a circle: {' -> '.join(cycle)}",
                first.origin.of("after", first.after.index(cycle[1])),
                "each event may only come after events that came before it: remove one of these 'after' entries",
            )
        )
    for event in events:
        for i, ref in enumerate(event.after):
            other = by_id.get(ref)
            if other is None or event.date is None or other.date is None:
                continue
            if _ends_before(event, other):
                found.append(
                    error(
                        "event.after-contradicts-date",
                        f"event '{event.id}' ({event.date.value}) is dated before '{ref}' ({other.date.value}), "
                        "which 'after' says came first",
                        event.origin.of("after", i),
                        "the dates order dated events: fix a date, or remove this 'after' entry",
                    )
                )
    return found


def _ends_before(event: Event, other: Event) -> bool:
    """True when ``event`` surely ends before ``other`` starts (open bounds give no certainty)."""
    assert event.date is not None and other.date is not None
    if event.date.qualifier == AFTER or other.date.qualifier == BEFORE:
        return False
    return event.date.end < other.date.start


def _as_of(briefing: Briefing) -> list[Diagnostic]:
    if briefing.as_of.qualifier in (AFTER, BEFORE):
        return [
            error(
                "briefing.as-of-open",
                f"as_of '{briefing.as_of.value}' is open-ended",
                briefing.origin.of("as_of"),
                f"give the date of the latest information, approximate if need be: "
                f"'{briefing.as_of.bound}~', and say how it was chosen in 'as_of_text'",
            )
        ]
    if briefing.as_of.approximate and not briefing.as_of_text:
        return [
            warning(
                "briefing.as-of-unexplained",
                f"as_of '{briefing.as_of.value}' is approximate but 'as_of_text' does not say how it was chosen",
                briefing.origin.of("as_of"),
                "add 'as_of_text: ...' (e.g. 'the reports give weekdays only; the attack was on a Friday in "
                "November 2017'): readers see it beside the date",
            )
        ]
    return []
