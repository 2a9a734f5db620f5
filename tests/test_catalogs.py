"""Every interface string has a translation in every package catalog, with the same placeholders and markup.

The strings come from Babel's extractor run over the templates and the package's Python, as
``python3 -m briefing.tools.catalogs`` runs it: a new ``_("...")`` without translations fails here.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from briefing.load import schema
from briefing.outputs import views, vocabulary
from briefing.outputs.i18n import package_catalog, translations
from briefing.tools.catalogs import LANGUAGES, extract

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?([a-z]+)")


@pytest.fixture(scope="module")
def used() -> Catalog:
    return extract()


def _catalog(language: str) -> Catalog:
    with package_catalog(language).open("rb") as handle:
        return read_po(handle, locale=language)


def _forms(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def test_the_extractor_finds_the_templates_and_the_python(used: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in used if m.id}
    assert {"Key points", "Sources", "on or before", "occurred"} <= ids
    assert len(ids) > 150


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_the_same_placeholders_and_markup(used: Catalog, language: str) -> None:
    catalog = _catalog(language)
    problems = []
    for message in used:
        if not message.id:
            continue
        found = catalog.get(message.id)
        english = _forms(message.id)
        forms = _forms(found.string) if found is not None else ()
        if found is None or found.fuzzy or len(forms) != catalog.num_plurals ** (len(english) > 1) or not all(forms):
            problems.append(f"untranslated: {english[0]!r}")
            continue
        wanted = {p for e in english for p in PLACEHOLDER.findall(e)}
        tags = sorted(TAG.findall(english[0]))
        for form in forms:
            have = set(PLACEHOLDER.findall(form))
            if not have <= wanted or not (wanted - {"num"}) <= have:
                problems.append(f"placeholders {sorted(have)} for {sorted(wanted)}: {form!r}")
            if sorted(TAG.findall(form)) != tags:
                problems.append(f"markup {sorted(TAG.findall(form))} for {tags}: {form!r}")
            if "%" in PLACEHOLDER.sub("", form).replace("%%", ""):
                problems.append(f"a lone % (write %%): {form!r}")
    assert not problems, f"{language}: {len(problems)} problems\n" + "\n".join(problems)


def test_the_page_shows_no_schema_word_the_catalog_lacks() -> None:
    choices = {*schema.ACTOR_KINDS, *schema.EVENT_STATUSES, *schema.STATEMENT_MODES, *schema.DISPUTE_STATUSES}
    assert choices <= set(vocabulary.WORDS)
    assert set(views.DISPUTE_KINDS.values()) <= set(vocabulary.WORDS)


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("ru", 1, "1 заявление"),
        ("ru", 3, "3 заявления"),
        ("ru", 11, "11 заявлений"),
        ("uk", 22, "22 заяви"),
        ("ar", 2, "تصريحان"),
        ("fr", 2, "2 déclarations"),
    ],
)
def test_plural_forms_follow_the_language(language: str, n: int, expected: str) -> None:
    strings = translations(language)
    assert strings.ngettext("%(num)s statement", "%(num)s statements", n) % {"num": n} == expected
