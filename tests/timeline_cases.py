"""Generated events for the timeline chart's tests and benchmark: a seeded, varied, messy set.

Most events fall within a few weeks of the as-of date, some are intervals,
some undated, a few years earlier (the "Earlier" gutter) and one far later.
Titles vary from two words to long sentences, like a curator's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from briefing.model.dates import DateValue, parse_date
from briefing.model.facts import Event

AS_OF = parse_date("2022-02-21")
STATUSES = ("occurred", "scheduled", "proposed", "conditional", "cancelled")
_VOCABULARY = (
    "summit talks ministers ceasefire meeting Kremlin Elysée Washington troops border drills sanctions "
    "envoy phone call statement protocol delegation Minsk Geneva Brussels NATO OSCE parliament vote "
    "agreement “in principle” consultations withdrawal exercise deadline announcement"
)
WORDS = tuple(_VOCABULARY.split())


def _date(rng: random.Random, index: int) -> DateValue | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.16:  # years before the story
        return parse_date(str(rng.randint(2008, 2019)))
    if roll < 0.18:
        return parse_date(f"{rng.randint(2024, 2030)}-{rng.randint(1, 12):02d}")
    start = AS_OF.start + timedelta(days=rng.randint(-30, 14))
    if roll < 0.4:
        end = start + timedelta(days=rng.randint(1, 10))
        return parse_date(f"{start.isoformat()}/{end.isoformat()}")
    return parse_date(start.isoformat())


def generated_events(count: int = 50, seed: int = 2022) -> list[Event]:
    rng = random.Random(seed)
    events = []
    for index in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 18))).capitalize()
        value = _date(rng, index)
        events.append(Event(f"event-{index:03d}", title, "", rng.choice(STATUSES), value))
    return events


def today_events(count: int) -> list[Event]:
    """``count`` events all on the as-of day: the densest case for label placement."""
    day = date(2022, 2, 21).isoformat()
    return [Event(f"same-{i}", f"Same-day event number {i}", "", "occurred", parse_date(day)) for i in range(count)]


QUALIFIED_STATUSES = (*STATUSES, "ongoing", "alleged")


def qualified_events(count: int = 40, seed: int = 2017) -> list[Event]:
    """Events of every status, with approximate, open-ended and ongoing dates (issue 14's kinds)."""
    rng = random.Random(seed)
    events = []
    for index, event in enumerate(generated_events(count, seed)):
        status = rng.choice(QUALIFIED_STATUSES)
        value = event.date
        if value is not None and "/" not in value.value and status != "ongoing":
            value = parse_date(
                value.value + rng.choice(("", "~"))
                if rng.random() < 0.5
                else rng.choice((f"../{value.value}", f"{value.value}/.."))
            )
        elif value is not None and status == "ongoing":
            value = parse_date(value.value.partition("/")[0] + rng.choice(("", "~")))
            if value.start > AS_OF.end:
                value = None
        events.append(Event(event.id, event.title, (), status, value))
        del index
    return events
