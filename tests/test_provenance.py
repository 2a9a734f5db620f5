from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from briefing.core.diagnostics import Location, Severity
from briefing.load.sources import build_document
from briefing.model.documents import Document
from briefing.model.facts import Citation
from briefing.resolve.attribution import _Sources
from briefing.resolve.provenance import (
    SourceIndex,
    _normalise_slowly,
    char_diff,
    normalise,
    normalise_quote,
    resolve_citation,
)

TEXT = (
    "Headline without stop\n"
    "The US is \u201ccommitted to pursuing diplomacy\u201d, she said.  It\u2019s   premature.\n"
    "Repeat me here. Then more.\n"
    "Repeat me here. Then more.\n"
    "Caf\u0065\u0301 talks.\n"
)
WHERE = Location("content/x.yaml", 3, 14)


def index() -> dict[str, SourceIndex]:
    return {"src": SourceIndex(build_document("src", "seeds/s.txt", TEXT, "0" * 64))}


def resolve(quote: str) -> tuple[Citation, list[str]]:
    citation, diagnostics = resolve_citation(Citation("src", quote, WHERE), index())
    return citation, [d.code for d in diagnostics]


def test_normalise_maps_back_to_source_offsets() -> None:
    norm = normalise("a \u201cb\u201d\n\n c")
    assert norm.text == 'a "b" c'
    assert norm.index == (0, 1, 2, 3, 4, 5, 8, 9)


def test_straight_quotes_match_curly_and_display_keeps_source_characters() -> None:
    citation, codes = resolve('The US is "committed to pursuing diplomacy"')
    assert codes == []
    assert citation.text == "The US is \u201ccommitted to pursuing diplomacy\u201d"
    assert TEXT[citation.start : citation.end] == citation.text
    assert citation.sentences == ("src.2",)


def test_whitespace_runs_and_apostrophes_are_equal() -> None:
    citation, codes = resolve("she said. It's premature.")
    assert codes == []
    assert citation.sentences == ("src.2", "src.3")
    assert citation.text == "she said.  It\u2019s   premature."


def test_nfc_normalisation() -> None:
    citation, codes = resolve("Caf\u00e9 talks")
    assert codes == [] and citation.text == "Cafe\u0301 talks"


def test_quote_across_a_paragraph_break() -> None:
    citation, codes = resolve("premature. Repeat me")
    assert codes == ["citation.in-repeated-paragraph"] or codes == []
    assert citation.sentences == ("src.3", "src.4")


def test_quote_in_repeated_paragraph_resolves_to_first_with_a_note() -> None:
    citation, _ = resolve("Repeat me here.")
    diagnostics = resolve_citation(Citation("src", "Repeat me here.", WHERE), index())[1]
    assert [(d.severity, d.code) for d in diagnostics] == [(Severity.NOTE, "citation.in-repeated-paragraph")]
    assert citation.sentences == ("src.4",)


def test_ambiguous_quote() -> None:
    _, diagnostics = resolve_citation(Citation("src", "e", WHERE), index())
    (d,) = diagnostics
    assert d.code == "citation.ambiguous" and d.location == WHERE
    assert "quote more words" in (d.hint or "")


def test_not_found_gives_closest_sentence_and_diff() -> None:
    _, diagnostics = resolve_citation(Citation("src", "committed to persuing diplomacy", WHERE), index())
    (d,) = diagnostics
    assert d.code == "citation.not-found"
    assert d.hint is not None and d.hint.startswith("closest sentence src.2:\n")
    assert "committed to pers[-u-]{+u+}" not in d.hint
    assert "[-" in d.hint or "{+" in d.hint


def test_not_found_without_any_close_sentence_says_where_to_look() -> None:
    _, diagnostics = resolve_citation(Citation("src", "zzzzqqqq xxxx", WHERE), index())
    assert diagnostics[0].code == "citation.not-found"
    assert diagnostics[0].hint == (
        "no sentence of 'src' is close: check the source id, or copy the words from 'briefing sentences src'"
    )


def test_unknown_source_suggests_a_known_one() -> None:
    _, diagnostics = resolve_citation(Citation("srcc", "x", WHERE), index())
    assert diagnostics[0].code == "reference.unknown-source"
    assert diagnostics[0].hint == "did you mean 'src'?"


def test_char_diff_marks_changes() -> None:
    assert char_diff("accepted in principal", "Biden accepted in principle a meeting") == (
        "...accepted in princip[-al-]{+le+}..."
    )


_WHITE = " \n\t\r\x0c\x1f\u00a0\u2028\u3000"  # a lone space, and white space normalising replaces


@given(st.text(alphabet=st.sampled_from(list(f"ab {_WHITE}\u2019\u201c\"'e\u0301\u00e9")), max_size=60))
def test_fast_and_general_normalisation_agree(text: str) -> None:
    fast, general = normalise(text), _normalise_slowly(text)
    assert fast.text == general.text
    assert fast.index == general.index  # every offset maps back alike, single spaces and runs of any kind


@given(st.text(alphabet=st.sampled_from(list(f"ab{_WHITE}\u2019\u201ce\u0301\u00e9")), max_size=40))
def test_a_quote_normalises_as_a_text_does(text: str) -> None:
    assert normalise_quote(text) == normalise(text).text.strip()


@given(st.text(alphabet=st.sampled_from(list("ab \n\u2019'e\u0301")), min_size=1, max_size=40), st.data())
def test_resolved_span_is_a_real_occurrence(text: str, data: st.DataObject) -> None:
    norm = normalise(text)
    i = data.draw(st.integers(0, len(norm.text) - 1)) if norm.text else 0
    j = data.draw(st.integers(i, len(norm.text)))
    quote = norm.text[i:j].strip()
    # A quote never starts or ends inside a base character's combining marks.
    assume(quote and not unicodedata.combining(quote[0]))
    assume(j >= len(norm.text) or not unicodedata.combining(norm.text[j]))
    start = norm.text.find(quote)
    source_span = text[norm.to_source(start) : norm.to_source(start + len(quote))]
    assert normalise_quote(source_span) == quote


