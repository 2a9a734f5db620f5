"""The build's timestamp: SOURCE_DATE_EPOCH when set, so builds are reproducible.

See https://reproducible-builds.org/specs/source-date-epoch/. A malformed
value is ignored (the current time is used) rather than failing the build.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime


def build_time(environ: Mapping[str, str] | None = None) -> datetime:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, else now (UTC)."""
    env = os.environ if environ is None else environ
    value = env.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        try:
            return datetime.fromtimestamp(int(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.now(tz=UTC)
