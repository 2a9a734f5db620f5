"""Revisions of a briefing: corrections, sources superseded by a later version, and three editions of the
shipped briefing with both, where the diff between each pair of editions is exact.

Projects are copies in tmp (never content/): the demo, and the shipped briefing with a plausible second
and third edition.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from briefing.build import check
from briefing.cli import main
from briefing.resolve.editions import diff
from briefing.tools.editions import current

REPO = Path(__file__).resolve().parent.parent


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (found exactly once) in content/<name>."""
    path = root / "content" / name
    body = path.read_text(encoding="utf-8")
    assert body.count(old) == 1, f"{old!r} in {name}"
    path.write_text(body.replace(old, new), encoding="utf-8")


def append(root: Path, name: str, text: str) -> None:
    with (root / "content" / name).open("a", encoding="utf-8") as f:
        f.write(text)


def revised_seed(root: Path, old_file: str, new_file: str, old: str, new: str) -> str:
    """A later version of a seed with one passage changed; returns its sha256."""
    text = (root / "seeds" / old_file).read_text(encoding="utf-8")
    assert text.count(old) == 1
    data = text.replace(old, new).encode("utf-8")
    (root / "seeds" / new_file).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def exported(root: Path) -> dict[str, Any]:
    data = current(root)
    assert data is not None
    return data


def reported(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(c.what, c.kind, c.id) for c in diff(old, new).changes}


def codes(root: Path) -> list[tuple[str, str]]:
    return [(d.code, str(d.location)) for d in check(root).diagnostics]


# -- the demo: a correction and a revised source, on every output ------------------------------------

CORRECTION = """- date: 2024-02-28
  said: that the council announced the closure on Monday
  now: that it announced it on Tuesday, as the council's report says
  facts: [closure-announced]
"""


def add_revised_gazette(root: Path, old: str = "at least six weeks", new: str = "at least eight weeks") -> None:
    pin = revised_seed(root, "gazette-story.txt", "gazette-v2.txt", old, new)
    append(
        root,
        "sources.yaml",
        f"- id: gazette-v2\n  file: gazette-v2.txt\n  sha256: {pin}\n  title: Gazette story, revised\n"
        "  title_origin: curator\n  outlet: The Gazette\n  published: 2024-02-28\n  supersedes: gazette\n",
    )


