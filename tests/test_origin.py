"""Origin: where each field of a fact was written, packed, and its Location made back on demand."""

from __future__ import annotations

import pickle

from briefing.core.diagnostics import Location
from briefing.model.facts import Origin

FILE = "content/events.yaml"


def _origin() -> Origin:
    return Origin.at(Location(FILE, 4, 3), ["id", "cite", "cite[1]"], [4 << 32 | 7, 9 << 32 | 5, 70_000 << 32 | 321])


def test_each_field_is_where_it_was_written() -> None:
    origin = _origin()
    assert origin.of("id") == Location(FILE, 4, 7)
    assert origin.of("cite", 1) == Location(FILE, 70_000, 321)


def test_a_field_not_written_falls_back_to_its_list_then_to_the_item() -> None:
    origin = _origin()
    assert origin.of("cite", 0) == Location(FILE, 9, 5)  # no element 0 recorded: the list itself
    assert origin.of("title") == Location(FILE, 4, 3)


def test_origins_compare_and_pickle_by_value() -> None:
    assert _origin() == _origin() and hash(_origin()) == hash(_origin())
    assert pickle.loads(pickle.dumps(_origin())) == _origin()
    assert Origin.at(Location(FILE, 4, 3), ["id"], [4 << 32 | 8]) != _origin()
