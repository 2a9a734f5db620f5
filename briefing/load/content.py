"""Read content/: YAML files and Markdown prose into the content model."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from briefing.core import diskcache
from briefing.core.diagnostics import BIDI_CONTROLS, Diagnostic, Location, error, warning
from briefing.core.forked import forked_map, usable_cpus
from briefing.core.settings import SUGGESTED_DIR as SUGGESTED_DIR
from briefing.load.convert import Converter
from briefing.load.schema import BRIEFING, CORRECTION, ITEM_SCHEMAS, Schema
from briefing.load.sources import SEEDS_DIR, utf8_text
from briefing.load.yamlfile import CACHE_FROM, YamlDocument, load_yaml
from briefing.model.facts import (
    PROSE_CITATION,
    Briefing,
    Content,
    Correction,
    Prose,
    ProseCitation,
    Statement,
    prose_targets,
)
from briefing.model.kinds import KINDS, SOURCE_KIND, Item, Kind

CONTENT_DIR = "content"
LIST_FILES: dict[str, tuple[Schema, type[Any]]] = {k.file: (ITEM_SCHEMAS[k.name], k.model) for k in KINDS}
CORRECTIONS_FILE = "corrections.yaml"
LIST_FILES[CORRECTIONS_FILE] = (CORRECTION, Correction)
"""Every list file: the kinds' (model/kinds.py), then corrections, which are not facts (nothing cites them)."""
BRIEFING_FILE = "briefing.yaml"
PROSE_FILES = ("summary", "method")


@dataclass(frozen=True)
class _Loaded:
    items: list[Any]
    diagnostics: list[Diagnostic]
    dropped: tuple[str, ...] = ()
    """Ids of invalid entries, or ``*kind`` when the whole file is unusable."""


def _outside_project(root: Path, rel: str) -> Diagnostic | None:
    """A content file must be a plain file of the project: a cloned project's symlink to
    /etc/passwd, a FIFO or /dev/zero would leak the build machine's files or hang the build."""
    path = root / rel
    if not path.exists() and not path.is_symlink():
        return None
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        return error(
            "content.outside-project",
            f"{rel} links to a file outside the project",
            Location(rel),
            "copy the file into the project instead of linking to it",
        )
    if real.exists() and not real.is_file() and not real.is_dir():
        return error("content.unreadable", f"{rel} is not a regular file", Location(rel), "replace it with a text file")
    return None


