"""Convert YAML data against the schema table, collecting diagnostics at each key and value."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.diagnostics import Diagnostic, did_you_mean, error
from briefing.load.ids import id_for, slugify
from briefing.load.schema import CITATION, POSITION, SENTENCE_ID, SHA256, SLUG, WORDING, Field, Schema
from briefing.load.sources import seed_digest
from briefing.load.yamlfile import Path_, YamlDocument
from briefing.model.dates import DateError, parse_date


@dataclass
class Converted:
    """Converted field values of one mapping, plus the diagnostics found."""

    values: dict[str, Any]
    ok: bool


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text"


@dataclass
class _Misspelt:
    unknown: bool = False
    """A key the schema does not know was found (and reported)."""
    fields: set[str] = field(default_factory=set)
    """Fields the unknown keys probably stand for: not reported missing as well."""


class Converter:
    """Converts YAML data against the schema table, collecting diagnostics."""

    def __init__(self, doc: YamlDocument, seeds: Path | None = None) -> None:
        self.doc = doc
        self.seeds = seeds
        """The seeds folder, so that a sha256 hint can give the file's digest."""
        self.diagnostics: list[Diagnostic] = []

    def problem(self, code: str, message: str, path: Path_, hint: str | None = None, key: bool = False) -> None:
        location = self.doc.key_at(path) if key else self.doc.at(path)
        self.diagnostics.append(error(code, message, location, hint))

    def missing_hint(self, f: Field, data: dict[str, Any]) -> str:
        """What to add: the digest for a missing sha256, an id made from the item's title or name."""
        if f.type == "sha256":
            return self.pin_hint(f, data, "add")
        made = id_for(data) if f.name == "id" else None
        if made is not None:
            return f"add 'id: {made[0]}' (made from its {made[1]}; ids are unique across all content files)"
        return f"add '{f.name}: ...' ({f.doc[0].lower() + f.doc[1:]})"

    def mapping(self, data: Any, path: Path_, schema: Schema) -> Converted:
        if not isinstance(data, dict):
            self.problem(
                "schema.type",
                f"expected a mapping ({schema.name}), found {_type_name(data)}",
                path,
                "write 'key: value' lines; see docs/content.md",
            )
            return Converted({}, False)
        misspelt = self._unknown_keys(data, path, schema)
        values, ok = self._fields(data, path, schema, misspelt)
        ok = ok and not misspelt.unknown
        ok = ok and self._one_of_required(data, path, schema)
        return Converted(values, ok)

    def _unknown_keys(self, data: dict[Any, Any], path: Path_, schema: Schema) -> _Misspelt:
        """Report every key the schema does not know; say which fields they probably stand for."""
        names = [f.name for f in schema.fields]
        found = _Misspelt()
        for key in data:
            if schema.field(key) is None:
                found.unknown = True
                found.fields.update(difflib.get_close_matches(key, sorted(set(names)), n=1, cutoff=0.6))
                hint = did_you_mean(key, names) or f"known fields: {', '.join(names)}"
                self.problem(
                    "schema.unknown-key", f"unknown field '{key}' in {schema.name}", (*path, key), hint, key=True
                )
        return found

    def _fields(
        self, data: dict[Any, Any], path: Path_, schema: Schema, misspelt: _Misspelt
    ) -> tuple[dict[str, Any], bool]:
        """Each field's converted value; False when one is missing or invalid (each reported)."""
        ok = True
        values: dict[str, Any] = {}
        for f in schema.fields:
            if f.name not in data or data[f.name] is None:
                if f.required and f.name not in misspelt.fields:  # a misspelt key is reported already
                    where = path if f.name not in data else (*path, f.name)
                    self.problem(
                        "schema.missing",
                        f"{schema.name} is missing required field '{f.name}'",
                        where,
                        self.missing_hint(f, data),
                        key=f.name in data,
                    )
                    ok = False
                continue
            converted = self.value(f, data[f.name], (*path, f.name))
            if converted is _INVALID:
                ok = False
            else:
                values[f.name] = converted
        return values, ok

    def _one_of_required(self, data: dict[Any, Any], path: Path_, schema: Schema) -> bool:
        """A schema's ``requires``: one of its alternative sets of fields must be given."""
        if not schema.requires or any(all(n in data for n in alt) for alt in schema.requires):
            return True
        given = [n for alt in schema.requires for n in alt if n in data]
        wanted = " or ".join(" with ".join(f"'{n}'" for n in alt) for alt in schema.requires)
        self.problem(
            "schema.missing",
            f"{schema.name} needs {wanted}",
            (*path, given[0]) if given else path,
            schema.requires_hint,
            key=bool(given),
        )
        return False

    def value(self, f: Field, raw: Any, path: Path_) -> Any:
        convert = _CONVERTERS[f.type]
        return convert(self, f, raw, path)

    def text(self, f: Field, raw: Any, path: Path_) -> Any:
        if not isinstance(raw, str):
            self.problem(
                "schema.type",
                f"'{f.name}' must be text, found {_type_name(raw)}",
                path,
                "quote the value if it contains ': ' or starts with a special character",
            )
            return _INVALID
        if not raw.strip():
            self.problem("schema.empty", f"'{f.name}' is empty", path, f"give {f.name} a value or remove the line")
            return _INVALID
        return raw.strip()

    def slug(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not _INVALID and not SLUG.match(value):
            suggestion = slugify(value)
            example = f"'{suggestion}'" if suggestion else "'joe-biden'"
            what = "an id" if f.type == "slug" else "the id of the item, not its name"
            self.problem(
                "schema.bad-id",
                f"'{value}' is not a valid id",
                path,
                f"{what}: lowercase letters, digits and single hyphens, e.g. {example}",
            )
            return _INVALID
        return value

    def pin_hint(self, f: Field, item: dict[str, Any], verb: str) -> str:
        """The digest of the file this pin is for, computed here, so the curator never runs sha256sum."""
        name = item.get(f.target)
        digest = seed_digest(self.seeds, name) if self.seeds is not None else None
        if digest is not None:
            return f"{verb} '{f.name}: {digest}' (the SHA-256 of seeds/{str(name).strip()} as it is now)"
        if not isinstance(name, str) or not name.strip():
            return f"give '{f.target}:' first; the next check prints the file's SHA-256 to paste here"
        return f"seeds/{name.strip()} is not a readable file yet: put it there, and the next check prints its SHA-256"

    def sha256(self, f: Field, raw: Any, path: Path_) -> Any:
        value = raw.strip() if isinstance(raw, str) else raw
        if not isinstance(value, str) or not SHA256.match(value.lower()):
            item = self._parent(path)
            self.problem(
                "schema.bad-sha256", f"'{f.name}' is not a SHA-256 hex digest", path, self.pin_hint(f, item, "write")
            )
            return _INVALID
        return value.lower()

    def _parent(self, path: Path_) -> dict[str, Any]:
        """The mapping holding the value at ``path`` (for a sibling field such as ``file``)."""
        node: Any = self.doc.data
        for key in path[:-1]:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return {}
        return node if isinstance(node, dict) else {}

    def date(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is _INVALID:
            return value
        try:
            return parse_date(value)
        except DateError as exc:
            hint = exc.hint or (
                "use YYYY-MM-DD, YYYY-MM, YYYY or an interval START/END, e.g. 2022-02-21/2022-02-24; "
                "'2017-11-14~' is about, '../2017-11-14' on or before, '2017-11-14/..' on or after"
            )
            self.problem("schema.bad-date", str(exc), path, hint)
            return _INVALID

    def choice(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not _INVALID and value not in f.choices:
            hint = did_you_mean(value, f.choices) or f"one of: {', '.join(f.choices)}"
            self.problem("schema.bad-choice", f"'{value}' is not a valid {f.name}", path, hint)
            return _INVALID
        return value

    def flag(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.choice(f, raw, path)
        return value if value is _INVALID else value == "true"

    def number(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is _INVALID:
            return value
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0.0 <= number <= 1.0:
            self.problem(
                "schema.bad-number",
                f"'{f.name}' must be a number from 0 to 1, found '{value}'",
                path,
                "e.g. 0.9 for 90%",
            )
            return _INVALID
        return number

    def url(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not _INVALID and not re.match(r"^https?://[^\s/]+", value):
            self.problem(
                "schema.bad-url", f"'{f.name}' must be an http(s) URL", path, "e.g. https://example.org/briefing/"
            )
            return _INVALID
        return value

    def listed(self, f: Field, raw: Any, path: Path_, item: Callable[[Any, Path_], Any]) -> Any:
        if isinstance(raw, str) and f.type in ("refs", "texts", "sentences"):
            raw = [raw]  # a single value where a list is expected is unambiguous
            self.doc.values.setdefault((*path, 0), self.doc.at(path))
        if not isinstance(raw, list):
            self.problem(
                "schema.type",
                f"'{f.name}' must be a list, found {_type_name(raw)}",
                path,
                "write one '- item' per line under the key",
            )
            return _INVALID
        items = [item(element, (*path, i)) for i, element in enumerate(raw)]
        return _INVALID if any(i is _INVALID for i in items) else tuple(items)

    def texts(self, f: Field, raw: Any, path: Path_) -> Any:
        return self.listed(f, raw, path, lambda v, p: self.text(f, v, p))

    def sentences(self, f: Field, raw: Any, path: Path_) -> Any:
        return self.listed(f, raw, path, lambda v, p: self.sentence(f, v, p))

    def refs(self, f: Field, raw: Any, path: Path_) -> Any:
        return self.listed(f, raw, path, lambda v, p: self.slug(f, v, p))

    def citations(self, f: Field, raw: Any, path: Path_) -> Any:
        from briefing.model.facts import Citation

        def one(element: Any, p: Path_) -> Any:
            converted = self.mapping(element, p, CITATION)
            if not converted.ok or not self._cites_something(converted.values, p):
                return _INVALID
            values = converted.values
            if "sentence" in values:
                where = self.doc.at((*p, "quote" if "quote" in values else "sentence"))
                source = values["sentence"].rpartition(".")[0]
                at = self.doc.at((*p, "sentence"))
                return Citation(source, values.get("quote", ""), where, values["sentence"], at)
            return Citation(values["source"], values["quote"], self.doc.at((*p, "quote")))

        result = self.listed(f, raw, path, one)
        if result is not _INVALID and f.required and not result:
            self.problem(
                "schema.empty",
                f"'{f.name}' is empty: every fact needs at least one citation",
                path,
                "add '- source: ID' and 'quote: \"...\"' from the source",
            )
            return _INVALID
        return result

    def _cites_something(self, values: dict[str, Any], p: Path_) -> bool:
        """A sentence id names its source: a 'source' beside it must be the same."""
        source = values["sentence"].rpartition(".")[0] if "sentence" in values else ""
        if source and values.get("source", source) != source:
            self.problem(
                "citation.source-mismatch",
                f"sentence '{values['sentence']}' is not in source '{values['source']}'",
                (*p, "source"),
                "a sentence id names its source: remove 'source:', or fix the sentence id",
            )
            return False
        return True

    def sentence(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not _INVALID and not SENTENCE_ID.match(value):
            self.problem(
                "schema.bad-sentence-id",
                f"'{value}' is not a sentence id",
                path,
                "a sentence id is the source id, a dot and the sentence's number, e.g. 'report-b.9' "
                "(numbers from 'briefing sentences SOURCE')",
            )
            return _INVALID
        return value

    def parts(self, f: Field, raw: Any, path: Path_) -> Any:
        """One text, or a list of texts (the verbatim parts of an interrupted quote)."""
        if isinstance(raw, list):
            if not raw:
                self.problem("schema.empty", f"'{f.name}' is an empty list", path, f"give {f.name} a value")
                return _INVALID
            return self.texts(f, raw, path)
        value = self.text(f, raw, path)
        return value if value is _INVALID else (value,)

    def wordings(self, f: Field, raw: Any, path: Path_) -> Any:
        """A date's wording: one text, or a list of {source, text} when reports word it differently."""
        from briefing.model.facts import Wording

        if not isinstance(raw, list):
            value = self.text(f, raw, path)
            return value if value is _INVALID else (Wording(value, "", self.doc.at(path)),)

        def one(element: Any, p: Path_) -> Any:
            if isinstance(element, str):
                self.problem(
                    "schema.type",
                    f"an item of '{f.name}' must be a mapping {{source, text}}, found text",
                    p,
                    f"write '- source: SOURCE-ID' and 'text: ...' for each source, or one text for '{f.name}'",
                )
                return _INVALID
            converted = self.mapping(element, p, WORDING)
            if not converted.ok:
                return _INVALID
            values = converted.values
            return Wording(values["text"], values["source"], self.doc.at((*p, "text")))

        return self.listed(f, raw, path, one)

    def positions(self, f: Field, raw: Any, path: Path_) -> Any:
        from briefing.model.facts import Position

        def one(element: Any, p: Path_) -> Any:
            converted = self.mapping(element, p, POSITION)
            if not converted.ok:
                return _INVALID
            return Position(origin=self.origin(p, element), **converted.values)

        return self.listed(f, raw, path, one)

    def origin(self, path: Path_, data: Any) -> Any:
        from briefing.model.facts import Origin

        keys = data if isinstance(data, dict) else {}
        fields = [(k, self.doc.at((*path, k))) for k in keys]
        for k in keys:  # list elements too, so a bad reference is shown where it stands
            if isinstance(keys[k], list):
                fields += [(f"{k}[{i}]", self.doc.at((*path, k, i))) for i in range(len(keys[k]))]
        return Origin(self.doc.at(path), tuple(fields))


class _Invalid:
    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()

_CONVERTERS: dict[str, Callable[[Converter, Field, Any, Path_], Any]] = {
    "text": Converter.text,
    "slug": Converter.slug,
    "ref": Converter.slug,
    "sha256": Converter.sha256,
    "date": Converter.date,
    "choice": Converter.choice,
    "flag": Converter.flag,
    "number": Converter.number,
    "url": Converter.url,
    "texts": Converter.texts,
    "refs": Converter.refs,
    "citations": Converter.citations,
    "sentence": Converter.sentence,
    "sentences": Converter.sentences,
    "parts": Converter.parts,
    "wordings": Converter.wordings,
    "positions": Converter.positions,
}
