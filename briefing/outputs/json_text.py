"""Indented JSON, piece by piece: the same text as ``json.dumps(value, ensure_ascii=False, indent=2)``.

Python's encoder writes indented JSON in pure Python, one generator step per token
(7 million for a 1,000-source data.json); only compact JSON gets its C encoder. This
writer builds each nested value with ``str.join`` and the C string escaper, and yields
one piece per item of the outer lists (a source, a fact), so that the whole text is
never held. tests/test_json_text.py compares it with ``json.dumps`` on the demo's data
and on generated values.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring  # the C escaper where Python has it
from typing import Any


def json_chunks(value: Any, indent: int = 2, streamed: int = 2) -> Iterator[str]:
    """``value`` as JSON indented by ``indent`` spaces, in pieces: one per item of the first ``streamed``
    levels (2: the document's members and the items of its lists); deeper values come joined whole."""
    yield from _Writer(" " * indent, streamed).stream(value, 0)


class _Writer:
    def __init__(self, indent: str, streamed: int) -> None:
        self.indent = indent
        self.streamed = streamed

    def stream(self, value: Any, level: int) -> Iterator[str]:
        if level >= self.streamed or not isinstance(value, (dict, list, tuple)) or not value:
            yield self.text(value, level)
            return
        inner = "\n" + self.indent * (level + 1)
        is_dict = isinstance(value, dict)
        yield "{" if is_dict else "["
        items: Iterable[Any] = value.items() if isinstance(value, dict) else value
        for i, item in enumerate(items):
            yield ("," if i else "") + inner
            if is_dict:
                key, item = item
                yield _key(key) + ": "
            yield from self.stream(item, level + 1)
        yield "\n" + self.indent * level + ("}" if is_dict else "]")

    def text(self, value: Any, level: int) -> str:
        if isinstance(value, str):
            return str(encode_basestring(value))
        if isinstance(value, dict):
            if not value:
                return "{}"
            inner = "\n" + self.indent * (level + 1)
            body = ("," + inner).join(_key(k) + ": " + self.text(v, level + 1) for k, v in value.items())
            return "{" + inner + body + "\n" + self.indent * level + "}"
        if isinstance(value, (list, tuple)):
            if not value:
                return "[]"
            inner = "\n" + self.indent * (level + 1)
            body = ("," + inner).join(self.text(v, level + 1) for v in value)
            return "[" + inner + body + "\n" + self.indent * level + "]"
        return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return json.dumps(value)  # anything else: json's own answer (a TypeError for what JSON cannot hold)


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A key as json writes it: strings escaped, numbers, booleans and null as their text in quotes."""
    if isinstance(key, str):
        return str(encode_basestring(key))
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    if key is True or key is False or key is None or isinstance(key, int):
        return '"' + _scalar(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
