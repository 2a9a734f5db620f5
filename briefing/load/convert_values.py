"""Single YAML values against a field of the schema table: text, ids, pins, dates, choices, numbers, urls."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefing.core.diagnostics import Diagnostic, did_you_mean, error
from briefing.load import language_tag
from briefing.load.ids import slugify
from briefing.load.schema import LABEL, LABEL_LENGTH, SHA256, SLUG, Field
from briefing.load.sources import seed_digest
from briefing.load.yamlfile import Path_, YamlDocument
from briefing.model.dates import DateError, parse_date


class _Invalid:
    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text"


class ValueConverter:
    """The diagnostics collected so far, and a converter per kind of single value."""

    def __init__(self, doc: YamlDocument, seeds: Path | None = None) -> None:
        self.doc = doc
        self.seeds = seeds
        """The seeds folder, so that a sha256 hint can give the file's digest."""
        self.diagnostics: list[Diagnostic] = []

    def problem(self, code: str, message: str, path: Path_, hint: str | None = None, key: bool = False) -> None:
        location = self.doc.key_at(path) if key else self.doc.at(path)
        self.diagnostics.append(error(code, message, location, hint))

    def text(self, f: Field, raw: Any, path: Path_) -> Any:
        if not isinstance(raw, str):
            self.problem(
                "schema.type",
                f"'{f.name}' must be text, found {type_name(raw)}",
                path,
                "quote the value if it contains ': ' or starts with a special character",
            )
            return INVALID
        if not raw.strip():
            self.problem("schema.empty", f"'{f.name}' is empty", path, f"give {f.name} a value or remove the line")
            return INVALID
        return raw.strip()

    def slug(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and not SLUG.match(value):
            suggestion = slugify(value)
            example = f"'{suggestion}'" if suggestion else "'joe-biden'"
            what = "an id" if f.type == "slug" else "the id of the item, not its name"
            self.problem(
                "schema.bad-id",
                f"'{value}' is not a valid id",
                path,
                f"{what}: lowercase letters, digits and single hyphens, e.g. {example}",
            )
            return INVALID
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

    def label(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and not LABEL.match(value):
            suggestion = re.sub(r"[^A-Za-z0-9_-]+", "", value)[:LABEL_LENGTH]
            self.problem(
                "schema.bad-label",
                f"'{value}' is not a valid label",
                path,
                f"a label is 1 to {LABEL_LENGTH} letters, digits, '-' or '_', starting with a letter or digit,"
                f" e.g. '{suggestion or 'AP'}'",
            )
            return INVALID
        return value

    def sha256(self, f: Field, raw: Any, path: Path_) -> Any:
        value = raw.strip() if isinstance(raw, str) else raw
        if not isinstance(value, str) or not SHA256.match(value.lower()):
            item = self._parent(path)
            self.problem(
                "schema.bad-sha256", f"'{f.name}' is not a SHA-256 hex digest", path, self.pin_hint(f, item, "write")
            )
            return INVALID
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
        if value is INVALID:
            return value
        try:
            return parse_date(value)
        except DateError as exc:
            hint = exc.hint or (
                "use YYYY-MM-DD, YYYY-MM, YYYY or an interval START/END, e.g. 2022-02-21/2022-02-24; "
                "'2017-11-14~' is about, '../2017-11-14' on or before, '2017-11-14/..' on or after"
            )
            self.problem("schema.bad-date", str(exc), path, hint)
            return INVALID

    def choice(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and value not in f.choices:
            hint = did_you_mean(value, f.choices) or f"one of: {', '.join(f.choices)}"
            self.problem("schema.bad-choice", f"'{value}' is not a valid {f.name}", path, hint)
            return INVALID
        return value

    def flag(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.choice(f, raw, path)
        return value if value is INVALID else value == "true"

    def number(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is INVALID:
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
            return INVALID
        return number

    def language(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and not language_tag.is_valid(value):
            self.problem(
                "schema.bad-language", f"'{value}' is not a BCP 47 language tag", path, language_tag.hint(value)
            )
            return INVALID
        return value

    def url(self, f: Field, raw: Any, path: Path_) -> Any:
        value = self.text(f, raw, path)
        if value is not INVALID and not re.match(r"^https?://[^\s/]+", value):
            self.problem(
                "schema.bad-url", f"'{f.name}' must be an http(s) URL", path, "e.g. https://example.org/briefing/"
            )
            return INVALID
        return value
