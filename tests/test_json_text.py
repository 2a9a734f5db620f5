"""The indented JSON writer (outputs/json_text.py) writes json.dumps(indent=2)'s text, character for character."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.build import check
from briefing.outputs.export import data_json_chunks
from briefing.outputs.json_text import json_chunks

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text())
keys = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=30,
)


def _dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(values)
def test_any_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    assert "".join(json_chunks(value)) == _dumped(value)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        {"a": []},
        {"a": {}},
        [[[]]],
        {'é\u2028"\\': "\x00\ud800"},
        {1: 2, False: None, None: 0, 2.5: 1},
        [1.5, -0.0, 1e300],
    ],
)
def test_edge_values(value: Any) -> None:
    assert "".join(json_chunks(value)) == _dumped(value)


def test_a_value_json_cannot_hold_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(TypeError):
        "".join(json_chunks({"when": object()}))
    with pytest.raises(TypeError):
        "".join(json_chunks({(1, 2): "tuple key"}))


def test_the_demos_data_json_is_the_standard_encoders_text(demo_project: Path) -> None:
    checked = check(demo_project)
    assert checked.model is not None
    text = "".join(data_json_chunks(checked.model, checked.links, checked.coverage))
    assert text == _dumped(json.loads(text)) + "\n"
    assert len(list(data_json_chunks(checked.model, checked.links, checked.coverage))) > 10  # written in pieces


@settings(max_examples=200, deadline=None)
@given(values, st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=4))
def test_any_indent_and_streaming_depth_writes_the_same_text(value: Any, indent: int, streamed: int) -> None:
    assert "".join(json_chunks(value, indent=indent, streamed=streamed)) == json.dumps(
        value, ensure_ascii=False, indent=indent
    )
