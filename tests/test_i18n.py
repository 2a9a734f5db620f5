"""The interface language: catalogs read from .po text (package, then the project's own), `_()` in templates."""

from __future__ import annotations

from pathlib import Path

import jinja2.ext
import pytest
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from briefing.model.dates import parse_date
from briefing.outputs import i18n
from briefing.outputs.localized import Formats
from briefing.outputs.render import environment


def _po(path: Path, entries: dict[str, str], language: str = "fr") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
    header = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    path.write_text(header + body, encoding="utf-8")


def test_english_is_the_strings_as_written() -> None:
    env = environment(None, "en")
    assert env.from_string('{{ _("Key points") }}').render() == "Key points"


def test_a_package_catalog_translates_the_page() -> None:
    assert environment(None, "fr").from_string('{{ _("Key points") }}').render() == "Points clés"
    assert environment(None, "fr-CA").from_string('{{ _("Key points") }}').render() == "Points clés"


def test_a_project_catalog_overrides_and_extends_the_package(tmp_path: Path) -> None:
    _po(tmp_path / "locale" / "fr.po", {"Key points": "L’essentiel", "Only here": "Seulement ici"})
    env = environment(tmp_path, "fr")
    assert env.from_string('{{ _("Key points") }} / {{ _("Only here") }}').render() == "L’essentiel / Seulement ici"
    _po(tmp_path / "locale" / "kw.po", {"Key points": "Poyntys a bouwys"}, "kw")
    assert environment(tmp_path, "kw").from_string('{{ _("Key points") }}').render() == "Poyntys a bouwys"


def test_placeholders_are_escaped_but_the_translation_is_not() -> None:
    env = environment(None, "en")
    assert env.from_string('{{ _("As of %(d)s", d="<b>") }}').render() == "As of &lt;b&gt;"


_GETTEXT_CASES = (
    '{{ _("Key points") }}|{{ _("Key points") }}',
    '{{ _("As of %(d)s", d="<b>") }}|{{ _("As of %(d)s", d=m) }}|{{ _("As of %(d)s", d=3) }}',
    '{{ _("100%% <i>sure</i>") }}|{{ _("100%% <i>sure</i>") }}',
    '{% autoescape false %}{{ _("As of %(d)s", d="<b>") }}|{{ _("Key points") }}{% endautoescape %}',
    '{{ (_("Key points") ~ "<b>") }}|{{ _("Key points") | length }}|{{ _(w) }}|{{ _(w) }}',
    '{% for w in ["heading", "caption", "heading"] %}{{ _(w) }}{% endfor %}',
    '{% for n in [0, 1, 2, 5, 21] %}{{ ngettext("%(num)s page", "%(num)s pages", n) }}'
    '{{ ngettext("%(num)s <i>page</i>", "%(num)s <i>pages</i>", n, num=m) }}{% endfor %}',
    '{% autoescape false %}{{ ngettext("%(num)s page of %(x)s", "%(num)s pages of %(x)s", 2, x="<b>") }}'
    "{% endautoescape %}",
)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("source", _GETTEXT_CASES)
def test_underscore_gives_what_jinjas_own_newstyle_gettext_gives(source: str, language: str) -> None:
    """``_()`` remembers each translation (i18n.remembered_gettext), ``ngettext()`` is handed no context
    (i18n.plural_gettext): same text, same escaping, same ``%`` as Jinja's own."""
    ours = environment(None, language)
    jinjas = environment(None, language)
    jinjas.globals["_"] = jinja2.ext._gettext_alias  # what jinja2.ext.i18n installs
    jinjas.globals["ngettext"] = jinja2.ext._make_new_ngettext(i18n.translations(language).ngettext)
    assert ours.globals["_"] is not jinjas.globals["_"]
    values = {"m": Markup("<b>"), "w": "heading"}
    for _ in range(2):  # the second time from the memo
        assert ours.from_string(source).render(values) == jinjas.from_string(source).render(values)


