"""What the curator knows reaches the reader, continued: notes on back-links, chips told apart, dates in words."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, build_site, require_tool

from briefing.build import check
from briefing.outputs.handout import handout_html
from briefing.outputs.views import CiteRef, distinct_refs
from briefing.tools.scaffold import create


def _backlinks(page: str) -> list[str]:
    return re.findall(r'<a class="cite backlink".*?</a>', page, re.DOTALL)


def test_a_back_link_carries_the_note_of_the_fact_it_leads_to(demo_site: Path) -> None:
    """The demo's actor note ('Named only by itself, in its own report [@gazette]') reaches the gazette page."""
    gazette = (demo_site / "sources" / "gazette.html").read_text(encoding="utf-8")
    noted = [link for link in _backlinks(gazette) if "Curator’s note" in link]
    assert noted, "no back-link shows its fact's curator's note"
    words = html.unescape(re.sub(r"<[^>]+>", "", noted[0]))
    assert "Named only by itself, in its own report (S2); no reporter is named." in words
    assert '<span class="note-tag">note</span>' in noted[0], "the chip itself says that a note is there"
    plain = [link for link in _backlinks(gazette) if "Curator’s note" not in link]
    assert all('class="note-tag"' not in link for link in plain), "a fact without notes shows no note mark"


def _ref(href: str, label: str, description: str) -> CiteRef:
    return CiteRef(href, label, description, "")


def test_chips_of_one_group_never_read_the_same() -> None:
    refs = [
        _ref("index.html#statement-a", "statement, Jen Psaki", "Statement: Jen Psaki: We are ready for diplomacy"),
        _ref("index.html#statement-b", "statement, Jen Psaki", "Statement: Jen Psaki: Russia appears to prepare"),
        _ref("index.html#statement-a", "statement, Jen Psaki", "Statement: Jen Psaki: We are ready for diplomacy"),
        _ref("sources/a.html#a.2", "S1.2", "S1 (A report), sentence 2"),
    ]
    labels = [r.label for r in distinct_refs(refs)]
    assert labels == [
        "statement, Jen Psaki: We are ready for diplom…",
        "statement, Jen Psaki: Russia appears to prepa…",
        "S1.2",
    ]


def test_a_key_point_shows_each_chip_once_and_distinct(demo_project: Path, tmp_path: Path) -> None:
    """Two statements by one speaker, one of them cited twice, in one key point: two chips that differ."""
    with (demo_project / "content" / "summary.md").open("a", encoding="utf-8") as f:
        f.write("- Ruiz spoke twice [@ruiz-overdue; @ruiz-safe; @ruiz-overdue].\n")
    index = (build_site(demo_project, tmp_path / "site") / "index.html").read_text(encoding="utf-8")
    point = index[index.index("Ruiz spoke twice") :].split("</li>", 1)[0]
    labels = re.findall(r'<span class="cite-label">(.*?)</span>', point)
    assert len(labels) == 2 and len(set(labels)) == 2, labels
    assert all(label.startswith("statement, Ana Ruiz: ") for label in labels), labels


def test_a_chip_gives_an_event_date_in_words_and_says_when_it_is_inferred(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    chips = set(re.findall(r'<span class="cite-label">(event [^<]*)</span>', index))
    assert chips, "the demo cites an event with a date"
    assert not any(re.search(r"\d{4}-\d\d", chip) for chip in chips), chips


def test_the_chart_shows_a_full_title_on_focus_and_its_as_of_line_at_390_px(demo_project: Path, tmp_path: Path) -> None:
    """Tab to a mark: its whole title (the accessible name, from its <title>) shows under the chart.
    On a phone the chart scrolls sideways; it opens scrolled so that the as-of line is in view."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = require_tool("chromium")
    briefing = demo_project / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("as_of: 2024-02-28", "as_of: 2024-03-26"))
    page_path = build_site(demo_project, tmp_path / "site") / "index.html"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 800})
            page.goto(page_path.as_uri())
            line = page.eval_on_selector(".tl-asof", "e => e.getBoundingClientRect().toJSON()")
            box = page.eval_on_selector(".chart-scroll", "e => e.getBoundingClientRect().toJSON()")
            assert box["left"] <= line["left"] <= box["right"], (line, box)
            marks = page.query_selector_all(".chart-scroll a")
            assert marks
            for mark in marks:
                mark.focus()
                title = mark.evaluate("a => a.querySelector('title').textContent")
                assert page.inner_text(".chart-focus") == title
                assert page.is_visible(".chart-focus")
            assert any(
                "Bridge closed for repairs" in m.evaluate("a => a.querySelector('title').textContent") for m in marks
            )
        finally:
            browser.close()


def test_a_chart_mark_says_when_its_date_is_inferred(demo_site: Path) -> None:
    """The mark's name (its <title>: tooltip, focus box, accessible name) and the chart's description."""
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    names = re.findall(r"<title>([^<]*)</title>", index)
    assert any(n.startswith("Bridge closed for repairs (") and "date inferred" in n for n in names), names
    desc = re.search(r'<desc id="timeline-chart-desc">([^<]*)</desc>', index)
    assert desc is not None and "(date inferred): Bridge closed for repairs" in desc.group(1)


def test_the_handout_notes_mark_an_inferred_publication_date(tmp_path: Path) -> None:
    """The endnotes' line of each source said 'published 2024-02-26' as if the source printed it.

    ``briefing new``'s source has ``published_text``: the date is the curator's inference."""
    create(tmp_path / "p")
    checked = check(tmp_path / "p")
    assert checked.model is not None and not checked.failed(strict=False)
    page = handout_html(checked.model, checked.links, tmp_path / "p", datetime.now(tz=UTC), "a4")
    notes = page[page.index('id="notes-title"') :]
    line = notes.split('<p class="note-source">', 1)[1].split("</p>", 1)[0]
    assert "published" in line and "curator’s inference" in line, line


def test_back_links_of_one_sentence_never_read_the_same(demo_project: Path, tmp_path: Path) -> None:
    """Two statements by one speaker citing one sentence: '↩ statement, Ana Ruiz' twice told nothing apart."""
    with (demo_project / "content" / "statements.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: ruiz-unavoidable\n  speaker: ana-ruiz\n  mode: direct\n  text: unavoidable\n  cite:\n")
        f.write('    - source: council-report\n      quote: called the repairs "overdue and unavoidable"\n')
    page = (build_site(demo_project, tmp_path / "site") / "sources" / "council-report.html").read_text("utf-8")
    sentence = page[page.index('id="council-report.3"') :].split('<span class="sentence', 1)[0]
    shorts = re.findall(r'<span class="cite-label">↩ (statement, Ana Ruiz[^<]*)', sentence)
    assert len(shorts) == 2 and len(set(shorts)) == 2, shorts
