"""The PDF handout: the briefing page's partials in a print layout, then WeasyPrint.

The handout renders ``handout.html`` with the same context and partials as
index.html; only the citation macro differs. In print, a citation marker
(``S1.4``) links to an endnote, and the endnotes give, once per cited
sentence, the source's title and the sentence itself, linked to the hosted
source page when ``base_url`` is set in briefing.yaml.
"""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, TemplateNotFound
from markupsafe import Markup

from .diagnostics import Diagnostic
from .model import Model
from .pdf import PAGE_SIZES, PdfMetadata, render_pdf
from .render import CHART_MODULE, environment, render_page
from .views import CiteRef, SourceView, Views

HANDOUT = "handout.html"
PDF_NAME = "briefing.pdf"
PRINT_TEMPLATES = {"_citation.html": "_handout_citation.html"}
"""Templates the handout swaps for its print version; every other partial is the page's own."""


@dataclass(frozen=True)
class Note:
    """One cited passage: a sentence (or a run of them) of one source."""

    label: str
    """The marker's text, e.g. ``S1.4`` or ``S1.4–5``."""
    anchor: str
    text: str
    href: str
    """The sentence on the hosted site, or "" when no base_url is set."""
    order: tuple[int, int, str]


@dataclass(frozen=True)
class NoteGroup:
    source: SourceView
    href: str
    notes: tuple[Note, ...]


class Notes:
    """Collects the passages cited while the handout renders; each passage becomes one endnote.

    Lives for one render only (a fresh instance per handout).
    """

    def __init__(self, views: Views, site: str) -> None:
        self._views = views
        self._site = site
        self._notes: dict[str, Note] = {}

    def add(self, ref: CiteRef) -> str:
        """Register a citation marker; returns the href it should link to inside the PDF."""
        page, _, fragment = ref.href.partition("#")
        if not page.startswith("sources/"):
            return f"#{fragment}" if fragment else "#top"  # a fact: it is in the handout itself
        if ref.label not in self._notes:
            self._notes[ref.label] = self._note(ref, fragment)
        return f"#{self._notes[ref.label].anchor}"

    def _note(self, ref: CiteRef, first_id: str) -> Note:
        views = self._views
        first = views.sentences.get(first_id)
        anchor = "note-" + ref.label.replace("–", "-").replace(".", "-")
        href = f"{self._site}{ref.href}" if self._site else ""
        if first is None:
            return Note(ref.label, anchor, ref.quote, href, (0, 0, ref.label))
        number = views.sources[first.source].number
        last = _last_index(ref.label, first.index)
        document = views.sources[first.source].document
        run = [s.text for s in (document.sentences if document else ()) if first.index <= s.index <= last]
        return Note(ref.label, anchor, " ".join(run) or ref.quote, href, (number, first.index, ref.label))

    def groups(self) -> list[NoteGroup]:
        """Endnotes grouped by source, in source order, then sentence order."""
        by_source: dict[int, list[Note]] = {}
        for note in sorted(self._notes.values(), key=lambda n: n.order):
            by_source.setdefault(note.order[0], []).append(note)
        views = self._views.source_list()
        return [
            NoteGroup(view, f"{self._site}{view.href}" if self._site else "", tuple(by_source[view.number]))
            for view in views
            if view.number in by_source
        ]


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


def print_environment(project: Path | None, notes: Notes, paper: str) -> Environment:
    env = environment(project)
    assert env.loader is not None
    env.loader = ChoiceLoader([_Aliases(env.loader, PRINT_TEMPLATES), env.loader])
    env.globals.update(notes=notes, paper=paper)
    return env


def handout_html(
    model: Model, links: dict[str, tuple[str, ...]], project: Path | None, built: datetime, paper: str = "a4"
) -> str:
    """The handout as one HTML string. Raises render.RenderError for a broken template."""
    site = _site_root(model.content.briefing.base_url)
    notes = Notes(Views(model, links), site)
    env = print_environment(project, notes, PAGE_SIZES[paper])
    return render_page(HANDOUT, model, links, project, built, root=site, env=env, extra=_chart_image)


def _chart_image(views: Views) -> dict[str, Any]:
    """The chart as an ``<img>`` of its SVG, with the event list as alt text.

    Measured on tests/demo (benchmarks/pdf.md): inline SVG 0.48 s and 39
    WeasyPrint warnings (SVG properties parsed as HTML CSS), SVG as an image
    0.35 s, PNG 0.24 s but twice the bytes and blurry when zoomed. An image
    also gives the tagged PDF a proper /Alt text.
    """
    events = views.timeline()
    if not events or importlib.util.find_spec(CHART_MODULE) is None:
        return {}
    from .timeline import chart_svg, describe

    as_of = views.model.content.briefing.as_of
    svg = chart_svg(events, as_of, title=f"Timeline: {views.model.content.briefing.title}")
    src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return {"chart": Markup('<img src="{}" alt="{}">').format(src, describe(events, as_of))}


def metadata(model: Model, built: datetime) -> PdfMetadata:
    b = model.content.briefing
    return PdfMetadata(b.title, b.author, b.description, b.keywords, b.language, built)


@dataclass(frozen=True)
class Handout:
    pdf: bytes | None
    """None when the PDF could not be made (see diagnostics)."""
    diagnostics: list[Diagnostic]


class PdfError(Exception):
    """The handout could not be made; the build fails with these diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problems with the PDF handout")
        self.diagnostics = diagnostics


def handout_pdf(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path,
    out_dir: Path,
    built: datetime,
    *,
    paper: str = "a4",
    files: Mapping[str, bytes] | None = None,
) -> Handout:
    """The handout as PDF bytes, resources confined to the build (``files`` as the content of ``out_dir``)."""
    html = handout_html(model, links, project, built, paper)
    data, found = render_pdf(html, out_dir, metadata=metadata(model, built), page_size=PAGE_SIZES[paper], files=files)
    return Handout(data, found)
