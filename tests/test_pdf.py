"""pdf.py and handout.py: the PDF handout's content, structure, metadata, reproducibility and confinement."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, REPO, require_tool
from pypdf import PdfReader

from briefing.build import Settings, build, check
from briefing.cli import main
from briefing.model.facts import PAGE_SIZES
from briefing.outputs.handout import Notes, handout_html, handout_pdf
from briefing.outputs.pdf import PdfMetadata, render_pdf
from briefing.outputs.views import Views

EPOCH = "1709251200"  # 2024-03-01T00:00:00Z
BUILT = datetime.fromtimestamp(int(EPOCH), tz=UTC)
BASE_URL = "https://example.org/harbour/"


def _build_pdf(project: Path, out: Path, **settings: Any) -> bytes:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build(Settings(project, out, **settings))
    assert result.written, result.diagnostics
    return (out / "briefing.pdf").read_bytes()


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project's handout, built once for the tests that only read it."""
    project = tmp_path_factory.mktemp("pdf") / "demo"
    shutil.copytree(DEMO, project)
    _build_pdf(project, project / "site")
    return project / "site" / "briefing.pdf"


@pytest.fixture(scope="module")
def reader(demo_pdf: Path) -> PdfReader:
    return PdfReader(demo_pdf)


def _flat(text: str) -> str:
    """Extracted text with line breaks and hyphenation folded, for phrase searches."""
    return " ".join(text.replace("\u00ad", "").split())


def _text(reader: PdfReader) -> str:
    return _flat(" ".join(page.extract_text() for page in reader.pages))


def _annotations(reader: PdfReader) -> Iterator[dict[str, Any]]:
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            yield annot.get_object()


# -- laziness ------------------------------------------------------------------------------


def test_weasyprint_is_imported_only_when_a_pdf_is_built() -> None:
    code = (
        "import sys, briefing.build, briefing.cli, briefing.outputs.pdf, briefing.outputs.handout; "
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.strip() == "False"


# -- content -------------------------------------------------------------------------------


def test_every_section_and_fact_is_in_the_text(reader: PdfReader) -> None:
    checked = check(DEMO)
    assert checked.model is not None
    content = checked.model.content
    text = _text(reader)
    for heading in ("Key points", "Timeline", "Events in date order", "Actors", "Disputed statements", "Notes"):
        assert heading in text, heading
    expected = [
        content.briefing.title,
        "As of 2024-02-28",
        *(s.title for s in content.sources),
        *(e.title for e in content.events),
        *(a.name for a in content.actors),
        *(d.question for d in content.disputes),
        *(p.summary for d in content.disputes for p in d.positions),
    ]
    missing = [phrase for phrase in expected if _flat(phrase) not in text]
    assert missing == []


def test_each_citation_is_an_endnote_with_source_title_and_sentence(reader: PdfReader) -> None:
    checked = check(DEMO)
    assert checked.model is not None
    text = _text(reader)
    notes = text[text.index("Notes: the cited sentences") :]
    gazette = next(d for d in checked.model.documents if d.id == "gazette")
    engineer = next(s for s in gazette.sentences if "at least six weeks" in s.text)
    assert "Gazette story on the bridge closure" in notes
    assert f"S2.{engineer.index} {_flat(engineer.text)}" in notes
    # Each cited sentence once, however often it is cited.
    assert notes.count(_flat(engineer.text)) == 1


def test_running_header_and_page_x_of_y(reader: PdfReader) -> None:
    pages = [_flat(page.extract_text()) for page in reader.pages]
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page
    for page in pages[1:]:  # the first page has the title block instead
        assert "Harbour bridge closure" in page and "As of 2024-02-28" in page


def test_page_counts_a4_and_letter(reader: PdfReader, demo_project: Path) -> None:
    assert 1 <= len(reader.pages) <= 3
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    letter = PdfReader(_pdf_bytes(demo_project, paper="letter"))
    width, height = (float(v) for v in letter.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (612, 792)


def test_paper_from_briefing_yaml_and_the_command_line_wins(demo_project: Path) -> None:
    config = demo_project / "content" / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "paper: letter\n", encoding="utf-8")
    for argv, points in (([], (612, 792)), (["--paper", "a4"], (595, 842))):
        assert main(["-C", str(demo_project), "build", *argv]) == 0
        box = PdfReader(demo_project / "site" / "briefing.pdf").pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == points, argv


def _pdf_bytes(project: Path, **settings: Any) -> Path:
    out = project / "out"
    _build_pdf(project, out, **settings)
    return out / "briefing.pdf"


def test_the_shipped_briefing_stays_a_handout(tmp_path: Path) -> None:
    """Everything the page carries, statements and method included (10 pages on A4 when counted): the bound
    catches a layout that wastes pages, not content that needs them."""
    checked = check(REPO)
    assert checked.model is not None and not checked.failed(strict=False), checked.diagnostics
    for paper in ("a4", "letter"):
        handout = handout_pdf(checked.model, checked.links, REPO, tmp_path / "site", BUILT, paper=paper)
        assert handout.pdf is not None, handout.diagnostics
        pages = len(PdfReader(io.BytesIO(handout.pdf)).pages)
        assert 2 <= pages <= 12, f"{paper}: {pages} pages"


# -- structure: outline, links, fonts, tags, metadata --------------------------------------


def test_outline_has_the_title_sections_and_disputes(reader: PdfReader) -> None:
    def titles(items: list[Any]) -> Iterator[str]:
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    outline = list(titles(reader.outline))
    assert outline[0] == "Harbour bridge closure"
    for section in ("Key points", "Timeline", "Actors", "Disputed statements", "Notes: the cited sentences"):
        assert section in outline
    assert "How long will the bridge be closed?" in outline
    assert not any(t.startswith("Position ") for t in outline), "position headings would clutter the outline"


def test_citation_markers_link_to_endnotes_and_no_local_files(reader: PdfReader) -> None:
    annotations = list(_annotations(reader))
    destinations = {str(a["/Dest"]) for a in annotations if "/Dest" in a}
    assert {"note-S1-2", "note-S2-2"} <= destinations
    assert "actor-city-council" in destinations
    uris = [str(a["/A"]["/URI"]) for a in annotations if "/A" in a]
    assert not [u for u in uris if u.startswith("file:")]
    named = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    anchors = {str(named[i]) for i in range(0, len(named), 2)}
    assert destinations <= anchors, "every internal link has its target"


def test_with_a_base_url_notes_link_to_the_hosted_sentences(demo_project: Path) -> None:
    config = demo_project / "content" / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"base_url: {BASE_URL}\n", encoding="utf-8")
    uris = {str(a["/A"]["/URI"]) for a in _annotations(PdfReader(_pdf_bytes(demo_project))) if "/A" in a}
    assert f"{BASE_URL}sources/gazette.html#gazette.2" in uris
    assert f"{BASE_URL}sources/council-report.html" in uris


