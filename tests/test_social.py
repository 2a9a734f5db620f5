"""Link previews and machine metadata: Open Graph and Twitter tags, the card image, canonical links,
sitemap.xml and the schema.org JSON-LD of the report."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import build_site
from PIL import Image
from test_feed import BASE, with_base

from briefing.model.dates import parse_date
from briefing.outputs.card import HEIGHT, WIDTH, _draw


class Head(HTMLParser):
    """The meta, link and JSON-LD script elements of a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links[a["rel"]] = a["href"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def based_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("based")
    return build_site(with_base(tmp), tmp / "site")


def test_cards_canonical_links_with_base_url(based_site: Path) -> None:
    for page in ["index.html", "search.html", "sources/gazette.html"]:
        h = head(based_site / page)
        assert h.links["canonical"] == BASE + page
        assert h.meta["og:url"] == BASE + page
        assert h.meta["og:image"] == h.meta["twitter:image"] == f"{BASE}card.png"
        assert h.meta["twitter:card"] == "summary_large_image"
        assert h.meta["og:image:alt"].startswith("Harbour bridge closure. As of 2024-02-28. Timeline of 4 events.")
    source = head(based_site / "sources/gazette.html")
    assert source.meta["og:title"].startswith("S2 ")
    assert source.meta["og:description"] == "How long will the harbour bridge close, and who says so?"


def test_without_base_url_only_tags_that_need_no_address(demo_site: Path) -> None:
    h = head(demo_site / "index.html")
    assert "canonical" not in h.links and "og:url" not in h.meta and "og:image" not in h.meta
    assert h.meta["og:title"] == "Harbour bridge closure"
    assert h.meta["twitter:card"] == "summary"
    assert not (demo_site / "sitemap.xml").exists()
    assert (demo_site / "card.png").exists()  # drawn anyway: same bytes once base_url is set


def test_sitemap_lists_every_linked_page(based_site: Path) -> None:
    root = ElementTree.fromstring((based_site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    pages = sorted(p.relative_to(based_site).as_posix() for p in based_site.rglob("*.html"))
    assert locs == [BASE + p for p in pages]
    assert {u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)} == {"2023-11-14"}


def test_schema_org_report_only_on_the_briefing_page(based_site: Path) -> None:
    [text] = head(based_site / "index.html").jsonld
    report = json.loads(text)
    assert report["@context"] == "https://schema.org" and report["@type"] == "Report"
    assert report["name"] == "Harbour bridge closure"
    assert report["dateModified"] == "2024-02-28"
    assert report["url"] == f"{BASE}index.html" and report["image"] == f"{BASE}card.png"
    assert [c["name"] for c in report["citation"]] == [
        "Harbour bridge to close for repairs, council says",
        "Gazette story on the bridge closure (curator's title)",
    ]
    assert head(based_site / "sources/gazette.html").jsonld == []


def test_json_ld_cannot_close_its_script_element(demo_project: Path, tmp_path: Path) -> None:
    yaml = demo_project / "content" / "briefing.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace("Test desk", "</script><script>alert(1)</script> & co"), "utf-8")
    index = (build_site(demo_project, tmp_path / "site") / "index.html").read_text("utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', index, re.DOTALL)
    assert block is not None
    assert json.loads(block.group(1))["author"]["name"] == "</script><script>alert(1)</script> & co"


def test_card_is_a_deterministic_png_of_the_right_size(demo_site: Path, tmp_path: Path) -> None:
    with Image.open(demo_site / "card.png") as image:
        assert image.size == (WIDTH, HEIGHT)
        assert not {k for k in image.info if k.lower() in ("software", "creation time")}
    as_of = parse_date("2024-02-28")
    assert _draw("A title", as_of, ()) == _draw("A title", as_of, ())
    assert _draw("A title", as_of, ()) != _draw("Another title", as_of, ())


def test_web_formats_are_byte_reproducible_with_base_url(tmp_path: Path) -> None:
    """Two builds (fresh folders, SOURCE_DATE_EPOCH fixed) give the same bytes for every web format."""
    first = build_site(with_base(tmp_path / "a"), tmp_path / "a" / "site")
    second = build_site(with_base(tmp_path / "b"), tmp_path / "b" / "site")
    names = ["feed.xml", "sitemap.xml", "card.png", "annotations.jsonld", "search-index.js", "events.csv"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
