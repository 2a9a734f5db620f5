"""site/data.json: the whole resolved model, valid against its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from briefing.build import Settings, build, check
from briefing.load import schema as content_schema
from briefing.outputs.export import model_json

SCHEMA = json.loads((Path(__file__).parent.parent / "briefing" / "schemas" / "data.schema.json").read_text())


def test_demo_data_json_validates_and_is_complete(demo_project: Path) -> None:
    result = build(Settings(demo_project, pdf=False))
    data = json.loads((demo_project / "site" / "data.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert result.checked.model is not None
    assert data["coverage"] == {"sentences": 10, "cited": 8}
    event = next(e for e in data["events"] if e["id"] == "bridge-closed")
    assert event["date"] == {
        "value": "2024-03-04/2024-03-24",
        "start": "2024-03-04",
        "end": "2024-03-24",
        "qualifier": "",
    }
    assert event["date_text"] == [{"text": "for three weeks from 4 March", "source": ""}]
    citation = event["citations"][0]
    source = next(s for s in data["sources"] if s["id"] == "council-report")
    seed = (demo_project / "seeds" / "harbour-report.txt").read_text(encoding="utf-8")
    assert seed[citation["start"] : citation["end"]] == citation["text"] == "will close for three weeks from 4 March"
    sentence = next(s for s in source["sentences"] if s["id"] == citation["sentences"][0])
    assert "bridge-closed" in sentence["cited_by"]


def test_shipped_briefing_data_validates() -> None:
    checked = check(Path(__file__).parent.parent)
    assert checked.model is not None
    jsonschema.Draft202012Validator(SCHEMA).validate(model_json(checked.model, checked.links, checked.coverage))


def test_schema_enums_match_the_content_schema() -> None:
    items = SCHEMA["properties"]
    assert items["actors"]["items"]["properties"]["kind"]["enum"] == list(content_schema.ACTOR_KINDS)
    assert items["events"]["items"]["properties"]["status"]["enum"] == list(content_schema.EVENT_STATUSES)
    assert items["statements"]["items"]["properties"]["mode"]["enum"] == list(content_schema.STATEMENT_MODES)
    dispute = items["disputes"]["items"]["properties"]
    assert dispute["kind"]["enum"] == list(content_schema.DISPUTE_KINDS)
    assert dispute["status"]["enum"] == list(content_schema.DISPUTE_STATUSES)


def test_schema_rejects_a_broken_document(demo_project: Path) -> None:
    checked = check(demo_project)
    assert checked.model is not None
    data = model_json(checked.model, checked.links, checked.coverage)
    data["events"][0]["status"] = "rumoured"
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert len(errors) == 1 and "rumoured" in errors[0].message
