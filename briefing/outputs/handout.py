"""The PDF handout: the briefing page's partials in a print layout, then WeasyPrint.

The handout renders ``handout.html`` with the same context and partials as
index.html; only the citation macro differs. In print, a citation marker
(``S1.4``) links to an endnote, and the endnotes give, once per cited
sentence, the source's title and the sentence itself, linked to the hosted
source page when ``base_url`` is set in briefing.yaml.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, TemplateNotFound
from markupsafe import Markup

from briefing.core.diagnostics import BriefingError, Diagnostic
from briefing.model.documents import Sentence
from briefing.model.facts import PAGE_SIZES, Content, Model
from briefing.model.kinds import KIND, evidence, facts
from briefing.outputs.glyphs import locate_missing_glyphs
from briefing.outputs.i18n import translations
from briefing.outputs.layout import ONE_PAGE, plan
from briefing.outputs.localized import Formats
from briefing.outputs.pdf import PdfMetadata, render_pdf_pages
from briefing.outputs.render import environment, render_page
from briefing.outputs.revisions import correction_views, marked_events
from briefing.outputs.timeline.chart import chart_svg, describe
from briefing.outputs.timeline.words import tr
from briefing.outputs.views import CiteRef, SourceView, Views
from briefing.resolve.history import History

HANDOUT = "handout.html"
PDF_NAME = "briefing.pdf"
_ROOT_STYLE = re.compile(rb'(<svg\b[^>]*?)\s+style="[^"]*"')
PRINT_TEMPLATES = {"_citation.html": "_handout_citation.html"}
"""Templates the handout swaps for its print version; every other partial is the page's own."""


@dataclass(frozen=True)
class Note:
    """One endnote: a cited sentence of one source, given once however often it is cited."""

    label: str
    """``S1.4``: source 1, sentence 4."""
    anchor: str
    text: str
    href: str
    """The sentence on the hosted site, or "" when no base_url is set."""
    order: tuple[int, int]
    page: int = 0
    translation: str = ""
    """The curator's translation of a citation's quote in this sentence (the first given)."""
    """Page of a paged original (PDF) the sentence is on; 0 when the source has no pages."""


@dataclass(frozen=True)
class Marker:
    """A citation marker in print: its label (``S1.4–5`` for a run) and the note it links to."""

    label: str
    anchor: str
    order: tuple[int, int]


@dataclass(frozen=True)
class NoteGroup:
    source: SourceView
    href: str
    notes: tuple[Note, ...]