def test_underscore_with_a_stray_percent_fails_as_jinjas_does() -> None:
    jinjas = environment(None, "en")
    jinjas.globals["_"] = jinja2.ext._gettext_alias
    with pytest.raises(TypeError) as expected:
        jinjas.from_string('{{ _("50% off") }}').render()
    ours = environment(None, "en").from_string('{{ _("50% off") }}')
    for _ in range(2):  # nothing half-done is remembered
        with pytest.raises(TypeError) as caught:
            ours.render()
        assert str(caught.value) == str(expected.value)


def test_a_broken_project_catalog_is_a_located_diagnostic(tmp_path: Path) -> None:
    po = tmp_path / "locale" / "fr.po"
    po.parent.mkdir()
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Key points"\nmsgstr "x"\nnonsense\n', encoding="utf-8")
    with pytest.raises(i18n.CatalogError) as caught:
        i18n.translations("fr", tmp_path)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "locale.invalid"
    assert (diagnostic.location.file, diagnostic.location.line) == ("locale/fr.po", 6)


def test_candidates_go_from_specific_to_general() -> None:
    assert i18n.candidates("fr-CA") == ["fr-CA", "fr"]
    assert i18n.candidates("") == ["en"]
    assert i18n.candidates("PT_br") == ["pt-br", "pt"]


def test_a_quote_in_another_language_carries_its_language_and_direction() -> None:
    env = environment(None, "fr")
    quote = env.from_string("<q{{ tag | lang }}>x</q>")
    page = {"briefing": type("B", (), {"language": "fr"})()}
    assert quote.render(tag="ar", **page) == '<q lang="ar" dir="rtl">x</q>'
    assert quote.render(tag="ru", **page) == '<q lang="ru">x</q>'
    assert quote.render(tag="fr", **page) == quote.render(tag="", **page) == "<q>x</q>"


def test_a_project_catalog_changes_its_built_pages(demo_project: Path, tmp_path: Path) -> None:
    """locale/fr.po in the project: its one string replaces the package's, every other stays French."""
    from conftest import build_site

    with (demo_project / "content" / "briefing.yaml").open("a", encoding="utf-8") as handle:
        handle.write("language: fr\n")
    _po(demo_project / "locale" / "fr.po", {"Key points": "L’essentiel"})
    index = (build_site(demo_project, tmp_path / "site") / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="key-points-title">L’essentiel</h2>' in index
    assert '<h2 id="timeline-title">Chronologie</h2>' in index


def test_the_handout_link_says_pages_and_size_in_the_page_language() -> None:
    from briefing.outputs.localized import Formats

    assert Formats().file_size(94_312) == "94 kB" and Formats().file_size(1_234_567) == "1.2 MB"
    template = '{{ ngettext("PDF, %(num)s page, %(size)s", "PDF, %(num)s pages, %(size)s", n, size=s | filesize) }}'
    assert environment(None, "en").from_string(template).render(n=1, s=412_000) == "PDF, 1 page, 412 kB"
    assert environment(None, "fr").from_string(template).render(n=12, s=1_234_567) == "PDF, 12 pages, 1,2 Mo"
    assert environment(None, "ru").from_string(template).render(n=5, s=412_000) == "PDF, 5 страниц, 412 КБ"


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_dates_and_numbers_written_again_are_the_same(language: str) -> None:
    """Formats remembers what it wrote (localized.py): the second time gives what Babel gives."""
    values = [parse_date(d) for d in ("2024-03-04", "2024-03", "2024~", "../2024-05-01", "2024-03-04/2024-03-24")]
    remembering, fresh = Formats(language), Formats(language)
    for value in [*values, None, *values, None]:
        assert remembering.date(value) == fresh._date(value)
        assert isinstance(remembering.date(value), Markup)
    for number in (1, 1.0, 1.5, 1234567, 1234567.25, 1, 1.0):
        assert remembering.number(number) == format_decimal(number, locale=fresh.locale)
    for share in (0, 0.125, 1, 1.0, 0.125):
        assert remembering.percent(share) == format_percent(share, locale=fresh.locale)
    assert Formats("fr").number(1234.5) != Formats("en").number(1234.5)
