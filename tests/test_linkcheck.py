"""The link checker itself: it must find each kind of broken link, or the site tests prove nothing."""

from __future__ import annotations

from pathlib import Path

from briefing.tools.linkcheck import check_site, main


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


def _reasons(site: Path) -> list[str]:
    return [f"{p.url}: {p.reason}" for p in check_site(site)]


def test_a_clean_site_has_no_problems(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="style.css"><a href="sources/a.html#a.1">x</a><p id="top"></p>'
            '<a href="#top">t</a><a href="https://example.org/x">e</a><a href="mailto:a@b.c">m</a>',
            "style.css": "",
            "sources/a.html": '<span id="a.1"></span><a href="../index.html#top">back</a>',
        },
    )
    assert check_site(site) == []
    assert main([str(site)]) == 0


def test_each_kind_of_broken_link_is_reported(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": "\n".join(
                [
                    '<a href="missing.html">1</a>',
                    '<a href="sources/a.html#nope">2</a>',
                    '<a href="#gone">3</a>',
                    '<a href="/abs.html">4</a>',
                    '<a href="//cdn.example.org/x">5</a>',
                    '<a href="http://example.org/">6</a>',
                    '<link rel="stylesheet" href="https://cdn.example.org/x.css">',
                    '<img src="../outside.png" alt="">',
                    '<a href="style.css#x">9</a>',
                    '<p id="dup"></p><p id="dup"></p>',
                ]
            ),
            "style.css": "",
            "sources/a.html": "<p id='a.1'></p>",
        },
    )
    reasons = _reasons(site)
    assert reasons == [
        "missing.html: no file missing.html",
        "sources/a.html#nope: no element with id 'nope' in sources/a.html",
        "#gone: no element with id 'gone' in index.html",
        "/abs.html: absolute path (breaks under a subpath and from file://)",
        "//cdn.example.org/x: not a relative link",
        "http://example.org/: not a relative link",
        "https://cdn.example.org/x.css: resource outside the site",
        "../outside.png: leaves the site folder",
        "style.css#x: fragment #x on a non-HTML file",
        "#dup: duplicate id",
    ]
    assert [p.line for p in check_site(site)] == list(range(1, 11))
    assert main([str(site)]) == 1


def test_percent_encoded_fragments_are_decoded(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": '<p id="é.1"></p><a href="#%C3%A9.1">x</a>'})
    assert check_site(site) == []


def test_a_canonical_address_is_not_a_fetch_but_an_outside_stylesheet_is(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<link rel="canonical" href="https://example.org/b/index.html">'
            '<link rel="alternate" type="application/atom+xml" href="https://example.org/b/feed.xml">'
            '<link rel="alternate stylesheet" href="https://cdn.example/x.css">',
        },
    )
    assert _reasons(site) == ["https://cdn.example/x.css: resource outside the site"]
