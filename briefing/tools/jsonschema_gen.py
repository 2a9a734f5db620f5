"""JSON Schema (draft 2020-12) for every content file, generated from the table in schema.py.

Editors (VS Code's YAML extension, anything speaking yaml-language-server) use
these files to autocomplete fields and flag mistakes while the curator types;
``briefing check`` stays the authority. Our YAML loader keeps every scalar a
string, so each scalar is typed as a string with a pattern. The exceptions
exist for editors only, which follow YAML 1.2 and read ``0.9`` and ``2014`` as
numbers and ``true`` as a boolean: number and date fields also admit a number
in the same range, and true/false fields a boolean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.load.content import BRIEFING_FILE, LIST_FILES
from briefing.load.schema import BRIEFING, CITATION, LABEL, POSITION, SENTENCE_ID, SHA256, SLUG, WORDING, Field, Schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
_DAY = r"\d{4}(-\d{2}(-\d{2})?)?~?"
DATE_PATTERN = rf"^\s*({_DAY}(/({_DAY}|\.\.))?|\.\./{_DAY})\s*$"
NUMBER_PATTERN = r"^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$"
URL_PATTERN = r"^\s*https?://[^\s/]+"
TEXT_PATTERN = r"\S"
LANGUAGE_PATTERN = r"^\s*([A-Za-z]{2,8}|[xX])(-[A-Za-z0-9]{1,8})*\s*$"
"""The shape of a BCP 47 tag, for editors; 'briefing check' knows which subtags exist."""
NESTED = {"citations": CITATION, "positions": POSITION}
ONE_OR_LIST = {"wordings": WORDING}
"""Fields written as one text or as a list of these mappings."""


def schema_file_name(content_file: str) -> str:
    """``sources.yaml`` -> ``sources.schema.json``."""
    return content_file.removesuffix(".yaml") + ".schema.json"


def _string(pattern: str) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern}


def _scalar(f: Field) -> dict[str, Any]:
    """The schema of one scalar value of a field."""
    if f.type in ("slug", "ref", "refs"):
        return _string(SLUG.pattern)
    if f.type in ("sentence", "sentences"):
        return _string(SENTENCE_ID.pattern)
    if f.type == "label":
        return _string(LABEL.pattern)
    if f.type == "sha256":
        return _string(SHA256.pattern.replace("0-9a-f", "0-9a-fA-F"))
    if f.type == "choice":
        return {"type": "string", "enum": list(f.choices)}
    if f.type == "flag":
        return {"anyOf": [{"type": "string", "enum": list(f.choices)}, {"type": "boolean"}]}
    if f.type == "date":
        return {"anyOf": [_string(DATE_PATTERN), {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    if f.type == "number":
        return {"anyOf": [_string(NUMBER_PATTERN), {"type": "number", "minimum": 0, "maximum": 1}]}
    if f.type == "url":
        return _string(URL_PATTERN)
    if f.type == "language":
        return _string(LANGUAGE_PATTERN)
    return _string(TEXT_PATTERN)


def field_schema(f: Field) -> dict[str, Any]:
    """The schema of a field's value, with its description and example."""
    if f.type in NESTED:
        nested = NESTED[f.type]
        body: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{nested.name}"}}
        if f.required and f.type == "citations":
            body["minItems"] = 1
    elif f.type in ONE_OR_LIST:
        one_text = _string(TEXT_PATTERN)
        body = {"anyOf": [one_text, {"type": "array", "items": {"$ref": f"#/$defs/{ONE_OR_LIST[f.type].name}"}}]}
    elif f.type in ("texts", "refs", "sentences", "parts"):
        # A single value where a list is expected is accepted by the loader too.
        one = _scalar(f)
        body = {"anyOf": [one, {"type": "array", "items": one}]}
    else:
        body = _scalar(f)
    described: dict[str, Any] = {"description": f.doc, **body}
    if f.example is not None:
        described["examples"] = [f.example]
    return described


def object_schema(schema: Schema) -> dict[str, Any]:
    result: dict[str, Any] = {
        "title": schema.name,
        "description": schema.doc,
        "type": "object",
        "properties": {f.name: field_schema(f) for f in schema.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in schema.fields if f.required]
    if required:
        result["required"] = required
    if schema.requires:
        result["anyOf"] = [{"required": list(alternative)} for alternative in schema.requires]
    return result


def _defs(schema: Schema) -> dict[str, Any]:
    """The nested schemas a schema uses (citation, position and, through it, citation)."""
    found: dict[str, Any] = {}
    for f in schema.fields:
        nested = NESTED.get(f.type) or ONE_OR_LIST.get(f.type)
        if nested is not None and nested.name not in found:
            found[nested.name] = object_schema(nested)
            found.update(_defs(nested))
    return dict(sorted(found.items()))


def file_schema(content_file: str) -> dict[str, Any]:
    """The complete JSON Schema of one content file."""
    header = {"$schema": DRAFT, "$id": schema_file_name(content_file)}
    if content_file == BRIEFING_FILE:
        document = {**object_schema(BRIEFING), "title": f"content/{content_file}"}
        defs = _defs(BRIEFING)
    else:
        schema = LIST_FILES[content_file][0]
        document = {
            "title": f"content/{content_file}",
            "description": schema.doc,
            "type": "array",
            "items": {"$ref": f"#/$defs/{schema.name}"},
        }
        defs = {**_defs(schema), schema.name: object_schema(schema)}
    return {**header, **document, **({"$defs": dict(sorted(defs.items()))} if defs else {})}


def content_files() -> list[str]:
    return [BRIEFING_FILE, *LIST_FILES]


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def generate() -> dict[str, str]:
    """{schema file name: JSON text} for every content file."""
    return {schema_file_name(name): render(file_schema(name)) for name in content_files()}


def modeline(content_file: str, schema_dir: str = f"../{SCHEMA_DIR}") -> str:
    """The editor comment put on the first line of a content file."""
    return f"# yaml-language-server: $schema={schema_dir}/{schema_file_name(content_file)}"


def write_schemas(out: Path) -> list[Path]:
    """Write the generated schemas into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
