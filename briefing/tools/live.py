"""What ``briefing serve`` builds on every change: the pages at once, the handout after them.

The pages are published as soon as they are made, carrying the handout the last
build made (and index.html linking to it), so the reader's page reloads at once
and ``site/briefing.pdf`` never goes missing. The PDF is then made in a
background thread from the same checked model and build time, and published
with the pages it was made from in one atomic swap of the whole site: a reader
gets either the previous PDF or the new one, never a half-written file. A newer
edit supersedes a PDF still being made: WeasyPrint cannot be stopped midway, so
its result is dropped, not published, and the newest pages' PDF is made next.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from briefing.build import BuildResult, Checked, Settings, check, site_files
from briefing.core.diagnostics import BriefingError, Diagnostic, has_errors, sort_diagnostics
from briefing.core.epoch import source_date_epoch
from briefing.outputs.page_memo import PageMemo


@dataclass(frozen=True)
class Handout:
    """A handout this serve session made: its bytes and page count (what the page's link says)."""

    pdf: bytes
    pages: int


@dataclass(frozen=True)
class PagesBuilt:
    """A published build of the pages, and what its handout is made from."""

    result: BuildResult
    files: dict[str, bytes]
    """The site as published (empty when the build failed)."""
    built: datetime
    """The build time every page carries; the handout made later carries the same."""


def handout_on_disk(out_dir: Path) -> Handout | None:
    """The handout a previous build left in ``out_dir``, carried until this session makes its own."""
    from pypdf import PdfReader

    try:
        pdf = (out_dir / "briefing.pdf").read_bytes()
        return Handout(pdf, len(PdfReader(io.BytesIO(pdf)).pages))
    except Exception:  # missing, unreadable or not a PDF (pypdf raises many kinds): nothing to carry
        return None


Publish = Callable[[dict[str, bytes]], None]
"""Replaces site/ with exactly these files (the caller holds the lock that orders publishing)."""


def build_pages(
    settings: Settings, carried: Handout | None, publish: Publish, memo: PageMemo | None = None
) -> PagesBuilt:
    """Check and make the site without the PDF, with ``carried`` as its handout; publish it.

    ``memo`` keeps the pages of the previous call whose inputs are unchanged (outputs/page_memo.py)."""
    started = time.perf_counter()
    built = source_date_epoch() or datetime.now(tz=UTC)
    checked = check(settings.root)
    if checked.model is None or checked.failed(settings.strict):
        return PagesBuilt(BuildResult(False, tuple(checked.diagnostics), checked.summary, checked=checked), {}, built)
    try:
        made = site_files(checked.model, checked, replace(settings, pdf=False), built, memo=memo)
        files = dict(made.files)  # in memory: serve publishes it under its own lock
        if carried is not None:
            files.update(_with_handout(checked, settings, built, files, carried))
        publish(files)
    except BriefingError as exc:
        diagnostics = tuple(sort_diagnostics([*checked.diagnostics, *exc.diagnostics]))
        return PagesBuilt(BuildResult(False, diagnostics, checked.summary, checked=checked), {}, built)
    result = BuildResult(
        True,
        tuple(checked.diagnostics),
        checked.summary,
        tuple(sorted(files)),
        seconds=time.perf_counter() - started,
        checked=checked,
    )
    return PagesBuilt(result, files, built)


def _with_handout(
    checked: Checked, settings: Settings, built: datetime, files: dict[str, bytes], handout: Handout
) -> dict[str, bytes]:
    """The handout's file and index.html again, linking to it (as build.py's handout step does)."""
    from briefing.outputs.handout import PDF_NAME
    from briefing.outputs.render import render_index
    from briefing.outputs.views import HandoutLink
    from briefing.resolve.history import history

    assert checked.model is not None
    known = history(settings.root, json.loads(files["data.json"]))
    link = HandoutLink(PDF_NAME, len(handout.pdf), handout.pages)
    index = render_index(checked.model, checked.links, settings.root, built, link, known)
    return {PDF_NAME: handout.pdf, "index.html": index}


def make_handout(settings: Settings, pages: PagesBuilt) -> tuple[Handout | None, tuple[Diagnostic, ...]]:
    """The PDF of ``pages`` (None, with its diagnostics, when it cannot be made)."""
    from briefing.outputs.handout import handout_pdf
    from briefing.resolve.history import history

    checked = pages.result.checked
    assert checked is not None and checked.model is not None
    files = {k: v for k, v in pages.files.items() if k != "briefing.pdf"}
    known = history(settings.root, json.loads(files["data.json"]))
    paper = settings.paper or checked.model.content.briefing.paper or "a4"
    try:
        found = handout_pdf(
            checked.model, checked.links, settings.root, settings.out_dir, pages.built, paper=paper, files=files,
            history=known,
        )  # fmt: skip
    except BriefingError as exc:
        return None, tuple(exc.diagnostics)
    if found.pdf is None or has_errors(found.diagnostics, settings.strict):
        return None, tuple(found.diagnostics)
    return Handout(found.pdf, found.pages), tuple(found.diagnostics)


@dataclass(frozen=True)
class HandoutDone:
    """What became of one request for a handout."""

    generation: int
    """The page build it was made for."""
    published: bool
    """False when a newer page build superseded it, or it could not be made."""
    diagnostics: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0
    pages: int = 0
    failure: str = ""
    """An internal error's text (a bug in briefing), or ""."""


Maker = Callable[[Settings, PagesBuilt], tuple[Handout | None, tuple[Diagnostic, ...]]]


class HandoutWorker:
    """One background thread making the newest page build's handout; older requests are dropped.

    ``lock`` orders publishing with the page builds; ``current`` is the newest page build's generation,
    read under that lock, so a superseded handout is never published. ``done`` hears every outcome.
    """

    def __init__(
        self,
        settings: Settings,
        lock: threading.Lock,
        current: Callable[[], int],
        publish: Publish,
        done: Callable[[HandoutDone], None],
        maker: Maker = make_handout,
    ) -> None:
        self.settings, self.lock, self.current, self.publish, self.done = settings, lock, current, publish, done
        self.maker = maker
        self.latest: Handout | None = None
        """The last handout published: the next page builds carry it."""
        self._wake = threading.Condition()
        self._pending: tuple[int, PagesBuilt] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, daemon=True, name="briefing-handout")

    def start(self) -> None:
        self._thread.start()

    def request(self, generation: int, pages: PagesBuilt) -> None:
        """Make the handout of these pages next (replacing a request not yet started)."""
        with self._wake:
            self._pending = (generation, pages)
            self._wake.notify()

    def stop(self) -> None:
        """No handout is published after this returns; one being made is abandoned, not waited for
        (WeasyPrint cannot be stopped, and Ctrl-C should not wait for it: the thread is a daemon)."""
        with self._wake:
            self._stopped = True
            self._wake.notify()
        with self.lock:  # a publish under way ends first; none starts after (it checks _stopped under the lock)
            pass

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is None and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                assert self._pending is not None
                generation, pages = self._pending
                self._pending = None
            self.done(self._make(generation, pages))

    def _make(self, generation: int, pages: PagesBuilt) -> HandoutDone:
        started = time.perf_counter()
        try:
            handout, diagnostics = self.maker(self.settings, pages)
        except Exception as exc:  # a bug in briefing must not kill the thread: the next edit tries again
            failure = f"internal error: {type(exc).__name__}: {exc} (a bug in briefing; please report it)"
            return HandoutDone(generation, False, (), time.perf_counter() - started, failure=failure)
        published = False
        if handout is not None:
            with self.lock:
                if generation == self.current() and not self._stopped:  # else newer pages are out, or we stop
                    try:
                        self.publish({**pages.files, **_with_handout_files(self.settings, pages, handout)})
                        self.latest, published = handout, True
                    except BriefingError as exc:
                        diagnostics = (*diagnostics, *exc.diagnostics)
        pages_count = handout.pages if handout is not None else 0
        return HandoutDone(generation, published, diagnostics, time.perf_counter() - started, pages_count)


def _with_handout_files(settings: Settings, pages: PagesBuilt, handout: Handout) -> dict[str, bytes]:
    checked = pages.result.checked
    assert checked is not None
    return _with_handout(checked, settings, pages.built, pages.files, handout)
