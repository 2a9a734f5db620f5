from __future__ import annotations

from datetime import date

import pytest

from briefing.model.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2022-02-21", date(2022, 2, 21), date(2022, 2, 21)),
        ("2022-02", date(2022, 2, 1), date(2022, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("2022-02-21/2022-02-24", date(2022, 2, 21), date(2022, 2, 24)),
        ("2021/2022-02", date(2021, 1, 1), date(2022, 2, 28)),
    ],
)
def test_forms_and_the_days_they_cover(text: str, start: date, end: date) -> None:
    value = parse_date(text)
    assert (value.start, value.end, value.value) == (start, end, text)
    assert value.is_interval == ("/" in text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-02-30", "day 30 does not exist in February 2022"),
        ("2023-02-29", "day 29 does not exist in February 2023"),
        ("2022-13", "month 13 does not exist in '2022-13'"),
        ("21 Feb 2022", "'21 Feb 2022' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2022-2-1", "'2022-2-1' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2022-02-24/2022-02-21", "interval '2022-02-24/2022-02-21' ends before it starts"),
        ("2022/", "'2022/' is not an interval of two dates (START/END)"),
        ("0000", "year 0 is out of range"),
    ],
)
def test_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message