def test_a_match_inside_a_characters_combining_marks_is_not_an_occurrence() -> None:
    """Found by the slow fuzz run: 'aaaaé' must not match the start of 'aaaae\u0301\u0301'."""
    document = build_document("s", "s.txt", "aaaae\u0301\u0301 end.", "0" * 64)
    _, diagnostics = resolve_citation(Citation("s", "aaaa\u00e9", WHERE), {"s": SourceIndex(document)})
    assert [d.code for d in diagnostics] == ["citation.not-found"]
    resolved, diagnostics = resolve_citation(Citation("s", "aaaa\u00e9\u0301", WHERE), {"s": SourceIndex(document)})
    assert not diagnostics and resolved.text == "aaaae\u0301\u0301"


def test_char_diff_does_not_show_the_sentence_beyond_the_quote_as_an_addition() -> None:
    assert char_diff("Mayor Anna Ruiz", "Mayor Ana Ruiz called the repairs overdue.") == "Mayor An[-n-]a Ruiz..."


def test_char_diff_marks_only_what_differs() -> None:
    # the source's words outside the quote are context: never marked as the quote's, never proposed
    assert char_diff("His lawyer has said he was innocent", "His lawyer said he was innocent.") == (
        "His lawyer[- has-] said he was innocent..."
    )
    assert char_diff("lawyer said he", "Mr Smith, whose lawyer has said he was") == "...lawyer{+ has+} said he..."
    assert char_diff(
        "His lawyer has said he was innocent.",
        "Mr Smith was charged on Friday. His lawyer said he was innocent and would appeal",
    ) == ("...His lawyer[- has-] said he was innocent[-.-]...")


def sentence_cite(sentence: str, quote: str = "") -> tuple[Citation, list[str]]:
    citation, diagnostics = resolve_citation(Citation("src", quote, WHERE, sentence=sentence), index())
    return citation, [d.code for d in diagnostics]


def test_sentence_citation_cites_the_whole_sentence() -> None:
    citation, codes = sentence_cite("src.3")
    assert codes == []
    assert citation.text == "It\u2019s   premature."
    assert (citation.sentences, TEXT[citation.start : citation.end]) == (("src.3",), citation.text)


def test_sentence_citation_with_quote_looks_inside_that_sentence_only() -> None:
    # "Repeat me here." occurs twice in the source, once in sentence src.6
    citation, codes = sentence_cite("src.6", "Repeat me here.")
    assert codes == []
    assert citation.sentences == ("src.6",) and TEXT[citation.start : citation.end] == "Repeat me here."
    assert citation.start == TEXT.rindex("Repeat me here.")
    _, codes = sentence_cite("src.3", "she said")  # in the source, but not in that sentence
    assert codes == ["citation.not-found"]


def test_sentence_citation_of_a_missing_sentence() -> None:
    _, diagnostics = resolve_citation(Citation("src", "", WHERE, sentence="src.99"), index())
    (d,) = diagnostics
    assert d.code == "citation.unknown-sentence"
    assert d.hint is not None and "src.1 to src.8" in d.hint


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("Seoul \u1100\u1161\u11a8 district", "\uac01"),  # Hangul conjoining jamo vs the syllable
        ("Seoul \uac01 district", "\u1100\u1161\u11a8"),
        ("Chennai \u0b95\u0bc6\u0bbe town", "\u0b95\u0bca"),  # Tamil two-part vowel sign
        ("Chennai \u0b95\u0bca town", "\u0b95\u0bc6\u0bbe"),
    ],
    ids=["jamo-source", "jamo-quote", "tamil-source", "tamil-quote"],
)
def test_quotes_match_across_compositions_of_two_starters(source: str, quote: str) -> None:
    assert unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", source)
    index = SourceIndex(build_document("s", "seeds/s.txt", source + ".", "0" * 64))
    spans = index.occurrences(normalise_quote(quote))
    assert len(spans) == 1
    start, end = spans[0]
    assert unicodedata.normalize("NFC", source[start:end]) == unicodedata.normalize("NFC", quote)


@given(
    st.text(alphabet=st.sampled_from(list(f"ab{_WHITE}\u2019'\"e\u0301\u00e9")), max_size=50),
    st.text(alphabet=st.sampled_from(list(f"ab{_WHITE}\u2019'\"e\u0301\u00e9")), max_size=8),
)
@example("cafe\u0301", "cafe")  # decomposed: 'cafe' is in the text as stored, not once composed
def test_a_direct_statement_is_verbatim_exactly_when_its_normalised_words_are_in_the_normalised_source(
    text: str, part: str
) -> None:
    document = Document("s", "seeds/s.txt", text, "", (), ())
    words = normalise_quote(part)
    assert _Sources((document,)).contains("s", words) == (words in normalise(text).text)


def test_a_mark_left_after_composing_maps_to_its_own_offset() -> None:
    text = "aaaaa\u0301\u0301a\u0301"  # NFC: á + a lone acute (two acutes, one composes)
    norm = normalise(text)
    assert norm.text == "aaaa\u00e1\u0301\u00e1"
    assert norm.index == (0, 1, 2, 3, 4, 6, 7, 9)  # the lone acute is the source's second one, at 6
    assert normalise_quote(text[norm.to_source(4) : norm.to_source(5)]) == "\u00e1"  # found by hypothesis
