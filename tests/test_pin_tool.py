"""`briefing pin`: unpinned sentence ids get the pin of the sentence they name, and nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.build import check
from briefing.cli import main
from briefing.resolve.pins import pin_of
from briefing.tools.pin import _in_citations, _in_prose

PINS = {"r.4": "aaaa1111", "r.5": "bbbb2222"}


def test_citations_without_quote_or_pin_get_one_on_the_next_line() -> None:
    text = (
        "- id: x\n"
        "  cite:\n"
        "    - sentence: r.4\n"  # alone: pinned
        "    - sentence: r.5\n"  # a quote pins it already
        "      quote: some words\n"
        "    - quote: other words\n"  # quote before the id
        "      sentence: r.4\n"
        "    - sentence: r.5\n"  # pinned already
        "      pin: cccc3333\n"
        "    - source: r\n"
        "      quote: whole: words\n"
        "  positions:\n"
        "    - summary: A side.\n"
        "      cite:\n"
        "        - sentence: r.5\n"  # in a part: pinned at its own indent
        "- id: y  # comments and order stay\n"
        "  cite:\n"
        "    - sentence: r.9\n"  # not a sentence of a loaded source: left alone
    )
    new, count = _in_citations(text, PINS)
    assert count == 2
    assert new == text.replace(
        "    - sentence: r.4\n    - sentence: r.5\n      quote",
        ("    - sentence: r.4\n      pin: aaaa1111\n    - sentence: r.5\n      quote"),
    ).replace("        - sentence: r.5\n", "        - sentence: r.5\n          pin: bbbb2222\n")


def test_prose_citations_get_their_pin() -> None:
    text = "A [@fact; @r.4] and [@r.5#bbbb2222], [@r.9], @r.4 outside brackets."
    new, count = _in_prose(text, PINS)
    assert (new, count) == ("A [@fact; @r.4#aaaa1111] and [@r.5#bbbb2222], [@r.9], @r.4 outside brackets.", 1)


def test_briefing_pin_makes_the_check_quiet(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = demo_project / "content" / "events.yaml"
    old = "    - source: council-report\n      quote: Engineers found corrosion in two of the bridge's 14 cables\n"
    events.write_text(events.read_text(encoding="utf-8").replace(old, "    - sentence: council-report.4\n"))
    method = demo_project / "content" / "method.md"
    method.write_text("Unpinned [@council-report.3].\n", encoding="utf-8")
    assert {d.code for d in check(demo_project).diagnostics} >= {"citation.unpinned"}
    assert main(["-C", str(demo_project), "pin"]) == 0
    out = capsys.readouterr().out
    assert "content/events.yaml: pinned 1 sentence id\n" in out and "content/method.md: pinned 1 sentence id\n" in out
    assert not [d for d in check(demo_project).diagnostics if d.code.startswith("citation.")]
    model = check(demo_project).model
    assert model is not None
    ruiz = model.documents[0].sentence("council-report.3")
    assert (
        ruiz is not None
        and method.read_text(encoding="utf-8") == f"Unpinned [@council-report.3#{pin_of(ruiz.text)}].\n"
    )
    assert main(["-C", str(demo_project), "pin"]) == 0
    assert capsys.readouterr().out == "nothing to pin\n"
