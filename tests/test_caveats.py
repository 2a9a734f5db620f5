"""What the curator knows reaches the reader: notes, inferences, disputes by kind, labels, the handout link.

For the demo and for a project made by ``briefing new``: every note's text is on the page and in the
PDF's text, the page links to the PDF, source discrepancies are outside "Disputed statements".
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DEMO, build_site
from pypdf import PdfReader

from briefing.build import Settings, build, check
from briefing.cli import main
from briefing.model.dates import parse_date
from briefing.model.facts import PROSE_CITATION, Content, Event
from briefing.model.inference import date_stated
from briefing.outputs.timeline.layout import layout
from briefing.tools.scaffold import create


def _notes(content: Content) -> Iterator[str]:
    for fact in (*content.actors, *content.events, *content.statements):
        if fact.notes:
            yield fact.notes
    for source in content.sources:
        yield from source.notes


def _words(text: str) -> str:
    """A note's words as a reader sees them: citations become markers, Markdown marks go."""
    text = PROSE_CITATION.sub("", text).replace("*", "").replace("`", "")
    return " ".join(text.split()).rstrip(" .")


def _page_text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def _pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.replace("\u00ad", "").replace("-\n", "").split())


def _fragments(note: str) -> list[str]:
    """The note split where a citation marker stands in the page, each fragment to be found as is."""
    return [f for f in (_words(part) for part in PROSE_CITATION.sub("\0", note).split("\0")) if len(f) > 3]


