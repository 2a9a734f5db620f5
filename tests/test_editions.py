"""Editions and `briefing diff`: every change between two editions is reported, and nothing else.

Sequences of editions are made by editing copies of the generated corpus and of the shipped
briefing in tmp (never content/), each side exported as data.json holds it.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from briefing.resolve.editions import Change, diff, text
from briefing.tools.editions import current

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate  # noqa: E402


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (found exactly once) in content/<name>."""
    path = root / "content" / name
    body = path.read_text(encoding="utf-8")
    assert body.count(old) == 1, f"{old!r} in {name}"
    path.write_text(body.replace(old, new), encoding="utf-8")


def exported(root: Path) -> dict[str, Any]:
    data = current(root)
    assert data is not None
    return data


def reported(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(c.what, c.kind, c.id) for c in diff(old, new).changes}


NEW_EVENT = """- id: s00003-reopened
  title: "Brenmouth crossing reopens"
  date_text: not stated
  status: scheduled
  cite:
    - source: s00003
      quote: "closed the Brenmouth crossing on 29 November 2023"
"""


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    return generate(5, tmp_path / "gen")


def test_three_editions_of_a_generated_briefing(generated: Path) -> None:
    first = exported(generated)
    edit(generated, "briefing.yaml", "as_of: 2024-06-30", "as_of: 2024-07-07")
    edit(generated, "events.yaml", "date: 2023-06-18\n", "date: 2023-06-19\n")
    edit(
        generated,
        "events.yaml",
        'date: 2024-01-22\n  date_text: "22 January 2024"\n  status: occurred',
        'date: 2024-01-22\n  date_text: "22 January 2024"\n  status: ongoing',
    )
    edit(generated, "disputes.yaml", "status: open", "status: resolved")
    with (generated / "content" / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_EVENT)
    second = exported(generated)
    assert reported(first, second) == {
        ("date", "event", "s00001-closure"),
        ("status", "event", "s00002-closure"),
        ("settled", "dispute", "s00005-length"),
        ("added", "event", "s00003-reopened"),
    }
    edit(generated, "briefing.yaml", "as_of: 2024-07-07", "as_of: 2024-07-14")
    edit(generated, "events.yaml", NEW_EVENT, "")
    edit(generated, "disputes.yaml", "How long will the s00005 repairs take?", "How long will the repairs take?")
    edit(
        generated,
        "statements.yaml",
        "  text: six weeks\n  cite:\n    - source: s00002",
        "  text: six weeks\n  notes: Said twice.\n  cite:\n    - source: s00002",
    )
    edit(generated, "sources.yaml", "defends repairs (s00004)", "defends the repairs (s00004)")
    third = exported(generated)
    assert reported(second, third) == {
        ("removed", "event", "s00003-reopened"),
        ("reworded", "dispute", "s00005-length"),
        ("updated", "statement", "s00002-six-weeks"),
        ("source-updated", "source", "s00004"),
    }
    # first to third: the added and removed event cancel out; the rest add up
    assert reported(first, third) == {
        ("date", "event", "s00001-closure"),
        ("status", "event", "s00002-closure"),
        ("settled", "dispute", "s00005-length"),
        ("reworded", "dispute", "s00005-length"),
        ("updated", "statement", "s00002-six-weeks"),
        ("source-updated", "source", "s00004"),
    }
    assert reported(third, third) == set()


