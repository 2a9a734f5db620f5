"""The chart's words in the interface language: lane titles, legend, as-of label, dates and the text alternative.

The chart is drawn deep inside the layout (labels are measured there), so the language travels as a
context variable that render.py sets around drawing (``speaking``) instead of through every function.
English is the default: the strings as written, the months as ``_MONTHS``. The cache key of a drawn
chart includes ``key()``, so a chart drawn in one language is never served in another.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

N_ = str
"""Marks a string for the catalog (Babel's extractor finds ``N_("...")``)."""


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural for the catalog (Babel's extractor finds ``NP_("...", "...")``)."""
    return singular, plural


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@dataclass(frozen=True)
class Words:
    language: str = "en"
    gettext: Callable[[str], str] = str
    ngettext: Callable[[str, str, int], str] = _english

    @property
    def english(self) -> bool:
        return self.language.replace("_", "-").split("-")[0].lower() in ("", "en")


_CURRENT: ContextVar[Words] = ContextVar("chart_words", default=Words())  # noqa: B039 (frozen, never mutated)


@contextlib.contextmanager
def speaking(
    language: str, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str] = _english
) -> Iterator[None]:
    """Draw the charts made inside this block in ``language``."""
    token = _CURRENT.set(Words(language, gettext, ngettext))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def speaks_english() -> bool:
    return _CURRENT.get().english


def tr(text: str) -> str:
    """``text`` in the chart's language (a msgid marked with N_ where it is written)."""
    return _CURRENT.get().gettext(text)


def ntr(singular: str, plural: str, count: int) -> str:
    """The form of a plural for ``count`` in the chart's language (a pair of ``PLURALS``)."""
    return _CURRENT.get().ngettext(singular, plural, count)


def number(count: int) -> str:
    """``1,234`` in English, as the locale groups digits otherwise (``1 234``)."""
    if _CURRENT.get().english:
        return f"{count:,}"
    from babel.numbers import format_decimal

    from briefing.outputs.localized import babel_locale

    return str(format_decimal(count, locale=babel_locale(_CURRENT.get().language)))


def key() -> tuple[str, ...]:
    """What a drawn chart's words depend on: the language and every translated string."""
    words = _CURRENT.get()
    forms = (words.ngettext(s, p, n) for s, p in PLURALS for n in (1, 2, 3, 5, 11, 21, 100))
    return (words.language, *(words.gettext(s) for s in STRINGS), *forms)


def _skeleton(skeleton: str, day: date) -> str:
    from babel.dates import format_skeleton

    from briefing.outputs.localized import babel_locale

    return str(format_skeleton(skeleton, day, locale=babel_locale(_CURRENT.get().language)))


def day_month(day: date) -> str:
    """``4 Mar`` (a day tick)."""
    return f"{day.day} {_MONTHS[day.month - 1]}" if _CURRENT.get().english else _skeleton("MMMd", day)


def month(day: date, year: bool) -> str:
    """``Mar`` or ``Mar 2024`` (a month tick)."""
    if _CURRENT.get().english:
        return _MONTHS[day.month - 1] + (f" {day.year}" if year else "")
    return _skeleton("yMMM" if year else "MMM", day)


def full(day: date, precision: int) -> str:
    """A date at day (3), month (2) or year (1) precision: ``21 Feb 2022``, ``Feb 2022``, ``2022``."""
    if precision == 1:
        return str(day.year)
    if _CURRENT.get().english:
        return (f"{day.day} " if precision == 3 else "") + f"{_MONTHS[day.month - 1]} {day.year}"
    return _skeleton("yMMMd" if precision == 3 else "yMMM", day)


STRINGS = (
    *(N_("Happened"), N_("Ongoing at the as-of date"), N_("Alleged (claimed, not established)")),
    *(N_("Planned (crossed: called off)"), N_("Proposed or conditional"), N_("No date given")),
    *(N_("Happened, no date given"), N_("Alleged (claimed, not established), no date given")),
    *(N_("Planned, no date given (crossed: called off)"), N_("Proposed or conditional, no date given")),
    *(N_("occurred"), N_("scheduled"), N_("proposed"), N_("conditional"), N_("cancelled"), N_("ongoing")),
    *(N_("alleged"), N_("date range"), N_("range read from vague words"), N_("on or before"), N_("on or after")),
    *(N_("about"), N_("to"), N_("Earlier"), N_("Later"), N_("As of %(date)s"), N_("since a date not given: %(title)s")),
    *(N_("no date given"), N_("Timeline of %(count)s events, as of %(date)s, in date order."), N_("since %(date)s")),
    *(N_("start not given"), N_("Ongoing at the as-of date (%(since)s): %(title)s."), N_("No date given")),
    N_("alleged, not established"),
    N_("Timeline: %(title)s"),
    *(N_(" (date inferred)"), N_(", date inferred")),
    *(N_("Planned or called off"), N_("Every event is listed in the events table."), N_("week from %(date)s")),
    *(N_("per day"), N_("per week"), N_("per month"), N_("per quarter"), N_("per year"), N_("%(count)s %(status)s")),
    *(N_("No date given: %(count)s."), N_("No date given: %(events)s (in the table)")),
    N_("%(events)s as of %(date)s, counted %(per)s and by how settled they are."),
    N_("%(lane)s, %(period)s: %(events)s; go to the first of them in the table"),
    N_("%(lane)s: %(events)s"),
)
"""Every string the chart draws, the overview's (overview.py, above 100 events) included."""
PLURALS = (NP_("%(count)s event", "%(count)s events"), NP_("per %(count)s year", "per %(count)s years"))
"""The overview's plurals, each translated with ``ntr``."""
