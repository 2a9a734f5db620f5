"""feed.xml: valid Atom 1.0 read by feedparser, written only with base_url, one entry per given edition."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import DEMO, build_site

from briefing.model.dates import parse_date
from briefing.model.facts import Briefing
from briefing.outputs.feed import Entry, atom_feed, current_state

BASE = "https://example.org/harbour/"


def with_base(tmp: Path, base: str = BASE) -> Path:
    """A copy of the demo project whose briefing.yaml sets base_url."""
    project = tmp / "demo"
    shutil.copytree(DEMO, project)
    yaml = project / "content" / "briefing.yaml"
    yaml.write_text(yaml.read_text("utf-8") + f"base_url: {base}\n", "utf-8")
    return project


@pytest.fixture(scope="module")
def based_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("based")
    return build_site(with_base(tmp), tmp / "site")


def test_feed_is_valid_atom_with_the_current_state(based_site: Path) -> None:
    parsed = feedparser.parse((based_site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Harbour bridge closure"
    assert parsed.feed.id == BASE
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": f"{BASE}feed.xml", "alternate": f"{BASE}index.html"}
    [entry] = parsed.entries
    assert entry.id == f"{BASE}#as-of-2024-02-28"
    assert entry.link == f"{BASE}index.html"
    assert entry.updated == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH of build_site
    assert entry.summary == "How long will the harbour bridge close, and who says so?"


def test_every_page_links_the_feed(based_site: Path) -> None:
    for page in based_site.rglob("*.html"):
        prefix = "../" if page.parent != based_site else ""
        title = "Harbour bridge closure (Atom feed)"
        link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{prefix}feed.xml">'
        assert link in page.read_text("utf-8"), page


def test_no_feed_without_base_url(demo_site: Path) -> None:
    assert not (demo_site / "feed.xml").exists()
    assert "application/atom+xml" not in (demo_site / "index.html").read_text("utf-8")


def test_entries_are_an_input_newest_first_and_feed_updated_is_the_latest() -> None:
    briefing = Briefing("T & <b>", parse_date("2024-01-02"), language="fr")
    old = Entry("urn:x:1", "First edition", datetime(2024, 1, 1, tzinfo=UTC), f"{BASE}editions/1/")
    new = Entry("urn:x:2", "Second edition", datetime(2024, 2, 1, tzinfo=UTC), f"{BASE}editions/2/", "Corrected.")
    parsed = feedparser.parse(atom_feed(briefing, BASE, [old, new]))
    assert not parsed.bozo
    assert parsed.feed.title == "T & <b>"
    assert parsed.feed.updated == "2024-02-01T00:00:00Z"
    assert parsed.feed.language == "fr"
    assert [e.id for e in parsed.entries] == ["urn:x:2", "urn:x:1"]
    assert parsed.entries[0].summary == "Corrected."


def test_current_state_entry_is_stable_for_the_same_as_of() -> None:
    briefing = Briefing("T", parse_date("2024-01-02"))
    one = current_state(briefing, BASE, datetime(2024, 3, 1, tzinfo=UTC))
    two = current_state(briefing, BASE, datetime(2024, 4, 1, tzinfo=UTC))
    assert one.id == two.id == f"{BASE}#as-of-2024-01-02"


def test_build_summary_says_the_feed_was_left_out(
    demo_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.cli import main

    assert main(["-C", str(demo_project), "build", "--no-pdf", "--out", str(tmp_path / "site")]) == 0
    assert "; no feed.xml or sitemap.xml: set base_url in content/briefing.yaml" in capsys.readouterr().out
    assert not (tmp_path / "site" / "feed.xml").exists()


def test_editions_replace_the_current_state_entry(tmp_path: Path) -> None:
    from briefing.build import check
    from briefing.outputs.files import whole
    from briefing.outputs.web import web_file_tasks

    def web_files(*args: Any) -> dict[str, bytes]:
        return {rel: whole(make()) for rel, make in web_file_tasks(*args)}

    checked = check(with_base(tmp_path))
    assert checked.model is not None
    built = datetime(2024, 3, 1, tzinfo=UTC)
    editions = [Entry(f"{BASE}editions/1/", "Edition 1", built, f"{BASE}editions/1/index.html")]
    files = web_files(checked.model, checked.links, built, ["index.html"], editions)
    parsed = feedparser.parse(files["feed.xml"])
    assert [e.id for e in parsed.entries] == [f"{BASE}editions/1/"]
    default = feedparser.parse(web_files(checked.model, checked.links, built, ["index.html"])["feed.xml"])
    assert [e.id for e in default.entries] == [f"{BASE}#as-of-2024-02-28"]