def test_what_each_change_says(generated: Path) -> None:
    first = exported(generated)
    edit(generated, "events.yaml", "date: 2023-06-18\n", "date: 2023-06-19\n")
    edit(generated, "disputes.yaml", "status: open", "status: resolved")
    edit(
        generated,
        "statements.yaml",
        "  text: six weeks\n  cite:\n    - source: s00002",
        "  text: six weeks\n  notes: Said twice.\n  cite:\n    - source: s00002",
    )
    changes = diff(first, exported(generated)).changes
    assert (
        Change("date", "event", "s00001-closure", "Galen chamber closes the crossing", "2023-06-18", "2023-06-19")
        in changes
    )
    assert (
        Change("settled", "dispute", "s00005-length", "How long will the s00005 repairs take?", "open", "resolved")
        in changes
    )
    assert Change("updated", "statement", "s00002-six-weeks", "six weeks", fields=("notes",)) in changes


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    for folder in ("content", "seeds"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_a_second_edition_of_the_shipped_briefing(shipped: Path) -> None:
    """A plausible next day: a meeting took place, talks called off, one dispute settled, another reworded."""
    first = exported(shipped)
    edit(shipped, "briefing.yaml", "as_of: 2022-02-21", "as_of: 2022-02-22")
    block = (shipped / "content" / "events.yaml").read_text(encoding="utf-8")
    start = block.index("- id: security-council-meeting")
    at = block.index("status: scheduled", start)
    block = block[:at] + "status: occurred" + block[at + len("status: scheduled") :]
    start = block.index("- id: four-party-talks")
    at = block.index("status: proposed", start)
    block = block[:at] + "status: cancelled" + block[at + len("status: proposed") :]
    (shipped / "content" / "events.yaml").write_text(block, encoding="utf-8")
    edit(
        shipped,
        "disputes.yaml",
        "question: Was a Biden–Putin summit agreed?\n  kind: contested-claim\n  status: open",
        "question: Was a Biden–Putin summit agreed?\n  kind: contested-claim\n  status: resolved",
    )
    edit(
        shipped,
        "disputes.yaml",
        "question: Would Washington withdraw from the talks if Russia made further moves toward invading Ukraine?",
        "question: Would Washington leave the talks if Russia moved further toward invading Ukraine?",
    )
    with (shipped / "content" / "summary.md").open("a", encoding="utf-8") as f:
        f.write("- The Kremlin says talk of a summit is premature [@kremlin-premature].\n")
    second = exported(shipped)
    assert reported(first, second) == {
        ("status", "event", "security-council-meeting"),
        ("status", "event", "four-party-talks"),
        ("settled", "dispute", "summit-agreed"),
        ("reworded", "dispute", "us-withdrawal-claim"),
        ("prose", "prose", "summary"),
    }
    lines = text(diff(first, second)).splitlines()
    assert lines[0] == "changes from 2022-02-21 to 2022-02-22: 5"
    assert "  event four-party-talks: proposed \u2192 cancelled (" in "\n".join(lines)


def test_formerly_makes_a_rename_a_rename() -> None:
    old = {"briefing": {"as_of": "1"}, "events": [{"id": "a", "title": "A", "status": "occurred"}]}
    renamed = {
        "briefing": {"as_of": "2"},
        "events": [{"id": "b", "title": "A", "status": "occurred", "formerly": ["a"]}],
    }
    unrecorded = {"briefing": {"as_of": "2"}, "events": [{"id": "b", "title": "A", "status": "occurred"}]}
    assert reported(old, renamed) == {("renamed", "event", "b")}
    assert diff(old, renamed).changes[0].before == "a"
    assert reported(old, unrecorded) == {("added", "event", "b"), ("removed", "event", "a")}


def test_diff_command_between_files_and_current(shipped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = shipped / "old.json"
    old.write_text(json.dumps(exported(shipped)), encoding="utf-8")
    edit(
        shipped,
        "disputes.yaml",
        "question: Was a Biden–Putin summit agreed?\n  kind: contested-claim\n  status: open",
        "question: Was a Biden–Putin summit agreed?\n  kind: contested-claim\n  status: resolved",
    )
    assert main(["-C", str(shipped), "diff", str(old), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(c["what"], c["id"]) for c in out["changes"]] == [("settled", "summit-agreed")]
    assert main(["-C", str(shipped), "diff", str(old), "current"]) == 0
    assert "dispute summit-agreed: settled (open \u2192 resolved)" in capsys.readouterr().out
    assert main(["-C", str(shipped), "diff"]) == 2
    assert "no edition to compare with" in capsys.readouterr().err
    assert main(["-C", str(shipped), "diff", "2020-01-01"]) == 2
    assert "no edition of 2020-01-01" in capsys.readouterr().err


def test_formerly_in_content_is_exported_and_read(generated: Path) -> None:
    first = exported(generated)
    edit(
        generated, "events.yaml", "- id: s00001-closure\n", "- id: s00001-crossing-closed\n  formerly: s00001-closure\n"
    )
    edit(generated, "statements.yaml", "about: [s00001-closure]", "about: [s00001-crossing-closed]")
    edit(generated, "summary.md", "[@s00001-closure]", "[@s00001-crossing-closed]")
    second = exported(generated)
    assert second["events"][0]["formerly"] == ["s00001-closure"]
    assert "formerly" not in second["events"][1]
    assert reported(first, second) == {
        ("renamed", "event", "s00001-crossing-closed"),
        ("updated", "statement", "s00001-overdue"),
        ("prose", "prose", "summary"),
    }


def test_publish_records_refuses_and_amends(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = ["-C", str(demo_project), "publish"]
    assert main(run) == 0
    edition = demo_project / "editions" / "2024-02-28.json"
    assert edition.read_bytes() == (demo_project / "site" / "data.json").read_bytes()
    assert "the first edition" in capsys.readouterr().out
    assert main(run) == 0
    assert "nothing written" in capsys.readouterr().out
    edit(demo_project, "events.yaml", "status: scheduled", "status: occurred")
    before = edition.read_bytes()
    assert main(run) == 1  # the same as_of with other content
    err = capsys.readouterr().err
    assert "already published with other content" in err and "bridge-closed: scheduled \u2192 occurred" in err
    assert edition.read_bytes() == before
    assert main([*run, "--amend"]) == 0
    assert "amended editions/2024-02-28.json:\n" in capsys.readouterr().out
    assert json.loads(edition.read_text())["events"][2]["status"] == "occurred"
    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-03-05")
    edit(demo_project, "disputes.yaml", "status: open", "status: resolved")
    assert main(run) == 0
    out = capsys.readouterr().out
    assert "published editions/2024-03-05.json (since 2024-02-28):" in out
    assert "dispute closure-length: settled (open \u2192 resolved)" in out
    assert main(["-C", str(demo_project), "diff", "2024-02-28", "2024-03-05", "--json"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)["changes"]] == ["closure-length"]


def test_publish_needs_a_strict_build(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        demo_project,
        "events.yaml",
        "quote: will close for three weeks from 4 March",
        "quote: will close for four weeks",
    )
    assert main(["-C", str(demo_project), "publish"]) == 1
    assert "no edition recorded" in capsys.readouterr().out
    assert not (demo_project / "editions").exists()


def test_the_page_says_what_changed_since_the_previous_edition(demo_project: Path) -> None:
    assert main(["-C", str(demo_project), "publish"]) == 0
    site = demo_project / "site"
    assert 'id="changes"' not in (site / "index.html").read_text()  # the first edition has nothing to compare
    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-03-05")
    edit(demo_project, "events.yaml", "status: scheduled", "status: occurred")
    edit(demo_project, "disputes.yaml", "status: open", "status: resolved")
    assert main(["-C", str(demo_project), "build"]) == 0  # with the PDF: index.html is made again after it
    page = (site / "index.html").read_text()
    assert "What changed since 2024-02-28</h2>" in page
    assert "<li>Bridge closed for repairs: now occurred (was scheduled)</li>" in page
    assert "<li>Dispute settled: How long will the bridge be closed?</li>" in page
    assert page.count("<li>", page.index('id="changes"'), page.index("</section>", page.index('id="changes"'))) == 2
    assert '<a href="editions/2024-02-28.json">2024-02-28</a>' in page
    assert (site / "editions" / "2024-02-28.json").read_bytes() == (
        demo_project / "editions" / "2024-02-28.json"
    ).read_bytes()
    row = page[page.index('<tr id="event-bridge-closed">') :]
    assert '<span class="mark mark-updated">updated</span>' in row[: row.index("</tr>")]
    assert page.count('class="mark ') == 2  # the event and the dispute, nothing else


def test_the_handout_says_what_changed(demo_project: Path) -> None:
    from briefing.build import check
    from briefing.outputs.export import model_json
    from briefing.outputs.handout import handout_html
    from briefing.resolve.history import history

    (demo_project / "editions").mkdir()
    checked = check(demo_project)
    assert checked.model is not None
    (demo_project / "editions" / "2024-02-01.json").write_text(
        json.dumps(model_json(checked.model, checked.links, checked.coverage)), encoding="utf-8"
    )
    edit(demo_project, "events.yaml", "status: scheduled", "status: occurred")
    checked = check(demo_project)
    assert checked.model is not None
    known = history(demo_project, model_json(checked.model, checked.links, checked.coverage))
    html = handout_html(checked.model, checked.links, demo_project, datetime(2024, 3, 1, tzinfo=UTC), history=known)
    assert "What changed since 2024-02-01</h2>" in html
    assert "<li>Bridge closed for repairs: now occurred (was scheduled)</li>" in html


def test_the_feed_has_one_entry_per_edition_with_its_changes(demo_project: Path) -> None:
    from xml.etree import ElementTree

    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-02-28\nbase_url: https://example.org/bridge/")
    run = ["-C", str(demo_project), "publish"]
    assert main(run) == 0
    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-03-05")
    edit(demo_project, "events.yaml", "status: scheduled", "status: occurred")
    assert main(run) == 0
    edit(demo_project, "briefing.yaml", "as_of: 2024-03-05", "as_of: 2024-03-12")
    edit(demo_project, "disputes.yaml", "status: open", "status: resolved")
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(demo_project / "site" / "feed.xml").getroot()
    entries = {
        e.findtext(f"{atom}id"): (e.findtext(f"{atom}summary"), e.find(f"{atom}link").get("href"))  # type: ignore[union-attr]
        for e in feed.iter(f"{atom}entry")
    }
    base = "https://example.org/bridge/"
    assert entries == {
        f"{base}editions/2024-02-28": ("The first edition.", f"{base}editions/2024-02-28.json"),
        f"{base}editions/2024-03-05": (
            "Since 2024-02-28: Bridge closed for repairs: now occurred (was scheduled).",
            f"{base}editions/2024-03-05.json",
        ),
        f"{base}editions/2024-03-12": (
            "Since 2024-03-05: Dispute settled: How long will the bridge be closed?",
            f"{base}index.html#changes",
        ),
    }


def test_a_field_only_a_newer_data_json_has_is_not_a_change() -> None:
    old = {"briefing": {"as_of": "1"}, "sources": [{"id": "s", "title": "T"}], "events": [{"id": "a", "title": "A"}]}
    new = {
        "briefing": {"as_of": "2", "base_url": "x"},
        "sources": [{"id": "s", "title": "T", "label": "S1"}],
        "events": [{"id": "a", "title": "A", "date_inferred": False, "caveat": ""}],
    }
    assert reported(old, new) == set()
