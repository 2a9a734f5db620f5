"""serve's warm edit loop: after each edit only the pages whose inputs changed are made again, and the site is
byte for byte what a clean build of the same content writes (issue 18)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.build import Settings, build
from briefing.outputs import layout
from briefing.outputs.page_memo import PageMemo
from briefing.publish.output import publish
from briefing.tools.live import build_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

Edit = Callable[[Path], None]


def _replace(rel: str, old: str, new: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer holds {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _override_source_page(project: Path) -> None:
    theme = Path(__file__).resolve().parent.parent / "briefing" / "templates" / "source.html"
    (project / "templates").mkdir(exist_ok=True)
    text = theme.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}<p>mine</p>", 1)
    (project / "templates" / "source.html").write_text(text, encoding="utf-8")


NOTE = "- id: s00003-overdue\n  notes: Said twice; see the closure [@s00001-closure].\n"
NOTE5 = "- id: s00005-overdue\n  notes: Said twice; see the closure [@s00001-closure].\n"
EDITS: list[tuple[str, Edit, int | None]] = [
    # (what, the edit, how many source pages it must make again; None: not counted)
    ("a note on one statement", _replace("content/statements.yaml", "- id: s00003-overdue\n", NOTE), 1),
    ("an event renamed", _replace("content/events.yaml", '-closure\n  title: "', '-closure\n  title: "Renamed '), None),
    ("an actor renamed", _replace("content/actors.yaml", 'name: "', 'name: "Dr '), 1),
    ("a statement removed", _replace("content/statements.yaml", "- id: s00006-six-weeks\n", "- id: s00006-gone\n"), 1),
    ("the briefing's title", _replace("content/briefing.yaml", "title: ", "title: New "), None),
    ("a source's title", _replace("content/sources.yaml", 'title: "', 'title: "Retitled '), None),
    ("a project template", _override_source_page, None),
]


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_each_edit_remakes_only_what_depends_on_it_and_equals_a_clean_build(tmp_path: Path, pinned: None) -> None:
    project = corpus.generate(8, tmp_path / "p")
    settings = Settings(project, pdf=False)
    memo = PageMemo()

    def rebuild() -> None:
        done = build_pages(settings, None, lambda files: publish(settings.out_dir, files, project), memo)
        assert done.result.ok, [d.message for d in done.result.diagnostics]

    rebuild()
    assert memo.made == 8 and memo.kept == 0
    for step, (what, edit, remade) in enumerate(EDITS):
        edit(project)
        before = memo.made
        rebuild()
        if remade is not None:
            assert memo.made - before == remade, f"{what}: {memo.made - before} source pages made again"
        clean = build(Settings(project, tmp_path / f"clean-{step}", pdf=False))
        assert clean.ok
        served, expected = _files(settings.out_dir), _files(tmp_path / f"clean-{step}")
        assert served.keys() == expected.keys(), what
        assert [rel for rel in expected if served[rel] != expected[rel]] == [], what
    assert memo.kept > 0


SPLIT_EDITS: list[tuple[str, Edit, set[str] | None]] = [
    # (what, the edit, which actor and dispute pages it must make again; None: not counted)
    (
        "an event's title",
        _replace("content/events.yaml", "union closes the crossing", "union closed the crossing"),
        {"actors/s00003-body.html"},
    ),
    (  # a line added: the facts below it move down, and their pages stay as they are
        "a note on a disputed statement",
        _replace("content/statements.yaml", "- id: s00005-overdue\n", NOTE5),
        {"actors/s00005-person.html", "disputes/s00005-length.html"},
    ),
    (
        "the title of the event that note cites",
        _replace("content/events.yaml", "council closes the crossing", "council closed the crossing"),
        {"actors/s00001-body.html", "actors/s00005-person.html", "disputes/s00005-length.html"},
    ),
    ("an actor renamed", _replace("content/actors.yaml", 'name: "', 'name: "Dr '), None),
    ("a dispute's assessment", _replace("content/disputes.yaml", "neither gives", "neither one gives"), None),
    (
        "a statement removed",
        _replace("content/statements.yaml", "- id: s00006-six-weeks\n", "- id: s00006-gone\n"),
        None,
    ),
]


def test_a_large_briefings_actor_and_dispute_pages_are_made_again_only_when_theirs_change(
    tmp_path: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "SPLIT_ROWS", 10)
    monkeypatch.setattr(layout, "PAGE_BUDGET", 12_000)
    project = corpus.generate(10, tmp_path / "p")
    settings = Settings(project, pdf=False)
    memo = PageMemo()

    def rebuild() -> set[str]:
        memo.start()
        done = build_pages(settings, None, lambda files: publish(settings.out_dir, files, project), memo)
        assert done.result.ok, [d.message for d in done.result.diagnostics]
        return {rel for rel in memo.remade if rel.startswith(("actors/", "disputes/"))}

    first = rebuild()
    assert len(first) == 20 + 2  # every actor's page and both disputes'
    for step, (what, edit, remade) in enumerate(SPLIT_EDITS):
        edit(project)
        again = rebuild()
        if remade is not None:
            assert again == remade, what
        clean = build(Settings(project, tmp_path / f"clean-{step}", pdf=False))
        assert clean.ok
        served, expected = _files(settings.out_dir), _files(tmp_path / f"clean-{step}")
        assert served.keys() == expected.keys(), what
        assert [rel for rel in expected if served[rel] != expected[rel]] == [], what
