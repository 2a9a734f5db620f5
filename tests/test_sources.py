from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from briefing.core import diskcache
from briefing.core.diagnostics import Location
from briefing.load import sources
from briefing.load.sources import build_document, decode, load_document, paragraph_ranges
from briefing.model.documents import Document


def test_bom_and_newlines_are_normalised() -> None:
    text, diagnostics = decode(b"\xef\xbb\xbfOne.\r\nTwo.\rThree.\n", "s.txt")
    assert not diagnostics
    assert text == "One.\nTwo.\nThree.\n"


def test_invalid_utf8_names_line_and_column() -> None:
    text, diagnostics = decode("Line one.\nCaf\u00e9 ".encode() + b"\xff rest\n", "seeds/s.txt")
    assert text is None
    (d,) = diagnostics
    assert (d.code, d.location, d.message) == (
        "source.encoding",
        Location("seeds/s.txt", 2, 6),
        "invalid UTF-8 byte 0xff",
    )


def test_binary_and_empty_files() -> None:
    assert decode(b"PK\x03\x04\x00\x00", "s.txt")[1][0].code == "source.binary"
    assert decode(b"", "s.txt")[1][0].code == "source.empty"
    assert decode(b" \n\n\t", "s.txt")[1][0].code == "source.empty"


def test_paragraphs_one_per_line_without_blank_lines() -> None:
    text = "First line.\nSecond line.\n\n"
    assert [text[a:b] for a, b in paragraph_ranges(text)] == ["First line.", "Second line."]


def test_paragraphs_by_blank_lines_when_present() -> None:
    text = "Headline\n\nWrapped line one\nand its continuation.\n\n  Last one.  \n"
    assert [text[a:b] for a, b in paragraph_ranges(text)] == [
        "Headline",
        "Wrapped line one\nand its continuation.",
        "Last one.",
    ]


def test_sentence_ids_spans_and_paragraphs() -> None:
    text = "Head line\nOne. Two.\nThree."
    doc = build_document("src", "seeds/s.txt", text, "0" * 64)
    assert [(s.id, s.paragraph, s.start, s.end) for s in doc.sentences] == [
        ("src.1", 1, 0, 9),
        ("src.2", 2, 10, 14),
        ("src.3", 2, 15, 19),
        ("src.4", 3, 20, 26),
    ]
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    assert doc.sentences[0].headline and not doc.sentences[1].headline
    assert doc.sentence("src.3") == doc.sentences[2]
    assert doc.sentence("src.9") is None and doc.sentence("other.1") is None


def test_repeated_paragraph_is_detected_and_linked() -> None:
    text = "Alpha one. Alpha two.\nBeta.\nAlpha  one. Alpha two.\n"
    doc = build_document("s", "s.txt", text, "0" * 64)
    assert [p.repeat_of for p in doc.paragraphs] == [None, None, 1]
    assert [s.repeat_of for s in doc.sentences] == [None, None, None, "s.1", "s.2"]


def test_second_seed_repeats_its_first_paragraph() -> None:
    root = Path(__file__).parent.parent
    doc, diagnostics = load_document(root, "report", "seeds/001_0f21badd934b9fed.txt")
    assert doc is not None and not diagnostics
    assert [p.index for p in doc.paragraphs if p.repeat_of == 2] == [3]
    assert doc.sentences[0].headline


def test_unreadable_file() -> None:
    doc, diagnostics = load_document(Path("/nonexistent"), "x", "seeds/x.txt")
    assert doc is None and diagnostics[0].code == "source.unreadable"


def test_a_heading_after_a_single_line_break_is_a_paragraph_of_its_own() -> None:
    # Blank lines separate paragraphs; a short line without final punctuation between two sentences
    # was glued to the paragraph before it.
    text = "First paragraph ends here.\nEgyptians abroad voice solidarity\nSalah said he was sad.\n\nLast one."
    doc = build_document("s", "s.txt", text, "0" * 64)
    assert [s.text for s in doc.sentences] == [
        "First paragraph ends here.",
        "Egyptians abroad voice solidarity",
        "Salah said he was sad.",
        "Last one.",
    ]
    assert [s.not_content for s in doc.sentences] == ["", "heading", "", ""]
    assert [s.counted for s in doc.sentences] == [True, False, True, True]


