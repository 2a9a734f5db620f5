"""The reader's interface language: message catalogs (gettext .po files, read with Babel).

The package's catalogs are ``briefing/locale/<lang>/LC_MESSAGES/messages.po``; a project may
add or override any string with its own ``locale/<lang>.po`` (docs/languages.md). Catalogs are
read from the .po text itself, never from compiled .mo files, so a fresh clone or an editable
install needs no build step and no compiled file can fall out of date. English is the language
the strings are written in: with no catalog, a string is shown as written.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from jinja2 import Environment, pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup

from briefing.core.diagnostics import BriefingError, Location, error
from briefing.model.languages import direction
from briefing.outputs.localized import Formats
from briefing.outputs.partials import reads_context
from briefing.outputs.timeline.words import speaking

PACKAGE_LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
PROJECT_LOCALE = "locale"
"""A project's own catalogs: ``locale/<lang>.po`` (``fr.po``, ``fr-CA.po``)."""
SOURCE_LANGUAGE = "en"


class CatalogError(BriefingError):
    """A project's .po file could not be read."""


def candidates(tag: str) -> list[str]:
    """The tags to look for, most specific first: ``fr-CA`` -> ``fr-CA``, ``fr``; no tag -> ``en``."""
    parts = [p for p in tag.replace("_", "-").split("-") if p] or [SOURCE_LANGUAGE]
    parts[0] = parts[0].lower()
    return ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]


def package_catalog(tag: str) -> Path:
    """Where the package keeps the catalog of ``tag`` (``fr-CA`` -> ``locale/fr_CA/...``)."""
    return PACKAGE_LOCALE / tag.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(language: str, project: Path | None = None) -> gettext.NullTranslations:
    """The interface strings for ``language``: the project's catalogs first, then the package's.

    Each catalog falls back to the next (a string missing from ``fr-CA`` comes from ``fr``),
    and the last falls back to the English msgid. Raises CatalogError for a broken project .po.
    """
    tags = candidates(language)
    files = [project / PROJECT_LOCALE / f"{t}.po" for t in tags] if project is not None else []
    files += [package_catalog(t) for t in tags]
    chain: gettext.NullTranslations = gettext.NullTranslations()
    for path in reversed([f for f in files if f.is_file()]):
        stat = path.stat()
        loaded = _load(str(path), stat.st_mtime_ns, stat.st_size, _shown(path, project))
        layer = Translations(io.BytesIO(loaded))
        layer.add_fallback(chain)
        chain = layer
    return chain


def _shown(path: Path, project: Path | None) -> str:
    if project is not None and path.is_relative_to(project):
        return str(path.relative_to(project))
    return str(path)


@functools.lru_cache(maxsize=64)
def _load(path: str, mtime_ns: int, size: int, shown: str) -> bytes:
    """A .po file compiled in memory to .mo bytes (cached while the file is unchanged)."""
    del mtime_ns, size  # part of the cache key only
    with open(path, "rb") as handle:
        try:
            catalog = read_po(handle, abort_invalid=True)
        except (PoFileError, ValueError) as exc:
            # Babel counts lines from 0 and appends " on <line>" to its message
            line = exc.lineno + 1 if isinstance(exc, PoFileError) else 0
            why = str(exc).rsplit(" on ", 1)[0] if isinstance(exc, PoFileError) else str(exc)
            raise CatalogError(
                error(
                    "locale.invalid",
                    f"cannot read this message catalog: {why}",
                    Location(shown, line, 1),
                    'a catalog is a gettext .po file: msgid "English text" then msgstr "translation" '
                    "(docs/languages.md)",
                )
            ) from None
    out = io.BytesIO()
    write_mo(out, catalog)  # untranslated and fuzzy entries are left out: they fall back
    return out.getvalue()