def test_a_correction_on_the_page_in_data_json_and_in_the_feed(demo_project: Path) -> None:
    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-02-28\nbase_url: https://example.org/b/")
    (demo_project / "content" / "corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    site = demo_project / "site"
    page = (site / "index.html").read_text(encoding="utf-8")
    box = page[page.index('<section id="corrections"') :]
    box = box[: box.index("</section>")]
    assert '<p class="correction" id="correction-2024-02-28">' in box
    assert (
        "An earlier version of this briefing said that the council announced the closure on Monday. "
        "It now says that it announced it on Tuesday, as the council&#39;s report says." in box
    )
    assert '<a href="#event-closure-announced">Event: Council announces the closure</a>' in box
    row = page[page.index('<tr id="event-closure-announced">') :]
    row = row[: row.index("</tr>")]
    assert '<a class="mark mark-corrected" href="#correction-2024-02-28">corrected</a>' in row
    assert page.count("mark-corrected") == 1  # the one fact named, nothing else
    data = json.loads((site / "data.json").read_text(encoding="utf-8"))
    assert data["corrections"] == [
        {
            "id": "correction-2024-02-28",
            "date": "2024-02-28",
            "said": "that the council announced the closure on Monday",
            "now": "that it announced it on Tuesday, as the council's report says",
            "facts": ["closure-announced"],
        }
    ]
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = {e.findtext(f"{atom}id"): e for e in feed.iter(f"{atom}entry")}
    entry = entries["https://example.org/b/corrections/2024-02-28"]
    assert entry.find(f"{atom}link").get("href") == "https://example.org/b/index.html#correction-2024-02-28"  # type: ignore[union-attr]
    assert (entry.findtext(f"{atom}summary") or "").startswith("An earlier version of this briefing said that the")
    assert "https://example.org/b/#as-of-2024-02-28" in entries  # the briefing's own entry stays


def test_a_correction_in_the_handout(demo_project: Path) -> None:
    from datetime import UTC, datetime

    from briefing.outputs.handout import handout_html

    (demo_project / "content" / "corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    checked = check(demo_project)
    assert checked.model is not None
    html = handout_html(checked.model, checked.links, demo_project, datetime(2024, 3, 1, tzinfo=UTC))
    assert "Correction, " in html and "It now says that it announced it on Tuesday" in html
    assert '<a class="mark mark-corrected" href="#correction-2024-02-28">' in html  # inside the PDF
    assert 'id="correction-2024-02-28"' in html and '<a href="#event-closure-announced">' in html


def test_corrections_of_one_day_get_their_own_anchors_newest_first(demo_project: Path) -> None:
    later = CORRECTION.replace("2024-02-28", "2024-03-02")
    body = CORRECTION + later + later.replace("[closure-announced]", "[bridge-closed]")
    (demo_project / "content" / "corrections.yaml").write_text(body, encoding="utf-8")
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    page = (demo_project / "site" / "index.html").read_text(encoding="utf-8")
    found = [page.index(f'id="{a}"') for a in ("correction-2024-03-02", "correction-2024-03-02-2")]
    assert found[0] < found[1] < page.index('id="correction-2024-02-28"')


def test_a_superseded_source_says_so_on_both_pages(demo_project: Path) -> None:
    add_revised_gazette(demo_project)
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    sources = demo_project / "site" / "sources"
    old = (sources / "gazette.html").read_text(encoding="utf-8")
    new = (sources / "gazette-v2.html").read_text(encoding="utf-8")
    assert 'Superseded by <a href="../sources/gazette-v2.html">S3 Gazette story, revised</a>, a later' in old
    assert 'A later version of <a href="../sources/gazette.html">S2 Gazette story on the bridge closure' in new
    assert "Superseded by" not in new and "A later version of" not in old
    assert old.count("This is an earlier version of the source; the later one is <a") == 1
    data = json.loads((demo_project / "site" / "data.json").read_text(encoding="utf-8"))
    assert [s.get("supersedes") for s in data["sources"]] == [None, None, "gazette"]


def test_check_lists_each_citation_the_new_version_no_longer_bears_out(demo_project: Path) -> None:
    add_revised_gazette(demo_project)
    found = [d for d in check(demo_project).diagnostics if d.code == "citation.superseded"]
    assert [(str(d.location), d.severity.value) for d in found] == [
        ("content/statements.yaml:27:14", "warning"),  # the statement's quote
        ("content/summary.md:2:92", "warning"),  # the key point's [@gazette.2#...]
    ]
    assert "  - sentence: gazette-v2.2\n    pin: " in found[0].hint
    assert "[@gazette-v2.2#" in found[1].hint


def test_a_citation_still_in_the_new_version_is_not_listed(demo_project: Path) -> None:
    add_revised_gazette(demo_project, 'close it."', 'close it." The council has since replied.')
    assert [c for c, _ in codes(demo_project) if c.startswith(("citation.", "source."))] == []


# -- three editions of the shipped briefing: a correction, a revised source -------------------------

TCG_TITLE = "title: The Trilateral Contact Group (Ukraine, Russia, OSCE) is to meet, aiming at a ceasefire"
PESKOV_OLD = "Peskov was said to have stressed that it would be an irregular meeting"
PESKOV_NEW = "Peskov stressed that it would be an extraordinary meeting"
SHIPPED_CORRECTION = """- date: 2022-02-22
  said: that the Trilateral Contact Group brings together Ukraine, Russia and NATO
  now: that it brings together Ukraine, Russia and the OSCE, as the first report says
  facts: [tcg-meeting]
"""


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    for folder in ("content", "seeds"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _set_status(root: Path, event_id: str, old: str, new: str) -> None:
    path = root / "content" / "events.yaml"
    block = path.read_text(encoding="utf-8")
    at = block.index(f"status: {old}", block.index(f"- id: {event_id}\n"))
    path.write_text(block[:at] + f"status: {new}" + block[at + len(f"status: {old}") :], encoding="utf-8")


def _second_edition(root: Path) -> None:
    """22 February: the NATO slip corrected, the Security Council met, the outlet revised its report."""
    edit(root, "briefing.yaml", "as_of: 2022-02-21", "as_of: 2022-02-22")
    edit(root, "events.yaml", TCG_TITLE.replace("OSCE", "NATO"), TCG_TITLE)
    (root / "content" / "corrections.yaml").write_text(SHIPPED_CORRECTION, encoding="utf-8")
    _set_status(root, "security-council-meeting", "scheduled", "occurred")
    pin = revised_seed(root, "001_0f21badd934b9fed.txt", "002_revised.txt", PESKOV_OLD, PESKOV_NEW)
    append(
        root,
        "sources.yaml",
        f'- id: summit-report-v2\n  file: 002_revised.txt\n  sha256: {pin}\n  title: "Russia-US reportedly agree'
        " to leaders' summit (revised)\"\n  title_origin: curator\n  published: 2022-02-22\n"
        "  supersedes: summit-report\n",
    )


def _third_edition(root: Path) -> None:
    """24 February: the Peskov statement moved to the revised report, the Blinken-Lavrov meeting called off."""
    edit(root, "briefing.yaml", "as_of: 2022-02-22", "as_of: 2022-02-24")
    edit(
        root,
        "statements.yaml",
        "  text: it would be an irregular meeting and that he would report on the topic later\n",
        "  text: it would be an extraordinary meeting and that he would report on the topic later\n",
    )
    edit(
        root,
        "statements.yaml",
        f"    - source: summit-report\n      quote: {PESKOV_OLD} and",
        f"    - source: summit-report-v2\n      quote: {PESKOV_NEW} and",
    )
    _set_status(root, "blinken-lavrov-meeting", "conditional", "cancelled")


def test_three_editions_of_the_shipped_briefing_with_a_correction_and_a_revised_source(shipped: Path) -> None:
    edit(shipped, "events.yaml", TCG_TITLE, TCG_TITLE.replace("OSCE", "NATO"))  # the slip the second corrects
    first = exported(shipped)
    _second_edition(shipped)
    second = exported(shipped)
    assert reported(first, second) == {
        ("correction", "correction", "correction-2022-02-22"),
        ("updated", "event", "tcg-meeting"),
        ("status", "event", "security-council-meeting"),
        ("source-added", "source", "summit-report-v2"),
    }
    superseded = [(c, at) for c, at in codes(shipped) if c == "citation.superseded"]
    assert superseded == [("citation.superseded", "content/statements.yaml:221:14")]  # the one changed sentence
    _third_edition(shipped)
    third = exported(shipped)
    assert reported(second, third) == {
        ("updated", "statement", "peskov-irregular-meeting"),
        ("status", "event", "blinken-lavrov-meeting"),
    }
    assert reported(first, third) == reported(first, second) | reported(second, third)
    assert "citation.superseded" not in {c for c, _ in codes(shipped)}
    updated = next(c for c in diff(second, third).changes if c.id == "peskov-irregular-meeting")
    assert updated.fields == ("text", "citations")


def test_the_third_edition_of_the_shipped_briefing_as_readers_see_it(shipped: Path) -> None:
    editions = shipped / "editions"
    editions.mkdir()
    edit(shipped, "events.yaml", TCG_TITLE, TCG_TITLE.replace("OSCE", "NATO"))
    (editions / "2022-02-21.json").write_text(json.dumps(exported(shipped)), encoding="utf-8")
    _second_edition(shipped)
    (editions / "2022-02-22.json").write_text(json.dumps(exported(shipped)), encoding="utf-8")
    _third_edition(shipped)
    assert main(["-C", str(shipped), "build", "--no-pdf"]) == 0
    page = (shipped / "site" / "index.html").read_text(encoding="utf-8")
    changes = page[page.index('<section id="changes"') :]
    changes = changes[: changes.index("</section>")]
    assert "What changed since 2022-02-22" in changes and "Correction" not in changes  # published the day before
    assert "Correction, <time" in page and "brings together Ukraine, Russia and NATO" in page
    row = page[page.index('<tr id="event-tcg-meeting"') :]
    assert "mark-corrected" in row[: row.index("</tr>")]
    old = (shipped / "site" / "sources" / "summit-report.html").read_text(encoding="utf-8")
    assert 'Superseded by <a href="../sources/summit-report-v2.html">' in old


def test_the_chart_marks_new_updated_and_corrected_events(demo_project: Path) -> None:
    from briefing.outputs.timeline.chart import DESC_ID

    assert main(["-C", str(demo_project), "publish"]) == 0
    edit(demo_project, "briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-03-05")
    edit(demo_project, "events.yaml", "status: scheduled", "status: occurred")
    (demo_project / "content" / "corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    page = (demo_project / "site" / "index.html").read_text(encoding="utf-8")
    desc = page[page.index(f'<desc id="{DESC_ID}">') :]
    desc = desc[: desc.index("</desc>")]
    assert "Updated: Bridge closed for repairs (occurred)." in desc
    assert "Corrected: Council announces the closure (occurred)." in desc
    assert desc.count("Updated: ") == desc.count("Corrected: ") == 1 and "New: " not in desc  # nothing else
    assert "<title>Updated: Bridge closed for repairs" in page  # the mark's own tooltip and accessible name


# -- three editions of a generated briefing: a correction in each later one, a revised source ------


def test_three_editions_of_a_generated_briefing_with_corrections_and_a_revised_source(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate

    root = generate(5, tmp_path / "gen")
    first = exported(root)
    edit(root, "briefing.yaml", "as_of: 2024-06-30", "as_of: 2024-07-07")
    edit(
        root, "events.yaml", 'title: "Galen chamber closes the crossing"', 'title: "Galen chamber closes its crossing"'
    )
    (root / "content" / "corrections.yaml").write_text(
        "- date: 2024-07-07\n  said: that a Galen court closed the crossing\n  now: that the Galen chamber did\n"
        "  facts: [s00001-closure]\n",
        encoding="utf-8",
    )
    pin = revised_seed(root, "s00002.txt", "s00002-v2.txt", '"could take six weeks"', '"could take eight weeks"')
    append(root, "sources.yaml", f"- id: s00002-v2\n  file: s00002-v2.txt\n  sha256: {pin}\n  title: Revised\n")
    append(root, "sources.yaml", "  published: 2024-01-23\n  supersedes: s00002\n")
    second = exported(root)
    assert reported(first, second) == {
        ("correction", "correction", "correction-2024-07-07"),
        ("updated", "event", "s00001-closure"),
        ("source-added", "source", "s00002-v2"),
    }
    assert [at for c, at in codes(root) if c == "citation.superseded"] == ["content/statements.yaml:30:14"]
    edit(root, "briefing.yaml", "as_of: 2024-07-07", "as_of: 2024-07-14")
    edit(
        root,
        "statements.yaml",
        '  text: six weeks\n  cite:\n    - source: s00002\n      quote: "item 202 \\"could take six weeks\\""',
        '  text: eight weeks\n  cite:\n    - source: s00002-v2\n      quote: "item 202 \\"could take eight weeks\\""',
    )
    edit(
        root,
        "statements.yaml",
        "  mode: paraphrase\n  text: overdue\n  about: [s00003-closure]",
        "  mode: paraphrase\n  text: overdue and unavoidable\n  about: [s00003-closure]",
    )
    append(
        root,
        "corrections.yaml",
        "- date: 2024-07-14\n  said: that the repairs were called overdue\n  now: overdue and unavoidable\n"
        "  facts: [s00003-overdue]\n",
    )
    third = exported(root)
    assert reported(second, third) == {
        ("correction", "correction", "correction-2024-07-14"),
        ("updated", "statement", "s00002-six-weeks"),
        ("updated", "statement", "s00003-overdue"),
    }
    assert "citation.superseded" not in {c for c, _ in codes(root)}
    assert reported(first, third) == reported(first, second) | reported(second, third)
    assert [c["id"] for c in third["corrections"]] == ["correction-2024-07-07", "correction-2024-07-14"]


def test_a_withdrawn_correction_is_reported() -> None:
    one = {"id": "correction-2024-01-02", "date": "2024-01-02", "said": "a", "now": "b", "facts": []}
    old = {"briefing": {"as_of": "2024-01-02"}, "corrections": [one]}
    new = {"briefing": {"as_of": "2024-01-03"}}
    assert reported(old, new) == {("correction-removed", "correction", "correction-2024-01-02")}
    assert reported(new, old) == {("correction", "correction", "correction-2024-01-02")}


def test_a_sentence_the_revision_left_as_it_was_stays_cited(demo_project: Path) -> None:
    add_revised_gazette(demo_project)
    checked = check(demo_project)
    assert checked.coverage.cited == 4 + 3  # council-report 4; gazette-v2 1, 4 and 5 unchanged, 2 revised
    assert "gazette-v2.2" not in checked.links
    assert checked.links["gazette-v2.4"] == checked.links["gazette.4"]
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    new = (demo_project / "site" / "sources" / "gazette-v2.html").read_text(encoding="utf-8")
    assert new.count('class="sentence cited" id="gazette-v2.') == 3


def test_a_citation_kept_on_purpose_is_not_listed(demo_project: Path) -> None:
    add_revised_gazette(demo_project)
    edit(
        demo_project,
        "statements.yaml",
        '      quote: repairs could take "at least six weeks"\n',
        '      quote: repairs could take "at least six weeks"\n      earlier_version: true\n',
    )
    edit(demo_project, "summary.md", "@gazette.2#8d102de8", "@gazette")  # the hint's way to keep a prose citation
    checked = check(demo_project)
    assert [d.code for d in checked.diagnostics if d.code.startswith("citation.")] == []
    data = exported(demo_project)
    kept = next(s for s in data["statements"] if s["id"] == "engineer-six-weeks")["citations"][0]
    assert kept["earlier_version"] is True and kept["source"] == "gazette"
