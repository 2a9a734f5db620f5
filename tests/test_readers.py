"""Source readers (briefing/load/readers): saved pages, PDFs made here, text in old encodings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.load.readers import ReaderError, reader_for, sniff
from briefing.load.readers.text import encoding_of
from briefing.load.sources import build_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "add"
# ../shared/trials beside the repository (a worktree sits one level deeper).
TRIALS = next(
    (p / "shared" / "trials" for p in Path(__file__).resolve().parents[1:4] if (p / "shared").is_dir()), Path()
)


def _extract(name: str):  # type: ignore[no-untyped-def]
    raw = (FIXTURES / name).read_bytes()
    reader = reader_for(name)
    assert reader is not None
    return reader.extract(raw)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_news_page_keeps_the_article_and_drops_the_boilerplate() -> None:
    got = _extract("harbour-daily.html")
    assert "Crossings between Northport and the islands stopped on Monday" in got.text
    assert '"We had no choice but to walk out," said Ana Ruiz' in got.text
    assert "No new talks have been scheduled." in got.text
    for boilerplate in (
        "We use cookies",  # cookie banner
        "Share on Facebook",  # share buttons
        "Ferry talks resume with mediator",  # related stories
        "Ferry fares to rise in April",  # related link inside the body
        "Get the morning briefing",  # newsletter box
        "All rights reserved",  # footer
        "Subscribe",  # navigation
        "Advertisement",
    ):
        assert boilerplate not in got.text, boilerplate
    assert got.extractor.startswith("trafilatura ")


def test_news_page_headings_and_captions_are_marked() -> None:
    got = _extract("harbour-daily.html")
    paragraphs = _paragraphs(got.text)
    marked = {paragraphs[i - 1]: kind for i, kind in got.not_content}
    assert marked == {
        "Ferry strike halts crossings as talks collapse": "heading",
        "Islanders left stranded": "heading",
        "Tom Bell in his shop on Skerry Island.": "caption",
        "What happens next": "heading",
    }


def test_news_page_metadata_says_where_each_value_was_found() -> None:
    meta = {m.field: (m.value, m.found) for m in _extract("harbour-daily.html").metadata}
    assert meta["title"] == (
        "Ferry strike halts crossings as talks collapse",
        "the page's JSON-LD (NewsArticle.headline)",
    )
    assert meta["outlet"] == ("The Harbour Daily", "the page's JSON-LD (NewsArticle.publisher)")
    assert meta["author"] == ("Maria Okafor", "the page's JSON-LD (NewsArticle.author)")
    assert meta["published"][0] == "2025-03-10"
    assert "datePublished" in meta["published"][1] and "08:42" in meta["published"][1]
    assert meta["url"][0] == "https://harbourdaily.example/news/2025/03/10/ferry-strike-halts-crossings"


def test_page_in_windows_1252_with_open_graph_only() -> None:
    got = _extract("gazette-opinion.html")
    assert "Ask the owner of any café on the quay" in got.text and "€2,000 a day" in got.text
    for boilerplate in ("cookie", "Log in", "Puzzles", "Tweet", "Parking charges", "Sign in to comment", "Registered"):
        assert boilerplate not in got.text, boilerplate
    meta = {m.field: (m.value, m.found) for m in got.metadata}
    assert meta["title"] == (
        "Why the ferries matter to every café on the quay",
        'the page\'s <meta property="og:title">',
    )
    assert meta["outlet"][1] == 'the page\'s <meta property="og:site_name">'
    assert meta["author"] == ("Leo Brandt", 'the page\'s <meta name="author">')
    # No declared date: htmldate's guess, said to be one.
    assert meta["published"][0] == "2025-03-11" and "guess" in meta["published"][1]
    assert meta["captured_url"][0] == "https://gazette.example/opinion/2025/03/11/why-the-ferries-matter"
    kinds = dict(got.not_content)
    paragraphs = _paragraphs(got.text)
    assert kinds[paragraphs.index("The quay at Northport, empty on Monday.") + 1] == "caption"
    assert kinds[paragraphs.index("A dispute about more than pay") + 1] == "heading"


def test_a_page_with_no_article_is_refused() -> None:
    with pytest.raises(ReaderError, match="no article text"):
        reader_for("x.html").extract(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")  # type: ignore[union-attr]


# -- PDF ---------------------------------------------------------------------------------------------

PARAGRAPHS = [
    "The council met on Tuesday and agreed that the harbour bridge will close for repairs from 4 March.",
    "Engineers found corrosion in two of the main cables. Their report, which runs to forty pages, recommends "
    "that heavy vehicles stop using the bridge at once and that all traffic stop within a month.",
    "An extra ferry will run every hour while the bridge is closed, the council said.",
]


def make_pdf(tmp_path: Path, pages: int = 3, text: bool = True) -> Path:
    """A PDF of ``pages`` pages made with WeasyPrint: a heading and three paragraphs on each."""
    from weasyprint import HTML

    body = ""
    for n in range(1, pages + 1):
        session = ("first", "second", "third", "fourth")[n - 1]
        paras = [f"<p>{p.replace('council', f'council ({session} session)', 1)}</p>" for p in PARAGRAPHS]
        heading = f"<h1>Part {n} of the statement</h1>"
        body += f'<section style="break-before: page">{paras[0]}{heading}{"".join(paras[1:])}</section>'
    if not text:
        body = "".join('<div style="break-before: page; height: 5cm; background: #888"></div>' for _ in range(pages))
    running = (  # a letterhead and page numbers, as real statements have (a scan has no text at all)
        "<style>@page { @top-center { content: 'Northport Council, Press Office' }"
        " @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages) } }</style>"
        if text
        else ""
    )
    html = (
        f"<html><head>{running}<title>Bridge closure statement</title><meta name=author content='Northport Council'>"
        f"<meta name=dcterms.created content='2025-03-11'></head><body>{body}</body></html>"
    )
    path = tmp_path / "statement.pdf"
    HTML(string=html).write_pdf(path)
    return path


def test_pdf_text_page_by_page_with_headings_and_metadata(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path)
    got = reader_for("statement.pdf").extract(pdf.read_bytes())  # type: ignore[union-attr]
    assert got.extractor.startswith("pypdf ")
    assert got.text.count("\f") == 2  # pages 2 and 3 start with a form feed
    doc = build_document("s", "s.txt", got.text, "")
    pages = {s.text: s.page for s in doc.sentences}
    assert pages["Part 1 of the statement"] == 1
    assert pages["Part 3 of the statement"] == 3
    third = next(s for s in doc.sentences if "council (third session)" in s.text)
    assert third.page == 3
    # Lines of a paragraph are joined: a whole paragraph is one paragraph, not one per line.
    assert PARAGRAPHS[1].replace("  ", " ") in got.text
    headings = {_paragraphs(got.text.replace("\f", ""))[i - 1] for i, kind in got.not_content if kind == "heading"}
    assert headings == {f"Part {n} of the statement" for n in (1, 2, 3)}
    # Running heads and page numbers are layout: left out, and said so.
    assert "Press Office" not in got.text and "of 3" not in got.text
    # A body line that recurs at one height on every page ("session) said.") is not a footer: kept.
    assert all(f"the council ({n} session) said." in got.text for n in ("first", "second", "third"))
    assert any("Northport Council, Press Office; Page # of #" in note for note in got.notes)
    meta = {m.field: (m.value, m.found) for m in got.metadata}
    assert meta["title"] == ("Bridge closure statement", "the PDF's document information (Title)")
    assert meta["author"][0] == "Northport Council"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Bridge closure statement", "<p>Words.</p>", "Bridge closure statement"),
        ("Microsoft Word - draft3.docx", "<p>Words.</p>", None),  # a file name is no title
        ("Microsoft Word - draft3.docx", "<h1>Ruling of the court</h1><p>Words.</p>", "Ruling of the court"),
    ],
)
def test_pdf_title(tmp_path: Path, title: str, body: str, expected: str | None) -> None:
    from weasyprint import HTML

    HTML(string=f"<html><head><title>{title}</title></head><body>{body}</body></html>").write_pdf(tmp_path / "a.pdf")
    got = reader_for("a.pdf").extract((tmp_path / "a.pdf").read_bytes())  # type: ignore[union-attr]
    titles = [m.value for m in got.metadata if m.field == "title"]
    assert titles == ([expected] if expected else [])


def test_pdf_without_a_text_layer_is_refused_clearly(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path, pages=2, text=False)
    with pytest.raises(ReaderError, match="no text layer on any of its 2 pages") as raised:
        reader_for("scan.pdf").extract(pdf.read_bytes())  # type: ignore[union-attr]
    assert "OCR" in raised.value.hint


def test_a_broken_pdf_is_refused() -> None:
    with pytest.raises(ReaderError):
        reader_for("x.pdf").extract(b"%PDF-1.7\n garbage")  # type: ignore[union-attr]


# -- text ----------------------------------------------------------------------------------------------

WIRE = "Café owners on the quay said the “strike” would cost them €2,000 a day.\r\nThe port said: “We are ready.”\r\n"


@pytest.mark.parametrize(
    ("raw", "encoding", "kind"),
    [
        (WIRE.encode("windows-1252"), "windows-1252", "text (Windows-1252)"),
        ("Ça coûte cher, déjà.\n".encode("latin-1") + b"\x81", "latin-1", "text (Latin-1)"),  # 0x81: not cp1252
        (WIRE.encode("utf-16"), "utf-16", "text (UTF-16)"),  # with its byte-order mark
    ],
)
def test_text_in_another_encoding_is_decoded(raw: bytes, encoding: str, kind: str) -> None:
    assert encoding_of(raw) == encoding
    got = reader_for("wire.txt").extract(raw)  # type: ignore[union-attr]
    assert got.extractor == f"decode {encoding}" and got.kind == kind
    assert got.text == raw.decode(encoding).removeprefix("\ufeff")


def test_utf8_text_needs_no_derived_copy() -> None:
    got = reader_for("wire.txt").extract(WIRE.encode("utf-8"))  # type: ignore[union-attr]
    assert got.text == "" and got.extractor == ""


def test_encoding_given_by_the_curator_wins() -> None:
    raw = "Привет, мир.\n".encode("windows-1251")
    guessed = reader_for("wire.txt").extract(raw)  # type: ignore[union-attr]
    assert guessed.extractor == "decode windows-1252" and "--encoding" in guessed.notes[0]  # mojibake, flagged
    got = reader_for("wire.txt").extract(raw, "windows-1251")  # type: ignore[union-attr]
    assert got.text == "Привет, мир.\n" and got.notes == ()
    with pytest.raises(ReaderError, match="no-such"):
        reader_for("wire.txt").extract(raw, "no-such")  # type: ignore[union-attr]


def test_sniffing_a_download_without_a_name() -> None:
    assert sniff(b"%PDF-1.7 ...").name == "pdf"
    assert sniff(b"\n<!DOCTYPE html><html>").name == "html"
    assert sniff(b"Plain words.").name == "text"


@pytest.mark.skipif(not TRIALS.is_dir(), reason="../shared/trials is not beside the repository")
def test_trial_sets_are_plain_text_kept_as_they_are() -> None:
    files = sorted(TRIALS.glob("*/*.txt"))
    assert files
    for path in files:
        got = reader_for(path.name).extract(path.read_bytes())  # type: ignore[union-attr]
        assert got.text == "", f"{path} would be re-encoded"
        assert re.match(r"^text", got.kind)


def make_ruling(tmp_path: Path) -> Path:
    """A PDF whose one long paragraph runs on from page 1 to page 2 and beyond, in varied words."""
    import random

    from weasyprint import HTML

    words = ["the", "court", "heard", "a", "witness", "lorry", "harbour", "council", "appeal", "ferry", "night"]
    draw = random.Random(7)
    sentences = [" ".join(draw.choice(words) for _ in range(draw.randint(8, 16))).capitalize() + "." for _ in range(90)]
    style = "<style>p { font-size: 13pt; line-height: 1.5 }</style>"
    path = tmp_path / "ruling.pdf"
    HTML(string=f"<html>{style}<body><p>{' '.join(sentences)}</p></body></html>").write_pdf(path)
    return path


def test_pdf_paragraph_running_on_to_the_next_page_stays_one(tmp_path: Path) -> None:
    got = reader_for("ruling.pdf").extract(make_ruling(tmp_path).read_bytes())  # type: ignore[union-attr]
    assert got.text.count("\f") >= 1 and "\n\n\f" not in got.text  # the page break is inside the paragraph
    assert got.notes == ()
    doc = build_document("r", "r.txt", got.text, "")
    assert len(doc.paragraphs) == 1 and len(doc.sentences) == 90
    pages = [s.page for s in doc.sentences]
    assert pages[0] == 1 and pages[-1] >= 2 and pages == sorted(pages)
