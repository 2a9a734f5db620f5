"""Every field, diagnostic code, command, option and invoke task is documented in docs/."""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO
from invoke import Task

from briefing.cli import _parser
from briefing.load.content import BRIEFING_FILE, LIST_FILES
from briefing.load.convert import Converter
from briefing.load.schema import BRIEFING, CITATION, POSITION, Schema
from briefing.load.yamlfile import load_yaml
from briefing.tools.docgen import END, START, example_file, update

DOCS = REPO / "docs"
# A call that makes a diagnostic with a literal code, possibly over several lines.
CODE_CALL = re.compile(r"\b(?:error|warning|note|problem|refuse)\(\s*(?:[\w.]+,\s*)?\"([a-z]+\.[a-z][a-z0-9-]*)\"")
CODE_LITERAL = re.compile(r"\"([a-z]+\.[a-z][a-z0-9-]*)\"")
FILE_SUFFIXES = ("html", "json", "yaml", "yml", "md", "css", "txt", "pdf", "svg", "png", "py", "lock")


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The lines under a heading, up to the next heading of the same or a higher level (not in code)."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.split("\n")
    start = lines.index(heading)
    fenced = False
    for i in range(start + 1, len(lines)):
        fenced ^= lines[i].startswith("```")
        if not fenced and re.match(rf"#{{1,{level}}} ", lines[i]):
            return "\n".join(lines[start:i])
    return "\n".join(lines[start:])


def used_codes() -> set[str]:
    """Codes in briefing/*.py: literal first arguments of error()/warning()/note()/problem()/refuse(),
    and other code-like literals of the same families (codes chosen by a conditional)."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((REPO / "briefing").rglob("*.py"))]
    codes = {m for text in sources for m in CODE_CALL.findall(text)}
    families = {c.split(".")[0] for c in codes}
    for text in sources:
        for literal in CODE_LITERAL.findall(text):
            family, _, rest = literal.partition(".")
            if family in families and rest not in FILE_SUFFIXES:
                codes.add(literal)
    return codes


# -- content.md -----------------------------------------------------------------------------


def test_content_reference_is_up_to_date() -> None:
    text = read("content.md")
    assert START in text and END in text
    assert update(text) == text, "docs/content.md is stale: run 'invoke docs'"


def _tables() -> list[tuple[str, Schema]]:
    files = [
        (f"### content/{name}", BRIEFING if name == BRIEFING_FILE else LIST_FILES[name][0])
        for name in [BRIEFING_FILE, *LIST_FILES]
    ]
    return [*files, ("### Citation", CITATION), ("### Position", POSITION)]


@pytest.mark.parametrize(("heading", "schema"), _tables(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_field_is_documented_with_an_example(heading: str, schema: Schema) -> None:
    text = section(read("content.md"), heading)
    for f in schema.fields:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{f.name}` |")), None)
        assert row is not None, f"{heading}: field '{f.name}' is not documented"
        assert f.doc.replace("|", "\\|") in row
        assert f.example is None or f"`{f.name}: " in row, f"{heading}: '{f.name}' has no example"
    if heading.startswith("### content/"):
        assert "```yaml" in text, f"{heading}: no full example"


@pytest.mark.parametrize("name", [BRIEFING_FILE, *LIST_FILES])
def test_full_examples_pass_the_schema(name: str) -> None:
    """The 'every field set' examples are valid content, as far as the schema can tell."""
    doc, diagnostics = load_yaml(example_file(name), f"content/{name}")
    assert doc is not None and diagnostics == []
    converter = Converter(doc)
    schema = BRIEFING if name == BRIEFING_FILE else LIST_FILES[name][0]
    entries = [((), doc.data)] if name == BRIEFING_FILE else [((i,), d) for i, d in enumerate(doc.data)]
    for path, data in entries:
        assert converter.mapping(data, path, schema).ok
    assert converter.diagnostics == []


# -- diagnostics.md ---------------------------------------------------------------------------


def test_code_scanner_finds_codes() -> None:
    codes = used_codes()
    assert {"citation.not-found", "schema.bad-date", "yaml.alias", "source.changed"} <= codes
    assert not any(c.endswith((".html", ".json")) for c in codes)


@pytest.mark.parametrize("code", sorted(used_codes()))
def test_every_code_is_documented_with_an_example_and_a_fix(code: str) -> None:
    text = read("diagnostics.md")
    heading = f"### `{code}`"
    assert heading + "\n" in text, f"diagnostic code '{code}' is not documented in docs/diagnostics.md"
    body = section(text, heading)
    example = re.search(r"```\n(.*?)```", body, re.DOTALL)
    assert example is not None and f"[{code}]" in example.group(1), f"{code}: no example output"
    assert "**Fix:**" in body, f"{code}: no fix"


def test_no_documented_code_is_stale() -> None:
    documented = set(re.findall(r"^### `([a-z]+\.[a-z0-9-]+)`$", read("diagnostics.md"), re.MULTILINE))
    assert documented - used_codes() == set()


# -- cli.md -----------------------------------------------------------------------------------


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_global_options_are_documented() -> None:
    text = section(read("cli.md"), "## Global options")
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        for option in action.option_strings:
            assert f"`{option}" in text, f"global option {option} is not documented"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_option_is_documented(command: str) -> None:
    text = section(read("cli.md"), f"## briefing {command}")
    for action in _commands()[command]._actions:
        if "-h" in action.option_strings:
            continue
        if action.option_strings:
            for option in action.option_strings:
                assert f"`{option}" in text, f"briefing {command} {option} is not documented"
        else:
            assert (action.metavar or action.dest).upper() in text, f"briefing {command}: {action.dest} undocumented"


def _tasks(path: Path) -> dict[str, Task]:
    spec = importlib.util.spec_from_file_location(f"tasks_{abs(hash(path))}", path)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {(t.name or name).replace("_", "-"): t for name, t in vars(module).items() if isinstance(t, Task)}


@pytest.mark.parametrize(
    ("tasks_file", "heading"),
    [
        (REPO / "tasks.py", "## invoke tasks in the briefing repository"),
        (REPO / "briefing" / "skeleton" / "tasks.py", "## invoke tasks in a project made by `briefing new`"),
    ],
    ids=["repository", "skeleton"],
)
def test_every_invoke_task_and_option_is_documented(tasks_file: Path, heading: str) -> None:
    text = section(read("cli.md"), heading)
    tasks = _tasks(tasks_file)
    assert tasks
    for name, task in tasks.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `invoke {name}")), None)
        assert row is not None, f"invoke {name} is not documented under '{heading}'"
        for arg in task.get_arguments():
            flags = [f"-{n}" if len(n) == 1 else f"--{n}" for n in arg.names]
            assert any(flag in row for flag in flags), f"invoke {name}: option {flags} undocumented"


# -- authoring.md and links -------------------------------------------------------------------


def test_authoring_guide_uses_real_commands() -> None:
    commands = set(_commands())
    used = set(re.findall(r"^briefing (?:-C \S+ )?([a-z]+)", read("authoring.md"), re.MULTILINE))
    assert used, "the guide shows no command"
    assert used <= commands, used - commands


LINKED_DOCS = ("authoring.md", "content.md", "diagnostics.md", "cli.md", "api.md", "architecture.md")


@pytest.mark.parametrize("name", LINKED_DOCS)
def test_relative_links_resolve(name: str) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", read(name)):
        assert (DOCS / target).exists(), f"{name} links to missing {target}"
