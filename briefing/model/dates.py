"""ISO 8601 calendar dates at day, month or year precision, and intervals of them.

Hand-written rather than a library: we accept exactly four forms
(``2022-02-21``, ``2022-02``, ``2014``, ``A/B``) and need a precise error
for each way they can be wrong; dateutil guesses, and EDTF parsers accept far
more than a briefing should. ``datetime.date`` does the calendar arithmetic.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # ISO 8601 digits are 0-9 only


class DateError(ValueError):
    """Raised with a message fit for a diagnostic."""


@dataclass(frozen=True, order=True)
class DateValue:
    start: date
    """First day the value covers."""
    end: date
    """Last day the value covers ("2014" ends on 2014-12-31)."""
    value: str
    """As written (normalised: no spaces)."""

    @property
    def is_interval(self) -> bool:
        return "/" in self.value

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def _parse_single(text: str) -> tuple[date, date]:
    match = _FORMS.match(text)
    if not match:
        raise DateError(f"'{text}' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
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


def parse_date(text: str) -> DateValue:
    """Parse ``YYYY[-MM[-DD]]`` or an interval ``A/B`` of two such dates."""
    value = text.strip()
    if "/" in value:
        first, _, second = value.partition("/")
        if not first or not second or "/" in second:
            raise DateError(f"'{value}' is not an interval of two dates (START/END)")
        start, _ = _parse_single(first)
        _, end = _parse_single(second)
        if end < start:
            raise DateError(f"interval '{value}' ends before it starts")
        return DateValue(start, end, value)
    start, end = _parse_single(value)
    return DateValue(start, end, value)
