"""The sentence splitter against the fixture file, plus properties that hold for any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.load.sentences import split
from briefing.load.sources import build_document

FIXTURES = Path(__file__).parent / "fixtures" / "sentences.txt"


def load_cases() -> list[tuple[str, str, list[str]]]:
    """Parse ``name / input / . / expected / .`` blocks."""
    lines = [ln for ln in FIXTURES.read_text(encoding="utf-8").split("\n") if not ln.startswith("#")]
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        name = lines[i]
        first_dot = lines.index(".", i + 1)
        second_dot = lines.index(".", first_dot + 1)
        cases.append((name, "\n".join(lines[i + 1 : first_dot]), lines[first_dot + 1 : second_dot]))
        i = second_dot + 1
    return cases


CASES = load_cases()


def test_fixture_file_has_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fixture(name: str, text: str, expected: list[str]) -> None:
    document = build_document("case", "case.txt", text, "0" * 64)
    assert [s.text for s in document.sentences] == expected


def test_seed_fixtures_match_the_seed_files() -> None:
    """The two seed cases must be the seeds themselves, so they cannot drift apart."""
    seeds = Path(__file__).parent.parent / "seeds"
    texts = {name: text for name, text, _ in CASES if name.startswith("seed ")}
    assert texts["seed 000: every sentence"] == (seeds / "000_b3924798c0157f52.txt").read_text(encoding="utf-8")
    seed1 = (seeds / "001_0f21badd934b9fed.txt").read_text(encoding="utf-8")
    assert texts["seed 001: every sentence, headline and quotation over a paragraph break"] == seed1


def test_spans_index_the_text() -> None:
    text = "  One sentence. Two sentences here.  "
    spans = split(text, base=10)
    assert [(s.start, s.end) for s in spans] == [(12, 25), (26, 45)]


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split("   \t ") == []


@given(st.text(alphabet=st.sampled_from(list("ab .!?\"'…U.S. Mr\n\t(1)")), max_size=200))
def test_spans_reassemble_the_paragraph(text: str) -> None:
    spans = split(text)
    position = 0
    for span in spans:
        assert span.start < span.end
        assert text[position : span.start].strip() == ""  # only white space between sentences
        assert text[span.start] == text[span.start].strip() and text[span.end - 1].strip()
        position = span.end
    assert text[position:].strip() == ""
