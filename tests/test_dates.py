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


@pytest.mark.parametrize(
    ("text", "start", "end", "qualifier", "words"),
    [
        ("2017-11-14~", date(2017, 11, 14), date(2017, 11, 14), "approximate", "about 14 Nov 2017"),
        ("2018-11~", date(2018, 11, 1), date(2018, 11, 30), "approximate", "about Nov 2018"),
        ("../2017-11-14", date(2017, 11, 14), date(2017, 11, 14), "before", "on or before 14 Nov 2017"),
        ("2017-11-14/..", date(2017, 11, 14), date(2017, 11, 14), "after", "on or after 14 Nov 2017"),
        ("2016-09~/2016-11", date(2016, 9, 1), date(2016, 11, 30), "approximate", "about Sep 2016 to Nov 2016"),
        ("2022-02-21", date(2022, 2, 21), date(2022, 2, 21), "", "21 Feb 2022"),
        ("2021/2022-02", date(2021, 1, 1), date(2022, 2, 28), "", "2021 to Feb 2022"),
    ],
)
def test_edtf_qualifiers(text: str, start: date, end: date, qualifier: str, words: str) -> None:
    from briefing.model.dates import words as date_words

    value = parse_date(text)
    assert (value.start, value.end, value.value, value.qualifier) == (start, end, text, qualifier)
    assert date_words(value) == words
    assert value.is_interval == (text.count("/") == 1 and ".." not in text)
    assert value.approximate == (qualifier == "approximate")


def test_open_intervals_keep_their_bound() -> None:
    assert parse_date("../2017-11").bound == "2017-11"
    assert parse_date("2017/..").bound == "2017"
    assert parse_date("2017-11-14~").bound == ""
    assert parse_date("2017-11-14~/2017-11-20").parts() == ["2017-11-14", "2017-11-20"]


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("~2017-11-14", "is not an ISO 8601 date", "put '~' after the date, '2017-11-14~'"),
        ("2017-11-14?", "is not an ISO 8601 date", "write '2017-11-14~' (approximate)"),
        ("../..", "has no date at either end", "'../2017-11-14'"),
        ("../2017-11-14~", "is both open and approximate", "drop the '~'"),
        ("..2017", "is not an ISO 8601 date", "on or before: '../2017'"),
        ("2017..", "is not an ISO 8601 date", "on or after: '2017/..'"),
        ("2017-11-20/2017-11-14", "ends before it starts", "put the earlier date first: 2017-11-14/2017-11-20"),
    ],
)
def test_qualifier_mistakes_say_how_to_write_them(text: str, message: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert message in str(caught.value)
    assert hint in caught.value.hint
