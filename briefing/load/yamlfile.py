"""Strict YAML: plain data (dicts, lists, strings) plus a location for every key path.

We build the tree from the pure-Python parser's event stream ourselves so that
nothing is ever implicitly typed (``NO`` stays the string "NO", ``010`` stays
"010"), anchors, aliases and tags are refused outright (no alias bombs), and
duplicate keys are reported with both lines. ``CSafeLoader`` is never used: it
overflows the C stack on deep nesting.

libyaml's event parser (not its loader) reads large files ~17x faster than the
pure-Python one with the same events and marks. It is used only for text free of
the characters where the two parsers are known to differ (tabs, a BOM inside the
text, the Unicode line breaks), and only when it succeeds: any error or refusal is
parsed again by the pure parser, so every message stays the pure parser's. A
differential property test compares both paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from briefing.core import diskcache
from briefing.core.diagnostics import BIDI_CONTROLS, Diagnostic, Location, error
from briefing.load.yaml_errors import syntax_error

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
CACHE_FROM = 16_000  # characters; smaller files parse in a few milliseconds

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Plain data plus where each part of it stands in the file."""

    file: str
    data: Any
    """dict[str, ...] / list[...] / str, or None for an empty scalar or empty file."""
    values: dict[Path_, int] = field(default_factory=dict)
    """Place (see ``place``) of the value at each key path (the root is the empty tuple)."""
    keys: dict[Path_, int] = field(default_factory=dict)
    """Place of the key itself for each mapping entry's path."""
    quoted: frozenset[Path_] = frozenset()
    """Paths of scalars written in quotes (so the schema can tell `"010"` from `010`)."""

    def place(self, path: Path_) -> int:
        """The best place for a path: its value's, else its nearest parent's; ``line << 32 | column``.

        Places, not Locations: one per node made and pickled in the cache cost more than the parse itself
        saved; a Location is made for the few a converter keeps (``at``, ``location``).
        """
        found = self.values.get(path)
        if found is not None:
            return found
        for p in (path[:i] for i in range(len(path), -1, -1)):
            if p in self.values:
                return self.values[p]
        return _FIRST

    def location(self, place: int) -> Location:
        return Location(self.file, place >> 32, place & _COLUMN)

    def at(self, path: Path_) -> Location:
        return self.location(self.place(path))

    def key_at(self, path: Path_) -> Location:
        return self.location(self.keys.get(path) or self.place(path))


_COLUMN = (1 << 32) - 1
_FIRST = 1 << 32 | 1  # line 1, column 1


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _place(mark: Any) -> int:
    line: int = mark.line + 1
    column: int = mark.column + 1
    return line << 32 | column


class _ParsersDiffer(Exception):
    """The fast parser met a construct it reads differently: parse again with the pure one."""


# What YAML refuses raw in a file (C0 but tab and line breaks, DEL, C1, surrogates, non-characters)
# but a double-quoted escape still makes: a NUL reached the HTML raw and dropped the PDF's chart,
# a surrogate passed check and failed the build.
_ESCAPED_ONLY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_BIDI_CHARS = frozenset(map(chr, BIDI_CONTROLS))


