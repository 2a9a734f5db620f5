"""A YAML syntax error where the user can fix it, with a hint in words for the common mistakes."""

from __future__ import annotations

import yaml

from briefing.core.diagnostics import Diagnostic, Location, error


def syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str = "") -> Diagnostic:
    """Locate a parse error where the user can fix it.

    A problem found at the end of the file (an unclosed quote or bracket) is
    shown where the unfinished construct started, which is what needs fixing.
    """
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if exc.context and exc.context_mark is not None:
        started = f"line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        problem = f"{problem} {exc.context} that starts at {started}"
        if "end of stream" in problem or "could not find expected ':'" in problem:
            mark = exc.context_mark  # where the unfinished construct or the colon-less key starts
    loc = Location(file, mark.line + 1, mark.column + 1) if mark is not None else Location(file, 1, 1)
    hint = _quoted_start_hint(problem, text, mark) or _syntax_hint(problem)
    return error("yaml.syntax", f"YAML syntax error: {problem}", loc, hint)


def _quoted_start_hint(problem: str, text: str, mark: yaml.Mark | None) -> str:
    """A value that starts with a quote mark and goes on after the closing one: ``title: "He said" more``.

    The parser sees a quoted value ending at its closing quote, then stray words, and calls it a
    block-end problem; the fix is quoting the whole value, not indentation.
    """
    if mark is None or "but found '<scalar>'" not in problem:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    before = line[: mark.column].rstrip()
    if not before.endswith(('"', "'")):
        return ""
    head = before.lstrip(" -")
    key, colon, _ = head.partition(": ")
    start = len(line) - len(line.lstrip(" -")) + (len(key) + 2 if colon else 0)
    value = line[start:].strip()
    if not value.startswith(('"', "'")):
        return ""
    shown = " ".join(part for part in (line[:start].strip(), "'" + value.replace("'", "''") + "'") if part)
    return (
        "the value starts with a quote mark, so it ends at the closing quote and the words after it "
        f"are stray: quote the whole value, {shown}"
    )


def _syntax_hint(problem: str) -> str:
    if "end of stream" in problem and "quoted scalar" in problem:
        return "this quote is never closed: add the closing quote mark"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "a '[' or '{' list is not closed where expected: close it, or quote items containing ':' or ','"
    if "expected <block end>" in problem:
        return "this line's indentation does not match the lines above it"
    if "mapping values are not allowed" in problem:
        return (
            "a value containing ': ' must be quoted, e.g. quote: \"He said: yes\"; "
            "if this line starts a new key, indent it like the key above"
        )
    if "found character '\\t'" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each entry needs 'key: value': add the colon after the key on this line, or close a quote above it"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return "check the quoting of this value"
    return "check indentation, colons and matching quotes around this point"