@pytest.fixture(scope="module", params=["demo", "new"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project, site) with the PDF, for the demo and for a fresh ``briefing new`` project."""
    base = tmp_path_factory.mktemp(request.param)
    project = base / "project"
    if request.param == "demo":
        shutil.copytree(DEMO, project)
    else:
        create(project)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        result = build(Settings(project, base / "site"))
    assert result.written, result.diagnostics
    return project, base / "site"


def test_every_note_is_on_the_page_and_in_the_pdf(built: tuple[Path, Path]) -> None:
    project, site = built
    checked = check(project)
    assert checked.model is not None
    notes = list(_notes(checked.model.content))
    assert notes, "the project should carry notes to show"
    page = _page_text((site / "index.html").read_text(encoding="utf-8"))
    pdf = _pdf_text(site / "briefing.pdf")
    for note in notes:
        for fragment in _fragments(note):
            assert fragment in page, fragment
            assert " ".join(fragment.split()) in pdf, fragment
    assert "Curator’s note" in page and "Curator’s note" in pdf


def test_the_page_links_to_the_pdf_with_its_size_and_pages(built: tuple[Path, Path]) -> None:
    _, site = built
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = len(PdfReader(site / "briefing.pdf").pages)
    link = re.search(r'<a href="briefing.pdf"[^>]*>[^<]+</a> <span class="muted">\(PDF, (\d+) pages?, (\d+) kB', index)
    assert link is not None
    assert int(link.group(1)) == pages
    assert abs(int(link.group(2)) * 1000 - (site / "briefing.pdf").stat().st_size) <= 500


def test_a_page_without_a_pdf_does_not_link_to_one(demo_site: Path) -> None:
    assert "briefing.pdf" not in (demo_site / "index.html").read_text(encoding="utf-8")


def _section(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}"')
    end = page.find("<section id=", start + 1)
    return page[start : end if end > 0 else len(page)]


def test_discrepancies_have_their_own_section_outside_the_disputed_statements(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    disputed = _section(index, "disputes")
    differ = index[index.index('<section id="discrepancies"') : index.index('<section id="sources"')]
    assert 'id="dispute-closure-length"' in disputed and "dispute-mayor-name" not in disputed
    assert 'id="dispute-mayor-name"' in differ and "Where the sources differ" in differ
    assert "Account 1." in differ and "Position 1." in disputed
    assert '<a href="#discrepancies">Where the sources differ</a>' in index


def test_discrepancies_are_outside_the_disputed_statements_in_the_pdf(built: tuple[Path, Path]) -> None:
    project, site = built
    if "mayor-name" not in project.joinpath("content/disputes.yaml").read_text(encoding="utf-8"):
        pytest.skip("a project of one source (briefing new) has no discrepancy")
    text = _pdf_text(site / "briefing.pdf")
    assert text.index("Disputed statements") < text.index("What is the mayor's first name?")
    assert text.index("Where the sources differ") < text.index("What is the mayor's first name?")
    assert text.index("How long will the bridge be closed?") < text.index("Where the sources differ")


def test_inferred_dates_are_marked_and_stated_ones_are_not(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    closure = index[index.index('<tr id="event-closure-announced"') :]
    assert 'class="inferred"' in closure[: closure.index("</tr>")]  # 2024-02-27 from "on Tuesday"
    council = index[index.index('id="source-council-report"') :]
    assert "curator’s inference" in council[: council.index("</article>")]  # published_text given
    gazette = index[index.index('id="source-gazette"') :]
    assert "curator’s title" in gazette[: gazette.index("</article>")]


@pytest.mark.parametrize(
    ("value", "wording", "stated"),
    [
        ("2022-02-20", "on Sunday", False),
        ("2022-02-20", "on 20 February", True),
        ("2022-02-20", "Feb. 20", True),
        ("2022-02-20", "on 21 February", False),
        ("2022-02-21/2022-02-28", "in the coming days", False),
        ("2024-03-04/2024-03-24", "for three weeks from 4 March", False),
        ("2024-03-04/2024-03-24", "from 4 March to 24 March", True),
        ("2014", "in 2014", True),
        ("2022-02", "earlier this month", False),
        ("2022-02", "in February", True),
        ("2022-02-20", "2022-02-20", True),
        ("2022-02-20", "", False),
        ("2017-11-14~", "about 14 November", True),
        ("../2017-11-14", "by 14 Nov.", True),
        ("2017-11-14/..", "since Tuesday", False),
    ],
)
def test_a_date_is_stated_only_when_its_wording_names_it(value: str, wording: str, stated: bool) -> None:
    assert date_stated(parse_date(value), wording) is stated


def test_a_note_renders_markdown_and_citations(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    row = index[index.index('<tr id="actor-gazette-paper"') :]
    note = row[row.index('<tr class="note-row">') : row.index("</tr>", row.index('<tr class="note-row">'))]
    assert "<em>reporter</em>" in note
    assert '<a class="cite" href="sources/gazette.html"><span class="cite-label">S2</span>' in note  # [@gazette]


def test_a_source_label_names_it_everywhere(demo_project: Path, tmp_path: Path) -> None:
    sources = demo_project / "content" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  outlet: The Gazette", "  label: GZ\n  outlet: The Gazette"), encoding="utf-8")
    site = build_site(demo_project, tmp_path / "site")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<span class="cite-label">GZ.2</span>' in index and "S2.2" not in index
    assert '<span class="source-n">GZ</span>' in index
    assert "<title>GZ Gazette story" in (site / "sources" / "gazette.html").read_text(encoding="utf-8")
    assert '"label": "GZ"' in (site / "data.json").read_text(encoding="utf-8")


def test_chips_and_back_links_say_what_they_point_to(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    assert '<span class="cite-label">statement, An unnamed engineer</span>' in index
    gazette = (demo_site / "sources" / "gazette.html").read_text(encoding="utf-8")
    assert "↩ statement, An unnamed engineer" in gazette and "↩ engineer-six-weeks" not in gazette


def _event(event_id: str, status: str, when: str | None) -> Event:
    return Event(event_id, f"Event {event_id}", (), status, parse_date(when) if when else None)


def test_undated_events_are_grouped_under_headings_that_match_their_status() -> None:
    events = [_event("a", "occurred", None), _event("b", "proposed", None), _event("c", "scheduled", "2022-02-22")]
    chart = layout(events, parse_date("2022-02-21"), lambda s: 5.0 * len(s)).layout
    lane_of_mark = {m.event.id: next(la.title for la in chart.lanes if la.top < m.y < la.bottom) for m in chart.marks}
    assert lane_of_mark["a"] == "Happened, no date given"
    assert lane_of_mark["b"] == "Proposed or conditional, no date given"
    assert not any("not yet scheduled" in la.title.lower() for la in chart.lanes)


def test_the_demo_chart_puts_its_undated_occurred_event_under_happened(demo_site: Path) -> None:
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "Not yet scheduled" not in index
    assert "No date given: Engineers find corrosion in two cables (occurred)" in index  # the text alternative


def test_a_month_that_happened_is_not_drawn_past_the_as_of_date() -> None:
    events = [
        _event("m", "occurred", "2022-02"),
        _event("s", "scheduled", "2022-02"),
        _event("d", "occurred", "2022-02-10"),
    ]
    chart = layout(events, parse_date("2022-02-21"), lambda s: 5.0 * len(s)).layout
    marks = {m.event.id: m for m in chart.marks}
    assert marks["m"].x1 <= chart.as_of_x < marks["s"].x1  # a planned month may run on past it


def test_build_without_pdf_says_so_and_that_the_previous_handout_went(
    built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, site = built
    out = tmp_path / "site"
    assert main(["-C", str(project), "build", "--no-pdf", "--out", str(out)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("no PDF handout in this build (--no-pdf)")
    shutil.copytree(site, out, dirs_exist_ok=True)  # as if the previous build had made the handout
    assert main(["-C", str(project), "build", "--no-pdf", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "the previous briefing.pdf was removed" in said and not (out / "briefing.pdf").exists()


def test_a_list_too_long_to_print_is_left_out_of_the_handout_with_where_to_read_it(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.outputs import handout

    checked = check(demo_project)
    assert checked.model is not None
    built_at = datetime(2024, 3, 1, tzinfo=UTC)
    full = handout.handout_html(checked.model, checked.links, demo_project, built_at)
    assert '<section id="statements"' in full and "too many to print" not in full
    monkeypatch.setattr(handout, "HANDOUT_ROWS", 2)  # the demo has 3 statements and 5 actors
    short = handout.handout_html(checked.model, checked.links, demo_project, built_at)
    assert "The 3 statements of this briefing are too many to print here" in short
    assert "The 5 actors of this briefing are too many to print here" in short
    assert "statements-title" in short and '<table class="statements">' not in short
