"""Every broken project in tests/broken_cases.py gives exactly its expected transcript, and no traceback.

Regenerate the expected files after an intended wording change with ``invoke regen-broken``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import broken_cases as bc
import pytest
from conftest import require_tool

from briefing.cli import main

BRIEFING = Path(__file__).resolve().parent.parent / "briefing"
CODE = re.compile(r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_SUFFIXES = {"yaml", "yml", "json", "md", "txt", "html", "css", "js", "svg", "pdf", "png", "lock", "py", "j2"}
HEAD = re.compile(r"^(?:(?P<loc>\S+?): )?(?P<severity>error|warning|note): (?P<message>.+) \[(?P<code>[a-z0-9.-]+)\]$")

CASE_IDS = [c.name for c in bc.CASES]
# The subprocess runs prove the real entry point prints no traceback; one per family of problem.
SUBPROCESS_CASES = [
    "yaml-alias-bomb",
    "yaml-very-deep-nesting",
    "yaml-too-large",
    "seed-binary",
    "seed-path-symlink-loop",
    "seed-path-nul-byte",
    "output-locked",
    "content-unreadable",
]


def _expected(case: bc.Case) -> str:
    path = bc.expected_path(case)
    assert path.exists(), f"no {path.name}: run 'invoke regen-broken' and read it"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", bc.CASES, ids=CASE_IDS)
def test_case_output_in_process(case: bc.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = bc.make_project(case, tmp_path)
    if bc.needs_subprocess(case):
        require_tool("setpriv")  # util-linux: runs the CLI without root's right to ignore permissions
        out, err, code = bc.run_subprocess(case, project)
    else:
        with bc.site_lock(project, case.hold_lock):
            code = main(bc.argv(case, project))
        out, err = capsys.readouterr()
    assert bc.transcript(case, project, out, err, code) == _expected(case)


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_case_output_in_subprocess(name: str, tmp_path: Path) -> None:
    case = next(c for c in bc.CASES if c.name == name)
    project = bc.make_project(case, tmp_path)
    out, err, code = bc.run_subprocess(case, project)  # BRIEFING_DEBUG=1: a bug would show its traceback
    assert "Traceback" not in err
    assert bc.transcript(case, project, out, err, code) == _expected(case)


def test_corpus_is_large_and_named_uniquely() -> None:
    assert len(CASE_IDS) >= 50
    assert len(set(CASE_IDS)) == len(CASE_IDS)
    stored = {p.stem for p in bc.EXPECTED_DIR.glob("*.expected")}
    assert stored == set(CASE_IDS), "stale or missing expected files: run 'invoke regen-broken'"


def test_index_lists_every_case_with_its_codes() -> None:
    index = (bc.EXPECTED_DIR / "INDEX.md").read_text(encoding="utf-8")
    assert index == bc.index_text(), "tests/broken/INDEX.md is stale: run 'invoke regen-broken'"


def _transcripts() -> dict[str, str]:
    return {c.name: _expected(c) for c in bc.CASES}


def test_no_transcript_shows_an_internal_error() -> None:
    for name, text in _transcripts().items():
        assert "internal error" not in text and "Traceback" not in text, name
        assert text.rstrip().splitlines()[-1] in ("[exit 0]", "[exit 1]", "[exit 2]"), name  # 2: usage (new)


def test_every_error_and_warning_has_location_code_and_hint() -> None:
    """What a newcomer needs: where, what, [code], and what to do about it."""
    for name, text in _transcripts().items():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            head = HEAD.match(line)
            if head is None or head["severity"] == "note":
                continue
            shown = (head["loc"] or "").split(":")[0]
            assert shown and not shown.startswith("/"), (name, line)  # a project-relative place
            following = lines[i + 1 : i + 4]
            assert any(f.startswith("hint: ") for f in following), (name, line)
            hint = next(f for f in following if f.startswith("hint: "))
            assert len(hint) > len("hint: ") + 10, (name, hint)


def _codes_in_source() -> dict[str, str]:
    """Every diagnostic code briefing/ can emit.

    Codes passed directly to a call (error("x.y", ...), code="x.y") name the families; then every
    string constant of such a family counts too (a code chosen into a variable first).
    """
    trees = {path.name: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(BRIEFING.rglob("*.py"))}

    def is_code(node: ast.AST) -> bool:
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value)):
            return False
        return node.value.rsplit(".", 1)[1] not in FILE_SUFFIXES

    families = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                candidates = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "code")]
                families.update(c.value.split(".")[0] for c in candidates if is_code(c))  # type: ignore[attr-defined]
    codes: dict[str, str] = {}
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if is_code(node) and node.value.split(".")[0] in families:  # type: ignore[attr-defined]
                codes[node.value] = f"{name}:{node.lineno}"  # type: ignore[attr-defined]
    return codes


def test_code_scan_finds_the_known_codes() -> None:
    codes = _codes_in_source()
    assert {"yaml.duplicate-key", "citation.not-found", "output.locked", "source.changed"} <= set(codes)
    assert {"template.undefined", "schema.bad-sha256"} <= set(codes)  # chosen into a variable; with digits
    assert "data.json" not in codes


def test_every_diagnostic_code_has_a_case() -> None:
    emitted = {m["code"] for text in _transcripts().values() for m in map(HEAD.match, text.splitlines()) if m}
    missing = {code: where for code, where in _codes_in_source().items() if code not in emitted}
    assert not missing, f"codes with no broken-project case (add one to tests/broken_cases.py): {missing}"


def test_control_characters_never_reach_the_terminal() -> None:
    from briefing.core.diagnostics import Location, error, format_diagnostic

    d = error("x.y", "bad \x1b[31mred\x1b[0m", Location("f", 1, 3), "hint\x07")
    shown = format_diagnostic(d, lambda _file, _line: "ab\x1b[2Jc")
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.splitlines()[1:3] == ["    ab\ufffd[2Jc", "      ^"]  # one for one: the caret stays aligned


def test_bidi_controls_cannot_reorder_a_diagnostic() -> None:
    from briefing.core.diagnostics import Location, error, format_diagnostic

    d = error("x.y", "id 'a\u202eb'", Location("f", 1, 1), "hint \u2066x\u2069")
    shown = format_diagnostic(d, lambda _file, _line: "q\u202ez")
    assert not any(c in shown for c in "\u202e\u2066\u2069")
    assert "q\ufffdz" in shown


def test_yaml_control_character_is_located_at_the_character() -> None:
    from briefing.load.yamlfile import load_yaml

    _, (d,) = load_yaml("a: b\nc: d\x07e\n", "x.yaml")
    assert (d.code, d.location.line if d.location else 0, d.location.column if d.location else 0) == (
        "yaml.syntax",
        2,
        5,
    )


@pytest.mark.slow
def test_every_case_in_a_subprocess_without_traceback(tmp_path: Path) -> None:
    """The whole corpus through the real entry point with BRIEFING_DEBUG=1 (a bug would print its traceback)."""
    mismatched = []
    for case in bc.CASES:
        project = bc.make_project(case, tmp_path)
        out, err, code = bc.run_subprocess(case, project)
        assert "Traceback" not in err and code in (0, 1, 2), (case.name, err)  # 2: a usage error (briefing new)
        if bc.transcript(case, project, out, err, code) != _expected(case):
            mismatched.append(case.name)
    assert mismatched == []


def test_implicit_typing_traps_reach_the_site_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """NO, 010, 1:20, yes and an unquoted date stay the text the curator wrote (no False, 8, 80, date)."""
    import json

    case = next(c for c in bc.CASES if c.name == "yaml-implicit-typing-is-text")
    project = bc.make_project(case, tmp_path)
    assert main(["-C", str(project), "build", "--no-pdf"]) == 0
    data = json.loads((project / "site" / "data.json").read_text(encoding="utf-8"))
    actors = {a["id"]: a for a in data["actors"]}
    events = {e["id"]: e for e in data["events"]}
    assert actors["blue-line"]["name"] == "NO" and actors["blue-line"]["role"] == "010"
    assert events["closure-announced"]["date_text"] == [{"text": "1:20", "source": ""}]
    assert events["extra-sailings"]["date_text"] == [{"text": "2024-03-04", "source": ""}]
    assert data["briefing"]["author"] == "yes"
