"""Which links curated Markdown may hold: relative, ``https:`` and ``mailto:`` only."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_ALLOWED_SCHEMES = frozenset({"https", "mailto"})


def allowed_link(url: str) -> bool:
    """Relative links, ``https:`` and ``mailto:``; never protocol-relative or other schemes."""
    url = url.strip()
    if not url or url.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in _ALLOWED_SCHEMES
