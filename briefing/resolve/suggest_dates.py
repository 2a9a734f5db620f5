"""Suggested dates: relative and partial date expressions resolved against the source's published date.

By rule, with ``datetime`` only (see docs/decisions.md): 'on Sunday' is the latest Sunday on or
before publication, or the next one on or after it when the words around it speak of the future
('will', 'would', 'scheduled', 'due to'); 'Nov. 15' and '20 February' take the year that puts them
nearest to publication; vague phrases become intervals ('overnight': the day before publication to
the day itself; 'in the coming days': the week after the day of writing, which is not one of the days
to come). A public act reported in the past with no time given ('said in a statement', 'announced',
'confirmed') happened on or before publication: a report tells what has already been done. A source
with no published date gets no suggestion. A published interval ('2018-11-26/2018-11-27') gives an
interval where the readings differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from briefing.model.dates import DateValue
from briefing.model.documents import Document, Sentence
from briefing.model.facts import Source
from briefing.resolve import lexicon as lx
from briefing.resolve.quotes import paragraph_quotes
from briefing.resolve.suggest import Ids, Pinner, Suggestion, id_from, trimmed

_MONTH_ABBR = {m[:3].lower(): i for i, m in enumerate(lx.MONTHS, 1)}
_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = "(" + "|".join(lx.WEEKDAYS) + ")"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is to|are to|scheduled|due|set to|planned|plans to|expected|going to|"
    r"upcoming|to be held|takes office|take office)\b",
    re.IGNORECASE,
)

_RELATIVE = {
    "today": (0, 0),
    "tonight": (0, 0),
    "this morning": (0, 0),
    "this afternoon": (0, 0),
    "this evening": (0, 0),
    "yesterday": (-1, -1),
    "tomorrow": (1, 1),
    "overnight": (-1, 0),
    "in the next few hours": (0, 0),
    "in the coming days": (1, 7),
    "in the next few days": (1, 7),
    "in the days ahead": (1, 7),
    "in the coming weeks": (1, 28),
    "in the next few weeks": (1, 28),
    "in recent days": (-7, 0),
    "in recent weeks": (-28, 0),
}


_VAGUE = {
    "in the coming days": "a week",
    "in the next few days": "a week",
    "in the days ahead": "a week",
    "in the coming weeks": "four weeks",
    "in the next few weeks": "four weeks",
    "in recent days": "a week",
    "in recent weeks": "four weeks",
}
"""Phrases whose span is a guess: written as approximate dates (EDTF '~')."""
_SPEAKERS_DAY = frozenset({"today", "tonight", "this morning", "this afternoon", "this evening"})


@dataclass(frozen=True)
class DateFound:
    sentence: Sentence
    start: int
    end: int
    text: str
    """The words as printed ('on Sunday'), kept as ``date_text``; 'no time given' for a reported act."""
    value: str
    basis: str
    future: bool


def _iso(d: date) -> str:
    return d.isoformat()


def _span(a: date, b: date) -> str:
    """A day, a whole month ('2024-01'), a whole year ('2024') or an interval of days."""
    a, b = min(a, b), max(a, b)
    if a == b:
        return _iso(a)
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    if a.day == 1 and (a.year, a.month) == (b.year, b.month) and (b + timedelta(days=1)).day == 1:
        return f"{a.year}-{a.month:02d}"
    return f"{_iso(a)}/{_iso(b)}"


def _weekday(day: date, weekday: int, future: bool, shift: str) -> date:
    if shift == "next" or (future and shift != "last"):
        return day + timedelta(days=(weekday - day.weekday()) % 7 or (7 if shift == "next" else 0))
    back = (day.weekday() - weekday) % 7
    return day - timedelta(days=back or (7 if shift == "last" else 0))


def _over_published(published: DateValue, at: Callable[[date], tuple[date, date]]) -> str:
    """Read the expression from the first and last possible publication day; an interval if they differ."""
    a0, a1 = at(published.start)
    b0, b1 = at(published.end)
    return _span(min(a0, b0), max(a1, b1))


def _year_for(month: int, day: int, published: date, future: bool) -> date | None:
    """The year nearest to publication; for words about the future, the first such day from it on."""
    try:
        candidates = [date(published.year + k, month, day) for k in (-1, 0, 1)]
    except ValueError:
        return None
    if future:
        return min(d for d in candidates if d >= published)
    return min(candidates, key=lambda d: abs((d - published).days))


def _month_day(
    month: str, day: str, year: str | None, published: DateValue | None, future: bool
) -> tuple[str, str] | None:
    m, d = _MONTH_ABBR[month[:3].lower()], int(day)
    if year:
        try:
            return _iso(date(int(year), m, d)), "the date as printed"
        except ValueError:
            return None
    if published is None:
        return None
    found = _year_for(m, d, published.start, future)
    if found is None:
        return None
    which = "the first after publication, the words being about the future" if future else "nearest to publication"
    return _iso(found), f"the year is the {which} ({published.value})"


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("weekday", re.compile(rf"\b(?:on\s+)?(?:((?i:last|next|this|earlier|late|early))\s+)?{_WEEKDAY}(?:['’]s)?"
                           r"(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("month-day", re.compile(rf"\b(?:on\s+)?{_MONTH}\.?\s+{_DAY}\b(?:,?\s+(\d{{4}})\b)?")),
    ("day-month", re.compile(rf"\b(?:on\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:\s+(\d{{4}})\b)?")),
    ("month", re.compile(rf"\bin\s+{_MONTH}\b(?:\s+(\d{{4}})\b)?")),
    ("year", re.compile(r"\bin\s+((?:19|20)\d\d)\b")),
    ("weekend", re.compile(r"\b(over|at|during|this|last|next)\s+(?:the\s+)?weekend\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(?:(earlier|later)\s+)?(this|last|next)\s+(week|month|year)\b", re.IGNORECASE)),
    ("relative", re.compile(r"\b(?:" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")\b", re.IGNORECASE)),
    ("bound", re.compile(r"\b(?:later|earlier)\b", re.IGNORECASE)),
]  # fmt: skip


def _resolve(
    kind: str, m: re.Match[str], published: DateValue | None, future: bool, quoted: bool
) -> tuple[str, str] | None:
    if kind == "year":
        return m.group(1), "the year as printed"
    if kind == "month-day":
        return _month_day(m.group(1), m.group(2), m.group(3), published, future)
    if kind == "day-month":
        return _month_day(m.group(2), m.group(1), m.group(3), published, future)
    if kind == "month":
        year = m.group(2) or (str(published.start.year) if published else None)
        return (f"{year}-{_MONTH_ABBR[m.group(1)[:3].lower()]:02d}", "the month as printed") if year else None
    if published is None or (published.end - published.start).days > 3:
        return None  # relative to nothing precise enough
    if kind == "bound":  # 'Peskov later said': some time before the report, no more is known
        return None if future or quoted else (f"../{_iso(published.end)}", f"on or before {_published(published)}")
    return _relative(kind, m, published, future, quoted)


def _published(published: DateValue) -> str:
    return f"publication ({published.value})"


_ACT = re.compile(
    r"\b(?:(?:said|wrote|stated)\s+in\s+an?\s+(?:statement|letter|interview|post|tweet)|issued\s+a\s+statement"
    r"|(?:announced|confirmed|declared|tweeted))\b"
)
"""A public act of speech reported in the past: it was done by publication, if no time is given."""


def _act(
    document: Document, sentence: Sentence, published: DateValue | None, quotes: list[tuple[int, int]]
) -> DateFound | None:
    """'Psaki said in a statement' with no date in the sentence: on or before publication."""
    if published is None or (published.end - published.start).days > 3:
        return None
    for m in _ACT.finditer(document.text, sentence.start, sentence.end):
        if any(a <= m.start() < b for a, b in quotes):
            continue  # a speaker's own words, not the report's account
        value = f"../{_iso(published.end)}"
        basis = f"the sentence says '{m.group()}' and gives no time: done on or before {_published(published)}"
        return DateFound(sentence, m.start(), m.end(), "no time given", value, basis, False)
    return None


_AFTER = re.compile(r"\bafter\b[^,.;:\"“”]{0,80}$")


def _after(document: Document, f: DateFound, published: DateValue | None) -> DateFound | None:
    """'The announcement comes after a call ... on Sunday': what comes after happened between that
    day and publication."""
    m = _AFTER.search(document.text, f.sentence.start, f.start)
    if m is None or published is None or f.future or "/" in f.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", f.value):
        return None
    end = _iso(published.end)
    value = f.value if f.value >= end else f"{f.value}/{end}"
    text = document.text[m.start() : f.end]
    return DateFound(
        f.sentence, m.start(), f.end, text, value, f"from {f.value} ('{f.text}') to {_published(published)}", False
    )


def _relative(kind: str, m: re.Match[str], published: DateValue, future: bool, quoted: bool) -> tuple[str, str]:
    when = f"publication ({published.value})"
    if kind == "weekday":
        shift, weekday = (m.group(1) or "").lower(), lx.WEEKDAYS.index(m.group(2))
        ahead = future or shift == "next"
        value = _over_published(published, lambda d: (_weekday(d, weekday, ahead, shift),) * 2)
        side = "on or after" if ahead else "on or before"
        return value, f"the {m.group(2)} {side} {when}" + (" (the sentence speaks of the future)" if future else "")
    if kind == "weekend":
        ahead = m.group(1).lower() == "next" or (future and m.group(1).lower() != "last")
        return _over_published(
            published, lambda d: _weekend(d, ahead)
        ), f"the weekend {'after' if ahead else 'before'} {when}"
    if kind == "week":
        return _over_published(
            published, lambda d: _period(d, m.group(1), m.group(2), m.group(3))
        ), f"counted from {when}"
    words = m.group().lower()
    if quoted and words in _SPEAKERS_DAY:  # 'today' in a speaker's words: the day they spoke
        return f"../{_iso(published.end)}", f"the day the speaker spoke, not given: on or before {when}"
    lo, hi = _RELATIVE[words]
    value = _over_published(published, lambda d: (d + timedelta(days=lo), d + timedelta(days=hi)))
    if words in _VAGUE:  # 'in the coming days': about a week, no more precise than that
        value = "/".join(f"{part}~" for part in value.split("/"))
        return value, f"about {_VAGUE[words]} counted from {when}"
    return value, f"counted from {when}"


def _weekend(day: date, ahead: bool) -> tuple[date, date]:
    saturday = _weekday(day, 5, ahead, "")
    if not ahead and day.weekday() == 5:
        saturday = day
    if not ahead and day.weekday() == 6:
        saturday = day - timedelta(days=1)
    return saturday, saturday + timedelta(days=1)


def _period(day: date, edge: str | None, which: str, unit: str) -> tuple[date, date]:
    step = {"this": 0, "last": -1, "next": 1}[which.lower()]
    if unit.lower() == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        lo, hi = monday, monday + timedelta(days=6)
    elif unit.lower() == "month":
        first = date(day.year + (day.month - 1 + step) // 12, (day.month - 1 + step) % 12 + 1, 1)
        lo, hi = first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        lo, hi = date(day.year + step, 1, 1), date(day.year + step, 12, 31)
    if edge and edge.lower() == "earlier":
        hi = min(hi, day)
    if edge and edge.lower() == "later":
        lo = max(lo, day)
    return lo, hi


def dates_in(document: Document, published: DateValue | None) -> list[DateFound]:
    """Every date expression of a document that can be resolved, in reading order."""
    found: list[DateFound] = []
    quotes = paragraph_quotes(document)
    for sentence in document.sentences:
        if sentence.repeat_of:
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(document.text, sentence.start, sentence.end):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                window = document.text[max(sentence.start, m.start() - 80) : m.end()]
                future = bool(_FUTURE.search(window))
                quoted = any(a <= m.start() < b for a, b in quotes)
                resolved = _resolve(kind, m, published, future, quoted)
                if resolved is not None:
                    taken.append((m.start(), m.end()))
                    found.append(DateFound(sentence, m.start(), m.end(), m.group(), *resolved, future))
                    after = _after(document, found[-1], published)
                    found += [after] if after is not None else []
        act = None if taken else _act(document, sentence, published, quotes)
        found += [act] if act is not None else []
    return sorted(found, key=lambda f: f.start)


def suggestions(documents: Iterable[Document], sources: Iterable[Source], pinner: Pinner, ids: Ids) -> list[Suggestion]:
    """An event stub per date expression, for the curator to turn into an event or a statement's date."""
    published = {s.id: s.published for s in sources}
    made = []
    for document in documents:
        when = published.get(document.id)
        if when is None:
            continue  # nothing to count from: no suggestion rather than a guess
        for f in dates_in(document, when):
            title = trimmed(f.sentence.text)
            status = "scheduled" if f.future and f.value.split("/")[-1] >= when.start.isoformat() else "occurred"
            fields: list[tuple[str, object]] = [
                ("title", title),
                ("date", f.value),
                ("date_text", f.text),
                ("status", status),
                (
                    "notes",
                    f"Suggested: '{f.text}' read as {f.value}, {f.basis}. The title is the sentence: rewrite it.",
                ),
                ("cite", [pinner.within(f.sentence, f.start, f.end, min_words=3)]),
            ]
            made.append(Suggestion("event", ids.claim(id_from(title)), tuple(fields)))
    return made
