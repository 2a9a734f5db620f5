"""outputs/partials.py: ``shared(name)`` writes what ``{% include name %}`` writes, rendering a theme partial
once per set of values it reads, and an overridden partial on every call."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest

from briefing.build import check
from briefing.outputs import layout, partials
from briefing.outputs.i18n import page_formats
from briefing.outputs.render import environment, page_context
from briefing.outputs.site_pages import render_site
from briefing.outputs.views import Views

BUILT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
FRAME = ("_downloads.html", "_search_form.html")


@pytest.fixture(autouse=True)
def keep_from_the_first_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests keep from the first call on (a build waits for partials.UNKEPT calls first)."""
    monkeypatch.setattr(partials, "UNKEPT", 0)


def _context(project: Path, language: str = "en") -> tuple[Any, dict[str, Any]]:
    checked = check(project)
    assert checked.model is not None
    env = environment(project, language)
    views = Views(checked.model, checked.links, formats=page_formats(env))
    return env, page_context(env, views, BUILT, "", chart=False)


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    real = partials._render

    def counting(context: Any, template: Any) -> Any:
        rendered.append(template.name)
        return real(context, template)

    monkeypatch.setattr(partials, "_render", counting)
    return rendered


@pytest.mark.parametrize("name", FRAME)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_shared_writes_what_include_writes(demo_project: Path, name: str, language: str) -> None:
    env, index = _context(demo_project, language)
    shared = env.from_string(f'{{{{ shared("{name}") }}}}')
    included = env.from_string(f'{{% include "{name}" %}}')
    for root in ("", "../", "", "../"):  # the second time from the memo
        page = {**index, "root": root, "page": f"{root}x.html"}
        assert shared.render(page) == included.render(page)
        assert f'"{root}' in shared.render(page)


def test_a_theme_partial_renders_once_per_folder(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = _count_renders(monkeypatch)
    env, index = _context(demo_project)
    template = env.from_string('{{ shared("_downloads.html") }}')
    pages = [{**index, "root": root, "page": f"{n}.html"} for n, root in enumerate(["", "../", "", "../", "../"])]
    outputs = [template.render(page) for page in pages]
    assert rendered == ["_downloads.html", "_downloads.html"]
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3] == outputs[4] and outputs[0] != outputs[1]


