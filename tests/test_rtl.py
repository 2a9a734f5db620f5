"""A right-to-left source on its page: lang and dir on its own words, the reader's interface left alone,
the layout mirrored in Chromium (the backlinks column on the left of the text at 1280 px)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, build_site, require_tool

ARABIC = (
    "قمة في موسكو إذا تراجعت روسيا\n\n"
    "قال بوتين إنه مستعد للحوار. وقال بيسكوف إن الكرملين سيرد في 21 فبراير 2022.\n\n"
    "هل ستعقد القمة؟ لم يؤكد البيت الأبيض ذلك بعد.\n"
)


def add_arabic_source(project: Path) -> None:
    """An Arabic source (language: ar) with one statement citing its second sentence."""
    (project / "seeds" / "ar.txt").write_text(ARABIC, encoding="utf-8")
    digest = hashlib.sha256(ARABIC.encode()).hexdigest()
    with (project / "content" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(f"- id: tass-ar\n  file: ar.txt\n  sha256: {digest}\n  title: قمة في موسكو إذا تراجعت روسيا\n")
        f.write("  language: ar\n")
    with (project / "content" / "statements.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: putin-ready\n  speaker: ana-ruiz\n  mode: reported\n  text: ready for talks\n")
        f.write("  cite:\n    - source: tass-ar\n      quote: قال بوتين إنه مستعد للحوار.\n")


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import DEMO

    base = tmp_path_factory.mktemp("rtl")
    shutil.copytree(DEMO, base / "demo")
    add_arabic_source(base / "demo")
    return build_site(base / "demo", base / "site")


def test_the_sources_own_words_carry_its_language_and_direction(rtl_site: Path) -> None:
    html = (rtl_site / "sources" / "tass-ar.html").read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">قمة في موسكو إذا تراجعت روسيا</span></h1>' in html
    paragraphs = re.findall(r'<p class="para[^"]*" id="tass-ar-p\d+"([^>]*)>', html)
    assert paragraphs == [' lang="ar" dir="rtl"'] * 3
    assert '<span class="backlinks" lang="en" dir="ltr">' in html  # "cited by" stays the page's language
    assert '<html lang="en">' in html


def test_a_source_without_language_is_unchanged(rtl_site: Path) -> None:
    html = (rtl_site / "sources" / "gazette.html").read_text(encoding="utf-8")
    assert 'dir="' not in html


@pytest.fixture(scope="module")
def browser() -> object:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_rtl_text_is_right_aligned_and_mirrored_in_chromium(browser: object, rtl_site: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto((rtl_site / "sources" / "tass-ar.html").as_uri())
    para = page.locator("#tass-ar-p2")
    assert para.evaluate("e => getComputedStyle(e).direction") == "rtl"
    sentence = page.locator("[id='tass-ar.2']").bounding_box()
    main = page.locator("main").bounding_box()
    # right-aligned: the first sentence of a paragraph starts at the right edge of the text column
    assert abs((sentence["x"] + sentence["width"]) - (main["x"] + main["width"])) < 0.25 * main["width"]
    if width == 1280:  # two columns: the backlinks sit left of the text, mirrored
        backlinks = page.locator("#tass-ar-p2 .backlinks").bounding_box()
        assert backlinks["x"] + backlinks["width"] <= sentence["x"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is missing")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}
    assert [v["id"] for v in axe.Axe().run(page, options=options).response["violations"]] == []
    page.close()
