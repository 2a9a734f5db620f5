"""``briefing pin``: give every sentence-id citation without a pin the pin of the sentence its id names now.

For content written before pins (or by hand): ``- sentence: report.4`` with no ``quote`` gets
``pin: 5d41402a`` on the line after it, ``[@report.4]`` in prose or a note becomes
``[@report.4#5d41402a]``. Nothing else in a file changes (no YAML round trip: comments, quoting and
order stay). A pin records the words an id names *now*: run it when the ids are right (``briefing
check`` passes and you have read the citations), not after a change that moved them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.load.content import CONTENT_DIR
from briefing.model.facts import PROSE_CITATION
from briefing.resolve.pins import pin_of

_SENTENCE_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?sentence: *(?P<id>[a-z0-9][a-z0-9-]*\.\d+) *$")
_KEY = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[a-z_]+):")


@dataclass(frozen=True)
class Pinned:
    file: str
    """Path relative to the project."""
    count: int


def pin_project(root: Path, sentences: dict[str, str]) -> list[Pinned]:
    """Pin the unpinned sentence ids of every content file; ``sentences`` maps each id to its words."""
    pins = {sid: pin_of(text) for sid, text in sentences.items()}
    done = []
    for path in sorted((root / CONTENT_DIR).glob("*")):
        if path.suffix not in (".yaml", ".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new, count = _in_prose(text, pins)
        if path.suffix == ".yaml":
            new, more = _in_citations(new, pins)
            count += more
        if count:
            path.write_text(new, encoding="utf-8")
            done.append(Pinned(f"{CONTENT_DIR}/{path.name}", count))
    return done


_TARGET = re.compile(r"@([a-z0-9][a-z0-9.-]*)(#[0-9a-f]*)?")


def _in_prose(text: str, pins: dict[str, str]) -> tuple[str, int]:
    """'[@a; @report.4]' -> '[@a; @report.4#PIN]' wherever prose citations are (Markdown, notes in YAML)."""
    count = 0

    def target(m: re.Match[str]) -> str:
        nonlocal count
        if m.group(2) or m.group(1) not in pins:
            return m.group()
        count += 1
        return f"@{m.group(1)}#{pins[m.group(1)]}"

    new = PROSE_CITATION.sub(lambda m: _TARGET.sub(target, m.group()), text)
    return new, count


def _in_citations(text: str, pins: dict[str, str]) -> tuple[str, int]:
    """Add 'pin:' under each '- sentence: ID' whose mapping has neither 'quote' nor 'pin'."""
    lines = text.split("\n")
    out: list[str] = []
    count = 0
    for i, line in enumerate(lines):
        out.append(line)
        m = _SENTENCE_LINE.match(line)
        if m is None or m.group("id") not in pins:
            continue
        indent = len(m.group("indent")) + (2 if m.group("dash") else 0)
        if not _keys(lines, i, indent) & {"quote", "pin"}:
            out.append(" " * indent + f"pin: {pins[m.group('id')]}")
            count += 1
    return "\n".join(out), count


def _keys(lines: list[str], at: int, indent: int) -> set[str]:
    """The keys of the mapping (a list item) that has a key indented by ``indent`` on line ``at``."""
    start = at
    while start > 0 and not (_opens_item(lines[start]) and _indent(lines[start]) + 2 == indent):
        if lines[start].strip() and _indent(lines[start]) < indent - 2:
            break  # not inside a list item after all
        start -= 1
    found = set()
    for j in range(start, len(lines)):
        line = lines[j]
        if j > start and line.strip() and (_indent(line) < indent):
            break  # the next item, or the parent's next key
        m = _KEY.match(line)
        if m is not None and _indent(line) + (2 if _opens_item(line) else 0) == indent:
            found.add(m.group("key"))
    return found


def _opens_item(line: str) -> bool:
    return line.lstrip(" ").startswith("- ")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
