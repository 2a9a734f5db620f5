"""A large briefing's pages stay small: the long lists move to pages of their own (outputs/layout.py).

The limits are lowered so that a generated briefing of 30 sources splits and paginates in a
second; the shipped and demo briefings stay one page (tests/test_golden.py is their contract).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from briefing.build import Settings, build, check
from briefing.model.chronology import chronological
from briefing.outputs import layout
from briefing.outputs.layout import ROW, paginate, plan, weight
from briefing.tools.linkcheck import check_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

N = 30
ROWS = 10
BUDGET = 12_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = corpus.generate(N, tmp_path_factory.mktemp("large"))
    briefing = root / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text() + "base_url: https://example.org/large/\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "SPLIT_ROWS", ROWS)
        patch.setattr(layout, "PAGE_BUDGET", BUDGET)
        result = build(Settings(root, root / "site", pdf=False))
    assert result.ok, result.diagnostics
    return root / "site"


def _pages(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(pattern))


def test_the_long_lists_move_to_numbered_pages_of_their_own(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<table class="statements">' not in index and '<table class="actors">' not in index
    assert '<table class="events">' not in index and 'class="source-meta"' not in index
    for name in ("actors", "events", "statements", "disputes", "sources"):
        assert f'href="{name}.html"' in index, name  # the summary links to the list
        assert (site / f"{name}.html").is_file()
    assert len(_pages(site, "statements-*.html")) >= 2  # 60 statements do not fit one page of the budget
    assert len(_pages(site, "actors/*.html")) == 2 * N
    assert len(_pages(site, "disputes/*.html")) == N // 5
    second = (site / "statements-2.html").read_text(encoding="utf-8")
    assert 'aria-current="page"' in second and 'href="statements.html"' in second  # the pager


def test_every_link_resolves_and_facts_link_to_their_new_pages(site: Path) -> None:
    assert check_site(site) == []
    page = (site / "statements.html").read_text(encoding="utf-8")
    assert 'href="actors/s00001-person.html"' in page  # a speaker leads to their own page
    dispute = (site / "disputes" / "s00005-length.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./statements(-\d+)?\.html#statement-s00005-overdue"', dispute)


def test_an_actor_page_gives_what_they_said_and_did_with_citations(site: Path) -> None:
    page = (site / "actors" / "s00005-person.html").read_text(encoding="utf-8")
    assert 'id="statement-s00005-overdue"' in page  # their statement, in full
    assert 'href="../sources/s00005.html#s00005.' in page  # cited to the sentence
    assert 'href="../disputes/s00005-length.html"' in page  # the dispute they hold a position in
    body = (site / "actors" / "s00005-body.html").read_text(encoding="utf-8")
    assert 'id="event-s00005-closure"' in body  # the event they are an actor of


def test_search_sitemap_annotations_and_source_pages_point_to_the_new_pages(site: Path) -> None:
    index = (site / "search-index.js").read_text(encoding="utf-8")
    assert '"actors/s00001-person.html"' in index and '"disputes/s00005-length.html"' in index
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("actors.html", "statements-2.html", "actors/s00001-person.html", "disputes/s00005-length.html"):
        assert f"<loc>https://example.org/large/{page}</loc>" in sitemap
    annotations = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert "index.html#" not in json.dumps(annotations)
    source = (site / "sources" / "s00001.html").read_text(encoding="utf-8")
    assert 'href="../actors/s00001-person.html"' in source and 'href="../sources.html"' in source
    assert not re.search(r"index\.html#(actor|event|statement|dispute)-", source)


def test_every_page_stays_under_a_bound_computed_from_its_rows(site: Path) -> None:
    """A list page holds at most BUDGET estimated bytes of rows (one row more if a row alone exceeds it);
    the estimate must not under-count what a row really weighs, or pages could grow past the bound."""
    shell = len((site / "search.html").read_bytes())  # a page's frame: header, search, footer
    pages = _pages(site, "*.html") + _pages(site, "actors/*.html") + _pages(site, "disputes/*.html")
    assert len(pages) > 2 * N
    for page in pages:
        if page.name in ("index.html", "search.html"):
            continue
        assert len(page.read_bytes()) <= 2 * shell + BUDGET, page.name
    index = (site / "index.html").read_text(encoding="utf-8")
    without_chart = len(re.sub(r"<svg\b.*?</svg>", "", index, flags=re.DOTALL).encode())
    assert without_chart <= 2 * shell + 20 * ROW  # summaries of a fixed length, not the tables


def test_a_briefing_under_the_threshold_stays_one_page(demo_project: Path) -> None:
    checked = check(demo_project)
    assert checked.model is not None
    content = checked.model.content
    assert not plan(content, chronological(content.events)).split


def test_pages_are_cut_by_estimated_bytes_and_keep_order(demo_project: Path) -> None:
    checked = check(demo_project)
    assert checked.model is not None
    statements = checked.model.content.statements
    cost = max(weight(s) for s in statements)
    pages = paginate(statements, cost)  # one row per page when the budget is one row
    assert [i for page in pages for i in page] == [s.id for s in statements]
    assert all(len(page) == 1 for page in pages)
    assert paginate(statements, 10**9) == (tuple(s.id for s in statements),)


def test_the_handout_says_where_a_list_it_leaves_out_is_on_a_split_site(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from briefing.outputs import handout

    checked = check(demo_project)
    assert checked.model is not None
    monkeypatch.setattr(handout, "HANDOUT_ROWS", 2)
    monkeypatch.setattr(layout, "SPLIT_ROWS", 2)
    html = handout.handout_html(checked.model, checked.links, demo_project, datetime(2024, 3, 1, tzinfo=UTC))
    assert "Read them on the briefing's pages (statements.html)" in html
    assert 'href="#actor-' in html and "actors/" not in html  # printed tables link inside the PDF


def test_the_pages_schema_org_report_cites_a_bounded_number_of_sources(site: Path) -> None:
    from briefing.outputs import social

    page = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert found is not None and len(json.loads(found.group(1))["citation"]) == N  # under the bound: all
    checked = check(site.parent)
    assert checked.model is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(social, "JSONLD_SOURCES", 5)
        assert len(social.report_jsonld(checked.model, "")["citation"]) == 5
