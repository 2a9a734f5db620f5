"""Jinja environment, Markdown and page rendering: the model to {relative path: bytes}.

Templates come from the project's own ``templates/`` first, then the default
theme inside the package (``briefing/templates``), so an installed wheel finds
the theme and a project can override any single template or the stylesheet.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from markupsafe import Markup

from briefing.core.diagnostics import BriefingError, Diagnostic, Location, error
from briefing.load.readers import derivation
from briefing.model.facts import Event, Model
from briefing.model.languages import direction
from briefing.outputs.i18n import chart_words, install, page_formats
from briefing.outputs.layout import Layout
from briefing.outputs.markup import render_markdown
from briefing.outputs.partials import ThemeTemplate, reads_context, shared_partials
from briefing.outputs.revisions import correction_views, marked_events, marker, versions
from briefing.outputs.sandbox import Sandbox
from briefing.outputs.social import web_meta
from briefing.outputs.timeline import chart as timeline_chart
from briefing.outputs.timeline import words
from briefing.outputs.views import CiteRef, HandoutLink, Views, distinct_refs
from briefing.resolve.history import History

TEMPLATES_DIR = "templates"
STYLESHEET = "style.css"
_T = TypeVar("_T")
_CACHE_SALT = "sandboxed-1,finalize-ff,i18n"  # compiled in too: a change of either must not load old code
# matplotlib writes RDF metadata with XML namespaces that HTML cannot carry (vnu errors).
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_XML_PROLOG = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


class RenderError(BriefingError):
    """A template could not be rendered (typically a project's own override)."""


class _ProjectTemplates(FileSystemLoader):
    """A project's own templates/, refusing any file that links outside the project.

    A cloned project could otherwise pull /etc/passwd or ~/.ssh into the site
    through a symlinked template or stylesheet.
    """

    def __init__(self, project: Path) -> None:
        super().__init__(project / TEMPLATES_DIR)
        self.project = Path(os.path.realpath(project))

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(os.path.realpath(filename)).is_relative_to(self.project):
            shown = f"{TEMPLATES_DIR}/{template}"
            raise RenderError(
                error(
                    "template.outside-project",
                    f"{shown} links to a file outside the project",
                    Location(shown),
                    "copy the template into templates/ instead of linking to it",
                )
            )
        return source, filename, uptodate


def environment(project: Path | None = None, language: str = "en") -> Environment:
    """Autoescaping, strict Jinja environment over the project's and the package's templates,
    with ``_()`` and ``ngettext()`` giving the interface strings in ``language`` (outputs/i18n.py)."""
    loaders: list[Any] = []
    if project is not None and (project / TEMPLATES_DIR).is_dir():
        loaders.append(_ProjectTemplates(project))
    loaders.append(PackageLoader("briefing", TEMPLATES_DIR))
    # Every template renders sandboxed: an override may include the theme's partials and
    # the other way round, so one environment serves both (docs/decisions.md, trust model).
    env = Sandbox(
        loader=ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_no_form_feed,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # one environment per build: no stat() of every template at every include
    )
    install(env, language, project)  # _(), ngettext(), and the date, number and percent filters
    env.filters["derivation"] = derivation
    env.filters["note"] = note_html
    env.filters["direction"] = direction
    env.globals["shared"] = shared_partials(env)  # the page frame's partials, once per folder (outputs/partials.py)
    env.template_class = ThemeTemplate  # and the theme's macro files imported with context
    return env


_ONE_PARAGRAPH = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\s*\Z", re.DOTALL)


@pass_context
@reads_context("ix", "root")
def note_html(context: Context, text: str) -> Markup:
    """A curator's note as HTML: Markdown, with inline ``[@id]`` citations as the page's markers.

    A note of one paragraph comes back without its ``<p>``, so it can follow a label on the same line.
    The citation macro is the environment's own (the handout's print version in the handout).
    """
    env, views, root = context.environment, context["ix"], context["root"]
    html = render_markdown(text, lambda targets: citation_html(env, _refs(views, targets), root))
    single = _ONE_PARAGRAPH.match(html)
    return Markup(single.group(1)) if single else html


def _no_form_feed(value: Any) -> Any:
    """A form feed marks a page break in text derived from a PDF; browsers draw it as a missing glyph."""
    return value.replace("\f", " ") if isinstance(value, str) and "\f" in value else value


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates, reused across builds: compiling them was most of a small site's render time.

    Jinja's per-user folder in the temporary directory (it refuses one another user owns); an entry is
    used only while its template's source is the same (Jinja compares a checksum), so the pages are
    the same bytes either way. None, so templates compile each time, where the folder is unusable.
    """
    try:
        return _TolerantCache()
    except (OSError, RuntimeError):
        return None


class _TolerantCache(FileSystemBytecodeCache):
    """A cache that never fails a build: an unreadable or unwritable entry just means compiling again."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # The sandbox is partly compiled in (intercepted operators), so code compiled by a plain
        # environment, such as an older version's, must never be loaded here.
        return super().get_cache_key(f"{_CACHE_SALT}:{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign entry fails in pickle or marshal in many ways
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full disk or a read-only folder
            super().dump_bytecode(bucket)


def citation_html(env: Environment, refs: Sequence[CiteRef], root: str) -> Markup:
    """Render citation markers through the ``_citation.html`` macro (shared with the templates)."""
    module = env.get_template("_citation.html").make_module({"root": root})
    return Markup(module.cites(distinct_refs(refs)))  # type: ignore[attr-defined]


def chart_svg(events: Sequence[Event], model: Model, href: Callable[[Event], str] | None = None) -> Markup:
    """The timeline chart as inline SVG; ``href``: where a mark links (default: its row on the same page).

    Inline (not <img>/<object>) so its links to the event table work from file://
    and its title/desc reach assistive technology.
    """
    svg = timeline_chart.chart_svg(
        events,
        model.content.briefing.as_of,
        title=words.tr("Timeline: %(title)s") % {"title": model.content.briefing.title},
        href=href or (lambda e: f"#event-{e.id}"),
    )
    return Markup(_SVG_METADATA.sub("", _XML_PROLOG.sub("", svg.decode("utf-8"), count=1)))


def _prose(env: Environment, views: Views, name: str, root: str) -> Markup | None:
    for prose in views.model.content.prose:
        if prose.name == name and prose.markdown.strip():
            return render_markdown(prose.markdown, lambda targets: citation_html(env, _refs(views, targets), root))
    return None


def _refs(views: Views, targets: Sequence[str]) -> list[CiteRef]:
    return [views.prose_ref(t) for t in targets]


def _template_diagnostic(exc: TemplateError, project: Path | None) -> Diagnostic:
    if isinstance(exc, TemplateSyntaxError):
        where = Location(_display(exc.filename or exc.name or "template", project), exc.lineno or 0, 1)
        return error("template.syntax", exc.message or "template syntax error", where, "fix the template's syntax")
    where = _template_frame(exc, project)
    if isinstance(exc, SecurityError):
        return error(
            "template.unsafe",
            f"template refused: {exc.message or exc}",
            where,
            "templates render in a sandbox: they may read the variables the default theme uses "
            "(briefing/templates), not Python internals or files, change no list and build no huge value "
            "(templates/README.md)",
        )
    if isinstance(exc, TemplateNotFound):
        return error(
            "template.missing",
            f"template '{exc.name}' not found",
            where,
            "an override must keep the names of the default theme's templates",
        )
    hint = "check the names an override template uses against the default theme in briefing/templates"
    kind = "template.undefined" if isinstance(exc, UndefinedError) else "template.error"
    return error(kind, f"template failed: {exc.message or exc}", where, hint)


def _template_frame(exc: BaseException, project: Path | None) -> Location:
    """The template file and line a runtime error happened at.

    Jinja rewrites the traceback so that template code appears as frames of
    the template file itself; the innermost such frame is where to look.
    """
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith((".py", ">"))]
    if not frames:
        return Location(TEMPLATES_DIR)
    return Location(_display(frames[-1].filename, project), frames[-1].lineno or 0, 1)


def _display(filename: str, project: Path | None) -> str:
    if project is not None:
        try:
            return str(Path(filename).resolve().relative_to(project.resolve()))
        except ValueError:
            pass
    return filename


def render_index(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path | None,
    built: datetime,
    handout: HandoutLink,
    history: History | None = None,
) -> bytes:
    """index.html again, now linking to the handout (made after the pages, so its size and pages are known)."""
    env = environment(project, model.content.briefing.language)
    views = Views(model, links, formats=page_formats(env))

    def render() -> bytes:
        context = {**page_context(env, views, built, "", history=history), "handout": handout}
        return env.get_template("index.html").render(context).encode("utf-8")

    return guarded(project, render)


def render_page(
    name: str,
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path | None,
    built: datetime,
    *,
    root: str = "",
    env: Environment | None = None,
    extra: Callable[[Views], dict[str, Any]] | None = None,
    history: History | None = None,
    layout: Layout | None = None,
) -> str:
    """One template with the briefing page's context (for the PDF handout, which includes the same partials).

    ``root`` prefixes every href: "" for a page at the site root, or the site's
    address (ending in "/") when the links must leave the document. ``env``
    replaces the default environment (the handout's swaps the citation macro);
    ``extra`` adds or replaces context entries (the handout's chart is an image);
    ``layout``: which page shows what (the handout: ONE_PAGE, it prints everything).
    """
    env = env or environment(project, model.content.briefing.language)
    views = Views(model, links, layout, page_formats(env))

    def render() -> str:
        with chart_words(env):  # the handout's chart is drawn by ``extra``
            more = extra(views) if extra else {}
        # a chart given by ``extra`` replaces the page's: drawing that one too would be wasted
        context = page_context(env, views, built, root, chart="chart" not in more, history=history)
        return env.get_template(name).render({**context, **more})

    return guarded(project, render)


def page_context(
    env: Environment, views: Views, built: datetime, root: str, *, chart: bool = True, history: History | None = None
) -> dict[str, Any]:
    """What index.html and its partials use (``chart=False``: no chart drawn, ``chart`` is None)."""
    events = views.timeline()
    known = history or History()
    corrections = correction_views(views.model.content, views.facts)
    with chart_words(env):
        return _context(env, views, built, root, events, known, corrections, chart=chart)


def page_chart(env: Environment, views: Views, context: dict[str, Any]) -> Markup:
    """The chart of a ``page_context(..., chart=False)``, drawn apart (in the briefing page's own task, which
    may run in another process: site_pages.py)."""
    with chart_words(env):
        return _chart(views, context["root"], context["events"], context["history"], context["corrections"])


def _chart(views: Views, root: str, events: Any, known: History, corrections: Any) -> Markup:
    return chart_svg(marked_events(events, known, corrections), views.model, lambda e: views.link(root, e.id))


def _context(
    env: Environment,
    views: Views,
    built: datetime,
    root: str,
    events: Any,
    known: History,
    corrections: Any,
    *,
    chart: bool,
) -> dict[str, Any]:
    return {
        "history": known,
        "corrections": corrections,
        "mark": marker(known, corrections, root, views.layout.split, page_formats(env).gettext),
        "newer": versions(views.sources),
        "briefing": views.model.content.briefing,
        "built": built.strftime("%Y-%m-%d"),
        "ix": views,
        "sources": views.source_list(),
        "root": root,
        "page": "index.html",
        "web": web_meta(views.model),
        "events": events,
        "chart": _chart(views, root, events, known, corrections) if chart else None,
        "chart_overview": timeline_chart.is_overview(events),
        "actors": views.model.content.actors,
        "statements": views.model.content.statements,
        "key_points": _prose(env, views, "summary", root),
        "method": _prose(env, views, "method", root),
        "handout": None,
    }


def guarded(project: Path | None, render: Callable[[], _T]) -> _T:
    """Run a rendering step; a template's fault becomes a RenderError with its file and line."""
    try:
        return render()
    except TemplateError as exc:
        raise RenderError(_template_diagnostic(exc, project)) from None
    except RenderError:
        raise
    except Exception as exc:  # e.g. {{ 1 / 0 }} in a project's own template: the user's to fix, not a crash
        where = _template_frame(exc, project)
        if project is None or not where.file.startswith(f"{TEMPLATES_DIR}/"):
            raise
        hint = "fix the expression on this line of your template"
        message = f"template failed: {type(exc).__name__}: {exc}"
        raise RenderError(error("template.error", message, where, hint)) from None
