"""The chart cache: a cached chart is the bytes a fresh drawing makes; any change to its inputs is a new entry."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import DEMO

from briefing.build import check
from briefing.core import diskcache
from briefing.outputs.timeline import chart as timeline
from briefing.outputs.timeline import svg as timeline_svg


@pytest.fixture
def events_and_date() -> tuple[tuple[timeline.Event, ...], object]:
    checked = check(DEMO)
    assert checked.model is not None
    return checked.model.content.events, checked.model.content.briefing.as_of


def draw(events: tuple[timeline.Event, ...], as_of: object, **options: object) -> bytes:
    return timeline.chart_svg(events, as_of, href=lambda e: f"#event-{e.id}", **options)  # type: ignore[arg-type]


def test_cached_chart_is_a_fresh_drawing(
    events_and_date: tuple[tuple[timeline.Event, ...], object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events, as_of = events_and_date
    monkeypatch.setattr(diskcache, "folder", lambda: None)
    fresh = draw(events, as_of)
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path)
    assert draw(events, as_of) == fresh  # drawn and stored
    assert len(list(tmp_path.glob("*.svg"))) == 1

    def not_again(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("drew again instead of reading the cache")

    monkeypatch.setattr(timeline_svg, "write", not_again)
    assert draw(events, as_of) == fresh  # read back
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_every_input_is_in_the_key(
    events_and_date: tuple[tuple[timeline.Event, ...], object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events, as_of = events_and_date
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path)
    draw(events, as_of)
    retitled = (dataclasses.replace(events[0], title=events[0].title + " (updated)"), *events[1:])
    changed = draw(retitled, as_of)
    assert b"(updated)" in changed
    timeline.chart_svg(events, as_of)  # no links
    draw(events[1:], as_of)
    assert len(list(tmp_path.glob("*.svg"))) == 4
    monkeypatch.setattr(diskcache, "_code_version", lambda: "other drawing code")
    draw(events, as_of)
    assert len(list(tmp_path.glob("*.svg"))) == 5


def test_a_shared_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diskcache.tempfile, "gettempdir", lambda: str(tmp_path))
    assert diskcache.folder() == tmp_path / f"briefing-cache-{os.getuid()}"
    (tmp_path / f"briefing-cache-{os.getuid()}").chmod(0o777)
    assert diskcache.folder() is None
    assert diskcache.cached("x", lambda: b"drawn") == b"drawn"


def test_the_key_holds_every_event_field_the_chart_reads() -> None:
    """The key is the fields the chart reads (DRAWN_FIELDS), not whole events: a field read but not keyed is stale."""
    import re

    folder = Path(timeline.__file__).parent
    code = "".join(p.read_text() for p in [*folder.glob("*.py"), folder.parent.parent / "model" / "chronology.py"])
    read = set(re.findall(r"\b(?:e|event|mark\.event|item\.event|p\.event|m\.event)\.([a-z_]+)\b", code))
    assert read and read <= set(timeline.DRAWN_FIELDS), (
        f"read by the chart but not in its cache key: {read - set(timeline.DRAWN_FIELDS)}"
    )
