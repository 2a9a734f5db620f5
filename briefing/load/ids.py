"""Ids made from names and titles: the hint for an item written without one, and new items (add, suggest)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def slugify(text: str) -> str:
    """The id a curator most likely meant: 'Ada Okonkwo' -> 'ada-okonkwo', accents dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


MAX_ID_WORDS = 6


def short_id(text: str, max_words: int = MAX_ID_WORDS) -> str:
    """An id from a title or name, at most a few words: 'Kremlin spokesman Dmitry Peskov' ->
    'kremlin-spokesman-dmitry-peskov'."""
    return "-".join(slugify(text).split("-")[:max_words])


def id_for(data: dict[str, Any]) -> tuple[str, str] | None:
    """(an id, what it was made from) for an item written without one."""
    for name in ("name", "title", "question", "summary"):
        value = data.get(name)
        if isinstance(value, str) and short_id(value):
            return short_id(value), name
    speaker, text = data.get("speaker"), data.get("text")
    if isinstance(speaker, str) and isinstance(text, str) and short_id(f"{speaker} {text}"):
        return short_id(f"{speaker} {text}"), "speaker and text"
    return None
