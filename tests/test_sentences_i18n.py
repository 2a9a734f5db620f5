"""Splitting by language: fixture texts in eight languages, English left alone, the field wired through."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.build import check
from briefing.load import multilingual
from briefing.load.sentences import split as split_english
from briefing.load.sources import build_document
from briefing.model.languages import direction, primary

FIXTURES = Path(__file__).parent / "fixtures" / "sentences_i18n.txt"


def load_cases() -> list[tuple[str, str, str, list[str]]]:
    """Parse ``lang: name / input / . / expected / .`` blocks."""
    lines = [ln for ln in FIXTURES.read_text(encoding="utf-8").split("\n") if not ln.startswith("#")]
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        name = lines[i]
        first_dot = lines.index(".", i + 1)
        second_dot = lines.index(".", first_dot + 1)
        language = name.partition(":")[0]
        cases.append((name, language, "\n".join(lines[i + 1 : first_dot]), lines[first_dot + 1 : second_dot]))
        i = second_dot + 1
    return cases


CASES = load_cases()


def test_every_language_of_the_issue_has_a_fixture() -> None:
    assert {c[1] for c in CASES} >= {"fr", "es", "de", "ru", "uk", "ar", "zh", "ja"}


@pytest.mark.parametrize(("name", "language", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fixture(name: str, language: str, text: str, expected: list[str]) -> None:
    document = build_document("case", "case.txt", text, "0" * 64, language)
    assert [s.text for s in document.sentences] == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [  # the failures measured in issue 21
        ("zh", "北京周一表示反对。美国说将回应。", ["北京周一表示反对。", "美国说将回应。"]),
        (
            "ar",
            "قال بوتين إنه مستعد. وقال بيسكوف إن الكرملين سيرد.",
            ["قال بوتين إنه مستعد.", "وقال بيسكوف إن الكرملين سيرد."],
        ),
        ("es", "«Habrá cumbre». ¿Cuándo?", ["«Habrá cumbre».", "¿Cuándo?"]),
        (
            "de",
            "Sie treffen sich am 21. Februar. Die 3. Runde folgt.",
            ["Sie treffen sich am 21. Februar.", "Die 3. Runde folgt."],
        ),
    ],
)
def test_measured_failures_are_fixed(language: str, text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in multilingual.split(text, 0, language)] == expected


@pytest.mark.parametrize("language", ["en", "", "en-GB", "EN-us"])
def test_english_keeps_the_rule_splitter(language: str) -> None:
    text = 'Gen. J. Smith said "no." The U.S. Senate met on Feb. 21. It adjourned.'
    assert multilingual.split(text, 5, language) == split_english(text, 5)


def test_primary_subtag() -> None:
    assert [primary(t) for t in ["pt-BR", "zh_Hant", "", "DE"]] == ["pt", "zh", "en", "de"]


def test_direction() -> None:
    tags = ["ar", "ar-EG", "he", "fa-IR", "ku-Arab", "az-Latn", "en", "zh-Hant", "", "uz-Arab-AF"]
    assert [direction(t) for t in tags] == ["rtl", "rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr", "ltr", "rtl"]


_PIECES = st.sampled_from([*'ab В.。?! «»"', "Die 3. ", "M. ", "грн. ", "\n"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_spans_cover_all_but_white_space(text: str) -> None:
    """Spans are ordered, non-empty, trimmed, and leave only white space uncovered."""
    for language in ["fr", "de", "uk", "zh"]:
        spans = multilingual.split(text, 0, language)
        at = 0
        for span in spans:
            assert span.start < span.end
            assert not text[at : span.start].strip()
            piece = text[span.start : span.end]
            assert piece == piece.strip()
            at = span.end
        assert not text[at:].strip()


def test_a_source_is_split_by_its_own_language(demo_project: Path) -> None:
    text = "Am 21. Februar beginnt die 3. Runde. Die Polizei sperrte die Innenstadt.\n"
    (demo_project / "seeds" / "de.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    entry = f"- id: de\n  file: de.txt\n  sha256: {digest}\n  title: Bericht\n"
    sources = demo_project / "content" / "sources.yaml"
    base = sources.read_text(encoding="utf-8")

    def split_as(extra: str) -> list[str]:
        sources.write_text(base + entry + extra, encoding="utf-8")
        model = check(demo_project).model
        assert model is not None
        document = model.document("de")
        assert document is not None
        return [s.text for s in document.sentences]

    assert split_as("  language: de\n") == [
        "Am 21. Februar beginnt die 3. Runde.",
        "Die Polizei sperrte die Innenstadt.",
    ]
    assert len(split_as("")) > 2  # the briefing's English rules: "21." ends a sentence before a capital


@pytest.mark.parametrize("language", ["fr", "xx", "ru"])
def test_a_dot_inside_a_word_never_ends_a_sentence(language: str) -> None:
    text = "Le script window.__pwned='x' a tourné, voir site.Fr hier. Fin."
    assert [text[s.start : s.end] for s in multilingual.split(text, 0, language)] == [text[:-5], "Fin."]
