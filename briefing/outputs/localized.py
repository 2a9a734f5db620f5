"""Dates and numbers as the page shows them, in the interface language."""

from __future__ import annotations

from markupsafe import Markup

from briefing.model.dates import QUALIFIER_WORDS, DateValue


def format_date(value: DateValue | None) -> Markup:
    """A date or interval as ``<time>`` elements, its qualifier in words ('about', 'on or before',
    'on or after'); an em dash when there is none."""
    if value is None:
        return Markup("—")
    times = [Markup('<time datetime="{0}">{0}</time>').format(part) for part in value.parts()]
    if value.bound:
        return Markup('<span class="date-{0}">{1}\u00a0{2}</span>').format(
            value.qualifier, QUALIFIER_WORDS[value.qualifier], times[0]
        )
    about = [Markup("about\u00a0") if part.endswith("~") else Markup("") for part in value.value.split("/")]
    shown = Markup(" to\u00a0").join(a + t for a, t in zip(about, times, strict=True))
    return Markup('<span class="date-approximate">{0}</span>').format(shown) if value.approximate else shown
