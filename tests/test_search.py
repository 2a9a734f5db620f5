"""The offline search index: a script assigning every fact and every (first-occurrence) sentence.

Searching it in Chromium from file:// is in tests/test_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import REPO

from briefing.build import check
from briefing.model.kinds import facts
from briefing.outputs.search import INDEX_VARIABLE


def index(site: Path) -> dict[str, Any]:
    text = (site / "search-index.js").read_text("utf-8")
    prefix, suffix = f"window.{INDEX_VARIABLE}=", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    data: dict[str, Any] = json.loads(text[len(prefix) : -len(suffix)])
    return data


def test_index_holds_every_fact_and_sentence(shipped_site: Path) -> None:
    checked = check(REPO)
    assert checked.model is not None
    data = index(shipped_site)
    hrefs = [f[3] for f in data["facts"]]
    assert hrefs == [f"index.html#{kind.anchor(fact.id)}" for kind, fact in facts(checked.model.content)]
    for record in data["facts"]:
        kind, title, _, href, _ = record
        assert kind in ("Actor", "Event", "Statement", "Dispute") and title
        assert href.split("#")[1] in (shipped_site / "index.html").read_text("utf-8")
    docs = {d.id: d for d in checked.model.documents}
    for n, source in enumerate(data["sources"], 1):
        assert source["label"] == f"S{n}"  # the shipped briefing gives no source a label of its own
        doc = docs[source["id"]]
        expected = ["" if s.repeat_of else s.text for s in doc.sentences]
        assert source["sentences"] == expected
    assert any(s == "" for src in data["sources"] for s in src["sentences"])  # the seed repeats a paragraph


def test_every_page_has_a_search_form_to_the_search_page(shipped_site: Path) -> None:
    for page in shipped_site.rglob("*.html"):
        text = page.read_text("utf-8")
        root = "../" if page.parent.name == "sources" else ""
        if page.name == "search.html":
            assert 'id="search-page-form"' in text and "site-search" not in text
        elif page.name != "curation.html":
            assert f'<form class="site-search" role="search" action="{root}search.html" method="get">' in text, page


def test_the_index_written_a_record_at_a_time_is_one_json_dumps_of_the_whole(demo_project: Path) -> None:
    from briefing.outputs.search import search_index, search_index_chunks
    from briefing.outputs.views import Views

    checked = check(demo_project)
    assert checked.model is not None
    views = Views(checked.model, checked.links)
    text = search_index(views).decode("utf-8")
    prefix, suffix = f"window.{INDEX_VARIABLE}=", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    body = text[len(prefix) : -len(suffix)]
    whole = json.loads(body)
    assert whole["facts"] and whole["sources"]
    assert body == json.dumps(whole, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert len(list(search_index_chunks(views))) > len(whole["facts"])  # a piece per record
