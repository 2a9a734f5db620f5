"""The site in headless Chromium (the system browser; never a downloaded one).

Opened from file://: a citation leads to its sentence, which is highlighted;
no console error; no request outside site/; axe-core finds no WCAG 2 A/AA
violation; screenshots at 1280 and 390 px for a human to look at.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, build_site, require_tool

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is missing")

SHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", "/tmp/briefing-screenshots"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


class Watched:
    """A page that records console errors, page errors and any request outside the site folder."""

    def __init__(self, browser: object, site: Path, **context: object) -> None:
        self.site = site.resolve()
        self.context = browser.new_context(**context)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        inside = url.startswith("file://") and Path(
            url[len("file://") :].split("#")[0].split("?")[0]
        ).resolve().is_relative_to(self.site)
        if inside:
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def open(self, rel: str) -> object:
        path, mark, query = rel.partition("?")  # a query stays a query, not part of the file name
        self.page.goto((self.site / path).as_uri() + mark + query)
        return self.page


def _style(page: object, selector: str, prop: str) -> str:
    return str(page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}"))  # type: ignore[attr-defined]


def test_citation_leads_to_its_highlighted_sentence(browser: object, demo_site: Path) -> None:
    w = Watched(browser, demo_site)
    page = w.open("index.html")
    marker = page.locator('#event-closure-announced a.cite[href$="#council-report.2"]')  # type: ignore[attr-defined]
    plain = _style(page, "body", "backgroundColor")
    marker.click()
    page.wait_for_url("**/sources/council-report.html#council-report.2")  # type: ignore[attr-defined]
    target = page.locator(":target")  # type: ignore[attr-defined]
    assert target.get_attribute("id") == "council-report.2"
    highlight = _style(page, ":target", "backgroundColor")
    assert highlight not in (plain, "rgba(0, 0, 0, 0)")
    assert _style(page, "[id='council-report.3']", "backgroundColor") != highlight
    assert _style(page, ":target", "outlineStyle") == "solid"
    # and back: the sentence lists the facts citing it
    page.locator('#council-report\\.2 + .backlinks a[href$="#event-closure-announced"]').click()  # type: ignore[attr-defined]
    page.wait_for_url("**/index.html#event-closure-announced")  # type: ignore[attr-defined]
    assert page.locator(":target").get_attribute("id") == "event-closure-announced"  # type: ignore[attr-defined]
    assert w.errors == []
    assert w.outside == []


def test_skip_link_is_first_and_visible_on_focus(browser: object, demo_site: Path) -> None:
    w = Watched(browser, demo_site, java_script_enabled=False)
    page = w.open("sources/gazette.html")
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")  # type: ignore[attr-defined]
    assert focused == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()  # type: ignore[attr-defined]
    assert box["y"] >= 0 and box["height"] > 10
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "main"  # type: ignore[attr-defined]


def test_quote_shows_on_keyboard_focus_and_hover(browser: object, demo_site: Path) -> None:
    w = Watched(browser, demo_site, java_script_enabled=False)
    page = w.open("index.html")
    selector = "#event-closure-announced a.cite .cite-quote"
    assert _style(page, selector, "position") == "absolute"  # visually hidden
    page.focus("#event-closure-announced a.cite")  # type: ignore[attr-defined]
    assert _style(page, selector, "position") == "fixed"
    box = page.locator(selector).bounding_box()  # type: ignore[attr-defined]
    assert box["width"] > 100 and box["height"] > 10
    page.locator("h1").focus()  # type: ignore[attr-defined]
    page.hover("#actor-ana-ruiz a.cite")  # type: ignore[attr-defined]
    assert _style(page, "#actor-ana-ruiz a.cite .cite-quote", "position") == "fixed"
    assert w.errors == [] and w.outside == []


@pytest.mark.parametrize(
    "rel", ["index.html", "sources/gazette.html", "sources/council-report.html", "search.html?q=bridge"]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(browser: object, demo_site: Path, rel: str, scheme: str) -> None:
    w = Watched(browser, demo_site, color_scheme=scheme)
    page = w.open(rel)
    assert w.errors == [] and w.outside == []  # before axe: its own CSS fetch fails under file://
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
    results = axe_module.Axe().run(page, options=options)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert violations == []
    assert results.response["testEngine"]["name"] == "axe-core"
    assert w.outside == []


def test_axe_detects_a_violation(browser: object, tmp_path: Path) -> None:
    """An image without alt text must be reported, or 0 violations means nothing."""
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html><title>x</title><img src="x.png"></html>')
    w = Watched(browser, tmp_path)
    page = w.open("bad.html")
    results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a"]}})
    assert {v["id"] for v in results.response["violations"]} >= {"image-alt", "html-has-lang"}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("rel", ["index.html", "sources/gazette.html"])
def test_screenshots_and_no_horizontal_scroll(browser: object, demo_site: Path, width: int, rel: str) -> None:
    w = Watched(browser, demo_site, viewport={"width": width, "height": 900})
    page = w.open(rel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{rel.replace('/', '-').removesuffix('.html')}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000
    scroll_width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert scroll_width <= width, f"page is {scroll_width}px wide at a {width}px viewport"
    assert w.errors == [] and w.outside == []


@pytest.mark.parametrize("width", [1280, 390])
def test_shipped_pages_fit_and_pass_axe(browser: object, shipped_site: Path, width: int) -> None:
    """The real briefing: every page, both widths; its long content is where layouts break."""
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
    for path in sorted(shipped_site.rglob("*.html")):
        w = Watched(browser, shipped_site, viewport={"width": width, "height": 900})
        page = w.open(path.relative_to(shipped_site).as_posix())
        assert w.errors == [] and w.outside == [], path.name
        scroll_width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert scroll_width <= width, f"{path.name} is {scroll_width}px wide at a {width}px viewport"
        results = axe_module.Axe().run(page, options=options)
        assert [v["id"] for v in results.response["violations"]] == [], path.name
        assert w.outside == []


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_site_works_under_a_subpath_over_http(browser: object, demo_site: Path, tmp_path: Path) -> None:
    """Hosted in a subfolder (as on GitHub Pages): every request stays under it, citations work."""
    shutil.copytree(demo_site, tmp_path / "team" / "brief")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/team/brief/"
        page = browser.new_page()  # type: ignore[attr-defined]
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(base + "index.html")
        page.locator('#event-closure-announced a.cite[href$="#council-report.2"]').click()
        page.wait_for_url(base + "sources/council-report.html#council-report.2")
        assert page.locator(":target").get_attribute("id") == "council-report.2"
        assert requested and all(url.startswith(base) for url in requested), requested
        assert base + "style.css" in requested
        assert failed == []
    finally:
        server.shutdown()
        server.server_close()


def _tab_to(page: object, selector: str, limit: int = 80) -> int:
    """Press Tab until an element matching ``selector`` has the focus, as a keyboard user would; the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):  # type: ignore[attr-defined]
            return presses
    pytest.fail(f"{selector} never took the focus")


