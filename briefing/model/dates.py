"""ISO 8601 calendar dates at day, month or year precision, intervals of them, and the
three EDTF level-1 qualifiers a news story needs.

Accepted forms: ``2022-02-21``, ``2022-02``, ``2014``, ``A/B``; ``2017-11-14~``
(approximate, also on either end of an interval), ``../2017-11-14`` (on or before)
and ``2017-11-14/..`` (on or after). Hand-written rather than a library: we need a
precise error for each way a date can be wrong, and full EDTF parsers accept far
more (seasons, uncertainty, sets) than a briefing can draw honestly.
``datetime.date`` does the calendar arithmetic.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # ISO 8601 digits are 0-9 only
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
OPEN = ".."
"""EDTF's open end of an interval: ``../X`` is on or before X, ``X/..`` on or after X."""

APPROXIMATE, BEFORE, AFTER = "approximate", "before", "after"
QUALIFIER_WORDS = {APPROXIMATE: "about", BEFORE: "on or before", AFTER: "on or after"}
"""How each qualifier reads in a table, a legend and a text alternative."""


class DateError(ValueError):
    """Raised with a message fit for a diagnostic; ``hint`` says how to write it instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, order=True)
class DateValue:
    start: date
    """First day the value covers (for ``../X`` and ``X/..``: the first day of X)."""
    end: date
    """Last day the value covers ("2014" ends on 2014-12-31; ``../X`` and ``X/..``: X's last day)."""
    value: str
    """As written (normalised: no spaces)."""
    qualifier: str = ""
    """'' (exact), 'approximate' (``~``), 'before' (``../X``) or 'after' (``X/..``)."""

    @property
    def is_interval(self) -> bool:
        """A closed interval A/B (an open one is a bound, drawn as an arrow)."""
        return "/" in self.value and self.qualifier not in (BEFORE, AFTER)

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    @property
    def approximate(self) -> bool:
        return self.qualifier == APPROXIMATE

    @property
    def bound(self) -> str:
        """The written date of an open interval ('2017-11-14' for '../2017-11-14'), else ''."""
        if self.qualifier == BEFORE:
            return self.value[len(OPEN) + 1 :]
        if self.qualifier == AFTER:
            return self.value[: -len(OPEN) - 1]
        return ""

    def parts(self) -> list[str]:
        """The written dates, without qualifiers: one, or two for a closed interval."""
        if self.bound:
            return [self.bound]
        return [p.rstrip("~") for p in self.value.split("/")]


def _parse_single(text: str) -> tuple[date, date]:
    match = _FORMS.match(text)
    if not match:
        raise DateError(f"'{text}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", _hint_for(text))
    year = int(match.group(1))
    if year < 1:
        raise DateError(f"year {year} is out of range")
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise DateError(f"month {month:02d} does not exist in '{text}'")
    last = calendar.monthrange(year, month)[1]
    if match.group(3) is None:
        return date(year, month, 1), date(year, month, last)
    day = int(match.group(3))
    if not 1 <= day <= last:
        raise DateError(f"day {day:02d} does not exist in {calendar.month_name[month]} {year}")
    d = date(year, month, day)
    return d, d


def _hint_for(text: str) -> str:
    """How to write what the curator most likely meant, for the qualifiers people guess at."""
    bare = text.strip("~?%.")
    if text.startswith("~") and _FORMS.match(bare):
        return f"approximate: put '~' after the date, '{bare}~'"
    if text.endswith(("?", "%")) and _FORMS.match(bare):
        return f"uncertain dates ('?', '%') are not supported: write '{bare}~' (approximate) and say why in 'notes'"
    if text.startswith(OPEN) and _FORMS.match(bare):
        return f"on or before: '../{bare}'"
    if text.endswith(OPEN) and _FORMS.match(bare):
        return f"on or after: '{bare}/..'"
    return ""


def _parse_part(text: str) -> tuple[date, date, bool]:
    """One end of a date: a date, optionally followed by '~' (approximate)."""
    approximate = text.endswith("~") and not text.endswith("~~")
    start, end = _parse_single(text[:-1] if approximate else text)
    return start, end, approximate


def _parse_interval(value: str) -> DateValue:
    first, _, second = value.partition("/")
    if first == OPEN and second == OPEN:
        raise DateError(
            f"'{value}' has no date at either end", "give the known end: '../2017-11-14' or '2017-11-14/..'"
        )
    if not first or not second or "/" in second:
        raise DateError(f"'{value}' is not an interval of two dates (START/END)", _hint_for(value))
    if first == OPEN:
        start, end, approximate = _parse_part(second)
        return DateValue(start, end, value, BEFORE) if not approximate else _no_mix(value)
    if second == OPEN:
        start, end, approximate = _parse_part(first)
        return DateValue(start, end, value, AFTER) if not approximate else _no_mix(value)
    start, _, approx_start = _parse_part(first)
    _, end, approx_end = _parse_part(second)
    if end < start:
        raise DateError(f"interval '{value}' ends before it starts", f"put the earlier date first: {second}/{first}")
    return DateValue(start, end, value, APPROXIMATE if approx_start or approx_end else "")


def _no_mix(value: str) -> DateValue:
    raise DateError(
        f"'{value}' is both open and approximate",
        "an open end already says the date is a bound: drop the '~' and say how it was chosen in 'notes'",
    )


def parse_date(text: str) -> DateValue:
    """Parse ``YYYY[-MM[-DD]]``, an interval ``A/B``, ``X~``, ``../X`` or ``X/..``."""
    value = text.strip()
    if "/" in value:
        return _parse_interval(value)
    start, end, approximate = _parse_part(value)
    return DateValue(start, end, value, APPROXIMATE if approximate else "")


def format_single(text: str) -> str:
    """'21 Feb 2022', 'Feb 2022' or '2014' for a written date (no qualifier)."""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def words(value: DateValue) -> str:
    """The date as a reader reads it: '21 Feb 2022', 'about Nov 2018', 'on or before 14 Nov 2017',
    '21 Feb 2022 to 24 Feb 2022'."""
    if value.bound:
        return f"{QUALIFIER_WORDS[value.qualifier]} {format_single(value.bound)}"
    pieces = []
    for part in value.value.split("/"):
        about = "about " if part.endswith("~") else ""
        pieces.append(about + format_single(part.rstrip("~")))
    return " to ".join(pieces)
