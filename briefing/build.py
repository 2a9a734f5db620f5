"""The whole pipeline, start to finish: check the content, render, publish."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.core.diagnostics import Diagnostic, has_errors, sort_diagnostics
from briefing.core.epoch import build_time
from briefing.core.settings import Settings as Settings  # re-exported: callers import it from here
from briefing.load.content import load_content
from briefing.load.evidence import load_documents
from briefing.model.facts import Model
from briefing.outputs.export import data_json
from briefing.outputs.handout import PDF_NAME, PdfError, handout_pdf
from briefing.outputs.render import RenderError, render_site
from briefing.publish.output import OutputError, build_lock, publish
from briefing.resolve.coverage import Coverage, cited_by, coverage
from briefing.resolve.curation import curation_report
from briefing.resolve.curation import render_html as render_curation
from briefing.resolve.provenance import resolve_content
from briefing.resolve.validate import validate


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a project: the model if it could be built at all."""

    model: Model | None
    diagnostics: list[Diagnostic]
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Sentence id -> ids of the facts citing it."""
    coverage: Coverage = field(default_factory=lambda: Coverage(0, 0))

    def failed(self, strict: bool) -> bool:
        return self.model is None or has_errors(self.diagnostics, strict)


@dataclass(frozen=True)
class BuildResult:
    checked: Checked
    written: tuple[str, ...] = ()
    seconds: float = 0.0
    phases: tuple[tuple[str, float], ...] = ()
    """(phase, seconds) in the order run: check, pages, data, pdf, write."""
    digests: tuple[tuple[str, str], ...] = ()
    """(relative path, SHA-256) of every file written, for the build manifest."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.checked.diagnostics


def check(root: Path) -> Checked:
    """Load, resolve and validate everything; never raises for a content problem."""
    content, diagnostics = load_content(root)
    if content is None:
        return Checked(None, sort_diagnostics(diagnostics))
    documents, found = load_documents(root, content.sources)
    diagnostics += found
    content, found = resolve_content(content, documents)
    diagnostics += found
    links = cited_by(content, documents)
    cov = coverage(documents, links)
    diagnostics += validate(root, content, documents, cov)
    return Checked(Model(content, documents), sort_diagnostics(diagnostics), links, cov)


def site_files(
    checked: Checked,
    settings: Settings,
    warnings: list[Diagnostic] | None = None,
    timings: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Everything the site holds, as {relative path: bytes}.

    Warnings found while making the files (WeasyPrint's, for the PDF) are appended to ``warnings``;
    seconds spent per phase (pages, data, pdf) are added to ``timings``; ``progress`` is told each phase.
    """
    assert checked.model is not None
    clock = _Clock(timings if timings is not None else {})
    tell = progress or _quiet
    tell("rendering pages and the timeline chart")
    files = render_site(checked.model, checked.links, settings.root, build_time())
    clock.lap("pages")
    tell("writing data.json")
    files["data.json"] = data_json(checked.model, checked.links, checked.coverage)
    report = curation_report(checked) if checked.model.content.briefing.curation_page else None
    if report is not None:  # opt-in, and not linked from the briefing
        files["curation.html"] = render_curation(report, settings.root, build_time())
    clock.lap("data")
    if settings.pdf:  # last: the handout may use any file of the build
        tell("making the PDF handout")
        files[PDF_NAME] = _handout(checked, settings, files, warnings if warnings is not None else [])
        clock.lap("pdf")
    return files


Progress = Callable[[str], None]
"""Told what a build starts doing next, in a few words."""


def _quiet(_: str) -> None:
    pass


class _Clock:
    """Adds the seconds since the previous lap to ``laps[name]``."""

    def __init__(self, laps: dict[str, float]) -> None:
        self.laps = laps
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now


def _handout(checked: Checked, settings: Settings, files: dict[str, bytes], warnings: list[Diagnostic]) -> bytes:
    assert checked.model is not None
    paper = settings.paper or checked.model.content.briefing.paper or "a4"
    found = handout_pdf(
        checked.model, checked.links, settings.root, settings.out_dir, build_time(), paper=paper, files=files
    )
    if found.pdf is None or has_errors(found.diagnostics, settings.strict):
        raise PdfError(found.diagnostics)
    warnings += found.diagnostics
    return found.pdf


def build(settings: Settings, progress: Progress | None = None) -> BuildResult:
    """Check, make every file, publish. ``progress`` is told each phase as it starts (for a terminal)."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    tell = progress or _quiet
    tell("checking content and sources")
    checked = check(settings.root)
    clock.lap("check")
    if checked.failed(settings.strict):
        return BuildResult(checked)
    warnings: list[Diagnostic] = []
    try:
        files = site_files(checked, settings, warnings, timings, progress)
        clock = _Clock(timings)
        tell(f"writing {len(files)} files")
        with build_lock(settings.out_dir, settings.root):
            publish(settings.out_dir, files, settings.root)
        clock.lap("write")
    except (OutputError, RenderError) as exc:
        return BuildResult(Checked(None, sort_diagnostics([*checked.diagnostics, exc.diagnostic])))
    except PdfError as exc:
        return BuildResult(Checked(None, sort_diagnostics([*checked.diagnostics, *exc.diagnostics])))
    if warnings:
        checked = replace(checked, diagnostics=sort_diagnostics([*checked.diagnostics, *warnings]))
    digests = tuple((rel, hashlib.sha256(files[rel]).hexdigest()) for rel in sorted(files))
    return BuildResult(checked, tuple(sorted(files)), time.perf_counter() - started, tuple(timings.items()), digests)
