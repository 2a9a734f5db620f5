"""Cross-checks over the whole model, run through build.check on the demo project."""

from __future__ import annotations

from pathlib import Path

from briefing.build import check
from briefing.core.diagnostics import Location


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(project: Path) -> list[tuple[str, str]]:
    return [(d.code, str(d.location)) for d in check(project).diagnostics]


def test_demo_is_clean(demo_project: Path) -> None:
    checked = check(demo_project)
    assert checked.diagnostics == [] and checked.model is not None
    assert (checked.coverage.sentences, checked.coverage.cited) == (10, 8)


def test_unknown_reference_with_did_you_mean(demo_project: Path) -> None:
    edit(demo_project, "statements.yaml", "speaker: ana-ruiz", "speaker: ana-ruis")
    diagnostics = check(demo_project).diagnostics
    (d,) = [d for d in diagnostics if d.code == "reference.unknown"]
    assert d.location == Location("content/statements.yaml", 2, 12)
    assert d.hint == "did you mean 'ana-ruiz'?"


def test_reference_of_the_wrong_kind(demo_project: Path) -> None:
    edit(demo_project, "events.yaml", "actors: [blue-line]", "actors: [ruiz-safe]")
    assert ("reference.wrong-kind", "content/events.yaml:31:12") in found(demo_project)


def test_dispute_needs_two_supported_positions(demo_project: Path) -> None:
    edit(demo_project, "disputes.yaml", "      statements: [engineer-six-weeks]\n", "")
    assert ("dispute.unsupported-position", "content/disputes.yaml:12:7") in found(demo_project)


def test_direct_statement_must_be_verbatim(demo_project: Path) -> None:
    edit(demo_project, "statements.yaml", "text: overdue and unavoidable", "text: overdue and inevitable")
    assert found(demo_project) == [("statement.not-verbatim", "content/statements.yaml:4:9")]


def test_unknown_prose_citation(demo_project: Path) -> None:
    edit(demo_project, "summary.md", "[@bridge-closed]", "[@bridge-close]")
    assert found(demo_project) == [("reference.unknown", "content/summary.md:1:69")]


def test_unused_actor_and_coverage_warnings(demo_project: Path) -> None:
    edit(demo_project, "briefing.yaml", "coverage_target: 0.5", "coverage_target: 0.95")
    edit(demo_project, "events.yaml", "actors: [blue-line]", "actors: []")
    edit(demo_project, "events.yaml", "actors: [city-council, blue-line]", "actors: [city-council]")
    diagnostics = check(demo_project).diagnostics
    assert [(d.severity.value, d.code) for d in diagnostics] == [
        ("warning", "actor.unused"),
        ("warning", "coverage.below-target"),
    ]


def test_changed_seed_and_unlisted_seed(demo_project: Path) -> None:
    seed = demo_project / "seeds" / "gazette-story.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("six", "seven"), encoding="utf-8")
    (demo_project / "seeds" / "extra.txt").write_text("Extra.\n", encoding="utf-8")
    codes = [code for code, _ in found(demo_project)]
    assert "source.changed" in codes and "source.unlisted" in codes
