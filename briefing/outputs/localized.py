"""Dates and numbers as the page shows them, in the interface language (Babel's CLDR data).

English pages keep the ISO dates they always showed (``2022-02-21``: unambiguous, and the
golden pages stay the same bytes); every other language gets its own words for months
(``21 février 2022``). The ``datetime`` attribute is ISO either way. Numbers and shares
are grouped and signed as the locale writes them (``12 345``, ``12 %``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

from briefing.model.dates import APPROXIMATE, QUALIFIER_WORDS, DateValue
from briefing.model.dates import words as english_words

N_ = str
"""Marks a string for the catalog without translating it here (Babel's extractor finds ``N_("...")``)."""
QUALIFIERS = {APPROXIMATE: N_("about"), "before": N_("on or before"), "after": N_("on or after")}
assert set(QUALIFIERS) == set(QUALIFIER_WORDS)


def babel_locale(tag: str) -> Locale:
    """The CLDR locale of a BCP 47 tag, or of its language alone, or English for one CLDR lacks."""
    for candidate in (tag, tag.replace("_", "-").split("-", 1)[0]):
        try:
            return Locale.parse(candidate.replace("_", "-"), sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("en")


@dataclass(frozen=True)
class Formats:
    """How the page writes dates and numbers in one language."""

    language: str = "en"
    gettext: Callable[[str], str] = str
    ngettext: Callable[[str, str, int], str] = lambda singular, plural, n: singular if n == 1 else plural
    locale: Locale = field(init=False)
    dates: dict[DateValue | None, Markup] = field(init=False, repr=False, compare=False, default_factory=dict)
    """Dates already written: Babel's formatting took a tenth of a page's time, for the same values again
    and again (an event's date on its row and on each of its actors' pages)."""
    numbers: dict[tuple[str, type, float], str] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "locale", babel_locale(self.language))

    @property
    def iso(self) -> bool:
        return self.locale.language == "en"

    def number(self, value: int | float) -> str:
        key = ("number", type(value), value)  # 1 and 1.0 would be one key otherwise
        made = self.numbers.get(key)
        if made is None:
            made = self.numbers[key] = format_decimal(value, locale=self.locale)
        return made

    def percent(self, share: float) -> str:
        key = ("percent", type(share), share)
        made = self.numbers.get(key)
        if made is None:
            made = self.numbers[key] = format_percent(share, locale=self.locale)
        return made

    def file_size(self, size: int) -> str:
        """``412 kB`` or ``1.2 MB`` (decimal units, as the handout's link has always said)."""
        kb = max(1, round(size / 1000))
        if kb < 1000:
            return self.gettext("%(size)s kB") % {"size": self.number(kb)}
        megabytes = format_decimal(size / 1_000_000, format="0.0", locale=self.locale)
        return self.gettext("%(size)s MB") % {"size": megabytes}

    def day(self, written: str) -> str:
        """One written date (``2022``, ``2022-02``, ``2022-02-21``) in the locale's words."""
        if self.iso:
            return written
        parts = [int(p) for p in written.split("-")]
        if len(parts) == 1:
            return written
        if len(parts) == 2:
            return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=self.locale)
        return babel_date(date(*parts), "long", locale=self.locale)

    def words(self, value: DateValue) -> str:
        """A date in plain words, for a chip: ``12 Mar 2024`` on an English page (dates.words), the
        locale's words otherwise (``12 mars 2024``, ``environ mars 2024``)."""
        if self.iso:
            return english_words(value)
        if value.bound:
            return f"{self.gettext(QUALIFIERS[value.qualifier])}\u00a0{self.day(value.bound)}"
        about = self.gettext(QUALIFIERS[APPROXIMATE]) + "\u00a0"
        pieces = [(about if p.endswith("~") else "") + self.day(p.rstrip("~")) for p in value.value.split("/")]
        return f" {self.gettext('to')}\u00a0".join(pieces)

    def date(self, value: DateValue | None) -> Markup:
        """A date or interval as ``<time>`` elements, its qualifier in words ('about', 'on or before',
        'on or after'); an em dash when there is none."""
        made = self.dates.get(value)
        if made is None:
            made = self.dates[value] = self._date(value)
        return made

    def _date(self, value: DateValue | None) -> Markup:
        if value is None:
            return Markup("—")
        times = [Markup('<time datetime="{0}">{1}</time>').format(part, self.day(part)) for part in value.parts()]
        if value.bound:
            return Markup('<span class="date-{0}">{1}\u00a0{2}</span>').format(
                value.qualifier, self.gettext(QUALIFIERS[value.qualifier]), times[0]
            )
        about = escape(self.gettext(QUALIFIERS[APPROXIMATE])) + Markup("\u00a0")
        marks = [about if part.endswith("~") else Markup("") for part in value.value.split("/")]
        to = Markup(" ") + escape(self.gettext("to")) + Markup("\u00a0")  # 2014 to 2015-03
        shown = to.join(a + t for a, t in zip(marks, times, strict=True))
        return Markup('<span class="date-approximate">{0}</span>').format(shown) if value.approximate else shown


def format_date(value: DateValue | None) -> Markup:
    """A date as an English page shows it."""
    return Formats().date(value)
