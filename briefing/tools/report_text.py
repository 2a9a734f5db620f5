"""How the command line words what a check or build found: diagnostics, counts, the summary line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.build import Summary
from briefing.core.diagnostics import Diagnostic


def diagnostics_text(diagnostics: Iterable[Diagnostic], root: Path) -> str:
    from briefing.core.diagnostics import file_line_reader, format_diagnostic

    reader = file_line_reader(root)
    return "".join(f"{format_diagnostic(d, reader)}\n" for d in diagnostics)


def counts_line(diagnostics: Iterable[Diagnostic]) -> str:
    from briefing.core.diagnostics import summary_counts

    errors, warnings = summary_counts(diagnostics)
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(summary: Summary | None, diagnostics: Sequence[Diagnostic]) -> str:
    if summary is None:
        return f"check failed: {counts_line(diagnostics)}"
    counts = ", ".join(f"{n} {plural_name}" for plural_name, n in summary.facts)
    return (
        f"{summary.sources} sources ({summary.sentences} sentences), {counts}; "
        f"coverage {summary.cited}/{summary.countable} sentences ({summary.share:.0%}); {counts_line(diagnostics)}"
    )


def phases_text(phases: Sequence[tuple[str, float]]) -> str:
    """Seconds per build phase, e.g. ``check 0.21 s, pages 0.12 s, write 0.01 s``."""
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases)
