"""The build date: SOURCE_DATE_EPOCH when set, else the current time, always UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from briefing.core.epoch import build_time


def test_source_date_epoch_is_used() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "1700000000"}) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_without_it_the_time_is_now_in_utc() -> None:
    value = build_time({})
    assert value.tzinfo is UTC
    assert abs(datetime.now(tz=UTC) - value) < timedelta(minutes=1)


def test_malformed_values_fall_back_to_now() -> None:
    for bad in ("", "yesterday", "-5", "1.5", "9" * 30):
        assert abs(datetime.now(tz=UTC) - build_time({"SOURCE_DATE_EPOCH": bad})) < timedelta(minutes=1)
