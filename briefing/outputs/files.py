"""A file of the site before it is made: its path and the call that makes it (publish/workers.py runs them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

FileData = bytes | Iterator[str]
"""A file's bytes, or its text piece by piece (a large file, written as it comes and never held whole)."""
Task = tuple[str, Callable[[], FileData]]
"""(relative path, the call that makes the file)."""


def whole(data: FileData) -> bytes:
    """The file's bytes, joined if it came in pieces."""
    return data if isinstance(data, bytes) else "".join(data).encode("utf-8")
