"""invoke tasks: thin wrappers over the package and the test tools."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Context, task

ROOT = Path(__file__).parent


@task(help={"strict": "fail on warnings too", "no_pdf": "skip the PDF handout"})
def build(c: Context, strict: bool = False, no_pdf: bool = False) -> None:
    """Check the content and write site/."""
    args = ["build"] + (["--strict"] if strict else []) + (["--no-pdf"] if no_pdf else [])
    c.run(f"{sys.executable} -m briefing {' '.join(args)}", pty=False)


@task(help={"paper": "a4 or letter (default: paper in briefing.yaml, else a4)", "strict": "fail on warnings too"})
def pdf(c: Context, paper: str = "", strict: bool = False) -> None:
    """Build the site with the PDF handout (site/briefing.pdf) and print its page count."""
    options = (f" --paper {paper}" if paper else "") + (" --strict" if strict else "")
    c.run(f"{sys.executable} -m briefing build{options}", pty=False)
    c.run(f"pdfinfo {ROOT / 'site' / 'briefing.pdf'} | grep -E '^(Pages|Page size|File size):'", warn=True)


@task(help={"strict": "fail on warnings too"})
def check(c: Context, strict: bool = False) -> None:
    """Validate content and sources; print a summary."""
    c.run(f"{sys.executable} -m briefing check" + (" --strict" if strict else ""))


@task(help={"port": "port to serve on (default 8000; 0 picks a free one)", "no_pdf": "make no PDF handout"})
def serve(c: Context, port: int = 8000, no_pdf: bool = False) -> None:
    """Build, serve site/ on 127.0.0.1, rebuild and reload the page when a file changes (the PDF follows)."""
    c.run(f"{sys.executable} -m briefing serve --port {port}" + (" --no-pdf" if no_pdf else ""), pty=False)


@task
def report(c: Context) -> None:
    """Print the curation report (uncited sentences, quiet actors, single sources, spellings)."""
    c.run(f"{sys.executable} -m briefing check --report")


@task
def schema(c: Context) -> None:
    """Regenerate schemas/ (JSON Schemas of the content files) from briefing/load/schema.py."""
    c.run(f"{sys.executable} -m briefing schema")


@task
def docs(c: Context) -> None:
    """Regenerate the field reference in docs/content.md from briefing/load/schema.py."""
    from briefing.tools.docgen import CONTENT_DOC, update

    path = ROOT / CONTENT_DOC
    path.write_text(update(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {CONTENT_DOC}")


@task
def lint(c: Context) -> None:
    """ruff and mypy."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check briefing tests tasks.py benchmarks")
    c.run(f"{sys.executable} -m mypy")


@task(help={"slow": "also run the long fuzz tests", "k": "only tests matching this expression"})
def test(c: Context, slow: bool = False, k: str = "") -> None:
    """Lint, then the whole test suite (add --slow for the long fuzz runs)."""
    lint(c)
    marker = "" if slow else "not slow"
    select = f" -k '{k}'" if k else ""
    c.run(f"{sys.executable} -m pytest -m '{marker}'{select}", pty=False)


@task(
    help={
        "n": "comma-separated source counts (default 2,100,1000,5000)",
        "quick": "N = 2 and 100, 3 runs",
        "runs": "runs per row",
        "peers": "also build the same documents with Pelican, MkDocs and Hugo (installed in benchmarks/.peers)",
    }
)
def bench(c: Context, n: str = "2,100,1000,5000", quick: bool = False, runs: int = 5, peers: bool = False) -> None:
    """Whole-process build benchmark (benchmarks/run.py): phases, wall and peak RSS per N; --peers: side by side."""
    options = f" --n {n} --runs {runs}" + (" --quick" if quick else "")
    c.run(f"{sys.executable} benchmarks/run.py{options}", pty=False)
    if peers:
        sizes = ",".join(size for size in ("2,100" if quick else n).split(",") if size != "2")
        c.run(f"{sys.executable} benchmarks/peers.py --n {sizes} --runs {3 if quick else runs}", pty=False)


@task(name="regen-broken")
def regen_broken(c: Context) -> None:
    """Rewrite tests/broken/*.expected from the CLI's output; then read the diff, one file at a time."""
    c.run(f"{sys.executable} tests/broken_cases.py", pty=False)
    c.run("git status --short tests/broken", pty=False)


@task
def golden(c: Context) -> None:
    """Regenerate tests/golden/ (the demo project's pages, normalised, and its data.json); then review the diff."""
    c.run(f"{sys.executable} -m pytest -q tests/test_golden.py", env={"BRIEFING_UPDATE_GOLDEN": "1"}, pty=False)
    c.run("git status --short tests/golden", pty=False)


@task
def clean(c: Context) -> None:
    """Remove build output and caches."""
    for name in ("site", ".pytest_cache", ".mypy_cache", ".ruff_cache", "build", "dist"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    for lock in ROOT.glob(".site*"):
        if lock.is_dir():
            shutil.rmtree(lock, ignore_errors=True)
        else:
            lock.unlink()