def install(env: Environment, language: str, project: Path | None) -> None:
    """``_()``, ``ngettext()`` and the locale's ``date``, ``number`` and ``percent`` filters in ``env``."""
    strings = translations(language, project)
    env.install_gettext_translations(strings, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = remembered_gettext(strings.gettext)
    env.globals["ngettext"] = plural_gettext(strings.ngettext)
    formats = Formats(language, strings.gettext, strings.ngettext)
    env.filters.update(date=formats.date, number=formats.number, percent=formats.percent, lang=lang_attributes)
    env.filters["filesize"] = formats.file_size
    env.globals["plural_forms"] = functools.partial(plural_forms, strings, formats.locale)
    env.globals["formats"] = formats


def remembered_gettext(gettext: Callable[[str], str]) -> Callable[..., Any]:
    """``_()`` for templates: Jinja's new-style gettext (jinja2.ext), each string translated once.

    The same value as Jinja's own: the translation, marked safe where the template autoescapes,
    then ``%``-formatted with the keyword arguments (escaped), even when there are none. Jinja's
    reaches ``gettext`` through the context, three calls deep, for each of ~37 strings on every
    page: at 4,000 pages that was a fifth of rendering.
    """
    marked: dict[str, Markup] = {}
    finished: dict[str, Markup] = {}  # strings called without variables: the whole result

    @pass_eval_context
    def translate(eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
        if not eval_ctx.autoescape:
            return gettext(string) % variables
        if not variables:
            done = finished.get(string)
            if done is None:
                done = finished[string] = Markup(gettext(string)) % variables
            return done
        safe = marked.get(string)
        if safe is None:
            safe = marked[string] = Markup(gettext(string))
        return safe % variables

    return translate


def plural_gettext(ngettext: Callable[[str, str, int], str]) -> Callable[..., Any]:
    """``ngettext()`` for templates: the same value as Jinja's new-style one (``num`` defaults to the
    count), given the evaluation context only, not the page's whole context (outputs/partials.py)."""

    @pass_eval_context
    def plural(eval_ctx: EvalContext, singular: str, plural: str, count: int, /, **variables: Any) -> str:
        variables.setdefault("num", count)
        text = ngettext(singular, plural, count)
        return (Markup(text) if eval_ctx.autoescape else text) % variables

    return plural


def page_formats(env: Environment) -> Formats:
    """The interface language ``install`` put in ``env``: its strings, dates and numbers."""
    formats = env.globals["formats"]
    assert isinstance(formats, Formats)
    return formats


def chart_words(env: Environment) -> contextlib.AbstractContextManager[None]:
    """The charts drawn inside this block speak ``env``'s interface language (timeline/words.py)."""
    formats = page_formats(env)
    return speaking(formats.language, formats.gettext, formats.ngettext)


@pass_context
@reads_context("briefing")
def lang_attributes(context: Context, tag: str) -> Markup:
    """`` lang="ru"`` (and `` dir="rtl"`` when its direction differs) on a source's own words, when the
    source's language is not the page's: screen readers switch voice, browsers pick the quote marks
    and the bidirectional order. Nothing when the tag is empty or the page's own."""
    page = str(context["briefing"].language) if "briefing" in context else SOURCE_LANGUAGE
    if not tag or tag.lower() == page.lower():
        return Markup("")
    attributes = Markup(' lang="{0}"').format(tag)
    if direction(tag) != direction(page):
        attributes += Markup(' dir="{0}"').format(direction(tag))
    return attributes


_SAMPLES = (*range(0, 200), 1_000_000)
"""Numbers enough to meet every CLDR plural category of every language (French's "many" is a million)."""


def plural_forms(strings: gettext.NullTranslations, locale: Locale, singular: str, plural: str) -> dict[str, str]:
    """The plural's form for each CLDR category of the language (``one``, ``few``, ``other``...), for a
    script that picks one with ``Intl.PluralRules`` (search.js): gettext numbers its forms, browsers name them."""
    forms: dict[str, str] = {}
    for n in _SAMPLES:
        forms.setdefault(locale.plural_form(n), strings.ngettext(singular, plural, n))
    return forms
