"""Hostile text renders inert: HTML and script in every text field, in the sources and in Markdown.

The demo project is rewritten so that every free-text field of the schema, a
seed paragraph (quoted by a direct statement) and both Markdown files carry
payloads; the site is built and every page opened in Chromium from file://.
Proof of inertness: no dialog opens, no payload script sets its marker, no
element carries an event-handler attribute or a script:/data: link, no request
leaves site/, and the payloads are visible to the reader as text.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CHROMIUM_ARGS, DEMO, require_tool

from briefing.cli import main
from briefing.load.schema import ALL_SCHEMAS

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")

TEXT_TYPES = {"text", "texts"}
NOT_FREE_TEXT = {
    "file",
    "quote",
    "original_file",
    "extractor",
}  # a seed file name; quotes are covered by the seed payload below


def payload(where: str) -> str:
    """Markup that would run script (setting window.__pwned, opening a dialog) if it were not escaped."""
    return (
        f"{where} <script>window.__pwned='{where}';alert('{where}')</script>"
        f"<img src=x onerror=\"window.__pwned='{where}';alert(1)\">"
        f"\"><svg onload=alert('{where}')></svg></title></textarea>{{{{ 7*7 }}}}"
    )


SEED_PAYLOAD = "Witnesses said <script>window.__pwned='seed';alert('seed')</script> and <b onclick=alert(1)>this</b>."
MARKDOWN_PAYLOAD = """
<script>window.__pwned='markdown';alert('markdown')</script>

<div onmouseover="alert(1)">raw block</div> and <img src=x onerror=alert('md-inline')> inline.

