"""Convert YAML data against the schema table, collecting diagnostics at each key and value."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefing.core.diagnostics import did_you_mean
from briefing.load.convert_values import INVALID, ValueConverter, type_name
from briefing.load.ids import id_for
from briefing.load.schema import CITATION, POSITION, SENTENCE_ID, WORDING, Field, Schema
from briefing.load.yamlfile import Path_


@dataclass
class Converted:
    """Converted field values of one mapping, plus the diagnostics found."""

    values: dict[str, Any]
    ok: bool


@dataclass
class _Misspelt:
    unknown: bool = False
    """A key the schema does not know was found (and reported)."""
    fields: set[str] = field(default_factory=set)
    """Fields the unknown keys probably stand for: not reported missing as well."""


class Converter(ValueConverter):
    """Converts YAML data against the schema table, collecting diagnostics: mappings, lists and citations
    here, single values in convert_values.py."""

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
                f"expected a mapping ({schema.name}), found {type_name(data)}",
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
        found = _Misspelt()
        for key in data:
            if schema.field(key) is None:
                names = [f.name for f in schema.fields]
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
            raw = data.get(f.name)
            if raw is None:  # absent, or written empty
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
            converted = _CONVERTERS[f.type](self, f, raw, (*path, f.name))
            if converted is INVALID:
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

    def listed(self, f: Field, raw: Any, path: Path_, item: Callable[[Any, Path_], Any]) -> Any:
        if isinstance(raw, str) and f.type in ("refs", "texts", "sentences"):
            raw = [raw]  # a single value where a list is expected is unambiguous
            self.doc.values.setdefault((*path, 0), self.doc.place(path))
        if not isinstance(raw, list):
            self.problem(
                "schema.type",
                f"'{f.name}' must be a list, found {type_name(raw)}",
                path,
                "write one '- item' per line under the key",
            )
            return INVALID
        items = [item(element, (*path, i)) for i, element in enumerate(raw)]
        return INVALID if any(i is INVALID for i in items) else tuple(items)

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
                return INVALID
            values = converted.values
            if "sentence" in values:
                where = self.doc.at((*p, "quote" if "quote" in values else "sentence"))
                source = values["sentence"].rpartition(".")[0]
                at = self.doc.at((*p, "sentence"))
                translation, pin = values.get("translation", ""), values.get("pin", "")
                quote, earlier = values.get("quote", ""), values.get("earlier_version", False)
                return Citation(
                    source,
                    quote,
                    where,
                    values["sentence"],
                    at,
                    translation=translation,
                    pin=pin,
                    earlier_version=earlier,
                )
            where = self.doc.at((*p, "quote"))
            translation, earlier = values.get("translation", ""), values.get("earlier_version", False)
            return Citation(values["source"], values["quote"], where, translation=translation, earlier_version=earlier)

        result = self.listed(f, raw, path, one)
        if result is not INVALID and f.required and not result:
            self.problem(
                "schema.empty",
                f"'{f.name}' is empty: every fact needs at least one citation",
                path,
                "add '- source: ID' and 'quote: \"...\"' from the source",
            )
            return INVALID
        return result

    def _cites_something(self, values: dict[str, Any], p: Path_) -> bool:
        """A sentence id names its source: a 'source' beside it must be the same; only a sentence id has a pin."""
        source = values["sentence"].rpartition(".")[0] if "sentence" in values else ""
        if source and values.get("source", source) != source:
            self.problem(
                "citation.source-mismatch",
                f"sentence '{values['sentence']}' is not in source '{values['source']}'",
                (*p, "source"),
                "a sentence id names its source: remove 'source:', or fix the sentence id",
            )
            return False
        if "pin" in values and not source:
            self.problem(
                "citation.pin-without-sentence",
                "'pin' pins a sentence id, and this citation has none",
                (*p, "pin"),
                "remove 'pin:' (a quote is found wherever it is), or cite the sentence as 'sentence: SOURCE.N'",
            )
            return False
        return True

    def sentence(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and not SENTENCE_ID.match(value):
            self.problem(
                "schema.bad-sentence-id",
                f"'{value}' is not a sentence id",
                path,
                "a sentence id is the source id, a dot and the sentence's number, e.g. 'report-b.9' "
                "(numbers from 'briefing sentences SOURCE')",
            )
            return INVALID
        return value

    def parts(self, f: Field, raw: Any, path: Path_) -> Any:
        """One text, or a list of texts (the verbatim parts of an interrupted quote)."""
        if isinstance(raw, list):
            if not raw:
                self.problem("schema.empty", f"'{f.name}' is an empty list", path, f"give {f.name} a value")
                return INVALID
            return self.texts(f, raw, path)
        value = self.text(f, raw, path)
        return value if value is INVALID else (value,)

    def wordings(self, f: Field, raw: Any, path: Path_) -> Any:
        """A date's wording: one text, or a list of {source, text} when reports word it differently."""
        from briefing.model.facts import Wording

        if not isinstance(raw, list):
            value = self.text(f, raw, path)
            return value if value is INVALID else (Wording(value, "", self.doc.at(path)),)

        def one(element: Any, p: Path_) -> Any:
            if isinstance(element, str):
                self.problem(
                    "schema.type",
                    f"an item of '{f.name}' must be a mapping {{source, text}}, found text",
                    p,
                    f"write '- source: SOURCE-ID' and 'text: ...' for each source, or one text for '{f.name}'",
                )
                return INVALID
            converted = self.mapping(element, p, WORDING)
            if not converted.ok:
                return INVALID
            values = converted.values
            return Wording(values["text"], values["source"], self.doc.at((*p, "text")))

        return self.listed(f, raw, path, one)

    def positions(self, f: Field, raw: Any, path: Path_) -> Any:
        from briefing.model.facts import Position

        def one(element: Any, p: Path_) -> Any:
            converted = self.mapping(element, p, POSITION)
            if not converted.ok:
                return INVALID
            return Position(origin=self.origin(p, element), **converted.values)

        return self.listed(f, raw, path, one)

    def origin(self, path: Path_, data: Any) -> Any:
        from briefing.model.facts import Origin

        keys: dict[str, Any] = data if isinstance(data, dict) else {}
        place = self.doc.place
        # Names interned: every fact keeps its own 'cite[0]' otherwise (4.7 MiB per 1,000 sources).
        names = [sys.intern(k) for k in keys]
        places = [place((*path, k)) for k in keys]
        for k, value in keys.items():  # list elements too, so a bad reference is shown where it stands
            if isinstance(value, list):
                names += [sys.intern(f"{k}[{i}]") for i in range(len(value))]
                places += [place((*path, k, i)) for i in range(len(value))]
        return Origin.at(self.doc.at(path), names, places)


_CONVERTERS: dict[str, Callable[[Converter, Field, Any, Path_], Any]] = {
    "text": Converter.text,
    "slug": Converter.slug,
    "ref": Converter.slug,
    "sha256": Converter.sha256,
    "label": Converter.label,
    "date": Converter.date,
    "choice": Converter.choice,
    "flag": Converter.flag,
    "number": Converter.number,
    "url": Converter.url,
    "language": Converter.language,
    "texts": Converter.texts,
    "refs": Converter.refs,
    "citations": Converter.citations,
    "sentence": Converter.sentence,
    "sentences": Converter.sentences,
    "parts": Converter.parts,
    "wordings": Converter.wordings,
    "positions": Converter.positions,
}
