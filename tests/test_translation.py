"""The curator's translations: beside the verbatim words on the page and in the PDF, marked as the curator's,
and never checked against the source (the quote still is)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DEMO, SOURCE_DATE_EPOCH
from pypdf import PdfReader
from test_rtl import add_arabic_source

from briefing.build import Settings, build, check

MARK = "curator's translation:"


def translate(project: Path, quote_translation: str = "Putin said he was ready for dialogue.") -> None:
    """Add translations to the Arabic source's title, its statement and the statement's citation."""
    add_arabic_source(project)
    sources = project / "content" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "  title_translation: Summit in Moscow if Russia backs down\n",
        encoding="utf-8",
    )
    statements = project / "content" / "statements.yaml"
    text = statements.read_text(encoding="utf-8")
    text = text.replace("  text: ready for talks\n", "  text: ready for talks\n  translation: I am ready for talks\n")
    text += f"      translation: {quote_translation}\n"
    statements.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("translation")
    shutil.copytree(DEMO, base / "demo")
    translate(base / "demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = build(Settings(base / "demo", base / "site"))
    assert result.written, [d.message for d in result.diagnostics]
    return base / "site"


def _span(text: str) -> str:
    return f'<span class="translation"><span class="translation-tag">{MARK}</span> {text}</span>'


def test_page_shows_each_translation_marked_beside_the_original(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "ready for talks " + _span("I am ready for talks") in index  # statement words, then translation
    quote = '<q lang="ar" dir="rtl">قال بوتين إنه مستعد للحوار.</q> '  # the source's language, not the page's
    assert quote + _span("Putin said he was ready for dialogue.") in index
    assert _span("Summit in Moscow if Russia backs down") in index  # the sources list
    source = (site / "sources" / "tass-ar.html").read_text(encoding="utf-8")
    assert f'<p class="title-translation">{_span("Summit in Moscow if Russia backs down")}</p>' in source


def test_pdf_carries_the_translations_marked(site: Path) -> None:
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(site / "briefing.pdf").pages).split())
    for words in ["I am ready for talks", "Putin said he was ready for dialogue.", "Summit in Moscow"]:
        assert f"{MARK} {words}" in text


def test_a_translation_is_never_checked(tmp_path: Path) -> None:
    """A translation that says something else entirely still builds: only the quote is evidence."""
    shutil.copytree(DEMO, tmp_path / "demo")
    translate(tmp_path / "demo", quote_translation="words found nowhere in any source")
    assert [d.code for d in check(tmp_path / "demo").diagnostics if d.severity.value == "error"] == []


def test_data_json_carries_the_translations(site: Path) -> None:
    import json

    data = json.loads((site / "data.json").read_text(encoding="utf-8"))
    source = next(s for s in data["sources"] if s["id"] == "tass-ar")
    assert (source["language"], source["title_translation"]) == ("ar", "Summit in Moscow if Russia backs down")
    statement = next(s for s in data["statements"] if s["id"] == "putin-ready")
    assert statement["translation"] == "I am ready for talks"
    assert statement["citations"][0]["translation"] == "Putin said he was ready for dialogue."
