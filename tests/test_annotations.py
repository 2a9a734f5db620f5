"""annotations.jsonld: every citation a W3C Web Annotation whose selectors re-anchor on the published source text.

The JSON-LD is expanded by pyld against the W3C context, vendored in
tests/fixtures/anno.jsonld (no network: the loader serves only that file).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from briefing.build import check
from briefing.model.kinds import citations_of, facts

REPO = Path(__file__).resolve().parent.parent
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VENDORED = Path(__file__).resolve().parent / "fixtures" / "anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


def load(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "annotations.jsonld").read_text("utf-8"))
    return data


def items(site: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load(site)["first"]["items"]
    return found


def reanchor(text: str, selectors: list[dict[str, Any]]) -> tuple[int, int]:
    """Where the selectors point in ``text``: the quote found by exact+prefix+suffix, checked against the position."""
    quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
    position = next(s for s in selectors if s["type"] == "TextPositionSelector")
    whole = quote["prefix"] + quote["exact"] + quote["suffix"]
    at = text.find(whole)
    assert at >= 0, f"quote selector does not anchor: {quote}"
    assert text.find(whole, at + 1) < 0, f"quote selector is ambiguous: {quote}"
    start = at + len(quote["prefix"])
    assert (position["start"], position["end"]) == (start, start + len(quote["exact"]))
    return start, start + len(quote["exact"])


def test_every_selector_reanchors_on_the_published_text(shipped_site: Path) -> None:
    annotations = items(shipped_site)
    assert annotations
    for a in annotations:
        target = a["target"]
        text = (shipped_site / target["source"]).read_text("utf-8")
        start, end = reanchor(text, target["selector"])
        page = html.unescape((shipped_site / target["scope"].split("#")[0]).read_text("utf-8"))
        sentence = target["scope"].split("#")[1]
        assert f'id="{sentence}"' in page  # the scope's sentence is on the page, and holds the quote's start
        assert text[start:end].split()[0] in page.split(f'id="{sentence}"')[1].split("</span>")[1]


def test_published_text_is_the_seed_as_read(shipped_site: Path) -> None:
    assert len(list((shipped_site / "sources").glob("*.txt"))) == len(list((shipped_site / "sources").glob("*.html")))
    for text in (shipped_site / "sources").glob("*.txt"):
        assert any(_lf(seed.read_bytes()) == text.read_bytes() for seed in (REPO / "seeds").iterdir() if seed.is_file())


def _lf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def test_one_annotation_per_citation_quoting_its_fact(shipped_site: Path) -> None:
    checked = check(REPO)
    assert checked.model is not None
    expected = [(f.id, c.text) for _, f in facts(checked.model.content) for c in citations_of(f) if c.resolved]
    got = [(a["id"].split("#")[1].rsplit("-", 1)[0], a["target"]["selector"][0]["exact"]) for a in items(shipped_site)]
    assert got == expected
    assert load(shipped_site)["total"] == len(expected)


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url != CONTEXT:
        raise jsonld.JsonLdError("no network in tests", "loading document failed", {"url": url})
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(VENDORED.read_text()),
    }


def test_json_ld_expands_to_the_web_annotation_vocabulary(demo_site: Path) -> None:
    data = load(demo_site)
    expanded = jsonld.expand(data, {"documentLoader": _loader, "base": "https://example.org/site/annotations.jsonld"})
    [collection] = expanded
    assert collection["@type"] == [f"{AS}OrderedCollection"]
    assert collection["@id"] == "https://example.org/site/annotations.jsonld"
    [page] = collection[f"{AS}first"]
    annotations = page[f"{AS}items"][0]["@list"]
    assert len(annotations) == data["total"] > 0
    for a in annotations:
        assert a["@type"] == [f"{OA}Annotation"]
        assert a[f"{OA}motivatedBy"] == [{"@id": f"{OA}linking"}]
        text_body, fact = a[f"{OA}hasBody"]
        assert text_body["@type"] == [f"{OA}TextualBody"]
        assert text_body[f"{OA}hasPurpose"] == [{"@id": f"{OA}describing"}]
        assert fact["@id"].startswith("https://example.org/site/index.html#")
        [target] = a[f"{OA}hasTarget"]
        assert target["@type"] == [f"{OA}SpecificResource"]
        assert target[f"{OA}hasSource"][0]["@id"].endswith(".txt")
        kinds = sorted(s["@type"][0] for s in target[f"{OA}hasSelector"])
        assert kinds == [f"{OA}TextPositionSelector", f"{OA}TextQuoteSelector"]
        for s in target[f"{OA}hasSelector"]:
            assert all(key.startswith((OA, "@")) for key in s), s  # no term the context does not define


@pytest.mark.parametrize("base", ["https://example.org/b", "https://example.org/b/"])
def test_with_base_url_every_address_is_absolute(tmp_path: Path, base: str) -> None:
    from conftest import build_site
    from test_feed import with_base

    site = build_site(with_base(tmp_path, base), tmp_path / "site")
    for a in items(site):
        assert a["id"].startswith("https://example.org/b/annotations.jsonld#")
        assert a["target"]["source"].startswith("https://example.org/b/sources/")
        assert a["target"]["scope"].startswith("https://example.org/b/sources/")
