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
from conftest import CHROMIUM_ARGS, require_tool

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
        inside = url.startswith("file://") and Path(url[len("file://") :].split("#")[0]).resolve().is_relative_to(
            self.site
        )
        if inside:
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def open(self, rel: str) -> object:
        self.page.goto((self.site / rel).as_uri())
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


@pytest.mark.parametrize("rel", ["index.html", "sources/gazette.html", "sources/council-report.html"])
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