class Notes:
    """Collects the sentences cited while the handout renders; each becomes one endnote.

    Lives for one render only (a fresh instance per handout).
    """

    def __init__(self, views: Views, site: str) -> None:
        self._views = views
        self._site = site
        self._notes: dict[str, Note] = {}
        self._cited = {fact.id: evidence(fact, views.statements) for _, fact in facts(views.model.content)}
        self._fact_ids = {fact.href: fact.id for fact in views.facts.values()}
        self._printed = {fact.anchor for fact in views.facts.values() if KIND[fact.kind].handout}

    def markers(self, refs: Sequence[CiteRef]) -> list[Marker]:
        """The markers a group of citations prints as, each once; registers their notes.

        A sentence marker links to its sentence's note (a run ``S1.4–5`` to the
        first; every sentence of the run gets a note). A marker citing a fact
        (``[@event-id]`` in prose) prints as that fact's own citations, so every
        marker in print leads to source text.
        """
        found: dict[str, Marker] = {}
        for ref in refs:
            if ref.href.startswith("sources/") and "#" not in ref.href:  # [@source-id]: the whole source
                found.setdefault(ref.label, self._whole_source(ref))
                continue
            sentence_refs = self._sentence_refs(ref)
            for sentence_ref in sentence_refs:
                found.setdefault(sentence_ref.label, self._register(sentence_ref))
            fragment = ref.href.partition("#")[2]
            if not sentence_refs and fragment in self._printed:
                # A fact with no citation of its own: link to it, where the handout prints it.
                found.setdefault(ref.label, Marker(ref.label, fragment, (len(self._views.sources) + 1, 0)))
        return sorted(found.values(), key=lambda m: m.order)  # S1 before S2, sentence order within

    def _whole_source(self, ref: CiteRef) -> Marker:
        """A marker citing a whole source links to its entry in the handout's list of sources."""
        source = self._views.sources[ref.href.removeprefix("sources/").removesuffix(".html")]
        return Marker(ref.label, f"source-{source.source.id}", (source.number, 0))

    def _sentence_refs(self, ref: CiteRef) -> list[CiteRef]:
        if ref.href.startswith("sources/"):
            return [ref]
        fact_id = self._fact_ids.get(ref.href, "")
        return [self._views.cite(c) for c in self._cited.get(fact_id, ())]

    def _register(self, ref: CiteRef) -> Marker:
        views = self._views
        page, _, first_id = ref.href.partition("#")
        source = views.sources[page.removeprefix("sources/").removesuffix(".html")]
        first = views.sentences.get(first_id)
        if first is None or source.document is None:  # not resolved to sentences: note the quote itself
            href = self._href(ref.href)
            note = self._add(
                Note(ref.label, _anchor(ref.label), ref.quote, href, (source.number, 0), 0, ref.translation)
            )
            return Marker(ref.label, note.anchor, note.order)
        last = _last_index(ref.label, first.index)
        run = [s for s in source.document.sentences if first.index <= s.index <= last] or [first]
        notes = [self._sentence_note(source, s) for s in run]
        if ref.translation and not notes[0].translation:
            notes[0] = self._notes[notes[0].label] = replace(notes[0], translation=ref.translation)
        return Marker(ref.label, notes[0].anchor, notes[0].order)

    def _sentence_note(self, source: SourceView, sentence: Sentence) -> Note:
        label = f"{source.label}.{sentence.index}"
        href = self._href(f"{source.href}#{sentence.id}")
        order = (source.number, sentence.index)
        return self._add(Note(label, _anchor(label), sentence.text, href, order, sentence.page))

    def _add(self, note: Note) -> Note:
        return self._notes.setdefault(note.label, note)

    def _href(self, relative: str) -> str:
        return f"{self._site}{relative}" if self._site else ""

    def groups(self) -> list[NoteGroup]:
        """Endnotes grouped by source, in source order, then sentence order."""
        by_source: dict[int, list[Note]] = {}
        for note in sorted(self._notes.values(), key=lambda n: n.order):
            by_source.setdefault(note.order[0], []).append(note)
        return [
            NoteGroup(view, self._href(view.href), tuple(by_source[view.number]))
            for view in self._views.source_list()
            if view.number in by_source
        ]


def _anchor(label: str) -> str:
    return "note-" + label.replace("–", "-").replace(".", "-")


def _last_index(label: str, first: int) -> int:
    """The last sentence number of a label such as ``S1.4–6`` (en dash range), else ``first``."""
    _, dash, end = label.partition("–")
    return int(end) if dash and end.isdigit() else first


class _Aliases(BaseLoader):
    """Serves a print template under the name of the page template it stands in for."""

    def __init__(self, inner: BaseLoader, aliases: Mapping[str, str]) -> None:
        self.inner = inner
        self.aliases = aliases

    def get_source(self, environment: Environment, template: str) -> Any:
        if template not in self.aliases:
            raise TemplateNotFound(template)
        return self.inner.get_source(environment, self.aliases[template])


def _site_root(base_url: str) -> str:
    return base_url.rstrip("/") + "/" if base_url else ""


def print_environment(project: Path | None, notes: Notes, paper: str, language: str = "en") -> Environment:
    env = environment(project, language)
    assert env.loader is not None
    env.loader = ChoiceLoader([_Aliases(env.loader, PRINT_TEMPLATES), env.loader])
    env.globals.update(notes=notes, paper=paper)
    return env


