"""Strict YAML: strings only, locations for every path, dangerous features refused."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core import diskcache
from briefing.core.diagnostics import Location
from briefing.load import yamlfile
from briefing.load.yamlfile import MAX_DEPTH, load_yaml


def codes(text: str) -> list[str]:
    return [d.code for d in load_yaml(text, "f.yaml")[1]]


def test_every_scalar_stays_a_string() -> None:
    doc, diagnostics = load_yaml("a: NO\nb: 010\nc: 1:20\nd: 2022-02-21\ne: yes\nf: 1e3\n", "f.yaml")
    assert not diagnostics and doc is not None
    assert doc.data == {"a": "NO", "b": "010", "c": "1:20", "d": "2022-02-21", "e": "yes", "f": "1e3"}


def test_empty_scalars_are_none_but_quoted_empty_is_text() -> None:
    doc, _ = load_yaml('a:\nb: ""\nc: ~\n', "f.yaml")
    assert doc is not None and doc.data == {"a": None, "b": "", "c": None}


def test_locations_of_keys_and_values() -> None:
    doc, _ = load_yaml('- id: one\n  cite:\n    - source: s\n      quote: "x"\n', "f.yaml")
    assert doc is not None
    assert doc.at((0, "id")) == Location("f.yaml", 1, 7)
    assert doc.key_at((0, "cite")) == Location("f.yaml", 2, 3)
    assert doc.at((0, "cite")) == Location("f.yaml", 3, 5)  # the value: the list under the key
    assert doc.at((0, "cite", 0, "quote")) == Location("f.yaml", 4, 14)
    assert doc.place((0, "cite", 0, "quote")) == 4 << 32 | 14
    assert (0, "cite", 0, "quote") in doc.quoted
    assert doc.at((0, "missing", 3)) == Location("f.yaml", 1, 3)


def test_duplicate_keys_at_any_depth_name_both_lines() -> None:
    doc, diagnostics = load_yaml("- a: 1\n  b:\n    c: 1\n    c: 2\n  a: 3\n", "f.yaml")
    assert doc is None
    assert [(d.code, d.location, d.message) for d in diagnostics] == [
        ("yaml.duplicate-key", Location("f.yaml", 4, 5), "duplicate key 'c' (first defined at line 3)"),
        ("yaml.duplicate-key", Location("f.yaml", 5, 3), "duplicate key 'a' (first defined at line 1)"),
    ]


def test_anchor_alias_and_tags_are_refused() -> None:
    assert codes("a: &x 1\n") == ["yaml.anchor"]
    assert codes("a: [1]\nb: *x\n") == ["yaml.alias"]
    assert codes("a: !!python/object:os.system x\n") == ["yaml.tag"]
    assert codes("a: !custom x\n") == ["yaml.tag"]
    assert codes("a: !!str 010\n") == []


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    assert codes(bomb) == ["yaml.anchor"]


def test_deep_nesting_is_capped() -> None:
    assert codes("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)) == ["yaml.too-deep"]
    assert codes("a: " + "[" * 10 + "]" * 10) == []


def test_oversized_file() -> None:
    assert codes("a: " + "x" * 2_100_000) == ["yaml.too-large"]


def test_syntax_error_location_and_hint() -> None:
    _, diagnostics = load_yaml("title: He said: yes\n", "f.yaml")
    (d,) = diagnostics
    assert d.code == "yaml.syntax" and d.location == Location("f.yaml", 1, 15)
    assert d.hint is not None and "quoted" in d.hint


def test_multiple_documents_refused() -> None:
    assert codes("a: 1\n---\nb: 2\n") == ["yaml.multiple-documents"]


def test_empty_file_is_none() -> None:
    doc, diagnostics = load_yaml("", "f.yaml")
    assert doc is not None and doc.data is None and not diagnostics


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_gives_data_or_diagnostics(text: str) -> None:
    doc, diagnostics = load_yaml(text, "f.yaml")
    assert (doc is None) == bool(diagnostics)


def test_large_files_come_from_the_disk_cache_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(f"- id: item-{i}\n  title: 'Item {i}'\n  tags: [a, b]\n" for i in range(800))
    assert len(text) >= yamlfile.CACHE_FROM
    parsed = yamlfile._parse(text, "content/events.yaml")
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path)
    assert load_yaml(text, "content/events.yaml") == parsed  # parsed and stored
    (entry,) = tmp_path.glob("yaml-*.pickle")

    def not_again(text: str, file: str) -> object:
        raise AssertionError("parsed again instead of reading the cache")

    monkeypatch.setattr(yamlfile, "_parse", not_again)
    assert load_yaml(text, "content/events.yaml") == parsed  # read back
    monkeypatch.undo()
    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path)
    assert load_yaml(text, "content/other.yaml") != parsed  # the file name is in the key (and the locations)
    entry.write_bytes(entry.read_bytes()[:100])  # a truncated entry: parsed again
    assert load_yaml(text, "content/events.yaml") == parsed
    broken = text + "- id: [unclosed\n"
    assert load_yaml(broken, "content/events.yaml") == yamlfile._parse(broken, "content/events.yaml")


# The fast path (libyaml's event parser) must give exactly what the pure parser gives.
_YAML_PIECES = st.sampled_from(
    [
        "\n",
        "\n  ",
        "\n    ",
        "- ",
        "-",
        ": ",
        ":",
        "key",
        "id",
        "é",
        "e\u0301",
        "日本",
        "\U0001f600",
        "'",
        '"',
        "''",
        '\\"',
        "\\u00e9",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "#",
        " # c",
        "&a ",
        "*a",
        "!!str ",
        "!x ",
        "|",
        ">",
        "|-",
        "---",
        "...",
        "~",
        "null",
        "010",
        "NO",
        "\t",
        "\ufeff",
        "\r\n",
        "\r",
        "\x85",
        "\u2028",
        "\x07",
        "%YAML 1.1\n",
        "? ",
        " ",
        "  ",
        "@",
        "`",
        "\\",
    ]
)


def _pure(text: str, file: str = "f.yaml") -> tuple[object, ...]:
    return yamlfile._build(text, file, yamlfile.yaml.SafeLoader)


@settings(max_examples=400)
@given(st.lists(_YAML_PIECES, max_size=40).map("".join))
def test_fast_path_gives_what_the_pure_parser_gives(text: str) -> None:
    assert yamlfile._parse(text, "f.yaml") == _pure(text)


@pytest.mark.slow
@settings(max_examples=10_000)
@given(st.lists(_YAML_PIECES, max_size=60).map("".join))
def test_fast_path_gives_what_the_pure_parser_gives_many(text: str) -> None:
    assert yamlfile._parse(text, "f.yaml") == _pure(text)


_VALUES = [
    "x",
    "é",
    "'q'",
    '"d\\u00e9"',
    "|\n    lit",
    ">-\n    fold\n\n    more",
    "[a, b]",
    "{a: [b, {c: d}]}",
    "",
    "~",
    "a # c",
    "'it''s'",
    "a:b",
    "1:20",
    "\U0001f600",
    "日本語",
    "a\u0301",
    "\u00a0x",
    "'multi\n    line'",
    "plain\n    cont",
    "'",
    '"',
    "#",
    "&a x",
    "*a",
    "!!str x",
    "? x",
    "@x",
    "%x",
    "- - x",
    "--- x",
    "... x",
]
_KEYS = ["id", "title", "a b", "'q k'", '"d k"', "é", "k:", "? k", "- k", "k#"]


def _document(rnd: random.Random, depth: int = 0) -> str:
    """Content-file-shaped YAML: nested lists and mappings with every kind of scalar."""
    indent, roll = "  " * depth, rnd.random()
    if depth > 3 or roll < 0.4:
        return " " + rnd.choice(_VALUES)
    if roll < 0.7:
        return "".join(f"\n{indent}- " + _document(rnd, depth + 1).lstrip() for _ in range(rnd.randint(0, 3)))
    return "".join(f"\n{indent}{rnd.choice(_KEYS)}:" + _document(rnd, depth + 1) for _ in range(rnd.randint(0, 3)))


@settings(max_examples=300)
@given(st.randoms(use_true_random=False))
def test_fast_path_on_content_shaped_documents(rnd: random.Random) -> None:
    text = _document(rnd).lstrip() + "\n"
    assert yamlfile._parse(text, "f.yaml") == _pure(text)


def test_real_content_files_take_the_fast_path_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Path(__file__).resolve().parent.parent
    files = sorted({*repo.glob("content/*.yaml"), *repo.glob("tests/demo/content/*.yaml")})
    assert len(files) >= 8
    loaders: list[object] = []
    build = yamlfile._build

    def recording(text: str, file: str, loader: object) -> tuple[object, ...]:
        loaders.append(loader)
        return build(text, file, loader)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlfile, "_build", recording)
    for path in files:
        text = path.read_text(encoding="utf-8")
        loaders.clear()
        assert yamlfile._parse(text, path.name) == _pure(text, path.name), path
        assert loaders[0] is yamlfile.yaml.CSafeLoader, f"{path} did not take the fast path"


def test_text_where_the_parsers_differ_goes_to_the_pure_parser() -> None:
    tabbed = "a:\n\t- b\n"  # libyaml accepts this tab; the pure parser refuses it
    assert yamlfile._parse(tabbed, "f.yaml")[1][0].code == "yaml.syntax"
    bom_key = "a\ufeffb: c\n"
    assert yamlfile._parse(bom_key, "f.yaml") == _pure(bom_key)