def test_a_wrapped_line_is_not_a_heading() -> None:
    text = "The council said that\nthe bridge will close.\n\nLast one."
    doc = build_document("s", "s.txt", text, "0" * 64)
    assert [s.text for s in doc.sentences] == ["The council said that\nthe bridge will close.", "Last one."]
    assert not any(s.not_content for s in doc.sentences)


def test_a_short_line_in_a_line_per_paragraph_source_is_a_heading_and_keeps_the_numbering() -> None:
    text = "Head line\nOne sentence.\nA sub heading\nAnother sentence.\n"
    doc = build_document("s", "s.txt", text, "0" * 64)
    assert [(s.id, s.headline, s.not_content) for s in doc.sentences] == [
        ("s.1", True, ""),
        ("s.2", False, ""),
        ("s.3", False, "heading"),
        ("s.4", False, ""),
    ]


def test_not_content_marks_headings_and_captions_without_renumbering() -> None:
    from briefing.load.evidence import mark_not_content
    from briefing.model.facts import Source

    text = "Head line\nOne sentence.\nA photo shows the mosque after the attack.\nAnother sentence.\n"
    doc = build_document("s", "s.txt", text, "0" * 64)
    source = Source("s", "s.txt", "0" * 64, "T", not_content=("s.3", "s.9", "t.2"))
    marked, diagnostics = mark_not_content(doc, source)
    assert [s.id for s in marked.sentences] == [s.id for s in doc.sentences]
    assert [s.not_content for s in marked.sentences] == ["", "", "caption", ""]
    assert [d.code for d in diagnostics] == ["source.not-content", "source.not-content"]
    assert "s.1 to s.4" in (diagnostics[0].hint or "")


def test_long_documents_come_from_the_disk_cache_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    said = 'says Mr. Ruiz left at 9 a.m. on Monday. He came back. "Why?" he asked.'
    text = "\n\n".join(f"Paragraph {i} {said}" for i in range(40))
    assert len(text) >= sources.DOCUMENT_CACHE_FROM
    built = build_document("report", "seeds/report.txt", text, "ab" * 32, "en")
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path / "cache")
    (tmp_path / "cache").mkdir()

    def check(cache_of: Path, *inputs: str) -> Document:
        cache = sources.DocumentCache(cache_of)
        made = cache.document(*inputs)
        cache.save()
        return made

    assert check(tmp_path, "report", "seeds/report.txt", text, "ab" * 32, "en") == built  # split, stored
    (entry,) = (tmp_path / "cache").glob("documents-*.pickle")

    def not_again(*args: object) -> object:
        raise AssertionError("split again instead of reading the cache")

    with monkeypatch.context() as patched:
        patched.setattr(sources, "build_document", not_again)
        assert check(tmp_path, "report", "seeds/report.txt", text, "ab" * 32, "en") == built  # read back
    others = [
        ("other", "seeds/report.txt", "en"),
        ("report", "seeds/r.txt", "en"),
        ("report", "seeds/report.txt", "fr"),
    ]
    for source_id, file, language in others:  # every input is in the key
        made = build_document(source_id, file, text, "ab" * 32, language)
        assert check(tmp_path, source_id, file, text, "ab" * 32, language) == made
    assert check(tmp_path / "other", "report", "seeds/report.txt", text, "ab" * 32, "en") == built  # another project
    entry.write_bytes(entry.read_bytes()[:100])  # a truncated entry: split again
    assert check(tmp_path, "report", "seeds/report.txt", text, "ab" * 32, "en") == built


def test_sentences_and_paragraphs_pickle_whole() -> None:
    doc = build_document("s", "seeds/s.txt", "Title\n\nOne. Two.\n\nOne. Two.\n\f\nThree.", "ab" * 32, "en")
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert all(s.__reduce__()[1] == tuple(getattr(s, n) for n in s.__slots__) for s in doc.sentences)  # every field
    assert all(p.__reduce__()[1] == tuple(getattr(p, n) for n in p.__slots__) for p in doc.paragraphs)


def test_a_sentence_is_its_documents_text_between_its_offsets_and_shows_it() -> None:
    doc = build_document("s", "seeds/s.txt", 'Title\n\nOne "two".  Three.', "ab" * 32, "en")
    assert [s.text for s in doc.sentences] == ["Title", 'One "two".', "Three."]
    assert all(s.document_text is doc.text for s in doc.sentences)  # shared, not copied
    shown = "Sentence(id='s.2', source='s', paragraph=2, index=2, text='One \"two\".', start=7, end=17, headline=False"
    assert repr(doc.sentences[1]).startswith(shown)
