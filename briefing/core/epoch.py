"""The build's timestamp: SOURCE_DATE_EPOCH when set, so builds are reproducible.

See https://reproducible-builds.org/specs/source-date-epoch/. A malformed or
out-of-range value is ignored (the current time is used) rather than failing
the build. The one reading of the variable: the build cache keys on the same.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime


def source_date_epoch(environ: Mapping[str, str] | None = None) -> datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, or None when unset or unusable."""
    env = os.environ if environ is None else environ
    value = env.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        try:
            return datetime.fromtimestamp(int(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return None


def build_time(environ: Mapping[str, str] | None = None) -> datetime:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, else now (UTC)."""
    return source_date_epoch(environ) or datetime.now(tz=UTC)
