"""The multilingual demo (tests/multilingual_demo): sources in English, Russian and Arabic, a French
interface. It builds; its pages speak French, quote each source in its own language (lang, dir),
pass vnu and axe in Chromium at 1280 and 390 px; the same project with an Arabic interface is a
right-to-left page that passes them too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, build_site, require_tool
from test_site_validator import vnu_errors

DEMO = Path(__file__).resolve().parent / "multilingual_demo"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("multilingual")
    shutil.copytree(DEMO, base / "demo")
    return build_site(base / "demo", base / "site")


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("multilingual-ar")
    shutil.copytree(DEMO, base / "demo")
    briefing = base / "demo" / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("language: fr", "language: ar"), encoding="utf-8")
    return build_site(base / "demo", base / "site")


def test_the_interface_is_french_and_the_quotes_keep_their_language(french_site: Path) -> None:
    index = (french_site / "index.html").read_text(encoding="utf-8")
    assert index.startswith('<!DOCTYPE html>\n<html lang="fr">\n')
    for heading in ("Points clés", "Chronologie", "Acteurs", "Déclarations contestées", "Méthode"):
        assert f">{heading}</h2>" in index
    assert 'Arrêté au</dt><dd><span class="as-of-date"><time datetime="2024-03-06">6 mars 2024</time>' in index
    assert '<q lang="ru">не более чем на 10 процентов</q>' in index
    assert '<q lang="ar" dir="rtl">لن نقبل بأي اتفاق لا يضمن حصتنا من المياه</q>' in index
    assert '<q lang="en">Both delegations have confirmed they will attend</q>' in index
    assert "traduction du curateur :" in index
    source = (french_site / "sources" / "anba-ar.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="para" id="anba-ar-p\d+" lang="ar" dir="rtl">', source)


def test_an_arabic_interface_is_a_right_to_left_page(arabic_site: Path) -> None:
    index = (arabic_site / "index.html").read_text(encoding="utf-8")
    assert index.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n')
    assert ">النقاط الرئيسية</h2>" in index
    assert '<q lang="ar"' not in index  # the page's own language needs no mark
    assert '<q lang="ru" dir="ltr">' in index


def test_pages_are_valid_html(french_site: Path, arabic_site: Path) -> None:
    pages = [*sorted(french_site.rglob("*.html")), arabic_site / "index.html", arabic_site / "sources" / "wire-en.html"]
    assert vnu_errors(pages) == []


sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is missing")


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_and_nothing_overflows(french_site: Path, arabic_site: Path, width: int) -> None:
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
    pages = [*sorted(french_site.rglob("*.html")), arabic_site / "index.html"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium"), args=CHROMIUM_ARGS, headless=True)
        try:
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for path in pages:
                    page.goto(path.as_uri())
                    results = axe_module.Axe().run(page, options=options)
                    found = [f"{v['id']}: {v['nodes'][0]['target']}" for v in results.response["violations"]]
                    assert found == [], f"{path} ({scheme}, {width} px)"
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    assert wide <= width, f"{path} is {wide}px wide at {width} px"
                context.close()
        finally:
            browser.close()


def test_search_speaks_the_page_language(french_site: Path) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium"), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto((french_site / "search.html").as_uri() + "?q=Karvan")
            status = page.inner_text("#search-status")
            assert "correspondent à « Karvan »" in status and "phrases des sources" in status, status
            assert page.inner_text("#results-sentences").startswith("Phrases des sources (")
        finally:
            browser.close()


def test_chips_and_citation_descriptions_speak_french(french_site: Path) -> None:
    """The chips, back-links and marker descriptions made in Python (outputs/chips.py) use the catalog."""
    index = (french_site / "index.html").read_text(encoding="utf-8")
    assert 'cite-label">événement, 12 mars 2024' in index
    assert 'cite-label">déclaration, Leïla Haddad' in index
    assert ", phrase 2</span>" in index
    assert "Événement : Reprise des pourparlers à Genève" in index
    assert "<dd>inconnu" in index and "<dd>unknown" not in index  # a source's author not given
    source = (french_site / "sources" / "anba-ar.html").read_text(encoding="utf-8")
    assert "↩ déclaration, Leïla Haddad" in source
    for english in ('cite-label">event ', 'cite-label">statement, ', ", sentence ", ">Event: ", "↩ statement"):
        assert english not in index + source, english


def test_marks_changes_and_the_feed_speak_french(tmp_path: Path) -> None:
    """A second edition with an updated event and a correction: the table's marks, the chart's prefixes,
    the 'What changed' lines and the feed's entries come from the catalog, none in English."""
    from xml.etree import ElementTree

    from briefing.cli import main

    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    content = root / "content"
    briefing = content / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "base_url: https://example.org/b/\n", encoding="utf-8")
    assert main(["-C", str(root), "publish"]) == 0
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("2024-03-06", "2024-03-07"), encoding="utf-8")
    events = content / "events.yaml"
    said = "date_text: 11 марта\n  status: scheduled"
    events.write_text(events.read_text(encoding="utf-8").replace(said, said.replace("scheduled", "occurred")))
    (content / "corrections.yaml").write_text(
        "- date: 2024-03-07\n  said: que les pourparlers reprendraient le 11 mars\n"
        "  now: qu’ils reprendront le 12 mars\n  facts: [talks-resume]\n",
        encoding="utf-8",
    )
    assert main(["-C", str(root), "build", "--no-pdf"]) == 0
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span class="mark mark-updated">mis à jour</span>' in page
    assert 'class="mark mark-corrected" href="#correction-2024-03-07">corrigé</a>' in page
    assert "<title>Mis à jour : La délégation norvanienne arrive à Genève" in page
    assert "<title>Corrigé : Reprise des pourparlers à Genève" in page
    assert "La délégation norvanienne arrive à Genève : désormais" in page
    feed = (root / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "Une version antérieure de cette note disait que les pourparlers" in feed
    assert "Depuis le 2024-03-06 : " in feed
    ElementTree.fromstring(feed)
    for english in (">updated<", ">corrected<", "Updated: ", "Corrected: ", ": now ", "New event"):
        assert english not in page, english
    for english in ("An earlier version", "Since ", "correction of", "edition of", ": now "):
        assert english not in feed, english


def test_the_overview_of_hundreds_of_events_speaks_french() -> None:
    """Above 100 events the chart counts them (timeline/overview.py): its words come from the catalog too."""
    from timeline_cases import AS_OF, generated_events

    from briefing.outputs.i18n import translations
    from briefing.outputs.timeline import chart
    from briefing.outputs.timeline.words import speaking

    strings = translations("fr")
    with speaking("fr", strings.gettext, strings.ngettext):
        svg = chart.chart_svg(generated_events(300, 18), AS_OF, href=lambda e: f"#event-{e.id}").decode()
    assert "300 événements au 21 févr. 2022, comptés par semaine et selon leur degré de certitude." in svg
    assert "semaine du " in svg and "Sans date : " in svg and "aller au premier d’entre eux dans le tableau" in svg
    assert "Chaque événement figure dans le tableau des événements." in svg
    for english in ("events as of", "week from", "No date given", "go to the first", "events table", " event"):
        assert english not in svg, english
