"""Property tests: for any input, only data or diagnostics come out, never another exception.

Each property runs twice: ~200 examples by default, and >= 10,000 in the slow run
that CI executes (``invoke test --slow`` or ``pytest -m slow``).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.build import check
from briefing.core.diagnostics import Diagnostic
from briefing.load.content import read_text_file
from briefing.load.sentences import split
from briefing.load.sources import build_document
from briefing.load.yamlfile import load_yaml
from briefing.model.dates import DateError, DateValue, parse_date
from briefing.model.facts import Citation
from briefing.model.links import allowed_link
from briefing.outputs.markup import render_markdown
from briefing.resolve.provenance import SourceIndex, normalise_quote, resolve_citation

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))


def both(*strategies: st.SearchStrategy[Any]) -> Callable[[Callable[..., None]], tuple[Any, Any]]:
    """The same property as a fast test and a slow (marked) one."""

    def wrap(prop: Callable[..., None]) -> tuple[Any, Any]:
        return FAST(given(*strategies)(prop)), pytest.mark.slow(SLOW(given(*strategies)(prop)))

    return wrap


# --- strategies -----------------------------------------------------------------------------------

YAML_CHARS = list(":-[]{}&*!|>'\"#%@`,? \n\n\t\r") + list("abcid01 \u00e9\u2019\x00\x07\ufeff\U0001f600")
yaml_like = st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=300)
yaml_lines = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["- ", "", "? "]), yaml_like.map(lambda s: s[:40])),
    max_size=20,
).map(lambda lines: "\n".join(" " * n + lead + body for n, lead, body in lines))
any_text = st.one_of(st.text(max_size=400), yaml_like, yaml_lines)

# Newswire-like pieces: words, abbreviations, punctuation, quotes and every kind of space and break.
PROSE_TOKENS = [
    *"abcAB.!?\"'()",
    "The", "said", "Mr.", "U.S.", "Feb.", "No.", "J.", "12", "3.5", "...", "\u2026", "\u201c", "\u201d", "\u2019",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\r\n", "e\u0301", "\u00e9", "'\u0301", "\u0301",
]  # fmt: skip
prose = st.lists(st.sampled_from(PROSE_TOKENS), max_size=80).map("".join)
date_like = st.one_of(
    st.text(alphabet=st.sampled_from(list("0123456789-/ T:+\u0662\u0660\uff11")), max_size=25),
    st.text(max_size=25),
    st.dates().map(lambda d: d.isoformat()),
    st.tuples(st.dates(), st.dates()).map(lambda p: f"{p[0].isoformat()}/{p[1].isoformat()}"),
)


# --- YAML loader ----------------------------------------------------------------------------------


def _plain(data: Any) -> bool:
    """Only mappings of text keys, lists, text and None: nothing implicitly typed."""
    if isinstance(data, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_plain(v) for v in data)
    return data is None or isinstance(data, str)


def _well_formed(diagnostics: list[Diagnostic], file: str) -> None:
    for d in diagnostics:
        assert d.code.startswith("yaml.") or d.code.startswith("content."), d
        assert d.location is not None and d.location.file == file and d.hint


def _yaml_text(text: str) -> None:
    doc, diagnostics = load_yaml(text, "content/x.yaml")
    _well_formed(diagnostics, "content/x.yaml")
    assert (doc is None) == bool(diagnostics)
    if doc is not None:
        assert _plain(doc.data)


test_yaml_text, test_yaml_text_slow = both(any_text)(_yaml_text)


@pytest.fixture(scope="module")
def bytes_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "content").mkdir()
    return root


def _yaml_bytes(bytes_root: Path, raw: bytes) -> None:
    (bytes_root / "content" / "x.yaml").write_bytes(raw)
    text, diagnostics = read_text_file(bytes_root, "content/x.yaml")
    _well_formed(diagnostics, "content/x.yaml")
    if text is not None:
        _yaml_text(text)


yaml_bytes = st.one_of(st.binary(max_size=300), yaml_like.map(lambda s: s.encode("utf-8", "surrogatepass")))
test_yaml_bytes, test_yaml_bytes_slow = both(yaml_bytes)(_yaml_bytes)


# --- sentence splitter ----------------------------------------------------------------------------


def _splitter(text: str) -> None:
    spans = split(text)
    position = 0
    for span in spans:
        assert position <= span.start < span.end <= len(text), (spans, text)
        assert text[position : span.start].strip() == "", "only white space between sentences"
        assert text[span.start].strip() and text[span.end - 1].strip(), "sentences neither start nor end in space"
        position = span.end
    assert text[position:].strip() == ""
    base = 17
    assert [(s.start - base, s.end - base) for s in split(text, base=base)] == [(s.start, s.end) for s in spans]


test_splitter, test_splitter_slow = both(st.one_of(prose, st.text(max_size=300)))(_splitter)


# --- date parser ----------------------------------------------------------------------------------


def _dates(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError as exc:
        assert str(exc)
        return
    assert isinstance(value, DateValue)
    assert value.value.isascii(), "ISO 8601 digits are 0-9 only"
    assert value.start <= value.end
    assert value.value == text.strip()
    assert parse_date(value.value) == value  # stable


test_dates, test_dates_slow = both(date_like)(_dates)


def test_dates_need_ascii_digits() -> None:
    with pytest.raises(DateError):
        parse_date("\u0662\u0660\u0662\u0664-\u0660\u0661")  # Arabic-Indic digits: 2024-01


# --- quote resolver -------------------------------------------------------------------------------


@st.composite
def document_and_quote(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(st.one_of(prose, st.text(min_size=1, max_size=300)))
    if text and draw(st.booleans()):
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i + 1, len(text)))
        quote = text[i:j]  # a real substring, perhaps with its white space changed
        if draw(st.booleans()):
            quote = " ".join(quote.split())
    else:
        quote = draw(st.one_of(prose, st.text(max_size=40)))
    return text, quote


def _resolver(pair: tuple[str, str]) -> None:
    text, quote = pair
    document = build_document("src", "seeds/src.txt", text, "0" * 64)
    citation = Citation("src", quote)
    resolved, diagnostics = resolve_citation(citation, {"src": SourceIndex(document)})
    codes = {d.code for d in diagnostics}
    event("resolved" if resolved.resolved else "not resolved")
    assert codes <= {"citation.not-found", "citation.ambiguous", "citation.in-repeated-paragraph"}
    if resolved.resolved:
        assert "citation.not-found" not in codes and "citation.ambiguous" not in codes
        assert 0 <= resolved.start < resolved.end <= len(text)
        assert resolved.text == text[resolved.start : resolved.end]
        assert normalise_quote(resolved.text) == normalise_quote(quote), "a resolved span is a real occurrence"
        assert resolved.sentences and all(document.sentence(s) is not None for s in resolved.sentences)
    else:
        assert codes & {"citation.not-found", "citation.ambiguous"}


test_resolver, test_resolver_slow = both(document_and_quote())(_resolver)


# --- the whole check, on a mutated demo project ---------------------------------------------------

CONTENT_FILES = sorted(p.relative_to(DEMO).as_posix() for p in DEMO.rglob("*") if p.is_file())


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """One demo file with a few random edits: bytes inserted, deleted or replaced, lines swapped."""
    rel = draw(st.sampled_from(CONTENT_FILES))
    data = bytearray((DEMO / rel).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "lines"]))
        piece = draw(st.one_of(st.binary(max_size=8), yaml_like.map(lambda s: s[:12].encode("utf-8", "surrogatepass"))))
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif kind == "replace":
            data[at : at + len(piece)] = piece
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return rel, bytes(data)


@pytest.fixture(scope="module")
def mutable_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("mutated") / "demo"
    shutil.copytree(DEMO, target)
    return target


def _pipeline(mutable_demo: Path, change: tuple[str, bytes]) -> None:
    rel, data = change
    path = mutable_demo / rel
    path.write_bytes(data)
    sources = mutable_demo / "content" / "sources.yaml"
    if rel.startswith("seeds/"):  # pin the mutated seed, so that it is read, split and quoted from
        pinned = hashlib.sha256((DEMO / rel).read_bytes()).hexdigest()
        text = (DEMO / "content" / "sources.yaml").read_text(encoding="utf-8")
        sources.write_text(text.replace(pinned, hashlib.sha256(data).hexdigest()), encoding="utf-8")
    try:
        checked = check(mutable_demo)  # must not raise, whatever the edit
        for d in checked.diagnostics:
            assert d.code and d.message and (d.severity.value == "note" or d.hint), d
    finally:
        path.write_bytes((DEMO / rel).read_bytes())
        sources.write_bytes((DEMO / "content" / "sources.yaml").read_bytes())


test_pipeline = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))(
    given(mutation())(_pipeline)
)
test_pipeline_slow = pytest.mark.slow(
    settings(max_examples=3_000, deadline=None, suppress_health_check=list(HealthCheck))(given(mutation())(_pipeline))
)


# --- Markdown prose renders inert -----------------------------------------------------------------

MD_TOKENS = [
    *"<>[]()!*_`#-&;:\"' \n",
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "javascript:", "JaVaScRiPt:",
    "data:text/html,", "file:///etc/passwd", "vbscript:", "//evil.org", "https://ok.org", "mailto:a@b.org",
    "&#106;", "&colon;", "[x](", "](", "![i](", "<javascript:alert(1)>", "[@fact]", "\n\n", "    ", "\t", "\\",
]  # fmt: skip
markdown = st.lists(st.sampled_from(MD_TOKENS), max_size=60).map("".join)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


SAFE_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br"}
SAFE_TAGS |= {f"h{n}" for n in range(1, 7)}


def _markdown_inert(text: str) -> None:
    html = str(render_markdown(text, lambda targets: "<sup>cite</sup>"))
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.seen:
        assert tag in SAFE_TAGS | {"sup"}, (tag, text)
        for name, value in attrs:
            assert not name.startswith("on"), (name, text)
            if name == "href":
                assert allowed_link(unescape(value or "")), (value, text)
            else:
                assert name in ("start", "class"), (name, text)


test_markdown_inert, test_markdown_inert_slow = both(markdown)(_markdown_inert)
