"""``briefing serve`` keeps the handout current: pages at once, the PDF after them, swapped in whole.

The handout's maker is replaced by one the test releases by hand (events, not timings), so each
step is observed in a known state: the previous PDF still served while the new one is made, a
superseded one never published, a reader never given a half-written file.
"""

from __future__ import annotations

import queue
import threading
import urllib.request
from pathlib import Path

import pytest

from briefing.build import Settings, build
from briefing.core.diagnostics import Diagnostic
from briefing.tools.live import Handout, HandoutDone, PagesBuilt
from briefing.tools.scaffold import create
from briefing.tools.serve import Server

TIMEOUT = 60.0


class GatedMaker:
    """Makes a fake PDF naming the page's title, only when the test releases it."""

    def __init__(self) -> None:
        self.started: queue.Queue[str] = queue.Queue()
        self.release: queue.Queue[None] = queue.Queue()

    def __call__(self, settings: Settings, pages: PagesBuilt) -> tuple[Handout | None, tuple[Diagnostic, ...]]:
        index = pages.files["index.html"].decode("utf-8")
        title = index.split("<title>", 1)[1].split("<", 1)[0]
        self.started.put(title)
        self.release.get(timeout=TIMEOUT)
        return Handout(b"%PDF-fake " + title.encode("utf-8") * 20_000, 3), ()

    def next_started(self) -> str:
        return self.started.get(timeout=TIMEOUT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    create(tmp_path / "p")
    return tmp_path / "p"


def _edit_title(project: Path, old: str, new: str) -> None:
    path = project / "content" / "briefing.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_previous_handout_stays_until_the_new_one_is_ready_and_a_newer_edit_supersedes(project: Path) -> None:
    maker = GatedMaker()
    done: queue.Queue[HandoutDone] = queue.Queue()
    server = Server(
        Settings(project, pdf=True), "127.0.0.1", 0, log=lambda m: None, poll=0.05, maker=maker, on_handout=done.put
    )
    site = project / "site"
    server.start()
    try:
        assert maker.next_started() == "Riverside library closure"
        assert not (site / "briefing.pdf").exists(), "no handout yet: none is made up"
        maker.release.put(None)
        first = done.get(timeout=TIMEOUT)
        assert first.published and first.generation == 1
        pdf1 = (site / "briefing.pdf").read_bytes()
        assert pdf1.startswith(b"%PDF-fake Riverside library closure")
        assert 'href="briefing.pdf"' in (site / "index.html").read_text(encoding="utf-8")

        # An edit: the pages change at once; the previous handout stays, linked, while the new one is made.
        _edit_title(project, "title: Riverside library closure", "title: Second title")
        assert maker.next_started() == "Second title"
        index = (site / "index.html").read_text(encoding="utf-8")
        assert "Second title" in index and 'href="briefing.pdf"' in index
        assert (site / "briefing.pdf").read_bytes() == pdf1

        # A newer edit while that handout is being made: it is dropped, never published.
        _edit_title(project, "title: Second title", "title: Third title")
        _wait(lambda: "Third title" in (site / "index.html").read_text(encoding="utf-8"))
        reader = _Reader(server.url + "briefing.pdf")
        maker.release.put(None)
        second = done.get(timeout=TIMEOUT)
        assert not second.published and second.generation == 2
        assert (site / "briefing.pdf").read_bytes() == pdf1
        assert maker.next_started() == "Third title"
        maker.release.put(None)
        third = done.get(timeout=TIMEOUT)
        assert third.published and third.generation == 3
        pdf3 = (site / "briefing.pdf").read_bytes()
        assert pdf3.startswith(b"%PDF-fake Third title")
        seen = reader.stop()
        assert seen and seen <= {pdf1, pdf3}, "a reader got something other than a whole handout"
        assert server.state.status.handout == 2
    finally:
        maker.release.put(None)
        server.stop()


def test_the_served_handout_and_pages_are_those_of_a_clean_build(project: Path, tmp_path: Path, pinned: None) -> None:
    """The real handout, made in the background after an edit: byte for byte what ``briefing build`` makes."""
    done: queue.Queue[HandoutDone] = queue.Queue()
    server = Server(Settings(project, pdf=True), "127.0.0.1", 0, log=lambda m: None, poll=0.05, on_handout=done.put)
    server.start()
    try:
        assert done.get(timeout=TIMEOUT).published
        _edit_title(project, "title: Riverside library closure", "title: Riverside library news")
        while not (outcome := done.get(timeout=TIMEOUT)).published:
            pass
        assert outcome.generation == 2
    finally:
        server.stop()
    served = _files(project / "site")
    result = build(Settings(project, tmp_path / "clean", pdf=True))
    assert result.ok
    clean = _files(tmp_path / "clean")
    assert served.keys() == clean.keys()
    assert [name for name in clean if served[name] != clean[name]] == []
    assert b"Riverside library news" in served["index.html"] and served["briefing.pdf"].startswith(b"%PDF")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _wait(condition: object) -> None:
    event = threading.Event()
    for _ in range(int(TIMEOUT / 0.05)):
        if condition():  # type: ignore[operator]
            return
        event.wait(0.05)
    pytest.fail("timed out")


class _Reader:
    """Fetches the handout over and over from another thread; what it got, as a set of bodies."""

    def __init__(self, url: str) -> None:
        self.url, self.seen, self.done = url, set[bytes](), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.is_set():
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    self.seen.add(response.read())
            except OSError:
                self.seen.add(b"<error>")

    def stop(self) -> set[bytes]:
        self.done.set()
        self.thread.join(TIMEOUT)
        return self.seen


def test_a_handout_left_by_briefing_build_stays_while_serve_makes_its_own(project: Path) -> None:
    """serve used to drop site/briefing.pdf at start (a --no-pdf build): uploaded then, site/ had no handout."""
    assert build(Settings(project, pdf=True)).ok
    site = project / "site"
    built_pdf = (site / "briefing.pdf").read_bytes()
    maker = GatedMaker()
    server = Server(Settings(project, pdf=True), "127.0.0.1", 0, log=lambda m: None, poll=0.05, maker=maker)
    server.start()
    try:
        maker.next_started()  # the pages are out; the new handout is being made
        assert (site / "briefing.pdf").read_bytes() == built_pdf
        assert 'href="briefing.pdf"' in (site / "index.html").read_text(encoding="utf-8")
    finally:
        maker.release.put(None)
        server.stop()
