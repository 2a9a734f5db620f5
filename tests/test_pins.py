"""Pins on sentence-id citations: a renumbered sentence is an error that says where the words went."""

from __future__ import annotations

from pathlib import Path

from briefing.build import check
from briefing.core.diagnostics import Diagnostic
from briefing.model.documents import Document
from briefing.outputs.markup import render_markdown
from briefing.resolve.pins import pin_of
from briefing.tools.suggest import cite_stubs

CORROSION = "Engineers found corrosion in two of the bridge's 14 cables, the council's statement said."
RUIZ = 'Mayor Ana Ruiz called the repairs "overdue and unavoidable".'


def _cite_first_event(project: Path, cite: str) -> None:
    events = project / "content" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    old = "    - source: council-report\n      quote: Engineers found corrosion in two of the bridge's 14 cables\n"
    assert old in text
    events.write_text(text.replace(old, cite), encoding="utf-8")


def _codes(project: Path) -> list[Diagnostic]:
    return [d for d in check(project).diagnostics if d.code.startswith("citation.")]


def test_pin_ignores_spacing_and_quote_styles() -> None:
    assert pin_of(RUIZ) == pin_of(RUIZ.replace('"', "\u201c", 1).replace(" ", "\n  ", 2))
    assert pin_of(RUIZ) == pin_of(RUIZ.replace("Ana", "A\u00adna"))  # a soft hyphen is invisible
    assert pin_of(RUIZ) != pin_of(CORROSION)
    assert len(pin_of(RUIZ)) == 8


def test_a_pinned_sentence_passes(demo_project: Path) -> None:
    _cite_first_event(demo_project, f"    - sentence: council-report.4\n      pin: {pin_of(CORROSION)}\n")
    assert _codes(demo_project) == []


def test_a_renumbered_sentence_is_an_error_naming_where_its_words_are(demo_project: Path) -> None:
    # As if the splitter had moved the numbers: the id now names Mayor Ruiz's sentence.
    _cite_first_event(demo_project, f"    - sentence: council-report.3\n      pin: {pin_of(CORROSION)}\n")
    (found,) = _codes(demo_project)
    assert (found.code, found.severity.value) == ("citation.pin-mismatch", "error")
    assert (found.location.file, found.location.line) == ("content/events.yaml", 7)  # the id to change
    assert "it now reads: Mayor Ana Ruiz" in found.message
    assert "now sentence council-report.4: write 'sentence: council-report.4'" in (found.hint or "")
    assert f"its pin is now {pin_of(RUIZ)}" in (found.hint or "")


def test_words_gone_from_the_source_are_said_so(demo_project: Path) -> None:
    _cite_first_event(demo_project, "    - sentence: council-report.4\n      pin: 0000abcd\n")
    (found,) = _codes(demo_project)
    assert "no sentence of 'council-report' has the pinned words" in (found.hint or "")


def test_an_unpinned_sentence_is_a_warning_with_its_pin(demo_project: Path) -> None:
    _cite_first_event(demo_project, "    - sentence: council-report.4\n")
    (found,) = _codes(demo_project)
    assert (found.code, found.severity.value) == ("citation.unpinned", "warning")
    assert f"'pin: {pin_of(CORROSION)}'" in (found.hint or "")


def test_a_quote_beside_the_sentence_is_its_pin(demo_project: Path) -> None:
    _cite_first_event(demo_project, "    - sentence: council-report.4\n      quote: Engineers found corrosion\n")
    assert _codes(demo_project) == []


def test_a_pin_needs_a_sentence_id(demo_project: Path) -> None:
    _cite_first_event(
        demo_project, f"    - source: council-report\n      quote: Engineers\n      pin: {pin_of(RUIZ)}\n"
    )
    assert [d.code for d in _codes(demo_project)] == ["citation.pin-without-sentence"]


def test_prose_sentence_citations_are_pinned_too(demo_project: Path) -> None:
    method = demo_project / "content" / "method.md"
    text = method.read_text(encoding="utf-8")
    pinned = f"[@council-report.4#{pin_of(CORROSION)}]"
    added = f"Corrosion {pinned}, the mayor [@council-report.4#{pin_of(RUIZ)}], cables [@council-report.4].\n"
    method.write_text(text + "\n" + added, encoding="utf-8")
    line = text.count("\n") + 2
    found = _codes(demo_project)
    assert [(d.code, d.location.line) for d in found] == [("citation.pin-mismatch", line), ("citation.unpinned", line)]
    assert "now sentence council-report.3: write [@council-report.3#" in (found[0].hint or "")
    assert f"[@council-report.4#{pin_of(CORROSION)}]" in (found[1].hint or "")


def test_the_pin_is_not_shown_to_readers() -> None:
    shown: list[list[str]] = []
    render_markdown("Words [@report.4#5d41402a; @fact].", lambda targets: shown.append(list(targets)) or "")  # type: ignore[func-returns-value]
    assert shown == [["report.4", "fact"]]


def test_sentence_stubs_carry_their_pins(demo_project: Path) -> None:
    model = check(demo_project).model
    assert model is not None
    document: Document = model.documents[0]
    stubs = cite_stubs(document, {"council-report.4"})
    assert stubs == f"# {CORROSION}\n- sentence: council-report.4\n  pin: {pin_of(CORROSION)}\n"
    _cite_first_event(demo_project, "    " + stubs.splitlines()[1] + "\n    " + stubs.splitlines()[2] + "\n")
    assert _codes(demo_project) == []
