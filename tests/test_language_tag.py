"""BCP 47 tags: which are valid, and which valid tag an invalid one probably meant."""

from __future__ import annotations

import pytest

from briefing.load.language_tag import closest, hint, is_valid


@pytest.mark.parametrize(
    "tag", ["en", "EN", "fr-FR", "pt-BR", "sr-Latn", "zh-Hant-TW", "es-419", "iw", "tlh", "de-CH-1996", "x-house"]
)
def test_valid_tags(tag: str) -> None:
    assert is_valid(tag)


@pytest.mark.parametrize(
    ("tag", "meant"),
    [
        ("fr_FR", "fr-FR"),  # an underscore, as in POSIX locales
        ("French", "fr"),  # a language's English name
        ("english", "en"),
        ("Frnch", "fr"),  # misspelt name
        ("en-UK", "en-GB"),  # CLDR's region alias
        ("gr", "el"),  # a country's code for its language
        ("jp", "ja"),
        ("ua", "uk"),
        ("en-XX", "en"),  # an unknown region: the language alone
        ("xx", None),
        ("e", None),
    ],
)
def test_invalid_tags_and_what_they_meant(tag: str, meant: str | None) -> None:
    assert not is_valid(tag)
    assert closest(tag) == meant


def test_hint_names_the_tag_and_its_language() -> None:
    assert hint("French").startswith("did you mean 'fr' (French)? ")
    assert hint("xx").startswith("a BCP 47 tag is")
