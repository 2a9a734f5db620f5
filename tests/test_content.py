"""Content files into the model: schema conversion, duplicates, prose citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core import diskcache
from briefing.core.diagnostics import Location
from briefing.load import content
from briefing.load.content import LIST_FILES, load_content, parse_prose
from briefing.load.yamlfile import CACHE_FROM


def write(project: Path, name: str, text: str) -> None:
    (project / "content" / name).write_text(text, encoding="utf-8")


def test_demo_content_loads(demo_project: Path) -> None:
    content, diagnostics = load_content(demo_project)
    assert content is not None and diagnostics == []
    assert [a.id for a in content.actors][:2] == ["city-council", "ana-ruiz"]
    assert content.briefing.as_of.value == "2024-02-28"
    assert content.events[0].date is None and content.events[2].date is not None
    assert content.statements[1].reported_by == ("gazette-paper",)
    assert [p.name for p in content.prose] == ["summary", "method"]
    citation = content.events[1].cite[0]
    assert citation.location == Location("content/events.yaml", 17, 14)


def test_unknown_key_with_did_you_mean(demo_project: Path) -> None:
    write(
        demo_project,
        "events.yaml",
        "- id: e\n  titel: T\n  date_text: x\n  status: occurred\n  cite: [{source: gazette, quote: The Gazette}]\n",
    )
    _, diagnostics = load_content(demo_project)
    found = {(d.code, d.location, d.hint) for d in diagnostics}
    assert ("schema.unknown-key", Location("content/events.yaml", 2, 3), "did you mean 'title'?") in found
    # One mistake, one message: the misspelt key is not reported as a missing 'title' as well.
    assert not any(d.code == "schema.missing" for d in diagnostics)


def test_wrong_types_choices_dates_and_ids(demo_project: Path) -> None:
    write(
        demo_project,
        "events.yaml",
        "- id: Bad_Id\n  title: [a, b]\n  date: 2022-02-30\n  date_text: x\n  status: ocurred\n  cite: []\n",
    )
    _, diagnostics = load_content(demo_project)
    got = sorted((d.code, d.location.line if d.location else 0) for d in diagnostics)
    assert got == [
        ("schema.bad-choice", 5),
        ("schema.bad-date", 3),
        ("schema.bad-id", 1),
        ("schema.empty", 6),
        ("schema.type", 2),
    ]
    choice = next(d for d in diagnostics if d.code == "schema.bad-choice")
    assert choice.hint == "did you mean 'occurred'?"


def test_single_value_accepted_where_a_list_is_expected(demo_project: Path) -> None:
    write(
        demo_project,
        "events.yaml",
        "- id: e\n  title: T\n  date_text: x\n  status: occurred\n"
        "  actors: city-council\n  cite: [{source: gazette, quote: The Gazette}]\n",
    )
    content, diagnostics = load_content(demo_project)
    assert content is not None and not diagnostics and content.events[0].actors == ("city-council",)


def test_duplicate_id_across_files_names_both(demo_project: Path) -> None:
    write(
        demo_project,
        "statements.yaml",
        "- id: ana-ruiz\n  speaker: ana-ruiz\n  mode: paraphrase\n  text: t\n"
        "  cite: [{source: gazette, quote: The Gazette}]\n",
    )
    _, diagnostics = load_content(demo_project)
    (d,) = [d for d in diagnostics if d.code == "content.duplicate-id"]
    assert d.location == Location("content/statements.yaml", 1, 7)
    assert d.message == "id 'ana-ruiz' is already used at content/actors.yaml:8:7"


def test_missing_folder_and_files(tmp_path: Path) -> None:
    assert [d.code for d in load_content(tmp_path)[1]] == ["content.missing-dir"]
    (tmp_path / "content").mkdir()
    assert sorted(d.code for d in load_content(tmp_path)[1]) == ["content.missing-file", "content.missing-file"]


def test_unknown_content_file_is_a_warning(demo_project: Path) -> None:
    write(demo_project, "event.yaml", "[]\n")
    _, diagnostics = load_content(demo_project)
    assert [(d.code, d.severity.value) for d in diagnostics] == [("content.unknown-file", "warning")]


def test_prose_citations_and_their_columns() -> None:
    prose = parse_prose("summary", "content/summary.md", "Intro.\nA claim [@fact-a; @src.3] and [@b].\n")
    assert [(c.target, c.location.line, c.location.column) for c in prose.citations] == [
        ("fact-a", 2, 11),
        ("src.3", 2, 20),
        ("b", 2, 33),
    ]


def test_a_name_where_an_id_belongs_gets_the_likely_id(demo_project: Path) -> None:
    path = demo_project / "content" / "statements.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: ana-ruiz", "speaker: Ana Ruíz", 1))
    _, diagnostics = load_content(demo_project)
    (d,) = diagnostics
    assert (d.code, d.message) == ("schema.bad-id", "'Ana Ruíz' is not a valid id")
    assert d.hint == "the id of the item, not its name: lowercase letters, digits and single hyphens, e.g. 'ana-ruiz'"


def test_an_invalid_optional_briefing_field_still_lets_the_rest_be_checked(demo_project: Path) -> None:
    briefing = demo_project / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "language: French\n", encoding="utf-8")
    content, diagnostics = load_content(demo_project)
    assert [d.code for d in diagnostics if d.severity == "error"] == ["schema.bad-language"]
    # The briefing is kept with its default language, so every other file is checked in this run.
    assert content is not None
    assert content.briefing.language == "en"


def _actors(count: int, bad: bool = False) -> str:
    kind = "persn" if bad else "person"
    return "".join(
        f"- id: actor-{i}\n  name: Actor {i}\n  kind: {kind if i == count - 1 else 'person'}\n"
        f"  cite:\n    - source: council-report\n      quote: The city council said on Tuesday\n"
        for i in range(count)
    )


def test_a_large_list_file_converted_without_a_problem_comes_from_the_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "actors.yaml").write_text(_actors(150), encoding="utf-8")
    assert len(_actors(150)) >= CACHE_FROM
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    schema, model = LIST_FILES["actors.yaml"]
    converted = content._list_file(tmp_path, "actors.yaml", schema, model)
    assert len(converted.items) == 150 and not converted.diagnostics
    assert len(list((tmp_path / "cache").glob("items-*.pickle"))) == 1

    def not_again(*args: object) -> object:
        raise AssertionError("converted again instead of reading the cache")

    with monkeypatch.context() as patched:
        patched.setattr(content, "_converted", not_again)
        assert content._list_file(tmp_path, "actors.yaml", schema, model) == converted
    # A problem is reported each time, never kept: its hint may read seeds/, which the key does not cover.
    (tmp_path / "content" / "actors.yaml").write_text(_actors(150, bad=True), encoding="utf-8")
    first = content._list_file(tmp_path, "actors.yaml", schema, model)
    assert [d.code for d in first.diagnostics] == ["schema.bad-choice"]
    assert content._list_file(tmp_path, "actors.yaml", schema, model) == first
    assert len(list((tmp_path / "cache").glob("items-*.pickle"))) == 1
