"""Which dates the source states and which are the curator's reading of its words.

Readers must see every inference. A date counts as *stated* only when its
wording (``date_text``) names it: for a day, its day number and month (or the
ISO date itself); for a month, the month's name; for a year, the year; for an
interval, both of its ends. Anything else ("on Sunday", "in the coming days",
"overnight") is the curator's reading and is shown as such. Month names are
English, so in other languages only ISO dates count as stated: the rule errs
towards showing an inference, never towards hiding one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from briefing.model.dates import OPEN, DateValue
from briefing.model.facts import Wording

_MONTHS = {m: i for i in range(1, 13) for m in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())}
_WORDS = re.compile(r"[A-Za-z]+|\d+")


def _tokens(text: str) -> tuple[set[str], set[int], set[int]]:
    """The words, numbers and months named in ``text`` ("Sept" and "Sep." count as September)."""
    words = {w.lower() for w in _WORDS.findall(text)}
    numbers = {int(w) for w in words if w.isdigit() and len(w) <= 4}
    months = {_MONTHS[w] for w in words if w in _MONTHS}
    months |= {9 for w in words if w == "sept"}
    return words, numbers, months


def _names(day: date, precision: str, text: str) -> bool:
    if day.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]] in text:
        return True
    _, numbers, months = _tokens(text)
    if precision == "year":
        return day.year in numbers
    if precision == "month":
        return day.month in months
    return day.month in months and day.day in numbers


def _precision(part: str) -> str:
    return {4: "year", 7: "month"}.get(len(part), "day")


def date_stated(value: DateValue, wording: str) -> bool:
    """True when ``wording`` names the date ``value`` (both ends of an interval); see the module's rule."""
    if not wording:
        return False
    # An open end (``../X``, ``X/..``) is not a date to name; ``~`` only qualifies the date before it.
    parts = [part.rstrip("~") for part in value.value.split("/") if part != OPEN]
    ends = [(value.start, _precision(parts[0]))]
    if len(parts) > 1:
        ends.append((value.end, _precision(parts[-1])))
    return all(_names(day, precision, wording) for day, precision in ends)


def date_inferred(value: DateValue | None, wordings: Iterable[Wording]) -> bool:
    """True when a fact has a date and none of its wordings names it: the curator's reading."""
    return value is not None and not any(date_stated(value, w.text) for w in wordings)


def published_inferred(published_text: str) -> bool:
    """A publication date that needed explaining (``published_text``) is the curator's inference."""
    return bool(published_text.strip())
