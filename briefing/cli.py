"""Command line: parse arguments, call the package, print. No logic of its own.

Exit codes: 0 ok, 1 content errors (or warnings with --strict), 2 usage errors.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from briefing.core.diagnostics import terminal_safe
from briefing.core.settings import Settings, jobs_option
from briefing.core.version import __version__
from briefing.model.facts import PAGE_SIZES
from briefing.tools.report_text import counts_line, diagnostics_text, phases_text, plural, summary_line

# The tools' modules are imported inside the commands that use them (build.py imports the pipeline
# lazily itself), so that a build whose inputs have not changed returns before paying for Jinja or YAML.

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build source-traced briefings.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "-C",
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the project folder (default: the current folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser("check", help="validate content and sources, print a summary")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--report", action="store_true", help="also print the curation report (what is left to do)")
    p.add_argument(
        "--with-statements",
        action="store_true",
        help="in the report, also list statements resting on a single source (left out by default)",
    )

    p = commands.add_parser("sentences", help="list a source's numbered sentences, for curators")
    p.add_argument("source", help="a source id from content/sources.yaml, or one sentence's id (SOURCE.N)")
    p.add_argument("--uncited", action="store_true", help="only sentences no fact cites yet")
    p.add_argument("--yaml", action="store_true", help="print ready 'cite:' entries instead of a listing")

    commands.add_parser("pin", help="pin every sentence-id citation without a pin to the words its id names now")

    p = commands.add_parser("suggest", help="suggest actors, statements and dates from the sources, as YAML")
    p.add_argument("what", choices=("actors", "statements", "dates", "all"), help="what to suggest")
    p.add_argument("--source", default=None, metavar="ID", help="only from this source (default: every source)")
    p.add_argument("--write", action="store_true", help="write content/suggested/*.yaml instead of printing")

    p = commands.add_parser("build", help="check, then write the site (atomically)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: site/)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF handout")
    p.add_argument(
        "--paper",
        choices=sorted(PAGE_SIZES),
        default=None,
        help="paper size of the PDF handout (default: paper in briefing.yaml, else a4)",
    )
    p.add_argument(
        "--jobs", type=jobs_option, default=0, metavar="N", help="processes making the files (default: one per CPU)"
    )

    p = commands.add_parser("add", help="add source files or web addresses: copy to seeds/, declare in sources.yaml")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="text files, saved web pages (.html), PDFs, or http(s) URLs"
    )
    p.add_argument("--id", default="", help="the source's id (default: made from its title; one PATH only)")
    p.add_argument("--title", default="", help="a title of yours (default: the document's own; one PATH only)")
    p.add_argument("--label", default="", help="the source's label on pages (one PATH only)")
    p.add_argument("--encoding", default="", help="the encoding of a text file that is not UTF-8 (default: detected)")

    p = commands.add_parser("new", help="create a new briefing project with a working example")
    p.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="start from these files or URLs (as briefing add) instead of the example",
    )

    p = commands.add_parser("serve", help="build, serve the site locally, rebuild and reload on change")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--no-pdf", action="store_true", help="make no PDF handout (by default made after the pages)")
    p.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for old scripts

    p = commands.add_parser("publish", help="build --strict, then record the edition as editions/<as_of>.json")
    p.add_argument("--amend", action="store_true", help="replace an edition of the same as_of, saying what changed")
    p = commands.add_parser("diff", help="what changed between two editions (default: the last one and the content)")
    p.add_argument("sides", nargs="*", metavar="OLD NEW", help="edition files or dates, data.json files, or 'current'")
    p.add_argument("--json", action="store_true", help="print the changes as JSON, for tools")

    p = commands.add_parser("schema", help="write JSON Schemas of the content files, for editors")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: schemas/)")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from briefing.build import check, check_templates
    from briefing.resolve.curation import curation_report, format_text

    checked = check_templates(check(args.project), args.project)  # what build would refuse, check refuses
    sys.stderr.write(diagnostics_text(checked.diagnostics, args.project))
    if args.report and checked.model is not None:
        print(terminal_safe(format_text(curation_report(checked.model, checked.links), args.with_statements)))
    print(summary_line(checked.summary, checked.diagnostics))
    return EXIT_CONTENT if checked.failed(args.strict) else EXIT_OK


def cmd_sentences(args: argparse.Namespace) -> int:
    from briefing.build import check
    from briefing.tools.suggest import listing

    checked = check(args.project)
    model = checked.model
    name, one = args.source, ""  # 'report.4': that sentence only, as a suggestion cites it
    if model and model.document(name) is None and model.document(name.rpartition(".")[0]) is not None:
        name, one = name.rpartition(".")[0], name
    document = model.document(name) if model else None
    if document is None:
        if model is None or any(s.id == name for s in model.content.sources):  # why it did not load
            sys.stderr.write(diagnostics_text(checked.diagnostics, args.project))
        known = ", ".join(d.id for d in model.documents) if model else "none loaded"
        print(f"briefing: error: no loaded source '{args.source}' (sources: {known})", file=sys.stderr)
        return EXIT_USAGE if model else EXIT_CONTENT
    if one and document.sentence(one) is None:
        print(f"briefing: error: '{name}' has sentences {name}.1 to {name}.{len(document.sentences)}", file=sys.stderr)
        return EXIT_USAGE
    print(terminal_safe(listing(document, checked.links, args.uncited, args.yaml, one)), end="")
    return EXIT_OK


def cmd_pin(args: argparse.Namespace) -> int:
    from briefing.build import check
    from briefing.tools.pin import pin_project

    model = check(args.project).model
    if model is None:
        print("briefing: error: the project does not load: 'briefing check' says why", file=sys.stderr)
        return EXIT_CONTENT
    done = pin_project(args.project, {s.id: s.text for d in model.documents for s in d.sentences})
    for pinned in done:
        print(f"{pinned.file}: pinned {plural(pinned.count, 'sentence id')}")
    print("each pin is the sentence its id names now: read the ones you have not checked" if done else "nothing to pin")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from briefing.build import check
    from briefing.tools.suggest import printable, suggest, write

    checked = check(args.project)
    model = checked.model
    if model is None:
        sys.stderr.write(diagnostics_text(checked.diagnostics, args.project))
        print(
            f"briefing: error: cannot suggest until the project loads: {counts_line(checked.diagnostics)}",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    if args.source is not None and model.document(args.source) is None:
        known = ", ".join(d.id for d in model.documents) or "none loaded"
        print(f"briefing: error: no loaded source '{args.source}' (sources: {known})", file=sys.stderr)
        return EXIT_USAGE
    from briefing.core.diagnostics import summary_counts

    errors, _ = summary_counts(checked.diagnostics)
    if errors:  # suggestions need only the sources; the user should still know
        print(
            f"briefing: note: the project has {plural(errors, 'error')}; 'briefing check' lists them", file=sys.stderr
        )
    found = suggest(model, args.what, args.source)
    for note in found.notes:
        print(terminal_safe(f"briefing: note: {note}"), file=sys.stderr)
    if not args.write:
        print(terminal_safe(printable(found, args.what)), end="")
        return EXIT_OK
    try:
        written = write(args.project, found, args.what)
    except OSError as exc:
        where = Path(exc.filename).relative_to(args.project) if exc.filename else "content/suggested"
        print(f"briefing: error: cannot write suggestions to {where}: {exc.strerror}", file=sys.stderr)
        print(
            "hint: content/suggested/ must be a folder you can write to (rename a file of that name)", file=sys.stderr
        )
        return EXIT_USAGE
    for path in written:
        print(f"wrote {plural(len(found.of(_KIND_OF[path.name])), 'suggestion')} to {path}")
    if not written:
        print(f"nothing to suggest ({args.what})")
    else:
        print("next: move what you accept into content/ (the same file name) and edit it, then 'briefing check'")
    return EXIT_OK


_KIND_OF = {"actors.yaml": "actor", "statements.yaml": "statement", "events.yaml": "event"}


def cmd_build(args: argparse.Namespace) -> int:
    from briefing.build import build

    settings = Settings(args.project, args.out, args.strict, pdf=not args.no_pdf, paper=args.paper, jobs=args.jobs)
    had_handout = (settings.out_dir / "briefing.pdf").is_file()
    progress = _progress(sys.stderr)
    result = build(settings, progress)
    if progress is not None:
        sys.stderr.write("\r\x1b[K")  # the progress line gives way to the result
    sys.stderr.write(diagnostics_text(result.diagnostics, args.project))
    if not result.ok:
        print(f"build failed, site unchanged: {counts_line(result.diagnostics)}")
        return EXIT_CONTENT
    how = "unchanged, skipped" if result.skipped else phases_text(result.phases)
    summary = summary_line(result.summary, result.diagnostics)
    if result.summary is not None and result.summary.left_out:
        summary += f"; {result.summary.left_out}"
    if not settings.pdf:
        summary += f"; {no_handout(had_handout)}"
    print(f"built {len(result.written)} files in {settings.out_dir} in {result.seconds:.2f} s ({how}); {summary}")
    return EXIT_OK


def no_handout(had_handout: bool) -> str:
    """What the summary of a build without the PDF says: a site/ without its handout is never a surprise."""
    said = "no PDF handout in this build (--no-pdf)"
    if had_handout:
        # Kept, it would no longer match the pages; so it goes, and the summary says so.
        said += ": the previous briefing.pdf was removed; run 'briefing build' for a site with its handout"
    return said


def _progress(stream: TextIO) -> Callable[[str], None] | None:
    """On a terminal, one line saying what the build is doing, rewritten in place; silent in CI and pipes."""
    if not stream.isatty():
        return None

    def show(doing: str) -> None:
        stream.write(f"\r\x1b[Kbriefing: {doing}…")
        stream.flush()

    return show


def _tool(module: str) -> Callable[[argparse.Namespace], int]:
    """A command whose whole body is briefing.tools.<module>.command(args), imported when it runs."""
    return lambda args: int(importlib.import_module(f"briefing.tools.{module}").command(args))


def cmd_schema(args: argparse.Namespace) -> int:
    from briefing.tools.jsonschema_gen import SCHEMA_DIR, write_schemas

    out = args.out if args.out is not None else args.project / SCHEMA_DIR
    try:
        written = write_schemas(out)
    except OSError as exc:
        print(f"briefing: error: cannot write schemas to '{out}': {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from briefing.tools.scaffold import ScaffoldError, create

    try:
        created = create(args.dir, example=not args.sources)
    except ScaffoldError as exc:
        sys.stderr.write(diagnostics_text(exc.diagnostics, Path.cwd()))
        return EXIT_USAGE
    if args.sources:
        print(f"created {len(created.files)} files in {created.root}, without the example")
        return _add_all(created.root, args.sources)
    print(f"created {len(created.files)} files in {created.root}; next:")
    go = "" if created.root.resolve() == Path.cwd().resolve() else f"cd {created.root} && "
    print(f"  {go}briefing check && briefing serve    (or briefing build, then open site/index.html)")
    print("  the example content is invented: its README.md says how to replace it with yours")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    if len(args.paths) > 1 and (args.id or args.title or args.label):
        print("briefing: error: --id, --title and --label apply to one PATH at a time", file=sys.stderr)
        return EXIT_USAGE
    return _add_all(args.project, args.paths, args.id, args.title, args.label, args.encoding)


def _add_all(root: Path, targets: Sequence[str], *options: str) -> int:
    from briefing.tools.add import AddError, add

    failed = 0
    for target in targets:
        try:
            added = add(root, target, *options)
        except AddError as exc:
            print(terminal_safe(f"briefing: error: {exc.message}\nhint: {exc.hint}"), file=sys.stderr)
            failed += 1
            continue
        if added.skipped:
            print(terminal_safe(f"{target}: skipped, {added.skipped}"))
            continue
        if added.already:
            print(f"{target}: already added as '{added.id}' (the same bytes); nothing written")
            continue
        print(f"added '{added.id}' from {target} ({plural(added.sentences, 'sentence')}):")
        width = max(len(path) for path, _ in added.files)
        for path, what in added.files:
            print(terminal_safe(f"  {path:<{width}}  {what}"))  # a web page's title, author, date
        print(f"  language: {added.language}")
        for check in added.checks:
            print(terminal_safe(f"  check: {check}"))
    go = "" if root.resolve() == Path.cwd().resolve() else f"cd {root} && "
    print(f"next: {go}briefing check; 'briefing suggest all --write' drafts actors, statements and dates to accept")
    return EXIT_CONTENT if failed else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from briefing.tools.serve import Server, serve_until_interrupted

    settings = Settings(args.project, pdf=not args.no_pdf)
    try:
        server = Server(
            settings, args.host, args.port, log=lambda m: print(terminal_safe(m), file=sys.stderr, flush=True)
        )
    except OSError as exc:
        print(f"briefing: error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        print("hint: another program uses the port; try --port 0 for a free one", file=sys.stderr)
        return EXIT_USAGE

    def announce(url: str) -> None:
        print(f"serving {settings.out_dir} at {url} (Ctrl-C stops)", flush=True)

    serve_until_interrupted(server, started=announce)
    print("stopped")
    return EXIT_OK


COMMANDS = {
    "check": cmd_check,
    "sentences": cmd_sentences,
    "suggest": cmd_suggest,
    "pin": cmd_pin,
    "build": cmd_build,
    "schema": cmd_schema,
    "diff": _tool("editions"),
    "publish": _tool("publish"),
    "add": cmd_add,
    "new": cmd_new,
    "serve": cmd_serve,
}


def _printable_names() -> None:
    """A file or folder name need not be UTF-8 (it reaches us with \\udcXX surrogates): print it escaped
    rather than fail with exit 70 on a stream whose errors are strict (a UTF-8 locale's stdout)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _printable_names()
    args = _parser().parse_args(argv)
    if not args.project.is_dir():
        problem = "is a file, not a folder" if args.project.exists() else "does not exist"
        print(f"briefing: error: project folder '{args.project}' {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("briefing: interrupted; the site was not changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output was piped into a reader that stopped early ('| head'): not a bug
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 141
    except Exception as exc:  # a bug in briefing, not the user's mistake
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(
            f"briefing: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in briefing. Run again with BRIEFING_DEBUG=1 for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