def handout_html(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path | None,
    built: datetime,
    paper: str = "a4",
    history: History | None = None,
) -> str:
    """The handout as one HTML string. Raises render.RenderError for a broken template."""
    site = _site_root(model.content.briefing.base_url)
    # One document: every fact the handout prints is linked inside it, however the site splits them.
    language = model.content.briefing.language
    strings = translations(language, project)
    formats = Formats(language, strings.gettext, strings.ngettext)
    notes = Notes(Views(model, links, ONE_PAGE, formats), site)
    env = print_environment(project, notes, PAGE_SIZES[paper], model.content.briefing.language)
    known = history or History()
    extra = lambda views: _handout_extra(views, known)  # noqa: E731
    return render_page(
        HANDOUT, model, links, project, built, root=site, env=env, extra=extra, history=history, layout=ONE_PAGE
    )


HANDOUT_ROWS = 400
"""A list longer than this is left out of the handout (which says so): 400 rows are about 20 pages."""
LONG_LISTS = ("actors", "statements", "sources")


def omitted(content: Content) -> dict[str, int]:
    """The lists too long to print, with their lengths; the handout names each and where to read it."""
    return {name: len(getattr(content, name)) for name in LONG_LISTS if len(getattr(content, name)) > HANDOUT_ROWS}


def _handout_extra(views: Views, history: History) -> dict[str, Any]:
    """The chart as an image; the lists left out, and where the site shows each (its own pages, when large)."""
    site = plan(views.model.content, views.timeline())
    listed = {name: site.list_href(name) for name in LONG_LISTS}
    return {**_chart_image(views, history), "omitted": omitted(views.model.content), "listed": listed}


def _chart_image(views: Views, history: History) -> dict[str, Any]:
    """The chart as an ``<img>`` of its SVG, with the event list as alt text.

    Measured (benchmarks/pdf.md): inline SVG is slower and makes WeasyPrint warn
    about every SVG property; PNG is faster but twice the bytes and blurry when
    zoomed. An image also gives the tagged PDF a proper /Alt text.
    """
    events = marked_events(views.timeline(), history, correction_views(views.model.content, views.facts))
    if not events:
        return {}
    as_of = views.model.content.briefing.as_of
    # The page's SVG: labels as <text> in DejaVu Sans (installed by setup.sh, so exact here), ~5x faster in
    # WeasyPrint than glyph outlines, half the PDF bytes, and selectable text (benchmarks/README.md).
    svg = chart_svg(events, as_of, title=tr("Timeline: %(title)s") % {"title": views.model.content.briefing.title})
    # The root's style (height:auto, for the web page) makes WeasyPrint draw the image square.
    svg = _ROOT_STYLE.sub(rb"\1", svg, count=1)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    image = Markup('<img src="{}" alt="{}">').format(src, describe(events, as_of))
    return {"chart": image, "chart_image": True}  # an image has no links: the caption says where to read on


def metadata(model: Model, built: datetime) -> PdfMetadata:
    b = model.content.briefing
    return PdfMetadata(b.title, b.author, b.description, b.keywords, b.language, built)


@dataclass(frozen=True)
class Handout:
    pdf: bytes | None
    """None when the PDF could not be made (see diagnostics)."""
    diagnostics: list[Diagnostic]
    pages: int = 0


class PdfError(BriefingError):
    """The handout could not be made; the build fails with these diagnostics."""


def handout_pdf(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path,
    out_dir: Path,
    built: datetime,
    *,
    paper: str = "a4",
    files: Mapping[str, bytes] | None = None,
    history: History | None = None,
) -> Handout:
    """The handout as PDF bytes, resources confined to the build (``files`` as the content of ``out_dir``)."""
    html = handout_html(model, links, project, built, paper, history)
    data, pages, found = render_pdf_pages(
        html, out_dir, metadata=metadata(model, built), page_size=PAGE_SIZES[paper], files=files
    )
    return Handout(data, locate_missing_glyphs(found, model), pages)
