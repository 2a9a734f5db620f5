"""The JSON Schemas are generated from schema.py, shipped up to date, and agree with the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DEMO, REPO
from jsonschema import Draft202012Validator

from briefing.cli import main
from briefing.load.content import LIST_FILES
from briefing.load.schema import BRIEFING
from briefing.load.yamlfile import load_yaml
from briefing.tools.jsonschema_gen import content_files, file_schema, generate, modeline, schema_file_name
from briefing.tools.scaffold import create


def validator(content_file: str) -> Draft202012Validator:
    return Draft202012Validator(file_schema(content_file))


def yaml_data(path: Path) -> Any:
    doc, diagnostics = load_yaml(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None, diagnostics
    return doc.data


def errors(content_file: str, data: Any) -> list[str]:
    return [e.message for e in validator(content_file).iter_errors(data)]


@pytest.mark.parametrize("name", content_files())
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = file_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_committed_schemas_equal_generated() -> None:
    generated = generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.json")}
    assert committed == generated, "schemas/ is stale: run 'briefing schema' and commit the result"


@pytest.mark.parametrize("name", content_files())
def test_every_table_field_is_in_the_schema(name: str) -> None:
    table = BRIEFING if name == "briefing.yaml" else LIST_FILES[name][0]
    schema = file_schema(name)
    obj = schema if table is BRIEFING else schema["$defs"][table.name]
    assert list(obj["properties"]) == [f.name for f in table.fields]
    assert obj["required"] == [f.name for f in table.fields if f.required]
    assert obj["additionalProperties"] is False
    for f in table.fields:
        assert obj["properties"][f.name]["description"] == f.doc


@pytest.mark.parametrize("project", [REPO, DEMO], ids=["shipped", "demo"])
def test_content_files_validate(project: Path) -> None:
    files = sorted((project / "content").glob("*.yaml"))
    assert files
    for path in files:
        assert errors(path.name, yaml_data(path)) == [], path


def test_shipped_content_files_carry_the_modeline() -> None:
    for path in sorted((REPO / "content").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == modeline(path.name), path
        assert (path.parent / first.split("=", 1)[1]).resolve() == REPO / "schemas" / schema_file_name(path.name)


def test_every_example_validates() -> None:
    """The examples in the table are what editors show; each must pass its own field schema."""
    for name in content_files():
        schema = file_schema(name)
        objects = [schema] if name == "briefing.yaml" else list(schema["$defs"].values())
        for obj in objects:
            for field_name, prop in obj["properties"].items():
                for example in prop.get("examples", []):
                    sub = {"$defs": schema.get("$defs", {}), **prop}
                    found = list(Draft202012Validator(sub).iter_errors(example))
                    assert found == [], (name, field_name, example)


SOURCE = {
    "id": "a-source",
    "file": "a.txt",
    "sha256": "e2a16b572df103c561db4930147977586e54ec31655b78256855a41afeeca57e",
    "title": "A title",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": "Not A Slug"}, "does not match"),
        ({"sha256": "abc"}, "does not match"),
        ({"published": "21 Feb 2022"}, "is not valid under any of the given schemas"),
        ({"title_origin": "editor"}, "is not one of"),
        ({"titel": "typo"}, "Additional properties are not allowed"),
        ({"title": "   "}, "does not match"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change: dict[str, str], expected: str) -> None:
    found = errors("sources.yaml", [{**SOURCE, **change}])
    assert any(expected in message for message in found), found


def test_schema_requires_fields_and_citations() -> None:
    assert any("'sha256' is a required property" in m for m in errors("sources.yaml", [{"id": "a", "file": "a.txt"}]))
    actor = {"id": "a", "name": "A", "kind": "person", "cite": []}
    assert any("should be non-empty" in m for m in errors("actors.yaml", [actor]))


def test_list_fields_take_a_single_value_too() -> None:
    event = {
        "id": "e",
        "title": "T",
        "date_text": "today",
        "status": "occurred",
        "actors": "a",
        "cite": [{"source": "s", "quote": "q"}],
    }
    assert errors("events.yaml", [event]) == []
    assert errors("events.yaml", [{**event, "actors": ["a", "B C"]}]) != []


def test_editor_numbers_and_years_are_accepted() -> None:
    """yaml-language-server reads 0.9 and 2014 as numbers and true as a boolean; the schema must not flag them."""
    assert errors("briefing.yaml", {"title": "T", "as_of": 2014, "coverage_target": 0.9, "curation_page": True}) == []
    assert errors("briefing.yaml", {"title": "T", "as_of": "2022-02-21", "coverage_target": "1.5"}) != []
    assert errors("briefing.yaml", {"title": "T", "as_of": "2022-02-21", "curation_page": "yes"}) != []


def test_cli_schema_writes_the_generated_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(tmp_path), "schema", "--out", str(tmp_path / "out")]) == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert written == generate()
    assert json.loads(written["events.schema.json"])["items"] == {"$ref": "#/$defs/event"}
    assert "wrote" in capsys.readouterr().out


class Yaml12Loader(yaml.SafeLoader):
    """Types scalars as YAML 1.2's core schema does, like yaml-language-server: true/false, numbers,
    null; dates and yes/no stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


@pytest.mark.parametrize("project", [REPO, DEMO, None], ids=["shipped", "demo", "scaffold"])
def test_editors_reading_yaml_1_2_see_no_errors(project: Path | None, tmp_path: Path) -> None:
    """What yaml-language-server shows: the files typed as YAML 1.2, against the same schemas."""
    if project is None:
        project = tmp_path / "new"
        create(project)
    for path in sorted((project / "content").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        assert errors(path.name, data) == [], path


def test_yaml_1_2_loader_types_like_an_editor() -> None:
    data = yaml.load("a: true\nb: 0.9\nc: 2022-02-21\nd: yes\ne: 2014", Loader=Yaml12Loader)
    assert data == {"a": True, "b": 0.9, "c": "2022-02-21", "d": "yes", "e": 2014}