[js](javascript:alert('md-link')) [JS](JAVASCRIPT:alert(1)) [vb](vbscript:msgbox(1))
[data](data:text/html,<script>alert(1)</script>)
[file](file:///etc/passwd) [proto](//evil.example/x) <javascript:alert('autolink')> [ent](&#106;avascript:alert(1))

![remote](https://evil.example/pixel.png) ![local](x.png)

[ref][r]

[r]: javascript:alert('reference')
"""


def _poison(kind: str, where: str) -> Any:
    return [payload(f"{where}.0"), payload(f"{where}.1")] if kind == "texts" else payload(where)


def _poison_item(item: dict[str, Any], schema_name: str, where: str) -> None:
    schema = next(s for s in ALL_SCHEMAS if s.name == schema_name)
    for f in schema.fields:
        if (
            f.type in TEXT_TYPES
            and f.name not in NOT_FREE_TEXT
            and not (schema_name == "statement" and f.name == "text")
        ):
            item[f.name] = _poison(item.get(f.name, []), f"{where}.{f.name}")
        if f.type == "url":
            item[f.name] = f"https://example.org/\"><script>alert('{where}')</script>"
    for i, position in enumerate(item.get("positions", [])):
        _poison_item(position, "position", f"{where}.positions.{i}")


def poisoned_project(target: Path) -> Path:
    shutil.copytree(DEMO, target)
    content = target / "content"
    seed = target / "seeds" / "gazette-story.txt"
    seed.write_bytes(seed.read_bytes() + f"\n{SEED_PAYLOAD}\n".encode())

    briefing = yaml.safe_load((content / "briefing.yaml").read_text(encoding="utf-8"))
    _poison_item(briefing, "briefing", "briefing")
    briefing["curation_page"] = "true"  # site/curation.html shows curated text too
    (content / "briefing.yaml").write_text(yaml.safe_dump(briefing, allow_unicode=True), encoding="utf-8")

    for name, schema_name in [("sources", "source"), ("actors", "actor"), ("events", "event"), ("disputes", "dispute")]:
        items = yaml.safe_load((content / f"{name}.yaml").read_text(encoding="utf-8"))
        for item in items:
            _poison_item(item, schema_name, f"{name}.{item['id']}")
            if item.get("file") == "gazette-story.txt":
                item["sha256"] = hashlib.sha256(seed.read_bytes()).hexdigest()
        (content / f"{name}.yaml").write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")

    statements = yaml.safe_load((content / "statements.yaml").read_text(encoding="utf-8"))
    for item in statements:
        _poison_item(item, "statement", f"statements.{item['id']}")
        if item["mode"] != "direct":
            item["text"] = payload(f"statements.{item['id']}.text")
        if item["id"] != "engineer-six-weeks":
            del item["attributed_as"]  # the source's words for an unnamed speaker: one statement has them
        else:
            del item["speaker"]
    statements.append(
        {
            "id": "witness-script",
            "speaker": "unnamed-engineer",
            "mode": "direct",
            "text": SEED_PAYLOAD,
            "cite": [{"source": "gazette", "quote": SEED_PAYLOAD}],
        }
    )
    (content / "statements.yaml").write_text(yaml.safe_dump(statements, allow_unicode=True), encoding="utf-8")

    for prose in ("summary.md", "method.md"):
        with (content / prose).open("a", encoding="utf-8") as f:
            f.write(MARKDOWN_PAYLOAD)
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = poisoned_project(tmp_path_factory.mktemp("injection") / "demo")
    code = main(["-C", str(project), "build", "--no-pdf"])
    assert code == 0, "the poisoned project must build: hostile text is content, not an error"
    return project / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


INSPECT = """() => {
  const handlers = [], links = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) handlers.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name.toLowerCase())) {
        const v = a.value.trim().toLowerCase();
        if (/^(javascript|vbscript|data|file):/.test(v) || v.startsWith('//')) links.push(el.tagName + ' ' + a.value);
      }
    }
  }
  return {
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json').map(s => s.outerHTML.slice(0, 80)),
    handlers, links,
    text: document.body.innerText,
  };
}"""


# The site's own scripts: the search page's two files, the chart's helper, and the JSON-LD data block (never run).
OUR_SCRIPTS = {
    '<script src="search-index.js"></script>',
    '<script src="search.js"></script>',
    '<script src="chart.js"></script>',
}


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert {site / "index.html", site / "curation.html"} <= set(found)
    assert any(p.parent.name == "sources" for p in found)
    return found


def test_every_page_is_inert_in_chromium(site: Path, browser: Any) -> None:
    for page_path in pages(site):
        context = browser.new_context(java_script_enabled=True)
        page = context.new_page()
        dialogs: list[str] = []
        outside: list[str] = []
        page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))

        def route(r: Any, seen: list[str] = outside) -> None:
            url = r.request.url
            if url.startswith("file://") and Path(url[7:].split("#")[0]).resolve().is_relative_to(site.resolve()):
                r.continue_()
            else:
                seen.append(url)
                r.abort()

        page.route("**/*", route)
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        # Give any handler a chance: hover and click everything a reader could.
        for element in page.query_selector_all("body *")[:400]:
            with contextlib.suppress(Exception):  # a detached node is fine: we only look for side effects
                element.dispatch_event("mouseover")
        seen = page.evaluate(INSPECT)
        name = page_path.relative_to(site)
        assert dialogs == [], f"{name}: a dialog opened: {dialogs}"
        assert seen["pwned"] is None, f"{name}: payload script ran ({seen['pwned']})"
        assert [s for s in seen["scripts"] if s not in OUR_SCRIPTS] == [], f"{name}: script elements: {seen['scripts']}"
        assert seen["handlers"] == [], f"{name}: event handler attributes: {seen['handlers']}"
        assert seen["links"] == [], f"{name}: unsafe links: {seen['links']}"
        assert outside == [], f"{name}: requests outside site/: {outside}"
        context.close()


def test_payloads_are_shown_as_text(site: Path, browser: Any) -> None:
    """Escaped, not dropped: the reader sees exactly what the curator wrote, template syntax included."""
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    text = page.evaluate("() => document.body.innerText")
    assert "briefing.title <script>window.__pwned='briefing.title';alert('briefing.title')</script>" in text
    assert "{{ 7*7 }}" in text  # not evaluated as a template
    assert "actors.city-council.role <script>" in text
    assert "disputes.closure-length.positions.0.summary <script>" in text
    assert '<div onmouseover="alert(1)">raw block</div>' in text  # raw HTML in Markdown shown as text
    page.goto((site / "sources" / "gazette.html").as_uri())
    assert "<script>window.__pwned='seed';alert('seed')</script>" in page.evaluate("() => document.body.innerText")
    page.close()


def test_check_warns_about_the_markdown(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = site.parent
    assert main(["-C", str(project), "check"]) == 0
    err = capsys.readouterr().err
    for code in ("markdown.raw-html", "markdown.unsafe-link", "markdown.image"):
        assert f"[{code}]" in err


def test_the_pdf_handout_prints_payloads_as_text(site: Path, tmp_path: Path) -> None:
    """WeasyPrint gets escaped text too: nothing is fetched (no refusal), the words are printed as written."""
    import subprocess

    pdftotext = require_tool("pdftotext")
    out = tmp_path / "with-pdf"
    assert main(["-C", str(site.parent), "build", "--out", str(out)]) == 0  # a refused fetch would fail the build
    text = subprocess.run(
        [pdftotext, "-layout", str(out / "briefing.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    joined = "".join(text.split())  # a payload may wrap at any point of a line: compare without white space
    assert "<script>window.__pwned='briefing.title';alert('briefing.title')</script>" in joined
    assert "{{7*7}}" in joined