def test_every_font_is_embedded(reader: PdfReader) -> None:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts), fonts


def test_tagged_pdf_ua_with_metadata(demo_pdf: Path, reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    info = reader.metadata
    assert info is not None
    assert (info.title, info.author) == ("Harbour bridge closure", "Test desk")
    assert info.subject == check(DEMO).model.content.briefing.description  # type: ignore[union-attr]
    assert info["/Keywords"] == "bridge, council, demo"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240301000000Z"
    figures = [n for n in _structure(root["/StructTreeRoot"]) if n.get("/S") == "/Figure"]
    assert [str(f["/Alt"]).split(",")[0] for f in figures] == ["Timeline of 4 events"], "the chart's alt text"


def _structure(node: Any) -> Iterator[Any]:
    """Every element of the tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            yield from _structure(kid)
    elif hasattr(node, "get"):
        yield node
        kids = node.get("/K")
        if kids is not None and not isinstance(kids, int):
            yield from _structure(kids)


# -- reproducibility -------------------------------------------------------------------------


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "demo", tmp_path / "b" / "other name"
    shutil.copytree(DEMO, first)
    shutil.copytree(DEMO, second)
    assert _build_pdf(first, first / "site") == _build_pdf(second, second / "site")


# -- confinement ------------------------------------------------------------------------------

META = PdfMetadata("t", created=BUILT)


@pytest.mark.parametrize(
    ("tag", "code", "why"),
    [
        ('<img src="http://example.org/a.png">', "pdf.fetch-refused", "network"),
        ('<link rel="stylesheet" href="https://example.org/a.css">', "pdf.fetch-refused", "network"),
        ('<img src="file:///etc/hostname">', "pdf.fetch-refused", "outside the build"),
        ('<img src="../outside.png">', "pdf.fetch-refused", "outside the build"),
        ('<img src="ftp://example.org/a.png">', "pdf.fetch-refused", "scheme 'ftp'"),
        ('<img src="data:text/html,<b>x</b>">', "pdf.fetch-refused", "only images"),
        ('<img src="missing.png">', "pdf.fetch-missing", "not a file of this build"),
        ('<link rel="attachment" href="style.css">', "pdf.attachment-refused", "embedded"),
        ('<a rel="attachment" href="style.css">file</a>', "pdf.attachment-refused", "embedded"),
    ],
    ids=["http", "https", "file-outside", "relative-outside", "ftp", "data-html", "missing", "link-attach", "a-attach"],
)
def test_fetcher_refusals_give_a_diagnostic_and_no_pdf(tmp_path: Path, tag: str, code: str, why: str) -> None:
    (tmp_path / "outside.png").write_bytes(b"not really a png")
    site = tmp_path / "site"
    site.mkdir()
    html = f"<html><head></head><body><p>Hello</p>{tag}</body></html>"
    data, found = render_pdf(html, site, metadata=META, files={"style.css": b"p { color: red }"})
    assert data is None
    assert [d.code for d in found] == [code]
    assert why in found[0].message


def test_files_of_the_build_and_small_images_are_served(tmp_path: Path) -> None:
    pixel = (  # a 1x1 PNG
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    head = '<link rel="stylesheet" href="style.css">'
    html = f'<html><head>{head}</head><body><p>Hi</p><img src="{pixel}" alt="a dot"></body></html>'
    data, found = render_pdf(html, tmp_path, metadata=META, files={"style.css": b"p { color: red }"})
    assert data is not None and data.startswith(b"%PDF-1.7")
    assert found == []


def test_a_refused_template_fails_the_build_and_leaves_the_site(demo_project: Path) -> None:
    assert main(["-C", str(demo_project), "build", "--no-pdf"]) == 0
    site = demo_project / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    templates = demo_project / "templates"
    templates.mkdir()
    (templates / "handout.html").write_text(
        '<html><body><h1>{{ briefing.title }}</h1><img src="https://example.org/logo.png"></body></html>',
        encoding="utf-8",
    )
    assert main(["-C", str(demo_project), "build"]) == 1
    after = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before
    assert not (site / "briefing.pdf").exists()


def test_pdftotext_reads_the_handout(demo_pdf: Path) -> None:
    """The handout's text layer also works for poppler (what most viewers use to copy text)."""
    tool = require_tool("pdftotext")
    text = subprocess.run([tool, str(demo_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Disputed statements" in text and re.search(r"Page 1 of \d", text)
    assert os.path.getsize(demo_pdf) < 500_000


# -- pagination: rows never split, no heading stranded at a page foot ---------------------------


def _layout(project: Path, paper: str) -> Any:
    """WeasyPrint's laid-out pages of a project's handout (its box tree is what we inspect)."""
    from weasyprint import CSS, HTML

    checked = check(project)
    assert checked.model is not None
    html = handout_html(checked.model, checked.links, project, BUILT, paper)
    size = CSS(string=f"@page {{ size: {PAGE_SIZES[paper]} !important }}")
    return HTML(string=html, base_url=str(project)).render(stylesheets=[size])


def _flow(page: Any) -> Iterator[Any]:
    """Every box of a page's content, leaving out the running header and footer."""
    for child in page._page_box.children:
        if type(child).__name__ != "MarginBox":
            yield from child.descendants()


@pytest.mark.parametrize(("project", "paper"), [(DEMO, "a4"), (REPO, "a4"), (REPO, "letter")])
def test_rows_never_split_and_no_heading_ends_a_page(project: Path, paper: str) -> None:
    document = _layout(project, paper)
    seen: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        boxes = list(_flow(page))
        for box in boxes:
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", None) == "tr" and element is not None and element.get("id"):
                row = element.get("id")
                assert seen.setdefault(row, number) == number, f"row {row} split over pages {seen[row]} and {number}"
        lines = [b for b in boxes if type(b).__name__ == "LineBox"]
        last_line = max(b.position_y for b in lines)
        for box in boxes:
            if getattr(box, "element_tag", None) in ("h2", "h3", "h4") and type(box).__name__ == "BlockBox":
                bottom = box.position_y + box.margin_height()
                title = " ".join("".join(box.element.itertext()).split())
                assert last_line >= bottom - 0.01, f"page {number}: heading '{title}' is the last thing on the page"


def test_weasyprint_warnings_are_reported_and_fail_only_with_strict(demo_project: Path) -> None:
    templates = demo_project / "templates"
    templates.mkdir()
    (templates / "handout.html").write_text(
        "<html><head><style>h1 { colour: red }</style></head><body><h1>{{ briefing.title }}</h1></body></html>",
        encoding="utf-8",
    )
    result = build(Settings(demo_project, demo_project / "site"))
    assert result.written
    assert [d.code for d in result.diagnostics if d.code.startswith("pdf.")] == ["pdf.renderer"]
    assert "colour" in next(d.message for d in result.diagnostics if d.code == "pdf.renderer")
    strict = build(Settings(demo_project, demo_project / "site2", strict=True))
    assert not strict.written and not (demo_project / "site2").exists()


def test_a_fact_cited_in_prose_prints_as_the_sentences_it_rests_on() -> None:
    checked = check(DEMO)
    assert checked.model is not None
    views = Views(checked.model, checked.links)
    notes = Notes(views, "")
    # The dispute has no citation of its own: one position cites S1.2, the other rests on a statement citing S2.2.
    labels = [m.label for m in notes.markers([views.prose_ref("closure-length")])]
    assert labels == ["S1.2", "S2.2"]
    assert [n.label for g in notes.groups() for n in g.notes] == ["S1.2", "S2.2"]
    # A sentence run is one marker and a note per sentence.
    run = next(c for s in checked.model.content.statements for c in s.cite if len(c.sentences) > 1)
    marker = notes.markers([views.cite(run)])[0]
    assert "–" in marker.label and marker.anchor == f"note-S2-{marker.label.split('.')[1].split('–')[0]}"


def test_on_disk_the_fetcher_follows_no_symlink_out_of_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "style.css").write_text("p { color: red }", encoding="utf-8")
    (tmp_path / "secret.css").write_text("p { color: blue }", encoding="utf-8")
    (site / "escape.css").symlink_to(tmp_path / "secret.css")
    page = '<html><head><link rel="stylesheet" href="{}"></head><body><p>Hi</p></body></html>'
    data, found = render_pdf(page.format("style.css"), site, metadata=META)
    assert data is not None and found == []
    data, found = render_pdf(page.format("escape.css"), site, metadata=META)
    assert data is None and [d.code for d in found] == ["pdf.fetch-refused"]


def test_an_inline_image_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = "data:image/png;base64," + "A" * (2 * 1024 * 1024)
    data, found = render_pdf(f'<html><body><img src="{big}" alt="big"></body></html>', tmp_path, metadata=META)
    assert data is None and [d.code for d in found] == ["pdf.fetch-refused"]
    assert "KiB" in found[0].message


# -- F13: fonts for what sources quote -----------------------------------------------------------------

WORLD = (
    "The mayor wrote \U0001f44d and \U0001f1fa\U0001f1e6 online.",  # emoji, a flag
    "Мэр сказал: «Мост закрыт».",  # Russian
    "Мер сказала: «Міст закрито, їжджайте об'їздом».",  # Ukrainian
    "قال العمدة إن الجسر مغلق.",  # Arabic
    "市长说桥梁关闭。",  # Chinese
    "市長は橋が閉鎖されたと述べた。",  # Japanese
)


def _quoting(project: Path, quotes: tuple[str, ...]) -> None:
    """The demo with ``quotes`` appended to a seed (re-pinned) and cited by one more event."""
    import hashlib

    seed = project / "seeds" / "gazette-story.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + " ".join(quotes) + "\n", encoding="utf-8")
    sources = project / "content" / "sources.yaml"
    lines = sources.read_text(encoding="utf-8").split("\n")
    at = lines.index("  file: gazette-story.txt")
    lines[at + 1] = "  sha256: " + hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text("\n".join(lines), encoding="utf-8")
    cites = "".join(f'    - source: gazette\n      quote: "{q}"\n' for q in quotes)
    event = "- id: world\n  title: Reactions\n  date_text: not stated\n  status: occurred\n  actors: [city-council]\n"
    with (project / "content" / "events.yaml").open("a", encoding="utf-8") as f:
        f.write(event + "  cite:\n" + cites)


def _require_font(family: str) -> None:
    fc_list = require_tool("fc-list")
    families = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    if family not in families.split("\n"):
        message = f"font '{family}' is not installed (bash setup.sh installs it)"
        if os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)


def test_emoji_and_other_scripts_print_without_missing_glyphs(tmp_path: Path) -> None:
    for family in ("Noto Color Emoji", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Serif CJK SC", "Noto Serif"):
        _require_font(family)
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    _quoting(project, WORLD)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build(Settings(project, tmp_path / "site"))
    assert result.ok, result.diagnostics
    assert [d for d in result.diagnostics if d.code.startswith("pdf.")] == []
    pdf = PdfReader(tmp_path / "site" / "briefing.pdf")
    fonts = {str(f.get_object()["/BaseFont"]) for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert any("Noto-Color-Emoji" in name for name in fonts), fonts  # the emoji in colour, not a box
    text = _flat(_text(pdf))
    for quote in WORLD[1:]:  # its longest word: text extraction moves the final stop of right-to-left text
        assert max(quote.rstrip(".。").split(), key=len) in text, quote


def test_a_character_no_font_has_is_located_at_its_quote(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    _quoting(project, ("A sign read \U0010fffd here.",))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = build(Settings(project, tmp_path / "site"))
    missing = [d for d in result.diagnostics if d.code == "pdf.missing-glyph"]
    assert len(missing) == 1 and "U+10FFFD" in missing[0].message
    assert missing[0].location is not None and missing[0].location.file == "content/events.yaml"
    lines = (project / "content" / "events.yaml").read_text(encoding="utf-8").split("\n")
    assert "\U0010fffd" in lines[missing[0].location.line - 1]
    assert "fonts-noto" in (missing[0].hint or "")