def read_text_file(root: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a content file as UTF-8 text, or say clearly why not."""
    refused = _outside_project(root, rel)
    if refused is not None:
        return None, [refused]
    try:
        raw = (root / rel).read_bytes()
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        folder = isinstance(exc, IsADirectoryError)
        hint = "replace the folder with a file" if folder else "check the file's permissions"
        return None, [error("content.unreadable", f"cannot read file: {exc.strerror}", Location(rel), hint)]
    hint = "save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    text, found = utf8_text(raw, rel, "content.encoding", hint)
    return text, found + (_bidi_controls(text, rel) if text is not None else [])


def _bidi_controls(text: str, rel: str) -> list[Diagnostic]:
    """Curated text is checked as seeds are: an invisible direction control can make a page show a title
    or a quote in another order than the file stores it ("Trojan Source")."""
    found = _BIDI_CONTROL.search(text)  # a set of every character of a 1.2 MB file cost 8 ms, twice per check
    if found is None:
        return []
    at = found.start()
    line_start = text.rfind("\n", 0, at) + 1
    return [
        warning(
            "content.bidi-control",
            f"invisible text-direction control U+{ord(text[at]):04X} in curated text",
            Location(rel, text.count("\n", 0, at) + 1, at - line_start + 1),
            "delete it (the caret shows where; an editor may not show it), unless the quoted source has it too",
        )
    ]


_BIDI_CONTROL = re.compile("[" + "".join(map(chr, BIDI_CONTROLS)) + "]")


def _load_doc(root: Path, rel: str, required: bool) -> tuple[YamlDocument | None, list[Diagnostic]]:
    text, diagnostics = read_text_file(root, rel)
    return _yaml_of(rel, text, diagnostics, required)


def _yaml_of(
    rel: str, text: str | None, diagnostics: list[Diagnostic], required: bool
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    if text is None:
        if not diagnostics and required:
            diagnostics = [
                error(
                    "content.missing-file",
                    f"{rel} is missing",
                    Location(rel),
                    "run 'briefing new' for a skeleton, or create the file",
                )
            ]
        return None, diagnostics
    doc, found = load_yaml(text, rel)
    return doc, diagnostics + found  # the text's own warnings (content.bidi-control) too


PARALLEL_FROM = 200_000
"""Bytes of list files from which they are parsed and converted in several processes (core/forked.py):
a fork costs a few milliseconds, a 1,000-source briefing's 1.2 MB about two seconds."""


def _each_list(root: Path) -> list[_Loaded]:
    """Each kind's list file loaded, those of a large briefing in parallel (same items and diagnostics)."""
    sizes = [_size(root / CONTENT_DIR / kind.file) for kind in KINDS]
    workers = usable_cpus() if sum(sizes) >= PARALLEL_FROM and not _all_kept(root) else 1
    return forked_map(partial(_list_items, root), KINDS, sizes, workers)


def _all_kept(root: Path) -> bool:
    """Whether the disk cache holds the items of every list file it keeps (and there is one): read back
    here, they are quicker than in a child that pickles them again (0.2 s against 0.5 s at N = 1,000)."""
    names = [
        _entry_name(f"{CONTENT_DIR}/{k.file}", ITEM_SCHEMAS[k.name], *read_text_file(root, f"{CONTENT_DIR}/{k.file}"))
        for k in KINDS
    ]
    kept = [diskcache.has(name, diskcache.PICKLED) for name in names if name is not None]
    return bool(kept) and all(kept)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _list_items(root: Path, kind: Kind) -> _Loaded:
    return _list_file(root, kind.file, ITEM_SCHEMAS[kind.name], kind.model, required=kind is SOURCE_KIND)


def _list_file(root: Path, file: str, schema: Schema, model: type[Any], required: bool = False) -> _Loaded:
    """One list file's items. A large one converted without any problem is kept in the disk cache
    (core/diskcache.py) by its name and text, which are all converting it reads then (seeds/ only for a
    problem's hint): converting was most of loading a large briefing's content once its YAML was cached."""
    rel = f"{CONTENT_DIR}/{file}"
    text, diagnostics = read_text_file(root, rel)
    name = _entry_name(rel, schema, text, diagnostics)
    if name is None:
        return _converted(root, rel, schema, model, (text, diagnostics), required)
    stored = _stored_items(name)
    if stored is not None:
        return stored
    loaded = _converted(root, rel, schema, model, (text, diagnostics), required)
    if not loaded.diagnostics:
        diskcache.store_pickled(name, loaded)
    return loaded


def _entry_name(rel: str, schema: Schema, text: str | None, diagnostics: list[Diagnostic]) -> str | None:
    """The disk-cache entry of a list file's items, or None for one not kept (small, unreadable, warned about)."""
    if text is None or diagnostics or len(text) < CACHE_FROM:
        return None
    return "items-" + diskcache.key("items", rel, schema.name, text)


def _stored_items(name: str) -> _Loaded | None:
    return diskcache.read_pickled(name, _Loaded)


def _converted(
    root: Path, rel: str, schema: Schema, model: type[Any], read: tuple[str | None, list[Diagnostic]], required: bool
) -> _Loaded:
    doc, diagnostics = _yaml_of(rel, *read, required)
    if doc is None or doc.data is None:
        return _Loaded([], diagnostics, (f"*{schema.name}",) if diagnostics else ())
    if not isinstance(doc.data, list):
        return _Loaded(
            [],
            [
                error(
                    "schema.type",
                    f"{rel} must be a list of {schema.name} entries",
                    doc.at(()),
                    f"start each {schema.name} with '- {schema.fields[0].name}: ...'",
                )
            ],
            (f"*{schema.name}",),
        )
    converter = Converter(doc, root / SEEDS_DIR)
    items: list[Any] = []
    dropped: list[str] = []
    for i, data in enumerate(doc.data):
        converted = converter.mapping(data, (i,), schema)
        if converted.ok and model is Statement and not _quote_as_text(converted.values, converter, (i,)):
            converted.ok = False
        if converted.ok:
            items.append(model(origin=converter.origin((i,), data), **converted.values))
        elif isinstance(data, dict) and isinstance(data.get("id"), str):
            dropped.append(data["id"].strip())
    return _Loaded(items, diagnostics + converter.diagnostics, tuple(dropped))


def _quote_as_text(values: dict[str, Any], converter: Converter, path: tuple[int]) -> bool:
    """A direct statement may leave out ``text`` when its one citation quotes exactly the words spoken."""
    if values.get("text"):
        return True
    cites = values.get("cite", ())
    if values.get("mode") == "direct" and len(cites) == 1 and cites[0].quote:
        values["text"] = (cites[0].quote,)
        return True
    converter.problem(
        "schema.missing",
        "statement is missing required field 'text'",
        path,
        "add 'text: ...' (the words); only a direct statement with one citation whose quote is exactly the "
        "words spoken may leave it out",
    )
    return False


def _briefing(root: Path, rel: str) -> tuple[Briefing | None, list[Diagnostic]]:
    doc, diagnostics = _load_doc(root, rel, required=True)
    if doc is None:
        return None, diagnostics
    converter = Converter(doc)
    converted = converter.mapping(doc.data, (), BRIEFING)
    required = all(f.name in converted.values for f in BRIEFING.fields if f.required)
    if not converted.ok and not required:
        return None, diagnostics + converter.diagnostics
    # An invalid optional field (reported above, so the build still fails) is left at its default:
    # the rest of the project is then checked in the same run instead of after it is fixed.
    return Briefing(origin=converter.origin((), doc.data), **converted.values), diagnostics + converter.diagnostics


def parse_prose(name: str, rel: str, text: str) -> Prose:
    citations = []
    for match in PROSE_CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        line_start = text.rfind("\n", 0, match.start()) + 1
        offset = match.start(1)
        for part, (target, pin) in zip(match.group(1).split(";"), prose_targets(match.group(1)), strict=True):
            column = offset + part.index(target) - line_start + 1
            citations.append(ProseCitation(target, Location(rel, line, column), pin))
            offset += len(part) + 1
    return Prose(name, rel, text, tuple(citations))


def _duplicate_ids(groups: list[list[Item]]) -> list[Diagnostic]:
    seen: dict[str, Location] = {}
    found = []
    for items in groups:
        for item in items:
            loc = item.origin.of("id")
            if item.id in seen:
                first = seen[item.id]
                found.append(
                    error(
                        "content.duplicate-id",
                        f"id '{item.id}' is already used at {first}",
                        loc,
                        "ids must be unique across all content files; rename one of them",
                    )
                )
            else:
                seen[item.id] = loc
    return found


def _unknown_files(root: Path) -> list[Diagnostic]:
    folder = root / CONTENT_DIR
    known = set(LIST_FILES) | {BRIEFING_FILE} | {f"{p}.md" for p in PROSE_FILES}
    found = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix in (".yaml", ".yml", ".md") and path.name not in known:
            found.append(
                warning(
                    "content.unknown-file",
                    f"{CONTENT_DIR}/{path.name} is not a known content file",
                    Location(f"{CONTENT_DIR}/{path.name}"),
                    f"content files are: {', '.join(sorted(known))}",
                )
            )
    return found


def load_content(root: Path) -> tuple[Content | None, list[Diagnostic]]:
    """Read and convert every content file. Returns None when anything is unusable."""
    if not (root / CONTENT_DIR).is_dir():
        return None, [
            error(
                "content.missing-dir",
                f"no {CONTENT_DIR}/ folder in {root.name or root}",
                Location(CONTENT_DIR),
                "run inside a briefing project, or 'briefing new DIR'",
            )
        ]
    diagnostics: list[Diagnostic] = []
    briefing, found = _briefing(root, f"{CONTENT_DIR}/{BRIEFING_FILE}")
    diagnostics += found
    loaded: dict[str, list[Item]] = {}
    dropped: set[str] = set()
    for kind, result in zip(KINDS, _each_list(root), strict=True):
        loaded[kind.plural] = result.items
        diagnostics += result.diagnostics
        dropped.update(result.dropped)
    corrections = _list_file(root, CORRECTIONS_FILE, CORRECTION, Correction)
    diagnostics += corrections.diagnostics
    prose = []
    for name in PROSE_FILES:
        rel = f"{CONTENT_DIR}/{name}.md"
        text, found = read_text_file(root, rel)
        diagnostics += found
        if text is not None:
            prose.append(parse_prose(name, rel, text))
    diagnostics += _duplicate_ids(list(loaded.values()))
    diagnostics += _unknown_files(root)
    if briefing is None:
        return None, diagnostics
    # Each list holds its kind's model by construction (kind.model above); Content's fields say which.
    lists: dict[str, Any] = {plural: tuple(found) for plural, found in loaded.items()}
    content = Content(
        briefing, **lists, prose=tuple(prose), corrections=tuple(corrections.items), dropped=frozenset(dropped)
    )
    return content, diagnostics
