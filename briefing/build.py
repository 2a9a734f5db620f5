"""The whole pipeline, start to finish: check the content, make every file, publish. The public API.

``build(settings)`` is exactly what ``briefing build`` runs: the skip of an
unchanged build (publish/buildcache.py), the collector's thresholds, one build
time for every file. This module imports only light modules at the top: the
pipeline's (YAML, Jinja, WeasyPrint) are imported where they are used, so that a
skipped build returns before paying for them.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.diagnostics import BriefingError, Diagnostic, Location, Severity, has_errors, sort_diagnostics
from briefing.core.epoch import source_date_epoch
from briefing.core.settings import Settings as Settings  # re-exported: the public API
from briefing.model.facts import Model
from briefing.model.kinds import FACT_KINDS, facts_of
from briefing.outputs.address import left_out
from briefing.publish import buildcache
from briefing.resolve.coverage import Coverage
from briefing.resolve.history import History

if TYPE_CHECKING:  # the memo's module imports the page views: not at a skipped build's start
    from briefing.outputs.files import Task
    from briefing.outputs.page_memo import PageMemo

SLOW_FILES = ("data.json", "index.html", "annotations.jsonld", "card.png", "search-index.js")
"""The files that take longest to make (the chart, matplotlib's import): dealt to the processes first."""
Progress = Callable[[str], None]
"""Told what a build starts doing next, in a few words."""


@dataclass(frozen=True)
class Summary:
    """What a project holds, in counts: the line ``briefing check`` and ``briefing build`` end with."""

    sources: int
    sentences: int
    facts: tuple[tuple[str, int], ...]
    """(kind's plural, count) for each fact kind, in table order."""
    cited: int
    countable: int
    """Sentences that count for coverage, and how many of them are cited."""
    left_out: str = ""
    """What the build could not write for want of ``base_url`` (see outputs/address.py), or ""."""

    @property
    def share(self) -> float:
        return Coverage(self.countable, self.cited).share


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

    @property
    def summary(self) -> Summary | None:
        if self.model is None:
            return None
        content, cov = self.model.content, self.coverage
        counts = tuple((kind.plural, len(facts_of(content, kind))) for kind in FACT_KINDS)
        sentences = sum(len(d.sentences) for d in self.model.documents)
        missing = left_out(self.model.content.briefing)
        return Summary(len(content.sources), sentences, counts, cov.cited, cov.sentences, missing)


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    """True when site/ holds this build (written now, or left as the identical previous one)."""
    diagnostics: tuple[Diagnostic, ...]
    summary: Summary | None = None
    """None when the content could not be loaded at all."""
    written: tuple[str, ...] = ()
    """Relative paths of the site's files, sorted (empty when the build failed)."""
    digests: tuple[tuple[str, str], ...] = ()
    """(relative path, SHA-256) of every file written, for the build manifest."""
    skipped: bool = False
    """Inputs and site were exactly those of the last successful build: nothing was redone."""
    seconds: float = 0.0
    phases: tuple[tuple[str, float], ...] = ()
    """(phase, seconds) in the order run: check, pages, data, pdf, write (empty when skipped)."""
    checked: Checked | None = None
    """The checked project, when the build checked it (not when skipped)."""


def check_templates(checked: Checked, root: Path) -> Checked:
    """``checked`` plus what rendering the pages in memory finds (a broken or refused template, an unreadable edition).

    What ``briefing check`` runs after check(), so that check passes only what build (without the PDF)
    builds: tests/test_check_build_agree.py runs both over the broken corpus and fuzzed content.
    """
    from briefing.outputs.export import data_json
    from briefing.outputs.site_pages import page_tasks
    from briefing.publish.output import Staging
    from briefing.publish.workers import make_files, workers_for
    from briefing.resolve.history import history

    if checked.model is None or checked.failed(strict=False):
        return checked
    try:
        tasks = page_tasks(checked.model, checked.links, root, datetime.now(tz=UTC))
        with tempfile.TemporaryDirectory(prefix="briefing-check-") as scratch:  # made and dropped: only whether
            make_files(tasks, Staging(Path(scratch), "check"), workers_for(0, len(tasks)))  # they render counts
        history(root, json.loads(data_json(checked.model, checked.links, checked.coverage)))  # editions/ readable
    except BriefingError as exc:
        return replace(checked, diagnostics=sort_diagnostics([*checked.diagnostics, *exc.diagnostics]))
    return checked


def check(root: Path) -> Checked:
    """Load, resolve and validate everything; never raises for a content problem."""
    from briefing.load.content import load_content
    from briefing.load.evidence import load_documents
    from briefing.resolve.coverage import cited_by, coverage, superseded
    from briefing.resolve.provenance import resolve_content
    from briefing.resolve.validate import validate

    with _collector_tuned():
        content, diagnostics = load_content(root)
        if content is None:
            return Checked(None, sort_diagnostics(diagnostics))
        documents, found = load_documents(root, content.sources, content.briefing.language)
        diagnostics += found
        content, found = resolve_content(content, documents)
        diagnostics += found
        links = cited_by(content, documents)
        cov = coverage(documents, links, superseded(content))
        diagnostics += validate(root, content, documents, cov)
        return Checked(Model(content, documents), sort_diagnostics(diagnostics), links, cov)


def build(settings: Settings, progress: Progress | None = None) -> BuildResult:
    """Check, make every file, publish; skip all of it when nothing changed since the last good build.

    ``progress`` is told each phase as it starts (for a terminal). Never raises for a user's problem:
    those are in ``diagnostics``, and ``ok`` is False.
    """
    started = time.perf_counter()
    pinned = source_date_epoch()
    built = pinned or datetime.now(tz=UTC)  # read once: every page and the PDF carry the same time
    stamp = buildcache.inputs_stamp(settings)
    key = buildcache.inputs_key(settings, built, pinned is not None)
    same = buildcache.replay(settings, key)
    replayed = _replayed(same, time.perf_counter() - started) if same is not None else None
    if replayed is not None:
        return replayed
    with _collector_tuned():
        result = _build(settings, built, progress or _quiet, started)
    # Recorded only if the build read what the key hashed: no input written while it ran (an edit saved
    # during the build, even undone since, changes ctimes), so a skip never keeps a site of other inputs.
    if not result.ok:
        return result  # the site is as it was: so is its manifest
    unchanged = buildcache.inputs_stamp(settings) == stamp
    if unchanged and buildcache.inputs_key(settings, built, pinned is not None) == key:
        buildcache.record(settings, key, dict(result.digests), _report_json(result))
    else:
        buildcache.forget(settings)
    return result


def _build(settings: Settings, built: datetime, tell: Progress, started: float) -> BuildResult:
    from briefing.publish.output import build_lock, staged

    clock = _Clock()
    tell("checking content and sources")
    checked = check(settings.root)
    clock.lap("check")
    if checked.model is None or checked.failed(settings.strict):
        return BuildResult(False, tuple(checked.diagnostics), checked.summary, checked=checked)
    try:
        # Each file is written to the staging folder as it is made (not held: peak memory), and the
        # staging folder replaces the site only when every file is made; on any error it is removed.
        with build_lock(settings.out_dir, settings.root), staged(settings.out_dir, settings.root) as out:
            made = site_files(checked.model, checked, settings, built, tell, out)
            clock.add(made.phases)
            tell(f"publishing {len(out)} files")
        clock.lap("write")
    except BriefingError as exc:
        diagnostics = tuple(sort_diagnostics([*checked.diagnostics, *exc.diagnostics]))
        return BuildResult(False, diagnostics, checked.summary, checked=checked)
    diagnostics = tuple(sort_diagnostics([*checked.diagnostics, *made.warnings]))
    digests = tuple(sorted(out.digests.items()))
    seconds = time.perf_counter() - started
    written = tuple(rel for rel, _ in digests)
    return BuildResult(True, diagnostics, checked.summary, written, digests, False, seconds, clock.phases, checked)


@dataclass(frozen=True)
class Made:
    """Every file of the site, the warnings found making them (WeasyPrint's) and the seconds per phase."""

    files: MutableMapping[str, bytes]
    warnings: tuple[Diagnostic, ...]
    phases: tuple[tuple[str, float], ...]


def site_files(
    model: Model,
    checked: Checked,
    settings: Settings,
    built: datetime,
    progress: Progress | None = None,
    out: MutableMapping[str, bytes] | None = None,
    memo: PageMemo | None = None,
) -> Made:
    """Everything the site holds, from ``checked``'s ``model``, set into ``out`` as it is made
    ({relative path: bytes}: the build's writes each file to its staging folder, publish/output.py;
    by default a dict, in memory).

    Raises BriefingError for a broken template or a PDF that could not be made.
    """
    from briefing.load.editions import EDITIONS_DIR, edition_files
    from briefing.outputs.address import site_base
    from briefing.outputs.edition_feed import feed_entries
    from briefing.outputs.export import data_json_chunks
    from briefing.outputs.site_pages import page_tasks
    from briefing.outputs.web import web_file_tasks
    from briefing.publish.output import put
    from briefing.publish.workers import make_files, workers_for
    from briefing.resolve.history import history

    files: MutableMapping[str, bytes] = {} if out is None else out
    tell = progress or _quiet
    clock = _Clock()
    data: Task = ("data.json", partial(data_json_chunks, model, checked.links, checked.coverage))
    tasks: list[Task] = [data]
    known = History()
    if edition_files(settings.root):  # the editions compare with this one's data: made first, read back
        tell("writing data.json")
        put(files, data[0], data[1]())
        known = history(settings.root, json.loads(files["data.json"]))
        tasks = []
    tell("drawing the timeline chart")
    tasks += page_tasks(model, checked.links, settings.root, built, known, memo)
    tasks += [(f"{EDITIONS_DIR}/{as_of}.json", partial(bytes, raw)) for as_of, raw in known.files.items()]
    base = site_base(model.content.briefing)
    entries, corrections = feed_entries(known, model.content, base, settings.root)
    named = [*files, *(rel for rel, _ in tasks)]
    tasks += web_file_tasks(model, checked.links, built, named, entries, corrections)
    if model.content.briefing.curation_page:  # opt-in, and not linked from the briefing
        tasks.append(("curation.html", partial(_curation_page, model, checked, settings, built)))
    clock.lap("data")
    workers = 1 if memo is not None else workers_for(settings.jobs, len(tasks))
    tell(f"making {len(tasks)} files" + (f" in {workers} processes" if workers > 1 else ""))
    make_files(tasks, files, workers, first=SLOW_FILES)
    clock.lap("pages")
    warnings: tuple[Diagnostic, ...] = ()
    if settings.pdf:  # last: the handout may use any file of the build
        tell("making the PDF handout")
        files_pdf, warnings = _handout(model, checked, settings, built, files, known)
        files.update(files_pdf)
        clock.lap("pdf")
    return Made(files, warnings, clock.phases)


def _curation_page(model: Model, checked: Checked, settings: Settings, built: datetime) -> bytes:
    from briefing.model.chronology import chronological
    from briefing.outputs.curation_page import curation_html
    from briefing.outputs.layout import plan
    from briefing.resolve.curation import curation_report

    layout = plan(model.content, chronological(model.content.events))
    return curation_html(curation_report(model, checked.links), settings.root, built, layout)


def _handout(
    model: Model,
    checked: Checked,
    settings: Settings,
    built: datetime,
    files: Mapping[str, bytes],
    known: History,
) -> tuple[dict[str, bytes], tuple[Diagnostic, ...]]:
    """The handout, and index.html again, now linking to it (its size and pages are known only now)."""
    from briefing.outputs.handout import PDF_NAME, PdfError, handout_pdf
    from briefing.outputs.render import render_index
    from briefing.outputs.views import HandoutLink

    paper = settings.paper or model.content.briefing.paper or "a4"
    found = handout_pdf(
        model, checked.links, settings.root, settings.out_dir, built, paper=paper, files=files, history=known
    )
    if found.pdf is None or has_errors(found.diagnostics, settings.strict):
        raise PdfError(*found.diagnostics)
    link = HandoutLink(PDF_NAME, len(found.pdf), found.pages)
    index = render_index(model, checked.links, settings.root, built, link, known)
    return {PDF_NAME: found.pdf, "index.html": index}, tuple(found.diagnostics)


def _quiet(_: str) -> None:
    pass


class _Clock:
    """Seconds per phase, in the order first run."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now

    def add(self, phases: tuple[tuple[str, float], ...]) -> None:
        for name, seconds in phases:
            self.laps[name] = self.laps.get(name, 0.0) + seconds
        self.last = time.perf_counter()

    @property
    def phases(self) -> tuple[tuple[str, float], ...]:
        return tuple(self.laps.items())


@contextmanager
def _collector_tuned() -> Iterator[None]:
    """Fewer full collections while a build runs; the caller's thresholds come back after.

    A build allocates millions of long-lived objects and few cycles; the default thresholds run a full
    collection over all of them again and again (15-20% of a 5,000-source check; benchmarks/).
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# -- the build manifest's report: what a skipped build shows again ------------------------------


def _report_json(result: BuildResult) -> dict[str, Any]:
    summary = result.summary
    return {
        "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
        "summary": None if summary is None else {**summary.__dict__, "facts": [list(f) for f in summary.facts]},
    }


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    where = d.location
    location = None if where is None else [where.file, where.line, where.column]
    return {"severity": d.severity.value, "code": d.code, "message": d.message, "location": location, "hint": d.hint}


def _replayed(same: buildcache.Replay, seconds: float) -> BuildResult | None:
    """The recorded build as a result, or None when the record cannot be read (then: build)."""
    try:
        diagnostics, summary = _report(same.report)
    except (KeyError, TypeError, ValueError):
        return None
    digests = tuple(sorted(same.files.items()))
    written = tuple(rel for rel, _ in digests)
    return BuildResult(True, diagnostics, summary, written, digests, skipped=True, seconds=seconds)


def _report(report: dict[str, Any]) -> tuple[tuple[Diagnostic, ...], Summary | None]:
    diagnostics = tuple(
        Diagnostic(
            Severity(d["severity"]),
            d["code"],
            d["message"],
            None if d["location"] is None else Location(*d["location"]),
            d["hint"],
        )
        for d in report["diagnostics"]
    )
    found = report["summary"]
    summary = None if found is None else Summary(**{**found, "facts": tuple(tuple(f) for f in found["facts"])})
    return diagnostics, summary
