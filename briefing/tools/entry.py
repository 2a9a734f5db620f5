"""The sources.yaml entry ``briefing add`` appends: complete, commented, and valid YAML by construction."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# Scalars written plain; anything else is written as a double-quoted (JSON) string, which YAML reads alike.
_PLAIN = re.compile(r"^[A-Za-z0-9(][A-Za-z0-9 ,.()'/_+&-]*[A-Za-z0-9.)']$|^[A-Za-z0-9]$")
_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "~"}


def scalar(value: str) -> str:
    if _PLAIN.match(value) and value.lower() not in _WORDS and "  " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Entry:
    """Fields in the order they are written, each with an optional end-of-line comment."""

    lines: list[tuple[str, str | list[str], str]] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    """Comment lines above the entry."""

    def add(self, name: str, value: str | list[str], comment: str = "") -> None:
        if value:
            self.lines.append((name, value, comment))

    def yaml(self) -> str:
        out = [f"# {line}" for line in self.heading]
        for i, (name, value, comment) in enumerate(self.lines):
            lead = "- " if i == 0 else "  "
            tail = f"  # {comment}" if comment else ""
            if isinstance(value, list):
                out.append(f"{lead}{name}:{tail}")
                out += [f"    - {scalar(v)}" for v in value]
            else:
                out.append(f"{lead}{name}: {scalar(value)}{tail}")
        return "\n".join(out) + "\n"
