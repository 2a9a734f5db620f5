"""Issue 14's content model as the reader sees it: allegations, ongoing states, worded and qualified
dates, several or unnamed speakers, interrupted quotes, identifications across sources, headings."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

from briefing.build import check
from briefing.core.diagnostics import Severity
from briefing.model.chronology import after_order, chronological
from briefing.model.dates import parse_date
from briefing.model.facts import Event
from briefing.outputs.site_pages import render_site

BUILT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _page(project: Path) -> str:
    checked = check(project)
    errors = [d for d in checked.diagnostics if d.severity != Severity.NOTE]
    assert checked.model is not None and not errors, errors
    files = render_site(checked.model, checked.links, project, BUILT)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", files["index.html"].decode("utf-8"))))


def test_alleged_and_ongoing_events_read_as_such(demo_project: Path) -> None:
    _edit(
        demo_project,
        "content/events.yaml",
        "  date_text: not stated\n  status: occurred\n",
        "  date_text: not stated\n  status: alleged\n  alleged_by: [city-council]\n",
    )
    _edit(demo_project, "content/events.yaml", "status: proposed", "status: ongoing")
    page = _page(demo_project)
    assert "alleged by City council" in page
    assert "ongoing as of 2024-02-28" in page
    assert "Ongoing at the as-of date (start not given): Extra ferry sailings." in page  # text alternative


def test_worded_dates_qualifiers_and_as_of_text(demo_project: Path) -> None:
    _edit(
        demo_project,
        "content/events.yaml",
        "  date: 2024-02-27\n  date_text: on Tuesday\n",
        "  date: 2024-02-27~\n  date_text:\n    - source: council-report\n      text: on Tuesday\n",
    )
    _edit(
        demo_project,
        "content/briefing.yaml",
        "as_of: 2024-02-28",
        "as_of: 2024-02~\nas_of_text: the latest report's publication month",
    )
    page = _page(demo_project)
    assert "about 2024-02-27" in page
    assert "on Tuesday ( S1 )" in page
    assert "about 2024-02 (the latest report's publication month)" in page


def test_joint_unnamed_and_interrupted_statements(demo_project: Path) -> None:
    _edit(demo_project, "content/statements.yaml", "  speaker: unnamed-engineer\n", "  speaker: [unnamed-engineer]\n")
    _edit(
        demo_project,
        "content/statements.yaml",
        "- id: ruiz-overdue\n  speaker: ana-ruiz\n",
        "- id: ruiz-overdue\n  speaker: [ana-ruiz, city-council]\n",
    )
    _edit(
        demo_project,
        "content/statements.yaml",
        "text: The bridge is safe. There is no reason to close it.",
        'text: ["The bridge is safe.", "no reason to close it."]',
    )
    text = (demo_project / "content" / "statements.yaml").read_text(encoding="utf-8")
    text = text.replace("  speaker: [unnamed-engineer]\n", '  attributed_as: "an engineer who asked not to be named"\n')
    (demo_project / "content" / "statements.yaml").write_text(text, encoding="utf-8")
    page = _page(demo_project)
    assert "Ana Ruiz and City council" in page
    assert "“an engineer who asked not to be named” (as the source puts it; no one named)" in page
    assert "The bridge is safe. … no reason to close it." in page


def test_identification_across_sources_is_shown_with_its_note(demo_project: Path) -> None:
    note = "  notes: Named only by itself, in its own report [@gazette]; no *reporter* is named.\n"
    _edit(demo_project, "content/actors.yaml", note, "")
    _edit(
        demo_project,
        "content/actors.yaml",
        "  kind: media\n",
        "  kind: media\n  same_as: city-council\n  identity: probable\n  notes: Both describe the council's account.\n",
    )
    page = _page(demo_project)
    assert (
        "probably the same as City council (the curator's identification, not confirmed: "
        "Both describe the council's account.)" in page
    )
    assert "probably the same as The Gazette" in page  # shown on both actors


def _event(event_id: str, when: str | None = None, after: tuple[str, ...] = ()) -> Event:
    return Event(event_id, event_id, (), "occurred", parse_date(when) if when else None, after=after)


def test_after_orders_undated_events_and_keeps_file_order_otherwise() -> None:
    events = [_event("c", after=("b",)), _event("a"), _event("b", after=("a",)), _event("d")]
    assert [e.id for e in after_order(events)] == ["a", "b", "c", "d"]
    dated = [_event("x", "2022-02-21"), *events, _event("w", "2022-02-20")]
    assert [e.id for e in chronological(dated)] == ["w", "x", "a", "b", "c", "d"]
    looped = [_event("p", after=("q",)), _event("q", after=("p",)), _event("r")]
    assert [e.id for e in after_order(looped)] == ["r", "p", "q"]  # a cycle keeps file order, after the rest


def test_a_heading_is_shown_as_such_on_the_source_page_and_not_counted(demo_project: Path) -> None:
    seed = demo_project / "seeds" / "gazette-story.txt"
    old = seed.read_text(encoding="utf-8")
    import hashlib

    before = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_text(old.replace("\nThe council did not", "\nNo comment from the council\nThe council did not"))
    after = hashlib.sha256(seed.read_bytes()).hexdigest()
    _edit(demo_project, "content/sources.yaml", before, after)
    checked = check(demo_project)
    assert checked.model is not None
    gazette = next(d for d in checked.model.documents if d.id == "gazette")
    heading = next(s for s in gazette.sentences if s.text == "No comment from the council")
    assert heading.not_content == "heading" and not heading.counted
    files = render_site(checked.model, checked.links, demo_project, BUILT)
    source = files["sources/gazette.html"].decode("utf-8")
    assert 'class="sentence heading"' in source and '<span class="nc-tag">heading</span>' in source


def test_sentence_ids_stay_the_same_when_a_curator_only_adds_facts(demo_project: Path) -> None:
    def sentence_ids() -> list[tuple[str, str]]:
        checked = check(demo_project)
        assert checked.model is not None
        return [(s.id, s.text) for d in checked.model.documents for s in d.sentences]

    before = sentence_ids()
    with (demo_project / "content" / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: union-warning\n  title: The drivers' union warns of costs\n  date_text: not given\n"
            "  status: occurred\n  cite:\n    - sentence: council-report.6\n"
        )
    assert sentence_ids() == before
