"""One mistake, one message: references to an invalid entry or an unusable file are not reported again."""

from __future__ import annotations

from pathlib import Path

from briefing.build import check


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(project: Path) -> list[str]:
    return [d.code for d in check(project).diagnostics]


def test_invalid_event_is_not_reported_again_where_referenced(demo_project: Path) -> None:
    # bridge-closed is cited by two statements and by summary.md
    edit(demo_project, "events.yaml", "date: 2024-03-04/2024-03-24", "date: 2024-03-24/2024-03-04")
    assert codes(demo_project) == ["schema.bad-date"]


def test_unusable_actors_file_is_one_error(demo_project: Path) -> None:
    edit(demo_project, "actors.yaml", "  kind: media", "  kind media")
    assert codes(demo_project) == ["yaml.syntax"]


def test_invalid_source_hides_its_citations_and_unlisted_seed(demo_project: Path) -> None:
    edit(demo_project, "sources.yaml", "sha256: ae6ea586bb81c3b2", "sha256: ae6ea586bb81c3b")
    assert codes(demo_project) == ["schema.bad-sha256"]


def test_missing_sources_file_is_one_error(demo_project: Path) -> None:
    (demo_project / "content" / "sources.yaml").unlink()
    assert codes(demo_project) == ["content.missing-file"]


def test_genuinely_unknown_reference_is_still_reported(demo_project: Path) -> None:
    edit(demo_project, "events.yaml", "date: 2024-03-04/2024-03-24", "date: 2024-03-24/2024-03-04")
    edit(demo_project, "statements.yaml", "speaker: ana-ruiz", "speaker: ana-ruis")
    assert codes(demo_project) == ["schema.bad-date", "reference.unknown"]
