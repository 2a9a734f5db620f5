"""The interface strings: extracted from the theme's templates and the package's Python with Babel.

``python3 -m briefing.tools.catalogs`` brings every package catalog up to date with the
strings in use (new ones added untranslated, gone ones marked obsolete), so a translator
sees what is missing; tests/test_catalogs.py fails while any string lacks a translation.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from briefing.outputs.i18n import PACKAGE_LOCALE, package_catalog

PACKAGE = PACKAGE_LOCALE.parent
LANGUAGES = ("fr", "es", "de", "ru", "uk", "ar")
"""The package's catalogs besides English, the language the strings are written in."""
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "NP_": (1, 2), "plural_forms": (1, 2)}
METHODS = [
    ("templates/**.html", "jinja2.ext:babel_extract"),
    ("templates/handout.css", "jinja2.ext:babel_extract"),  # included by handout.html: its header and footer
    ("skeleton/**", "ignore"),
    ("**.py", "python"),
]
_FIXED = datetime(2026, 1, 1, tzinfo=UTC)
"""The catalogs' header dates: fixed, so updating a catalog changes only its messages."""
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def extract() -> Catalog:
    """Every translatable string in the package, with where it is used."""
    catalog = Catalog(project="briefing", charset="utf-8", creation_date=_FIXED, revision_date=_FIXED)
    options = {"templates/**.html": JINJA_OPTIONS, "templates/handout.css": JINJA_OPTIONS}
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, options, KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update(language: str) -> Path:
    """The package catalog of ``language`` brought up to date with ``extract()``."""
    path = package_catalog(language)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=language, project="briefing", charset="utf-8", revision_date=_FIXED)
    catalog.update(extract(), no_fuzzy_matching=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True)
    return path


def main(argv: list[str]) -> int:
    for language in argv or LANGUAGES:
        print(update(language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
