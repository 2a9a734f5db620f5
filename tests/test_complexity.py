"""No superlinear path: inputs an attacker or a careless paste can make large cost linear work.

Each test doubles the size of one input and asserts that the work less than triples
(quadratic work quadruples). The work is the best of a few runs at each size, and the
sizes start where one run takes long enough to measure (see ``growth``): a ratio of two
runs on the same machine, never a bound in seconds.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable

import pytest
from conftest import DEMO

from briefing.build import check
from briefing.load import sentences
from briefing.load.sources import build_document
from briefing.model.facts import Citation, Model
from briefing.outputs.views import Views
from briefing.resolve import provenance
from briefing.resolve.provenance import SourceIndex, resolve_citation

MIN_SECONDS = 0.02
"""Grow the input until one run takes this long: below it, timer noise decides the ratio."""


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def growth(make: Callable[[int], Callable[[], object]], n: int, limit: int = 1 << 22) -> float:
    """t(2n) / t(n) for the run ``make(n)`` returns, n doubled first until t(n) is measurable."""
    run = make(n)
    seconds = _best(run)
    while seconds < MIN_SECONDS and n < limit:
        n *= 2
        run = make(n)
        seconds = _best(run)
    ratio = _best(make(2 * n)) / seconds
    if ratio >= 3:  # one retry: another process may have taken the core during a run
        ratio = _best(make(2 * n), 5) / _best(make(n), 5)
    return ratio


def assert_linear(make: Callable[[int], Callable[[], object]], n: int) -> None:
    ratio = growth(make, n)
    assert ratio < 3, f"doubling the input multiplied the work by {ratio:.1f} (quadratic: 4)"


# -- F2b, F2c: the sentence splitter ----------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ["!", ".", "?", "\u2026", "!\u201d", "a.", "A. ", ". ", "!x", "U.S."],
    ids=["bangs", "dots", "questions", "ellipses", "bang-quote", "a-dot", "initials", "dot-space", "bang-x", "US"],
)
def test_splitter_is_linear_on_runs_of_punctuation(unit: str) -> None:
    assert_linear(lambda n: lambda: sentences.split("x" + unit * n + "x"), 2000)


def test_splitter_is_linear_on_one_long_initialism() -> None:
    assert_linear(lambda n: lambda: sentences.split("a" + ".a" * n + "1. The end."), 2000)


# -- F2a: a source page's paragraphs ------------------------------------------------------------------


def _views_with(text: str) -> tuple[Views, str]:
    """The demo's model with its first source's text replaced by ``text``."""
    checked = check(DEMO)
    assert checked.model is not None
    first = checked.model.documents[0]
    documents = (build_document(first.id, first.file, text, first.sha256), *checked.model.documents[1:])
    return Views(Model(checked.model.content, documents), checked.links), first.id


def test_source_page_paragraphs_are_linear_in_the_paragraphs() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "\n\n".join(f"Paragraph {i} has a sentence. And another one." for i in range(n))
        views, source = _views_with(text)
        return lambda: views.paragraphs(source)

    assert_linear(make, 500)


# -- F2d: the not-found hint ------------------------------------------------------------------------------


def _index(n: int) -> SourceIndex:
    text = " ".join(f"Sentence number {i} says the council met on day {i % 7} about item {i}." for i in range(n))
    return SourceIndex(build_document("doc", "seeds/doc.txt", text, "0" * 64))


def _mistyped(index: SourceIndex) -> Citation:
    text = index.document.text
    quote = text[: len(text) // 2].replace("council", "counsil")
    return Citation(source="doc", quote=quote)


def test_not_found_hint_is_linear_for_a_long_mistyped_quote() -> None:
    def make(n: int) -> Callable[[], object]:
        index = _index(n)
        citation = _mistyped(index)
        return lambda: resolve_citation(citation, {"doc": index})

    assert_linear(make, 50)


class _Counting(difflib.SequenceMatcher[str]):
    """Counts the character pairs a matcher may compare: its worst-case work."""

    pairs = 0

    def set_seqs(self, a: str, b: str) -> None:  # type: ignore[override]
        _Counting.pairs += len(a) * len(b)
        super().set_seqs(a, b)


def test_not_found_hint_compares_a_bounded_number_of_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the hint's matching work grows with the document, not with document x quote."""
    monkeypatch.setattr(provenance.difflib, "SequenceMatcher", _Counting)
    work = []
    for n in (400, 800):
        index = _index(n)
        _Counting.pairs = 0
        _, found = resolve_citation(_mistyped(index), {"doc": index})
        assert [d.code for d in found] == ["citation.not-found"]
        work.append(_Counting.pairs)
    assert work[1] < 3 * max(work[0], 1), f"matching work {work[0]} -> {work[1]} when the input doubled"


def test_not_found_hint_still_finds_the_typo_in_a_short_quote() -> None:
    index = _index(300)
    quote = "Sentence number 150 says the counsil met on day 3 about item 150."
    _, found = resolve_citation(Citation(source="doc", quote=quote), {"doc": index})
    assert "doc.151" in found[0].hint and "[-s-]{+c+}" in found[0].hint


# -- own pass: quotes repeated in many repeated paragraphs -----------------------------------------------


def test_quote_in_many_repeated_paragraphs_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "\n\n".join(["Fares rise in April. The operator blamed fuel costs."] * n)
        index = SourceIndex(build_document("doc", "seeds/doc.txt", text, "0" * 64))
        citation = Citation(source="doc", quote="The operator blamed fuel costs.")
        return lambda: resolve_citation(citation, {"doc": index})

    assert_linear(make, 500)


# -- the timeline's label placement: first-fit rows ------------------------------------------------


def test_label_placement_is_not_quadratic_in_same_day_events() -> None:
    """Every event on one day: each label needs a row of its own (it scanned every row: 5.4 s at 2,000)."""
    from timeline_cases import AS_OF, today_events

    from briefing.outputs.timeline.layout import layout

    assert_linear(lambda n: lambda: layout(today_events(n), AS_OF, lambda s: 5.0 * len(s)), 100)


def test_not_in_the_cited_sentence_hint_is_linear() -> None:
    """Own pass: '- sentence: ID' with a mistyped quote diffed the quote against the whole sentence."""

    def make(n: int) -> Callable[[], object]:
        sentence = " ".join(f"the council met on day {i} about item {i}" for i in range(n)) + "."
        index = SourceIndex(build_document("doc", "seeds/doc.txt", sentence, "0" * 64))
        quote = sentence[: len(sentence) // 2].replace("council", "counsil")
        citation = Citation(source="doc", quote=quote, sentence="doc.1")
        return lambda: resolve_citation(citation, {"doc": index})

    assert_linear(make, 50)


def test_did_you_mean_compares_a_bounded_number_of_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Own pass, counted: a mistyped reference was compared with every id (1.9 s each at 5,000 ids)."""
    from briefing.core import diagnostics

    compared = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    for n in (1000, 4000):
        ids = [f"actor-number-{i}-of-the-story" for i in range(n)]
        assert (
            diagnostics.did_you_mean("actor-numbr-777-of-the-stroy", ids)
            == "did you mean 'actor-number-777-of-the-story'?"
        )
    assert compared == [diagnostics.CLOSE_CANDIDATES] * 2
