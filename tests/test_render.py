"""render.py and views.py: the Jinja environment, the pages' content, overrides, the chart hook."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest

from briefing.build import Checked, Settings, build, check
from briefing.model.dates import parse_date
from briefing.outputs import render
from briefing.outputs.localized import format_date
from briefing.outputs.render import RenderError, environment
from briefing.outputs.site_pages import render_site
from briefing.outputs.views import Views

BUILT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def _checked(project: Path) -> Checked:
    checked = check(project)
    assert checked.model is not None and not checked.failed(strict=False), checked.diagnostics
    return checked


def _render(project: Path) -> dict[str, bytes]:
    checked = _checked(project)
    assert checked.model is not None
    return render_site(checked.model, checked.links, project, BUILT)


def _text(files: dict[str, bytes], rel: str) -> str:
    return files[rel].decode("utf-8")


def _replace_seed(project: Path, name: str, text: str) -> None:
    seed = project / "seeds" / name
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_text(text, encoding="utf-8")
    sources = project / "content" / "sources.yaml"
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# -- environment -----------------------------------------------------------


def test_environment_autoescapes_and_is_strict() -> None:
    env = environment(None)
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_default_theme_comes_from_the_package() -> None:
    env = environment(None)
    assert env.loader is not None
    for name in ("base.html", "index.html", "source.html", "_citation.html", "_timeline_table.html", "style.css"):
        source, filename, _ = env.loader.get_source(env, name)
        assert Path(str(filename)).parent == Path(render.__file__).parent.parent / "templates"
        assert source


def test_a_project_template_overrides_the_default(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_method.html").write_text(
        '<section id="method"><h2>Our own method</h2></section>\n', encoding="utf-8"
    )
    (demo_project / "templates" / "style.css").write_text("body { color: red; }\n", encoding="utf-8")
    files = _render(demo_project)
    index = _text(files, "index.html")
    assert "<h2>Our own method</h2>" in index
    assert '<h2 id="actors-title">Actors</h2>' in index  # the rest still from the default theme
    assert files["style.css"] == b"body { color: red; }\n"


def test_a_broken_override_is_a_diagnostic_and_leaves_the_site_alone(demo_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(Settings(demo_project, out, pdf=False)).written
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_method.html").write_text("<p>\n{% if %}</p>\n", encoding="utf-8")
    result = build(Settings(demo_project, out, pdf=False))
    assert not result.written
    [diagnostic] = [d for d in result.diagnostics if d.code.startswith("template.")]
    assert diagnostic.code == "template.syntax"
    assert diagnostic.location.file == "templates/_method.html" and diagnostic.location.line == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_override_using_an_unknown_name_is_a_diagnostic(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_method.html").write_text("{{ no_such_thing }}\n", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        _render(demo_project)
    assert caught.value.diagnostic.code == "template.undefined"
    assert "no_such_thing" in caught.value.diagnostic.message


def test_format_date() -> None:
    assert format_date(None) == "—"
    assert format_date(parse_date("2024-02")) == '<time datetime="2024-02">2024-02</time>'
    assert format_date(parse_date("2024-03-04/2024-03-24")) == (
        '<time datetime="2024-03-04">2024-03-04</time> to\u00a0<time datetime="2024-03-24">2024-03-24</time>'
    )


# -- the pages ---------------------------------------------------------------


def test_site_files(demo_project: Path) -> None:
    files = _render(demo_project)
    assert sorted(files) == [
        "chart.js",
        "index.html",
        "search.html",
        "search.js",
        "sources/council-report.html",
        "sources/gazette.html",
        "style.css",
    ]
    assert all(_text(files, rel).startswith("<!DOCTYPE html>") for rel in files if rel.endswith(".html"))


def test_index_has_every_section_and_every_fact_anchor(demo_project: Path) -> None:
    checked = _checked(demo_project)
    assert checked.model is not None
    index = _text(_render(demo_project), "index.html")
    for section in ("key-points", "timeline", "actors", "statements", "disputes", "discrepancies", "sources", "method"):
        assert f'<section id="{section}"' in index
    content = checked.model.content
    for kind, items in (("actor", content.actors), ("event", content.events), ("statement", content.statements)):
        for item in items:
            assert f'<tr id="{kind}-{item.id}"' in index
    assert 'id="dispute-closure-length"' in index
    assert "<h1>Harbour bridge closure</h1>" in index
    assert '<time datetime="2023-11-14">2023-11-14</time>' in index  # build date
    assert '<time datetime="2024-02-28">2024-02-28</time>' in index  # as of


def test_citation_markers_link_to_the_sentence_and_carry_the_quote(demo_project: Path) -> None:
    index = _text(_render(demo_project), "index.html")
    row = index[index.index('<tr id="event-closure-announced">') :]
    row = row[: row.index("</tr>")]
    assert (
        '<a class="cite" href="sources/council-report.html#council-report.2"><span class="cite-label">S1.2</span>'
        '<span class="cite-quote"><span class="cite-where">S1 (Harbour bridge to close for repairs, council says),'
        " sentence 2</span> "
        "<q>The city council said on Tuesday that the harbour bridge will close</q></span></a>"
    ) in row


def test_a_citation_over_two_sentences_names_both(demo_project: Path) -> None:
    index = _text(_render(demo_project), "index.html")
    assert '<span class="cite-label">S2.4–5</span>' in index
    assert "S2 (Gazette story on the bridge closure (curator&#39;s title)), sentences 4–5" in index


def test_key_points_and_method_come_from_markdown_with_citations(demo_project: Path) -> None:
    index = _text(_render(demo_project), "index.html")
    points = index[index.index('<section id="key-points"') : index.index('<section id="timeline"')]
    assert points.count("<li>") == 2
    chip = '<span class="cite-label">event 4 Mar 2024 to 24 Mar 2024, inferred</span>'
    assert f'href="index.html#event-bridge-closed">{chip}' in points
    assert 'href="sources/gazette.html#gazette.2"><span class="cite-label">S2.2</span>' in points
    method = index[index.index('<section id="method"') :]
    assert "Two invented sources for testing." in method
    assert "8 of 10 source sentences are cited (80%)" in method


def test_positions_are_side_by_side_with_verbatim_quotes(demo_project: Path) -> None:
    index = _text(_render(demo_project), "index.html")
    dispute = index[index.index('id="dispute-closure-length"') : index.index('<section id="discrepancies"')]
    assert dispute.count('<section class="position"') == 2
    assert '<div class="positions">' in dispute
    assert "<blockquote>will close for three weeks from 4 March</blockquote>" in dispute
    assert "<blockquote>repairs could take &#34;at least six weeks&#34;</blockquote>" in dispute
    assert "An unnamed engineer, via The Gazette (reported)" in dispute
    assert "contested claim" in dispute and "The council gives three weeks" in dispute


def test_sources_show_hash_counts_coverage_and_quirks(demo_project: Path) -> None:
    index = _text(_render(demo_project), "index.html")
    gazette = index[index.index('id="source-gazette"') :]
    assert "ae6ea586bb81c3b26483a8bbb1d433a0001a8f9362ce88a80a76e58b55d606b0" in gazette
    assert "<dt>Sentences</dt><dd>5</dd>" in gazette
    assert "4 of 5 sentences cited (80%)" in gazette
    assert "<li>Relies on one unnamed engineer.</li>" in gazette
    assert "written by the curator" in gazette


def test_events_are_in_date_order_with_undated_last(demo_project: Path) -> None:
    checked = _checked(demo_project)
    assert checked.model is not None
    assert [e.id for e in Views(checked.model, checked.links).timeline()] == [
        "closure-announced",
        "bridge-closed",
        "corrosion-found",
        "extra-sailings",
    ]


def test_source_page_anchors_every_sentence_and_links_back(demo_project: Path) -> None:
    checked = _checked(demo_project)
    assert checked.model is not None
    page = _text(_render(demo_project), "sources/gazette.html")
    doc = checked.model.document("gazette")
    assert doc is not None
    for sentence in doc.sentences:
        assert f'id="{sentence.id}"' in page
        assert sentence.text.replace('"', "&#34;") in page
    assert '<span class="sentence" id="gazette.3">' in page  # not cited
    cited = page[page.index('id="gazette.2"') : page.index('id="gazette.3"')]
    assert 'class="sentence cited"' in page[page.index('id="gazette.2"') - 40 : page.index('id="gazette.2"')]
    assert 'href="../index.html#actor-unnamed-engineer"' in cited
    assert 'href="../index.html#statement-engineer-six-weeks"' in cited
    assert '<link rel="stylesheet" href="../style.css">' in page


def test_repeated_paragraph_is_marked(demo_project: Path) -> None:
    seed = (demo_project / "seeds" / "gazette-story.txt").read_text(encoding="utf-8")
    first = seed.split("\n\n")[0]
    _replace_seed(demo_project, "gazette-story.txt", seed.rstrip("\n") + "\n\n" + first + "\n")
    files = _render(demo_project)
    page = _text(files, "sources/gazette.html")
    assert '<p class="para repeated" id="gazette-p3">' in page
    assert 'Repeated paragraph: identical to <a href="#gazette-p1">paragraph 1</a>.' in page
    assert '<span class="sentence cited" id="gazette.6">' in page  # the repeat counts as cited too
    assert "Paragraph 3 repeats paragraph 1 word for word." in _text(files, "index.html")


def test_content_is_escaped_everywhere(demo_project: Path) -> None:
    briefing = demo_project / "content" / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8").replace("title: Harbour bridge closure", 'title: "<script>x</script>"')
    briefing.write_text(text, encoding="utf-8")
    summary = demo_project / "content" / "summary.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\n<img src=x onerror=alert(1)>\n", encoding="utf-8")
    files = _render(demo_project)
    for rel in ("index.html", "sources/gazette.html"):
        assert "<script>x" not in _text(files, rel)  # the payload, escaped (the page has a script of its own)
        assert "&lt;script&gt;x&lt;/script&gt;" in _text(files, rel)
    assert "<img" not in _text(files, "index.html")


def test_rendering_is_reproducible(demo_project: Path) -> None:
    assert _render(demo_project) == _render(demo_project)


def test_no_absolute_or_external_urls(demo_project: Path) -> None:
    pages = {rel: data for rel, data in _render(demo_project).items() if rel.endswith(".html")}
    for rel, data in pages.items():
        urls = re.findall(r'(?:href|src)="([^"]*)"', data.decode("utf-8"))
        assert len(urls) > 5, rel
        assert not [u for u in urls if u.startswith(("/", "http:", "https:"))], rel


# -- the timeline chart hook -------------------------------------------------


def test_chart_is_inlined(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def chart_svg(events: Any, as_of: Any, *, title: str, href: Any) -> bytes:
        calls.append({"events": [e.id for e in events], "as_of": as_of.value, "title": title})
        links = "".join(f'<a href="{href(e)}"><title>{e.title}</title></a>' for e in events)
        metadata = '<metadata>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n</metadata>\n'
        return f'<?xml version="1.0" encoding="utf-8"?>\n<svg role="img">{metadata}{links}</svg>\n'.encode()

    monkeypatch.setattr(render.timeline_chart, "chart_svg", chart_svg)
    index = _text(_render(demo_project), "index.html")
    assert calls == [
        {
            "events": ["closure-announced", "bridge-closed", "corrosion-found", "extra-sailings"],
            "as_of": "2024-02-28",
            "title": "Timeline: Harbour bridge closure",
        }
    ]
    assert "<?xml" not in index and "<metadata>" not in index and "rdf:" not in index
    assert '<figure class="chart">\n' in index
    assert '<div class="chart-scroll" tabindex="0" role="region"' in index
    assert '>\n<svg role="img"><a href="#event-closure-announced">' in index
    assert '<tr id="event-closure-announced">' in index  # the table stays, as the accessible version


def test_an_overview_chart_says_so_and_links_to_the_events_table(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.outputs.timeline import overview

    index = _text(_render(demo_project), "index.html")
    assert "each mark links to its row in the table" in index and "tl-count" not in index
    monkeypatch.setattr(overview, "OVERVIEW_FROM", 2)  # the demo's 4 events, as if they were hundreds
    index = _text(_render(demo_project), "index.html")
    caption = index[index.index("<figcaption>") : index.index("</figcaption>")]
    assert "counts them per period" in caption and '<a href="#events-table">' in caption
    assert '<table class="events" id="events-table">' in index and 'class="tl-count"' in index
    from briefing.outputs.handout import handout_html

    checked = check(demo_project)
    assert checked.model is not None
    pdf = handout_html(checked.model, checked.links, demo_project, datetime(2024, 3, 1, tzinfo=UTC))
    caption = pdf[pdf.index("<figcaption>") : pdf.index("</figcaption>")]
    assert "counts them per period" in caption and "in the table below" in caption and "links" not in caption


# -- partials for other outputs (the PDF handout) -----------------------------


def test_render_page_lets_a_handout_reuse_the_partials(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "handout.html").write_text(
        '{% include "_title_block.html" %}{% include "_key_points.html" %}{% include "_disputes.html" %}\n',
        encoding="utf-8",
    )
    checked = _checked(demo_project)
    assert checked.model is not None
    html = render.render_page(
        "handout.html", checked.model, checked.links, demo_project, BUILT, root="https://example.org/brief/"
    )
    assert "<h1>Harbour bridge closure</h1>" in html
    assert 'href="https://example.org/brief/sources/gazette.html#gazette.2"' in html  # key points marker
    assert 'id="dispute-closure-length"' in html
    assert 'href="https://example.org/brief/sources/council-report.html#council-report.2"' in html


def test_compiled_template_cache_gives_the_same_pages(
    demo_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages rendered from cached bytecode, or past a broken or unwritable cache, are the same bytes."""
    monkeypatch.setattr(render, "_bytecode_cache", lambda: None)
    checked = check(demo_project)
    assert checked.model is not None
    built = datetime(2023, 11, 14, tzinfo=UTC)
    compiled = render_site(checked.model, checked.links, demo_project, built)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    cache = render._TolerantCache(str(cache_dir))
    monkeypatch.setattr(render, "_bytecode_cache", lambda: cache)
    assert render_site(checked.model, checked.links, demo_project, built) == compiled  # fills the cache
    entries = sorted(cache_dir.iterdir())
    assert entries, "nothing was cached"
    assert render_site(checked.model, checked.links, demo_project, built) == compiled  # from the cache
    for entry in entries:  # truncated entries: compiled again, no crash
        entry.write_bytes(entry.read_bytes()[:20])
    assert render_site(checked.model, checked.links, demo_project, built) == compiled
    cache_dir.chmod(0o500)  # unwritable (root may write anyway: then this only repeats the above)
    try:
        assert render_site(checked.model, checked.links, demo_project, built) == compiled
    finally:
        cache_dir.chmod(0o700)


def test_compiled_template_cache_is_keyed_apart_from_a_plain_environment() -> None:
    """The sandbox's operator checks are compiled in: a plain environment's cached code must never load."""
    from jinja2 import FileSystemBytecodeCache

    from briefing.outputs.render import _TolerantCache

    plain = FileSystemBytecodeCache().get_cache_key("index.html", "/p/templates/index.html")
    assert _TolerantCache().get_cache_key("index.html", "/p/templates/index.html") != plain