class _Builder:
    def __init__(self, file: str, fast: bool = False, text: str = "") -> None:
        self.file = file
        self.text = text
        self.fast = fast
        self.parser: Any = None
        self.values: dict[Path_, int] = {}
        self.keys: dict[Path_, int] = {}
        self.quoted: set[Path_] = set()
        self.diagnostics: list[Diagnostic] = []

    def open(self, loader: Any) -> None:
        """Start ``loader``'s parser on the text (the pure one raises a reader error here)."""
        self.parser = loader(self.text)
        # The parser's own methods, not a generator around them (a Python frame per event).
        self.next_event: Callable[[], Any] = self.parser.get_event
        self.peek: Callable[[], Any] = self.parser.peek_event

    def close(self) -> None:
        if self.parser is not None:
            self.parser.dispose()  # the pure parser's states hold cycles

    def refuse(self, code: str, message: str, mark: Any, hint: str) -> None:
        raise _Refused(error(code, message, _loc(self.file, mark), hint))

    def check_node_event(self, ev: Any) -> None:
        if getattr(ev, "anchor", None) is None and getattr(ev, "tag", None) is None:
            return  # most events: no anchor, alias or tag to look at (an alias always has an anchor)
        if isinstance(ev, yaml.AliasEvent):
            self.refuse(
                "yaml.alias",
                f"alias '*{ev.anchor}' is not allowed",
                ev.start_mark,
                "write the value out in full; anchors and aliases are refused in content files",
            )
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            self.refuse(
                "yaml.anchor",
                f"anchor '&{anchor}' is not allowed",
                ev.start_mark,
                "remove the anchor and write each value out in full",
            )
        tag = getattr(ev, "tag", None)
        implicit = getattr(ev, "implicit", True)
        explicit = tag is not None and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        if explicit and tag not in ("tag:yaml.org,2002:str", "!"):
            self.refuse(
                "yaml.tag",
                f"explicit tag '{str(tag).replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                ev.start_mark,
                "remove the tag; every value is read as text and checked by the schema",
            )

    def check_characters(self, ev: Any) -> None:
        """A double-quoted escape can make what the file may not hold: "\\0", "\\x07", "\\uD800"."""
        if ev.value.isascii() and ev.value.isprintable():
            return  # neither a control character nor a direction control: most values
        found = _ESCAPED_ONLY.search(ev.value)
        if found is None and ev.style == '"' and _BIDI_CHARS.intersection(ev.value):
            # Typed raw, the file's text check warns with its exact place (content.py); made by an escape, here.
            raw = self.text[ev.start_mark.index : ev.end_mark.index]
            escaped = "".join(sorted(c for c in _BIDI_CHARS.intersection(ev.value) if c not in raw))
            found = re.search(f"[{escaped}]", ev.value) if escaped else None
        if found is None:
            return
        char = found.group()
        what = "a lone surrogate, not a character" if "\ud800" <= char <= "\udfff" else "a control character"
        hint = (
            "remove the escape (a \\u or \\x code, or \\0, \\a, \\b, \\e, \\v, \\f); "
            "for a character outside ASCII, type the character itself"
        )
        if char in _BIDI_CHARS:
            what = "an invisible text-direction control"
            hint = "remove the escape: it can make a page show the words in another order than written"
        self.diagnostics.append(
            error(
                "yaml.bad-escape",
                f"an escape in this string makes U+{ord(char):04X}, {what}",
                _loc(self.file, ev.start_mark),
                hint,
            )
        )

    def node(self, path: Path_, depth: int) -> Any:
        ev = self.next_event()
        self.check_node_event(ev)
        if isinstance(ev, yaml.ScalarEvent):
            self.check_characters(ev)
        if depth > MAX_DEPTH:
            self.refuse(
                "yaml.too-deep",
                f"nesting deeper than {MAX_DEPTH} levels",
                ev.start_mark,
                "content files are shallow lists of facts; flatten the structure",
            )
        self.values[path] = _place(ev.start_mark)
        if isinstance(ev, yaml.ScalarEvent):
            if self.fast and not ev.value and not ev.style:
                raise _ParsersDiffer  # libyaml marks an empty plain scalar elsewhere than the pure parser
            if ev.style in ("'", '"', "|", ">"):
                self.quoted.add(path)
            elif ev.value in ("", "~", "null", "Null", "NULL"):
                return None
            return ev.value
        if isinstance(ev, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self.peek(), yaml.SequenceEndEvent):
                items.append(self.node((*path, len(items)), depth + 1))
            self.next_event()
            return items
        if isinstance(ev, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        self.refuse("yaml.syntax", "unexpected YAML structure", ev.start_mark, "check the indentation")
        return None  # pragma: no cover - refuse() raises

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(self.peek(), yaml.MappingEndEvent):
            key_ev = self.next_event()
            self.check_node_event(key_ev)
            if not isinstance(key_ev, yaml.ScalarEvent):
                self.refuse(
                    "yaml.complex-key",
                    "mapping keys must be plain words",
                    key_ev.start_mark,
                    "use a simple key such as 'title:'",
                )
            self.check_characters(key_ev)
            key = key_ev.value
            if key in result:
                first = self.keys[(*path, key)] >> 32
                self.diagnostics.append(
                    error(
                        "yaml.duplicate-key",
                        f"duplicate key '{key}' (first defined at line {first})",
                        _loc(self.file, key_ev.start_mark),
                        f"remove one of the two '{key}' entries; YAML keeps only one silently",
                    )
                )
                self.skip_node()
                continue
            self.keys[(*path, key)] = _place(key_ev.start_mark)
            result[key] = self.node((*path, key), depth + 1)
        self.next_event()
        return result

    def skip_node(self) -> None:
        """Consume a value we will not keep, still refusing aliases and tags inside it."""
        level = 0
        while True:
            ev = self.next_event()
            self.check_node_event(ev)
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                level += 1
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                level -= 1
            if level == 0:
                return


def load_yaml(text: str, file: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document strictly. Returns (document or None, diagnostics).

    A large file's result is kept in the disk cache, keyed by its text and name (diskcache.py):
    parsing is deterministic, and the pure-Python parser takes ~1.2 s per MB.
    """
    if len(text) < CACHE_FROM:
        return _parse(text, file)
    name = "yaml-" + diskcache.key("yaml", file, text)
    found = diskcache.read_pickled(name, tuple)  # a truncated entry: parsed again, and stored whole
    if found is not None:
        return found  # what the entry holds is what _parse returned
    parsed = _parse(text, file)  # returned as made: reading back what was just stored cost 0.25 s at N = 1,000
    diskcache.store_pickled(name, parsed)
    return parsed


def _parse(text: str, file: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return None, [
            error(
                "yaml.too-large",
                f"file is larger than {MAX_BYTES // 1_000_000} MB",
                Location(file, 1, 1),
                "split the content across several files",
            )
        ]
    if _fast_parser_agrees_on(text):
        try:
            doc, diagnostics = _build(text, file, yaml.CSafeLoader)
        except Exception:  # whatever libyaml trips on, the pure parser reports it properly
            doc, diagnostics = None, []
        if doc is not None and not diagnostics:
            return doc, diagnostics
    return _build(text, file, yaml.SafeLoader)


# Where libyaml and the pure parser are known to read the same text differently.
_DIFFERING = ("\t", "\ufeff", "\x85", "\u2028", "\u2029", "\r")


# libyaml takes "|#" (a block scalar header with a comment glued on); the pure parser refuses it.
_GLUED_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _fast_parser_agrees_on(text: str) -> bool:
    if not getattr(yaml, "__with_libyaml__", False) or any(c in text for c in _DIFFERING):
        return False
    return _GLUED_COMMENT.search(text) is None


def _build(text: str, file: str, loader: Any) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """The strict tree from one parser's events (``loader`` picks the parser, nothing else)."""
    builder = _Builder(file, fast=loader is not yaml.SafeLoader, text=text)
    data: Any = None
    try:
        builder.open(loader)
        ev = builder.next_event()  # StreamStart
        ev = builder.next_event()
        if isinstance(ev, yaml.DocumentStartEvent):
            if isinstance(builder.peek(), yaml.DocumentEndEvent):
                data = None
                builder.values[()] = _FIRST
            else:
                data = builder.node((), 0)
            builder.next_event()  # DocumentEnd
            extra = builder.next_event()
            if isinstance(extra, yaml.DocumentStartEvent):
                return None, [
                    error(
                        "yaml.multiple-documents",
                        "more than one YAML document in the file",
                        _loc(file, extra.start_mark),
                        "remove the '---' separator; one document per file",
                    )
                ]
        else:
            builder.values[()] = _FIRST
    except _Refused as refused:
        return None, [*builder.diagnostics, refused.diagnostic]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_error(exc, file, text)]
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        loc = _loc(file, mark) if mark is not None else Location(file, 1, 1)
        if isinstance(exc, yaml.reader.ReaderError):  # no mark, only an offset: point at the character
            line_start = text.rfind("\n", 0, exc.position) + 1
            loc = Location(file, text.count("\n", 0, exc.position) + 1, exc.position - line_start + 1)
        return None, [
            error(
                "yaml.syntax",
                f"YAML error: {_first_line(str(exc))}",
                loc,
                "remove control characters and check the file is plain UTF-8 text",
            )
        ]
    except RecursionError:
        return None, [
            error(
                "yaml.too-deep",
                f"nesting deeper than {MAX_DEPTH} levels",
                Location(file, 1, 1),
                "content files are shallow lists of facts; flatten the structure",
            )
        ]
    finally:
        builder.close()
    doc = YamlDocument(file, data, builder.values, builder.keys, frozenset(builder.quoted))
    return (None if builder.diagnostics else doc), builder.diagnostics


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]