def test_what_a_theme_partial_reads_includes_what_its_includes_read(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, _ = _context(demo_project)
    # ``_``: a global, which a page may replace
    assert partials.theme_reads(env, "_downloads.html", "output") == ("_", "root", "web")
    theme = demo_project / "templates"  # stands for the package's theme in this test
    theme.mkdir()
    (theme / "outer.html").write_text('{{ root }}{% include "inner.html" %}{% import "macros.html" as m %}\n', "utf-8")
    (theme / "inner.html").write_text("{% for x in items %}{{ x }}{{ secret }}{% endfor %}\n", "utf-8")
    (theme / "macros.html").write_text("{% macro m() %}{{ other }}{% endmacro %}\n", "utf-8")
    (theme / "dynamic.html").write_text("{% include name %}\n", "utf-8")
    monkeypatch.setattr(partials, "THEME", theme.resolve())
    env, index = _context(demo_project)
    assert partials.theme_reads(env, "outer.html", "output") == ("items", "other", "root", "secret")
    assert partials.theme_reads(env, "dynamic.html", "output") is None
    template = env.from_string('{{ shared("outer.html") }}')
    page = {**index, "root": "", "items": ("a",), "secret": 1}
    assert template.render(page) == "a1"
    assert template.render({**page, "secret": 2}) == "a2"


def test_an_overridden_partial_renders_on_every_page(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An override may read anything (here ``page``): never remembered."""
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_downloads.html").write_text('<p class="downloads">{{ page }}</p>\n', "utf-8")
    rendered = _count_renders(monkeypatch)
    env, _ = _context(demo_project)
    assert partials.theme_reads(env, "_downloads.html", "output") is None
    checked = check(demo_project)
    assert checked.model is not None
    files = render_site(checked.model, checked.links, demo_project, BUILT)
    pages = [rel for rel in files if rel.endswith(".html")]
    assert rendered.count("_downloads.html") == len(pages)
    for rel in pages:
        assert f'<p class="downloads">{rel}</p>\n</footer>' in files[rel].decode("utf-8")


def test_a_theme_partial_including_an_override_renders_on_every_call(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_search_form.html").write_text("{{ page }}\n", "utf-8")
    env, _ = _context(demo_project)
    assert partials.theme_reads(env, "base.html", "output") is None  # it includes _head.html, _search_form.html...
    assert partials.theme_reads(env, "_downloads.html", "output") is not None


def test_a_function_handed_the_whole_context_adds_what_it_declares_it_reads(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, _ = _context(demo_project)
    assert {"ix", "root"} <= set(partials.theme_reads(env, "_note.html", "module") or ())  # the ``note`` filter's
    assert "briefing" in (partials.theme_reads(env, "_citation.html", "module") or ())  # the ``lang`` filter's
    theme = demo_project / "templates"  # stands for the package's theme in this test
    theme.mkdir()
    (theme / "spy.html").write_text("{% macro m() %}{{ 1 | spy }}{% endmacro %}\n", "utf-8")
    (theme / "mapped.html").write_text('{% macro m() %}{{ [1] | map("spy") | join }}{% endmacro %}\n', "utf-8")
    (theme / "by_name.html").write_text("{% macro m() %}{{ [1] | map(name) | join }}{% endmacro %}\n", "utf-8")
    (theme / "random.html").write_text("{{ [1, 2] | random }}{{ lipsum(1) }}\n", "utf-8")
    (theme / "counter.html").write_text("{% set n = namespace(i=0) %}\n", "utf-8")
    monkeypatch.setattr(partials, "THEME", theme.resolve())
    env, _ = _context(demo_project)
    env.filters["spy"] = jinja2.pass_context(lambda context, value: context["secret"])
    for name in ("spy.html", "mapped.html", "by_name.html", "random.html", "counter.html"):
        assert partials.theme_reads(env, name, "module") is None, name
    spy = env.filters["spy"]
    env, _ = _context(demo_project)  # what a template reads is parsed once per environment
    env.filters["spy"] = partials.reads_context("secret")(spy)
    assert partials.theme_reads(env, "spy.html", "module") == ("secret",)
    assert partials.theme_reads(env, "mapped.html", "module") == ("secret",)
    assert partials.theme_reads(env, "by_name.html", "module") is None  # a variable names the filter


def test_a_page_variable_handed_the_whole_context_is_never_remembered(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = _count_renders(monkeypatch)
    env, index = _context(demo_project)
    template = env.from_string('{{ shared("_search_form.html") }}')
    page = {**index, "root": "", "_": jinja2.pass_context(lambda context, text: f"{context['page']}: {text}")}
    assert template.render({**page, "page": "a"}) != template.render({**page, "page": "b"})
    assert len(rendered) == 2


def test_a_value_that_cannot_be_a_key_is_rendered_each_time(demo_project: Path) -> None:
    env, index = _context(demo_project)
    template = env.from_string('{{ shared("_search_form.html") }}')
    page = {**index, "root": ["not", "hashable"]}
    assert template.render(page) == template.render(page) == env.get_template("_search_form.html").render(page)


# -- macro files imported with context (ThemeTemplate.make_module) ------------------------------


def test_a_theme_macro_file_is_imported_once_per_folder(demo_project: Path) -> None:
    env, index = _context(demo_project)
    template = env.from_string('{% import "_citation.html" as c with context %}{{ c.cite_list(cites) }}')
    made = []
    real = partials.Template.make_module

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(self.name)
        return real(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(partials.Template, "make_module", counting)
        cites = index["ix"].model.content.events[0].cite
        outputs = [template.render({**index, "root": root, "cites": cites}) for root in ("", "../", "", "../")]
    assert made == ["_citation.html", "_citation.html"]
    assert outputs[0] == outputs[2] != outputs[1] == outputs[3]
    assert 'href="../sources/' in outputs[1] and 'href="sources/' in outputs[0]


def test_an_overridden_macro_file_is_imported_on_every_page(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_note.html").write_text("{% macro note(text) %}{{ page }}{% endmacro %}\n", "utf-8")
    env, index = _context(demo_project)
    template = env.from_string('{% import "_note.html" as n with context %}{{ n.note("x") }}')
    assert [template.render({**index, "page": p}) for p in ("a", "b")] == ["a", "b"]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import corpus

    return Path(corpus.generate(30, tmp_path_factory.mktemp("large")))


def test_every_page_is_what_jinja_alone_makes(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large briefing (actor pages, lists, disputes): the same bytes with nothing kept."""
    monkeypatch.setattr(layout, "SPLIT_ROWS", 10)
    monkeypatch.setattr(layout, "PAGE_BUDGET", 12_000)
    checked = check(large)
    assert checked.model is not None
    kept = render_site(checked.model, checked.links, large, BUILT)
    assert any(rel.startswith("actors/") for rel in kept) and any(rel.startswith("disputes/") for rel in kept)
    monkeypatch.setattr(partials, "theme_reads", lambda env, name, kept: None)
    assert render_site(checked.model, checked.links, large, BUILT) == kept


def test_nothing_is_kept_that_would_skip_what_a_call_does(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The handout's citations number endnotes as they are called: a kept result would skip that."""
    theme = demo_project / "templates"  # stands for the package's theme in this test
    theme.mkdir()
    (theme / "calls.html").write_text('{{ _("Sources") }}{{ ix.cites([]) }}\n', "utf-8")
    (theme / "macros.html").write_text("{% macro m() %}{{ ix.cites([]) }}{% endmacro %}\n", "utf-8")
    (theme / "top.html").write_text("{% set x = ix.cites([]) %}{% macro m() %}{% endmacro %}\n", "utf-8")
    (theme / "filtered.html").write_text("{{ 'x' | note }}\n", "utf-8")
    monkeypatch.setattr(partials, "THEME", theme.resolve())
    env, _ = _context(demo_project)
    assert partials.theme_reads(env, "calls.html", "output") is None
    assert partials.theme_reads(env, "calls.html", "module") is None  # no macro: its calls run at each import
    assert partials.theme_reads(env, "macros.html", "output") is None
    assert partials.theme_reads(env, "macros.html", "module") == ("ix",)  # a macro's calls run when it is called
    assert partials.theme_reads(env, "top.html", "module") is None
    assert partials.theme_reads(env, "filtered.html", "output") is None


def test_a_small_site_parses_nothing(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing the theme costs more than keeping saves a briefing of a few pages: the first calls are Jinja's."""
    monkeypatch.setattr(partials, "UNKEPT", 30)
    parsed: list[str] = []
    monkeypatch.setattr(partials, "theme_reads", lambda env, name, kept: parsed.append(name))
    checked = check(demo_project)
    assert checked.model is not None
    files = render_site(checked.model, checked.links, demo_project, BUILT)
    assert parsed == [] and 2 < len([rel for rel in files if rel.endswith(".html")]) < 30
    env, index = _context(demo_project)
    template = env.from_string('{{ shared("_search_form.html") }}')
    for _ in range(31):
        template.render({**index, "root": ""})
    assert parsed == ["_search_form.html"]