@pytest.mark.parametrize("start", ["index.html", "sources/gazette.html"])
def test_search_by_keyboard_from_file_url(browser: object, demo_site: Path, start: str) -> None:
    """From any page and folder of the site opened from file://: Tab to the box, type, Enter, Tab to a result, Enter."""
    w = Watched(browser, demo_site)
    page = w.open(start)
    _tab_to(page, "#site-search-q")
    page.keyboard.type("ferry sailings")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/search.html?q=ferry+sailings")  # type: ignore[attr-defined]
    status = page.locator("#search-status")  # type: ignore[attr-defined]
    status.filter(has_text="match").wait_for()
    assert status.inner_text() == "1 fact and 1 source sentence match \u201cferry sailings\u201d."
    assert page.locator("#search-page-q").input_value() == "ferry sailings"  # type: ignore[attr-defined]
    marks = page.locator("#search-results mark").all_inner_texts()  # type: ignore[attr-defined]
    assert {m.lower() for m in marks} == {"ferry", "sailings"}
    assert page.evaluate("document.activeElement.id") == "search-page-q"  # the focus stays in the box
    assert _tab_to(page, "#search-results a") == 2  # past the Search button, the first result
    focused = page.evaluate("document.activeElement.getAttribute('href')")  # type: ignore[attr-defined]
    assert focused == "index.html#event-extra-sailings"
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**/index.html#event-extra-sailings")  # type: ignore[attr-defined]
    assert w.errors == [] and w.outside == []


def test_search_updates_as_you_type_and_finds_sentences_without_accents(browser: object, demo_site: Path) -> None:
    w = Watched(browser, demo_site)
    page = w.open("search.html")
    status = page.locator("#search-status")  # type: ignore[attr-defined]
    assert status.inner_text() == "Type a word to search the facts and the source texts."
    page.locator("#search-page-q").press_sequentially("CORROSIÓN")  # type: ignore[attr-defined]
    status.filter(has_text="match").wait_for()
    sentences = page.locator("#results-sentences + ol a")  # type: ignore[attr-defined]
    assert sentences.count() >= 1
    first = sentences.first
    assert first.get_attribute("href").startswith("sources/council-report.html#council-report.")
    assert first.inner_text().startswith("S1.")
    assert w.errors == [] and w.outside == []


def test_search_page_without_javascript_says_what_to_use(browser: object, demo_site: Path) -> None:
    w = Watched(browser, demo_site, java_script_enabled=False)
    page = w.open("index.html")
    assert page.locator("form.site-search input[name=q]").is_visible()  # type: ignore[attr-defined]
    page = w.open("search.html?q=ferry")
    assert "needs JavaScript" in page.locator("main").inner_text()  # type: ignore[attr-defined]
    assert w.outside == []


def test_search_results_are_text_never_markup(browser: object, tmp_path: Path, demo_project: Path) -> None:
    """A fact whose words look like HTML is shown as those words (results are built as text nodes)."""
    events = demo_project / "content" / "events.yaml"
    events.write_text(
        events.read_text("utf-8").replace("Extra ferry sailings", "Extra <img src=x onerror=alert(1)> sailings"),
        "utf-8",
    )
    site = build_site(demo_project, tmp_path / "site")
    w = Watched(browser, site)
    page = w.open("search.html?q=onerror")
    page.locator("#search-status").filter(has_text="match").wait_for()  # type: ignore[attr-defined]
    assert page.locator("#search-results img").count() == 0  # type: ignore[attr-defined]
    assert "<img src=x onerror=alert(1)>" in page.locator("#search-results").inner_text()  # type: ignore[attr-defined]
    assert w.errors == [] and w.outside == []
