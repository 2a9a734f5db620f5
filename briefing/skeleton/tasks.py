"""invoke tasks for this briefing: thin wrappers over the 'briefing' command."""

from __future__ import annotations

import sys

from invoke.context import Context
from invoke.tasks import task

BRIEFING = f"{sys.executable} -m briefing"


@task(help={"strict": "fail on warnings too"})
def check(c: Context, strict: bool = False) -> None:
    """Validate content and sources; print a summary."""
    c.run(f"{BRIEFING} check" + (" --strict" if strict else ""))


@task(help={"strict": "fail on warnings too", "no_pdf": "skip the PDF handout"})
def build(c: Context, strict: bool = False, no_pdf: bool = False) -> None:
    """Check the content and write site/."""
    c.run(f"{BRIEFING} build" + (" --strict" if strict else "") + (" --no-pdf" if no_pdf else ""))


@task(help={"port": "port to serve on (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Build, serve site/ on 127.0.0.1 and rebuild when a file changes."""
    c.run(f"{BRIEFING} serve --port {port}", pty=False)


@task
def report(c: Context) -> None:
    """Print the curation report."""
    c.run(f"{BRIEFING} check --report")


@task
def schema(c: Context) -> None:
    """Regenerate schemas/ (JSON Schemas for editors)."""
    c.run(f"{BRIEFING} schema")
