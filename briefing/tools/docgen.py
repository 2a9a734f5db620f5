"""The content reference in docs/content.md, generated from the table in schema.py.

Only the part between the markers is generated; the prose around it is written
by hand. ``invoke docs`` rewrites it; a test fails when it is stale, so a field
cannot be added to the schema without being documented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.load.content import BRIEFING_FILE, LIST_FILES
from briefing.load.schema import BRIEFING, CITATION, POSITION, WORDING, Field, Schema

START = "<!-- generated from briefing/load/schema.py by 'invoke docs': do not edit by hand -->"
END = "<!-- end of generated reference -->"
CONTENT_DOC = Path("docs") / "content.md"

_TYPES = {
    "text": "text",
    "slug": "id (lowercase letters, digits, single hyphens)",
    "date": "date: YYYY-MM-DD, YYYY-MM, YYYY or START/END; X~ about, ../X on or before, X/.. on or after",
    "sentence": "sentence id (SOURCE.N)",
    "sentences": "list of sentence ids (SOURCE.N)",
    "parts": "text, or a list of texts",
    "wordings": "text, or a list of wordings (see below)",
    "label": "label: 1 to 12 letters, digits, '-' or '_'",
    "sha256": "SHA-256 hex digest (64 characters)",
    "number": "number from 0 to 1",
    "url": "http(s) URL",
    "language": "BCP 47 language tag (`en`, `fr`, `pt-BR`, `sr-Latn`)",
    "texts": "list of texts",
    "citations": "list of citations (see below)",
    "positions": "list of positions (see below)",
}


def field_type(f: Field) -> str:
    """How a field's value is written, in words."""
    if f.type in ("choice", "flag"):
        return "one of: " + ", ".join(f"`{c}`" for c in f.choices)
    target = f.target.replace("|", " or ")
    if f.type == "ref":
        return f"id of {'an' if target[0] in 'aeiou' else 'a'} {target}"
    if f.type == "refs":
        return f"list of {target} ids"
    return _TYPES[f.type]


class _Dumper(yaml.SafeDumper):
    """Writes scalars plainly where YAML 1.1 would quote them (dates, numbers, true): our loader reads
    every scalar as text, so the examples look like the content files curators write."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # content files refuse anchors and aliases; shared example values are written twice


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in ("tag:yaml.org,2002:null",)]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump(data: Any, flow: bool | None = False) -> str:
    text: str = yaml.dump(data, Dumper=_Dumper, default_flow_style=flow, allow_unicode=True, sort_keys=False, width=100)
    return text.removesuffix("...\n")


def example_line(name: str, value: Any) -> str:
    """``name: value`` on one line, lists in flow style."""
    if isinstance(value, str):
        return dump({name: value}).strip()
    return f"{name}: " + dump(value, flow=True).strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _required(schema: Schema, f: Field) -> str:
    if f.required:
        return "yes"
    if not any(f.name in alt for alt in schema.requires):
        return ""
    return " or ".join("+".join(f"`{n}`" for n in alt) for alt in schema.requires)


def field_table(schema: Schema) -> str:
    rows = ["| Field | Required | Value | Description | Example |", "|---|---|---|---|---|"]
    for f in schema.fields:
        example = f"`{_cell(example_line(f.name, f.example))}`" if f.example is not None else "see below"
        required = _required(schema, f)
        rows.append(f"| `{f.name}` | {required} | {_cell(field_type(f))} | {_cell(f.doc)} | {example} |")
    return "\n".join(rows)


def example_entry(schema: Schema) -> dict[str, Any]:
    """One entry with every field set to its example (positions built from the position table)."""
    entry: dict[str, Any] = {}
    for f in schema.fields:
        if f.type == "positions":
            entry[f.name] = [example_entry(POSITION), {**example_entry(POSITION), "summary": "No summit was agreed."}]
        elif f.example is not None:
            entry[f.name] = f.example
    return entry


def example_file(content_file: str) -> str:
    schema = BRIEFING if content_file == BRIEFING_FILE else LIST_FILES[content_file][0]
    entry = example_entry(schema)
    data: Any = entry if schema is BRIEFING else [entry]
    return dump(data)


def _section(content_file: str) -> str:
    schema = BRIEFING if content_file == BRIEFING_FILE else LIST_FILES[content_file][0]
    required = "Required." if content_file in (BRIEFING_FILE, "sources.yaml") else "Optional."
    return "\n\n".join(
        [
            f"### content/{content_file}",
            f"{schema.doc} {required}",
            field_table(schema),
            "Every field set:",
            f"```yaml\n{example_file(content_file)}```",
        ]
    )


def reference() -> str:
    """The generated part of docs/content.md, markers included."""
    files = [BRIEFING_FILE, *LIST_FILES]
    parts = [START, *(_section(name) for name in files)]
    for nested in (CITATION, POSITION, WORDING):
        parts += [f"### {nested.name.capitalize()}", nested.doc, field_table(nested)]
    parts.append(END)
    return "\n\n".join(parts) + "\n"


def update(text: str) -> str:
    """The document with its generated part replaced; appended when the markers are missing."""
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        return head + reference().rstrip("\n") + tail
    return text.rstrip("\n") + "\n\n" + reference()
