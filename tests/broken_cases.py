"""The broken-project corpus: one small mistake per case, each with its exact expected CLI output.

Every case starts from a copy of tests/demo and applies a few edits. Its expected
transcript (the command, stderr, stdout, exit status) lives in
tests/broken/<case>.expected; tests/test_diagnostics.py runs every case through the
real CLI and compares. After an intended change of wording, regenerate with
``invoke regen-broken`` and read the diff: each message must say where, what, [code]
and how to fix it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE / "demo"
EXPECTED_DIR = HERE / "broken"
REPO = HERE.parent

Edit = Callable[[Path], None]


# --- edits: small functions applied to a fresh copy of the demo project -------------------------


def replace(rel: str, old: str, new: str) -> Edit:
    """Replace the first occurrence of ``old``; fail loudly if the demo no longer has it."""

    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise AssertionError(f"{rel} no longer contains {old!r}: update the case")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def replace_bytes(rel: str, old: bytes, new: bytes) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        data = path.read_bytes()
        if old not in data:
            raise AssertionError(f"{rel} no longer contains {old!r}: update the case")
        path.write_bytes(data.replace(old, new, 1))

    return edit


def write(rel: str, data: str | bytes) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return edit


def append(rel: str, text: str) -> Edit:
    def edit(project: Path) -> None:
        with (project / rel).open("a", encoding="utf-8") as f:
            f.write(text)

    return edit


def remove(rel: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()

    return edit


def mkdir(rel: str) -> Edit:
    return lambda project: (project / rel).mkdir(parents=True)


def symlink(rel: str, target: str) -> Edit:
    return lambda project: (project / rel).symlink_to(target)


def mkfifo(rel: str) -> Edit:
    return lambda project: os.mkfifo(project / rel)


def chmod(rel: str, mode: int) -> Edit:
    return lambda project: (project / rel).chmod(mode)


def repin(seed: str) -> Edit:
    """Pin a seed's new sha256 in sources.yaml, so the case tests decoding, not pinning."""

    def edit(project: Path) -> None:
        sources = project / "content" / "sources.yaml"
        lines = sources.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            if line.strip() == f"file: {seed}":
                digest = hashlib.sha256((project / "seeds" / seed).read_bytes()).hexdigest()
                lines[i + 1] = f"  sha256: {digest}"
        sources.write_text("\n".join(lines), encoding="utf-8")

    return edit


WIRE_1252 = "Café owners said the “strike” would cost €2,000 a day.\n".encode("windows-1252")


def derived(
    name: str = "wire.txt",
    original: bytes = WIRE_1252,
    text: bytes | None = None,
    extractor: str = "decode windows-1252",
    original_pin: str | None = "",
    with_original: bool = True,
) -> Edit:
    """Add a source derived from an original in seeds/ (as 'briefing add' would), with one thing changed."""

    def edit(project: Path) -> None:
        from briefing.load.readers import reader_for

        reader = reader_for(name)
        assert reader is not None
        derived_text = text if text is not None else reader.extract(original).text.encode("utf-8")
        stem = name.rsplit(".", 1)[0]
        (project / "seeds" / name).write_bytes(original)
        (project / "seeds" / f"{stem}.utf-8.txt").write_bytes(derived_text)
        lines = [
            f"- id: {stem}",
            f"  file: {stem}.utf-8.txt",
            f"  sha256: {hashlib.sha256(derived_text).hexdigest()}",
            "  title: Derived source",
        ]
        if with_original:
            lines.append(f"  original_file: {name}")
            pin = hashlib.sha256(original).hexdigest() if original_pin == "" else original_pin
            if pin is not None:
                lines.append(f"  original_sha256: {pin}")
        lines.append(f"  extractor: {extractor}")
        with (project / "content" / "sources.yaml").open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    return edit


PAGE = (HERE / "fixtures" / "add" / "harbour-daily.html").read_bytes()

EVENT_X = """- id: extra-event
  title: An extra event
  date_text: not stated
  status: occurred
  actors: [city-council]
  cite:
    - source: council-report
      quote: {quote}
"""


def extra_event(quote: str) -> Edit:
    return append("content/events.yaml", EVENT_X.format(quote=quote))


def revised_gazette(
    supersedes: str = "gazette", source_id: str = "gazette-v2", words: str = "at least eight weeks"
) -> Edit:
    """Add a later version of the Gazette's story (the outlet revised it), with 'supersedes'."""

    def edit(project: Path) -> None:
        old = (project / "seeds" / "gazette-story.txt").read_text(encoding="utf-8")
        text = old.replace("at least six weeks", words).encode("utf-8")
        (project / "seeds" / f"{source_id}.txt").write_bytes(text)
        entry = (
            f"- id: {source_id}\n  file: {source_id}.txt\n  sha256: {hashlib.sha256(text).hexdigest()}\n"
            f"  title: Gazette story, revised\n  title_origin: curator\n  outlet: The Gazette\n"
            f"  published: 2024-02-28\n  supersedes: {supersedes}\n"
        )
        with (project / "content" / "sources.yaml").open("a", encoding="utf-8") as f:
            f.write(entry)

    return edit


CORRECTION = (
    "- date: {date}\n  said: that the bridge would close on Monday\n  now: that it closes on 4 March\n"
    "  facts: [{fact}]\n"
)


REPEATING_SEED = (
    "Ferry fares to rise\n\nFares rise by ten percent in April. The operator blamed fuel costs.\n\n"
    "A commuter group objected.\n\nFares rise by ten percent in April. The operator blamed fuel costs.\n"
)


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    """File stem of the expected transcript; says what is wrong."""
    edits: tuple[Edit, ...]
    args: tuple[str, ...] = ("check",)
    """Arguments after ``briefing -C <project>``; ``{project}`` is replaced by the project path."""
    hold_lock: bool = False
    """Hold the site lock while the case runs (another build in progress)."""
    unprivileged: bool = False
    """Permission case: run without root's right to override file permissions."""


def _nested(depth: int) -> str:
    return "- id: deep\n  title: " + "[" * depth + "x" + "]" * depth + "\n"


def _handout(body: str) -> str:
    """A minimal override of the handout template."""
    return f"<!doctype html>\n<html lang=en>\n<head><title>Handout</title></head>\n<body>\n{body}\n</body>\n</html>\n"


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


C = Case
CASES: tuple[Case, ...] = (
    # YAML syntax
    C("yaml-unclosed-quote", (replace("content/events.yaml", "title: Council", 'title: "Council'),)),
    C(
        "yaml-quote-then-words",
        (replace("content/events.yaml", "title: Council", 'title: "Council" votes'),),
    ),
    C("yaml-colon-in-value", (replace("content/events.yaml", "title: Council", "title: Closure: Council"),)),
    C("yaml-tab-indent", (replace("content/events.yaml", "  status: scheduled", "\tstatus: scheduled"),)),
    C("yaml-missing-colon", (replace("content/actors.yaml", "  kind: media", "  kind media"),)),
    C("yaml-bad-indent", (replace("content/events.yaml", "  date_text: on Tuesday", "    date_text: on Tuesday"),)),
    C("yaml-control-character", (replace("content/briefing.yaml", "Test desk", "Test\x07desk"),)),
    C("yaml-multiple-documents", (append("content/briefing.yaml", "---\ntitle: Second\n"),)),
    C("yaml-complex-key", (append("content/briefing.yaml", "? [a, b]\n: c\n"),)),
    # duplicate keys, at every depth
    C("yaml-duplicate-key-top", (append("content/briefing.yaml", "title: Another title\n"),)),
    C(
        "yaml-duplicate-key-item",
        (replace("content/events.yaml", "  status: proposed", "  status: proposed\n  status: occurred"),),
    ),
    C(
        "yaml-duplicate-key-deep",
        (
            replace(
                "content/disputes.yaml",
                "          quote: will close",
                "          source: gazette\n          quote: will close",
            ),
        ),
    ),
    # implicit typing: plain strings where the schema wants text, flagged where it wants something else
    C(
        "yaml-implicit-typing-is-text",
        (
            replace("content/actors.yaml", "name: Blue Line", "name: NO"),
            replace("content/actors.yaml", "role: ferry operator", "role: 010"),
            replace("content/events.yaml", "date_text: on Tuesday", "date_text: 1:20"),
            replace("content/events.yaml", "date_text: during the closure", "date_text: 2024-03-04"),
            replace("content/briefing.yaml", "author: Test desk", "author: yes"),
        ),
    ),
    C("yaml-implicit-typing-date-field", (replace("content/events.yaml", "date: 2024-02-27", "date: 1:20"),)),
    C(
        "yaml-implicit-typing-number-field",
        (replace("content/briefing.yaml", "coverage_target: 0.5", "coverage_target: NO"),),
    ),
    C("yaml-implicit-typing-octal-date", (replace("content/sources.yaml", "published: 2024-02-28", "published: 010"),)),
    # escapes that make what a file may not hold: check must refuse what build could not write
    C(
        "yaml-escape-lone-surrogate",
        (replace("content/briefing.yaml", "title: Harbour bridge closure", 'title: "\\uD800 Harbour bridge closure"'),),
        args=("build", "--no-pdf"),
    ),
    C(
        "yaml-escape-nul",
        (
            replace(
                "content/briefing.yaml",
                "subtitle: A demo briefing for the test suite",
                'subtitle: "A demo\\0 briefing for the test suite"',
            ),
        ),
        args=("build", "--no-pdf"),
    ),
    C(
        "yaml-escape-terminal-control",
        (replace("content/briefing.yaml", "author: Test desk", 'author: "Test\\e[31mdesk"'),),
    ),
    C("yaml-escape-bidi-control", (replace("content/actors.yaml", "name: Ana Ruiz", 'name: "Ana \\u202eziuR"'),)),
    # curated text is checked for invisible direction controls as seeds are
    C("content-bidi-control-yaml", (replace("content/events.yaml", "title: Bridge closed", "title: \u202edesolc"),)),
    C("content-bidi-control-markdown", (append("content/method.md", "\nThe council \u2067said\u2069 so.\n"),)),
    # anchors, aliases, tags
    C(
        "yaml-anchor",
        (
            replace(
                "content/actors.yaml", "- id: blue-line\n  name: Blue Line", "- id: blue-line\n  name: &n Blue Line"
            ),
        ),
    ),
    C("yaml-alias", (replace("content/actors.yaml", "  role: ferry operator", "  role: *operator"),)),
    C("yaml-alias-bomb", (write("content/briefing.yaml", _bomb()),)),
    C(
        "yaml-tag-python",
        (replace("content/briefing.yaml", "author: Test desk", 'author: !!python/object/apply:os.system ["id"]'),),
    ),
    C("yaml-tag-int", (replace("content/briefing.yaml", "coverage_target: 0.5", "coverage_target: !!float 0.5"),)),
    # size limits
    C("yaml-deep-nesting", (append("content/events.yaml", _nested(60)),)),
    C("yaml-very-deep-nesting", (append("content/events.yaml", _nested(100_000)),)),
    C("yaml-too-large", (append("content/events.yaml", "# padding\n" * 210_000),)),
    # content files
    C("content-missing-dir", (remove("content"),)),
    C("content-missing-file", (remove("content/sources.yaml"),)),
    C("content-unknown-file", (write("content/event.yaml", "- id: typo-file\n"),)),
    C("content-unreadable", (remove("content/events.yaml"), mkdir("content/events.yaml"))),
    C("content-links-outside-project", (remove("content/summary.md"), symlink("content/summary.md", "/etc/hostname"))),
    C("content-is-a-fifo", (remove("content/method.md"), mkfifo("content/method.md"))),
    C("content-not-utf8", (replace_bytes("content/actors.yaml", b"name: Ana Ruiz", b"name: Ana Ru\xedz"),)),
    # wrong types
    C("schema-briefing-is-a-list", (write("content/briefing.yaml", "- title: Harbour bridge closure\n"),)),
    C("schema-file-is-a-mapping", (write("content/disputes.yaml", "id: closure-length\nquestion: How long?\n"),)),
    C(
        "schema-text-is-a-list",
        (replace("content/events.yaml", "title: Bridge closed for repairs", "title: [Bridge, closed]"),),
    ),
    C(
        "schema-cite-is-text",
        (
            replace(
                "content/actors.yaml",
                "  cite:\n    - source: gazette\n      quote: The Gazette has learned",
                "  cite: The Gazette has learned",
            ),
        ),
    ),
    C("schema-item-is-text", (append("content/events.yaml", "- just a line of text\n"),)),
    # unknown and missing keys, bad values
    C(
        "schema-unknown-key",
        (replace("content/events.yaml", "title: Extra ferry sailings", "titel: Extra ferry sailings"),),
    ),
    C(
        "schema-unknown-key-in-citation",
        (replace("content/events.yaml", "      quote: Engineers found", "      qoute: Engineers found"),),
    ),
    C(
        "schema-unknown-key-no-match",
        (
            replace(
                "content/events.yaml",
                "      quote: Engineers found",
                "      colour: blue\n      quote: Engineers found",
            ),
        ),
    ),
    C("schema-missing-field", (replace("content/events.yaml", "  status: proposed\n", ""),)),
    C("schema-missing-id", (replace("content/events.yaml", "- id: closure-announced\n  title:", "- title:"),)),
    C("schema-empty-value", (replace("content/actors.yaml", "name: City council", 'name: ""'),)),
    C(
        "schema-empty-cite",
        (
            replace(
                "content/actors.yaml",
                "  cite:\n    - source: gazette\n      quote: The Gazette has learned",
                "  cite: []",
            ),
        ),
    ),
    C("schema-bad-id", (replace("content/events.yaml", "id: extra-sailings", "id: Extra_Sailings"),)),
    C("schema-bad-choice", (replace("content/events.yaml", "status: proposed", "status: propsed"),)),
    C("schema-bad-choice-no-match", (replace("content/actors.yaml", "kind: media", "kind: newspaper"),)),
    C("schema-bad-sha256", (replace("content/sources.yaml", "sha256: ae6ea586bb81c3b2", "sha256: ae6ea586bb81c3b"),)),
    C(
        "schema-missing-sha256",
        (replace("content/sources.yaml", "  sha256: ae6ea586bb81c3b2", "  # sha256: ae6ea586bb81c3b2"),),
    ),
    C(
        "schema-sha256-todo",
        (replace("content/sources.yaml", "sha256: ae6ea586bb81c3b2", "sha256: TODO # ae6ea586bb81c3b2"),),
    ),
    C(
        "schema-bad-label",
        (replace("content/sources.yaml", "  title_origin: curator", "  title_origin: curator\n  label: The Gazette"),),
    ),
    C(
        "source-duplicate-label",
        (replace("content/sources.yaml", "  outlet: The Gazette", "  label: S1\n  outlet: The Gazette"),),
    ),
    C("schema-bad-number", (replace("content/briefing.yaml", "coverage_target: 0.5", "coverage_target: 90%"),)),
    C("schema-bad-url", (append("content/briefing.yaml", "base_url: ftp://example.org/briefing/\n"),)),
    # dates
    C("date-impossible-day", (replace("content/events.yaml", "date: 2024-02-27", "date: 2023-02-29"),)),
    C("date-impossible-month", (replace("content/statements.yaml", "date: 2024-01", "date: 2024-13"),)),
    C(
        "date-reversed-interval",
        (replace("content/events.yaml", "date: 2024-03-04/2024-03-24", "date: 2024-03-24/2024-03-04"),),
    ),
    C("date-not-iso", (replace("content/events.yaml", "date: 2024-02-27", "date: 27 February 2024"),)),
    C("date-half-interval", (replace("content/events.yaml", "date: 2024-03-04/2024-03-24", "date: 2024-03-04/"),)),
    C("date-approximate-mark-first", (replace("content/events.yaml", "date: 2024-02-27", "date: ~2024-02-27"),)),
    C("date-uncertain-mark", (replace("content/events.yaml", "date: 2024-02-27", "date: 2024-02-27?"),)),
    C("date-open-and-approximate", (replace("content/events.yaml", "date: 2024-02-27", "date: ../2024-02-27~"),)),
    C("date-open-both-ends", (replace("content/events.yaml", "date: 2024-02-27", "date: ../.."),)),
    # citations by sentence id
    C(
        "citation-sentence-unknown",
        (
            replace(
                "content/events.yaml",
                "    - source: council-report\n      quote: Engineers found",
                "    - sentence: council-report.9\n      quote: Engineers found",
            ),
        ),
    ),
    C(
        "citation-sentence-bad-id",
        (
            replace(
                "content/events.yaml",
                "    - source: council-report\n      quote: Engineers found corrosion in two of the bridge's 14 cables",
                "    - sentence: council-report 4",
            ),
        ),
    ),
    C(
        "citation-sentence-other-source",
        (
            replace(
                "content/events.yaml",
                "      quote: Engineers found",
                "      sentence: gazette.2\n      quote: Engineers found",
            ),
        ),
    ),
    C(
        "citation-sentence-quote-elsewhere",
        (
            replace(
                "content/events.yaml",
                "    - source: council-report\n      quote: Engineers found",
                "    - sentence: council-report.3\n      quote: Engineers found",
            ),
        ),
    ),
    C(
        "citation-sentence-pin-moved",  # as if the splitter had renumbered: .3 now names the mayor's words
        (
            replace(
                "content/events.yaml",
                "    - source: council-report\n      quote: Engineers found corrosion in two of the bridge's 14 cables",
                "    - sentence: council-report.3\n      pin: bc8213c4",
            ),
        ),
    ),
    C(
        "citation-sentence-unpinned",
        (
            replace(
                "content/events.yaml",
                "    - source: council-report\n      quote: Engineers found corrosion in two of the bridge's 14 cables",
                "    - sentence: council-report.4",
            ),
        ),
    ),
    C(
        "citation-pin-without-sentence",
        (
            replace(
                "content/events.yaml",
                "      quote: Engineers found",
                "      pin: bc8213c4\n      quote: Engineers found",
            ),
        ),
    ),
    C(
        "prose-sentence-pin-moved",
        (replace("content/method.md", "[@council-report.2#30d38645]", "[@council-report.3#30d38645]"),),
    ),
    C(
        "citation-no-quote",
        (
            replace(
                "content/events.yaml", "      quote: Engineers found corrosion in two of the bridge's 14 cables\n", ""
            ),
        ),
    ),
    # headings and captions
    C("source-language-name", (append("content/sources.yaml", "  language: French\n"),)),
    C("briefing-language-country", (append("content/briefing.yaml", "language: gr\n"),)),
    C("not-content-unknown-sentence", (append("content/sources.yaml", "  not_content: [gazette.12]\n"),)),
    C("not-content-other-source", (append("content/sources.yaml", "  not_content: [council-report.1]\n"),)),
    # references and ids
    C("reference-unknown-actor", (replace("content/events.yaml", "actors: [blue-line]", "actors: [blue-lines]"),)),
    C(
        "reference-unknown-source",
        (
            replace(
                "content/actors.yaml",
                "    - source: gazette\n      quote: The Gazette",
                "    - source: gazete\n      quote: The Gazette",
            ),
        ),
    ),
    C(
        "reference-wrong-kind",
        (replace("content/statements.yaml", "speaker: unnamed-engineer", "speaker: bridge-closed"),),
    ),
    C(
        "reference-unknown-in-note",
        (replace("content/events.yaml", "[@council-report.5#738a5418]", "[@council-reprot.5#738a5418]"),),
    ),
    C("reference-unknown-in-prose", (replace("content/summary.md", "[@bridge-closed]", "[@bridge-closd]"),)),
    C(
        "reference-unknown-sentence-in-prose",
        (replace("content/method.md", "[@council-report.2#30d38645]", "[@council-report.99#30d38645]"),),
    ),
    C("id-used-twice", (replace("content/statements.yaml", "id: ruiz-safe", "id: closure-announced"),)),
    # quotes
    C(
        "quote-not-found-typo",
        (
            replace(
                "content/events.yaml",
                "quote: Engineers found corrosion in two",
                "quote: Engineers found corossion in two",
            ),
        ),
    ),
    C("quote-not-found-unrelated", (extra_event("Lorem ipsum dolor sit amet"),)),
    C("quote-ambiguous", (extra_event("said"),)),
    C("quote-empty", (extra_event('""'),)),
    C("quote-whitespace", (extra_event('"   "'),)),
    C(
        "quote-in-repeated-paragraph",
        (
            write("seeds/fares.txt", REPEATING_SEED),
            append(
                "content/sources.yaml",
                "- id: fares\n  file: fares.txt\n  sha256: "
                + hashlib.sha256(REPEATING_SEED.encode()).hexdigest()
                + "\n  title: Ferry fares to rise\n",
            ),
            replace(
                "content/actors.yaml",
                "    - source: council-report\n      quote: The ferry operator, Blue Line",
                "    - source: fares\n      quote: The operator blamed fuel costs.",
            ),
        ),
    ),
    C(
        "statement-not-verbatim",
        (replace("content/statements.yaml", "text: overdue and unavoidable", "text: overdue but unavoidable"),),
    ),
    C(
        "statement-part-not-verbatim",
        (
            replace(
                "content/statements.yaml",
                "text: The bridge is safe. There is no reason to close it.",
                'text: ["The bridge is safe.", "There is no reason to shut it."]',
            ),
        ),
    ),
    C(
        "statement-parts-not-direct",
        (
            replace(
                "content/statements.yaml",
                "text: repairs could take at least six weeks",
                "text: [repairs could take, at least six weeks]",
            ),
        ),
    ),
    C("statement-no-speaker", (replace("content/statements.yaml", "  speaker: unnamed-engineer\n", ""),)),
    C(
        "statement-speaker-and-attributed-as",
        (
            replace(
                "content/statements.yaml",
                "  speaker: unnamed-engineer\n",
                "  speaker: unnamed-engineer\n  attributed_as: an engineer who asked not to be named\n",
            ),
        ),
    ),
    # events: allegations, ongoing states, order, worded dates
    C(
        "event-alleged-without-alleged-by",
        (
            replace(
                "content/events.yaml",
                "  status: occurred\n  actors: [city-council]\n  cite:\n    - source: council-report\n"
                "      quote: Engineers",
                "  status: alleged\n  actors: [city-council]\n  cite:\n    - source: council-report\n"
                "      quote: Engineers",
            ),
        ),
    ),
    C(
        "event-alleged-by-unused",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n  status: occurred\n",
                "  date_text: on Tuesday\n  status: occurred\n  alleged_by: [city-council]\n",
            ),
        ),
    ),
    C(
        "event-alleged-by-wrong-kind",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n  status: occurred\n",
                "  date_text: on Tuesday\n  status: alleged\n  alleged_by: [bridge-closed]\n",
            ),
        ),
    ),
    C("event-ongoing-after-as-of", (replace("content/events.yaml", "status: scheduled", "status: ongoing"),)),
    C(
        "event-after-cycle",
        (
            replace(
                "content/events.yaml",
                "  date_text: not stated\n",
                "  date_text: not stated\n  after: [extra-sailings]\n",
            ),
            replace(
                "content/events.yaml",
                "  date_text: during the closure\n",
                "  date_text: during the closure\n  after: [corrosion-found]\n",
            ),
        ),
    ),
    C(
        "event-after-contradicts-date",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n",
                "  date_text: on Tuesday\n  after: [bridge-closed]\n",
            ),
        ),
    ),
    C(
        "event-after-unknown",
        (
            replace(
                "content/events.yaml",
                "  date_text: not stated\n",
                "  date_text: not stated\n  after: [extra-sailing]\n",
            ),
        ),
    ),
    C("as-of-open", (replace("content/briefing.yaml", "as_of: 2024-02-28", "as_of: ../2024-02-28"),)),
    C(
        "as-of-approximate-unexplained",
        (replace("content/briefing.yaml", "as_of: 2024-02-28", "as_of: 2024-02~"),),
        ("check", "--strict"),
    ),
    C(
        "date-text-not-found",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n",
                "  date_text:\n    - source: council-report\n      text: on Wednesday\n",
            ),
        ),
    ),
    C(
        "date-text-not-cited",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n",
                "  date_text:\n    - source: council-report\n      text: on Tuesday\n"
                "    - source: gazette\n      text: on Wednesday\n",
            ),
        ),
    ),
    C(
        "date-text-unknown-source",
        (
            replace(
                "content/events.yaml",
                "  date_text: on Tuesday\n",
                "  date_text:\n    - source: council\n      text: on Tuesday\n",
            ),
        ),
    ),
    C(
        "date-text-list-of-texts",
        (replace("content/events.yaml", "  date_text: on Tuesday\n", "  date_text: [on Tuesday, Tuesday]\n"),),
    ),
    # actors identified across sources
    C(
        "actor-same-as-without-identity",
        (replace("content/actors.yaml", "  kind: media\n", "  kind: media\n  same_as: city-council\n"),),
    ),
    C(
        "actor-identity-without-same-as",
        (replace("content/actors.yaml", "  kind: media\n", "  kind: media\n  identity: probable\n"),),
    ),
    C(
        "actor-identity-unexplained",
        (
            replace(
                "content/actors.yaml",
                "  kind: media\n",
                "  kind: media\n  same_as: city-council\n  identity: probable\n",
            ),
            replace(
                "content/actors.yaml",
                "  notes: Named only by itself, in its own report [@gazette]; no *reporter* is named.\n",
                "",
            ),
        ),
        ("check", "--strict"),
    ),
    C("actor-kind-misspelt-place", (replace("content/actors.yaml", "  kind: media\n", "  kind: palce\n"),)),
    # disputes
    C(
        "dispute-one-position",
        (
            replace(
                "content/disputes.yaml",
                "    - summary: At least six weeks.\n      held_by: [unnamed-engineer]\n"
                "      statements: [engineer-six-weeks]\n",
                "",
            ),
        ),
    ),
    C(
        "dispute-unsupported-position",
        (replace("content/disputes.yaml", "      statements: [engineer-six-weeks]\n", ""),),
    ),
    # seeds
    C("seed-changed-after-pinning", (replace("seeds/harbour-report.txt", "three weeks", "four weeks"),)),
    C("seed-missing", (remove("seeds/gazette-story.txt"),)),
    C("seed-misspelt", (replace("content/sources.yaml", "file: harbour-report.txt", "file: harbor-report.txt"),)),
    C(
        "seed-not-utf8",
        (
            write("seeds/gazette-story.txt", b"The Gazette learned \xe9 little.\n\nIt was caf\xe9 talk.\n"),
            repin("gazette-story.txt"),
        ),
    ),
    C("seed-binary", (write("seeds/gazette-story.txt", b"%PDF-1.7\n\x00\x01\x02binary"), repin("gazette-story.txt"))),
    C("seed-empty", (write("seeds/gazette-story.txt", b"\n \n"), repin("gazette-story.txt"))),
    # derived text: the original and the extraction are checked too
    C("derived-original-changed", (derived(original_pin="0" * 64),)),
    C("derived-original-unpinned", (derived(original_pin=None),)),
    C("derived-extraction-differs", (derived(text="Café owners said the strike would cost €2,000.\n".encode()),)),
    C("derived-other-extractor-version", (derived("page.html", PAGE, extractor="trafilatura 0.1.0"),)),
    C("derived-unknown-extractor", (derived(extractor="pdftotext 24.02"),)),
    C("derived-extractor-without-original", (derived(with_original=False),)),
    C("seed-path-dotdot", (replace("content/sources.yaml", "file: gazette-story.txt", "file: ../../etc/passwd"),)),
    C("seed-path-absolute", (replace("content/sources.yaml", "file: gazette-story.txt", "file: /etc/passwd"),)),
    C(
        "seed-path-symlink-out",
        (
            symlink("seeds/linked.txt", "/etc/hostname"),
            replace("content/sources.yaml", "file: gazette-story.txt", "file: linked.txt"),
        ),
    ),
    C(
        "seed-path-symlink-loop",
        (
            symlink("seeds/a.txt", "b.txt"),
            symlink("seeds/b.txt", "a.txt"),
            replace("content/sources.yaml", "file: gazette-story.txt", "file: a.txt"),
        ),
    ),
    C(
        "seed-path-nul-byte",
        (replace("content/sources.yaml", "file: gazette-story.txt", 'file: "gazette\\0story.txt"'),),
    ),
    C(
        "seed-path-too-long",
        (replace("content/sources.yaml", "file: gazette-story.txt", "file: " + "g" * 300 + ".txt"),),
    ),
    C("seed-unreadable", (chmod("seeds/gazette-story.txt", 0),), unprivileged=True),
    C(
        "seed-bidi-control",
        (
            replace("seeds/gazette-story.txt", "on Wednesday", "on \u202eyadsendeW\u202c"),
            repin("gazette-story.txt"),
            # the sentence's words changed (the file reads 'yadsendeW'): the curator re-pins its citation
            replace("content/statements.yaml", "[@gazette.3#4d0064b7]", "[@gazette.3#094a3084]"),
        ),
    ),
    C("seed-declared-twice", (replace("content/sources.yaml", "file: gazette-story.txt", "file: harbour-report.txt"),)),
    # warnings: pass without --strict, fail with it
    C("seed-stray-file-name-not-utf8", (write("seeds/caf\udce9.txt", "A stray file.\n"),), args=("build", "--no-pdf")),
    C(
        "template-stray-file-name-not-utf8",
        (write("templates/caf\udce9.html", "<p>x</p>\n"),),
        args=("build", "--no-pdf"),
    ),
    C("warning-seed-unlisted", (write("seeds/notes.txt", "A stray file.\n"),)),
    C("warning-seed-unlisted-strict", (write("seeds/notes.txt", "A stray file.\n"),), args=("check", "--strict")),
    C(
        "warning-actor-unused",
        (
            append(
                "content/actors.yaml",
                "- id: harbour-master\n  name: Harbour master\n  kind: person\n"
                "  cite:\n    - source: council-report\n      quote: drivers' union\n",
            ),
        ),
    ),
    C(
        "warning-published-after-as-of",
        (replace("content/sources.yaml", "published: 2024-02-28", "published: 2024-03-01"),),
    ),
    C(
        "warning-coverage-below-target",
        (replace("content/briefing.yaml", "coverage_target: 0.5", "coverage_target: 0.95"),),
    ),
    C(
        "warning-coverage-strict-build",
        (replace("content/briefing.yaml", "coverage_target: 0.5", "coverage_target: 0.95"),),
        args=("build", "--strict", "--no-pdf"),
    ),
    # Markdown prose: rendered inert, and said so
    C("markdown-raw-html-block", (append("content/method.md", "\n<script>alert('x')</script>\n"),)),
    C(
        "markdown-raw-html-inline",
        (append("content/method.md", "\nA <b>bold</b> claim <img src=x onerror=alert(1)>.\n"),),
    ),
    C("markdown-javascript-link", (append("content/summary.md", "- See [the council](javascript:alert(1)).\n"),)),
    C(
        "markdown-data-and-file-links",
        (append("content/method.md", "\n[one](data:text/html,<b>x</b>) and [two](file:///etc/passwd)\n"),),
    ),
    C("markdown-remote-image", (append("content/method.md", "\n![the bridge](https://example.org/bridge.png)\n"),)),
    C(
        "markdown-warnings-strict",
        (append("content/method.md", "\n<iframe src=https://example.org></iframe>\n"),),
        args=("check", "--strict"),
    ),
    # a project's own template overrides
    C(
        "template-undefined-variable",
        (write("templates/_method.html", "<section>\n<h2>Method</h2>\n<p>{{ briefing.titel }}</p>\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-syntax-error",
        (write("templates/_method.html", "<section>\n{% if %}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "locale-not-a-catalog",
        (
            append("content/briefing.yaml", "language: fr\n"),
            write("locale/fr.po", 'msgid "Key points"\nmsgstr "Points clés"\nPoints clés\n'),
        ),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-unclosed-block",
        (write("templates/_method.html", "<section>\n{% for x in briefing.keywords %}\n{{ x }}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-missing-include",
        (write("templates/_method.html", "<section>\n\n{% include 'methods.html' %}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-links-outside-project",
        (mkdir("templates"), symlink("templates/style.css", "/etc/hostname")),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-runtime-error",
        (write("templates/_method.html", "<section>\n{{ 1 / 0 }}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    # a project's templates are untrusted: they render in Jinja's immutable sandbox
    C(
        "template-sandbox-globals",
        (
            write(
                "templates/_method.html", "<section>\n{{ lipsum.__globals__['os'].popen('id').read() }}\n</section>\n"
            ),
        ),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-sandbox-builtins",
        (
            write(
                "templates/_method.html",
                "<section>\n\n{{ cycler.__init__.__globals__.__builtins__['open']('/etc/hostname').read() }}\n"
                "</section>\n",
            ),
        ),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-sandbox-mutation",
        (write("templates/_method.html", "<section>\n{% set seen = [] %}\n{{ seen.append('x') }}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-sandbox-huge-string",
        (write("templates/_method.html", "<section>\n{{ 'x' * 10 ** 12 }}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    C(
        "template-sandbox-huge-number",
        (write("templates/_method.html", "<section>\n{{ 7 ** 123456789 }}\n</section>\n"),),
        args=("build", "--no-pdf"),
    ),
    # the PDF handout: a project's own handout template may ask for nothing outside the build
    C(
        "pdf-remote-image",
        (write("templates/handout.html", _handout('<img src="https://evil.example/x.png" alt="">')),),
        args=("build",),
    ),
    C(
        "pdf-missing-file",
        (write("templates/handout.html", _handout('<img src="missing.png" alt="">')),),
        args=("build",),
    ),
    C(
        "pdf-file-outside-build",
        (write("templates/handout.html", _handout('<img src="file:///etc/passwd" alt="">')),),
        args=("build",),
    ),
    C(
        "pdf-attachment",
        (write("templates/handout.html", _handout('<a rel="attachment" href="style.css">x</a>')),),
        args=("build",),
    ),
    C(
        "pdf-css-warning-strict",
        (write("templates/handout.html", _handout("<style>p { colr: red }</style><p>x</p>")),),
        args=("build", "--strict"),
    ),
    # the output folder
    C("output-is-a-file", (write("site", "not a folder\n"),), args=("build", "--no-pdf")),
    C(
        "output-parent-is-a-file",
        (write("out", "not a folder\n"),),
        args=("build", "--no-pdf", "--out", "{project}/out/site"),
    ),
    C(
        "output-not-writable",
        (mkdir("readonly"), chmod("readonly", 0o555)),
        args=("build", "--no-pdf", "--out", "{project}/readonly/site"),
        unprivileged=True,
    ),
    C("output-locked", (), args=("build", "--no-pdf"), hold_lock=True),
    C(
        "output-folder-holds-other-files",
        (write("notes/todo.txt", "keep me\n"),),
        args=("build", "--no-pdf", "--out", "{project}/notes"),
    ),
    C("output-is-the-project", (), args=("build", "--no-pdf", "--out", "{project}")),
    C("new-not-empty", (), args=("new", "{project}")),
    C(
        "content-error-build-refused",
        (replace("content/events.yaml", "status: proposed", "status: propsed"),),
        args=("build", "--no-pdf"),
    ),
    # editions
    C("edition-not-json", (write("editions/2024-01-01.json", '{"briefing": \n'),), args=("build", "--no-pdf")),
    C("edition-not-briefing-data", (write("editions/2024-01-01.json", "[]\n"),), args=("build", "--no-pdf")),
    C(
        "formerly-in-use",
        (
            replace(
                "content/events.yaml", "- id: bridge-closed\n", "- id: bridge-closed\n  formerly: [closure-announced]\n"
            ),
        ),
    ),
    C(
        "correction-unknown-fact",
        (write("content/corrections.yaml", CORRECTION.format(date="2024-02-28", fact="bridge-closd")),),
    ),
    C(
        "correction-date-not-a-day",
        (write("content/corrections.yaml", CORRECTION.format(date="2024-02", fact="bridge-closed")),),
    ),
    # a source superseded by a later version
    C("supersedes-unknown-source", (revised_gazette("gazete"),)),
    C("supersedes-itself", (revised_gazette("gazette-v2"),)),
    C(
        "supersedes-cycle",
        (
            revised_gazette(),
            replace("content/sources.yaml", "- id: gazette\n", "- id: gazette\n  supersedes: gazette-v2\n"),
        ),
    ),
    C("superseded-twice", (revised_gazette(), revised_gazette(source_id="gazette-v3"))),
    C("citation-superseded", (revised_gazette(),), args=("check", "--strict")),
    C("citation-superseded-gone", (revised_gazette(words="weeks, perhaps"),)),
    C(
        "citation-earlier-version-not-superseded",
        (
            replace(
                "content/statements.yaml",
                '      quote: repairs could take "at least six weeks"\n',
                '      quote: repairs could take "at least six weeks"\n      earlier_version: true\n',
            ),
        ),
    ),
)


# --- running a case -------------------------------------------------------------------------------


def make_project(case: Case, parent: Path) -> Path:
    project = parent / case.name
    shutil.copytree(DEMO, project, symlinks=True)
    for edit in case.edits:
        edit(project)
    return project


def argv(case: Case, project: Path) -> list[str]:
    return ["-C", str(project), *(a.replace("{project}", str(project)) for a in case.args)]


def transcript(case: Case, project: Path, stdout: str, stderr: str, code: int) -> str:
    """What a user sees, with the temporary project path replaced by <project>."""
    shown = " ".join(argv(case, project)).replace(str(project), "<project>")
    body = (stderr + stdout).replace(str(project), "<project>")
    body = body.encode("utf-8", "backslashreplace").decode("utf-8")  # as stderr shows a name that is not UTF-8
    body = re.sub(r" in [0-9.]+ s \([^)]*\)", " in <seconds>", body)  # a build that succeeds: its timings vary
    body = re.sub(r"^built [0-9]+ files", "built <n> files", body, flags=re.MULTILINE)  # and outputs are added
    return f"$ briefing {shown}\n{body}[exit {code}]\n"


@contextlib.contextmanager
def site_lock(project: Path, held: bool) -> Iterator[None]:
    """Hold the output lock as a concurrent build would."""
    if not held:
        yield
        return
    fd = os.open(project / ".site.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


def needs_subprocess(case: Case) -> bool:
    return case.unprivileged and os.geteuid() == 0


def run_subprocess(case: Case, project: Path) -> tuple[str, str, int]:
    """Run ``python -m briefing`` in a child; without root's DAC override for permission cases."""
    command = [sys.executable, "-m", "briefing", *argv(case, project)]
    if needs_subprocess(case):
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_DEBUG": "1"}
    with site_lock(project, case.hold_lock):
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    return done.stdout, done.stderr, done.returncode


def run_in_process(case: Case, project: Path) -> tuple[str, str, int]:
    from briefing.cli import main

    out, err = io.StringIO(), io.StringIO()
    with site_lock(project, case.hold_lock), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv(case, project))
    return out.getvalue(), err.getvalue(), code


def expected_path(case: Case) -> Path:
    return EXPECTED_DIR / f"{case.name}.expected"


HEAD = re.compile(r"^(?:\S+?: )?(error|warning|note): .+ \[([a-z0-9.-]+)\]$")


def codes_of(transcript_text: str) -> list[str]:
    """The diagnostic codes a transcript shows, in order, each once."""
    found = [m.group(2) for m in map(HEAD.match, transcript_text.splitlines()) if m]
    return list(dict.fromkeys(found))


def index_text() -> str:
    """tests/broken/INDEX.md: every case, the command, the codes it shows and its exit status."""
    rows = ["# Broken-project corpus", "", "Generated by `invoke regen-broken` from tests/broken_cases.py.", ""]
    rows += ["| case | command | codes | exit |", "|---|---|---|---|"]
    for case in CASES:
        text = expected_path(case).read_text(encoding="utf-8")
        exit_line = text.rstrip().splitlines()[-1]
        command = " ".join(case.args).replace("{project}", "<project>")
        codes = ", ".join(f"`{c}`" for c in codes_of(text)) or "none: it just works"
        rows.append(f"| {case.name} | {command} | {codes} | {exit_line[6:-1]} |")
    return "\n".join(rows) + "\n"


def regenerate(work: Path) -> list[str]:
    """Rewrite every expected transcript; returns the names whose text changed."""
    baseline = Case("baseline", (), args=("build", "--no-pdf"))
    out, err, code = run_in_process(baseline, make_project(baseline, work))
    if code != 0 or err:
        raise SystemExit(f"the demo itself does not build cleanly, so no transcript would be right:\n{err}{out}")
    EXPECTED_DIR.mkdir(exist_ok=True)
    changed = []
    for case in CASES:
        project = make_project(case, work)
        run = run_subprocess if needs_subprocess(case) else run_in_process
        text = transcript(case, project, *run(case, project))
        path = expected_path(case)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"{case.name}.expected")
    index = EXPECTED_DIR / "INDEX.md"
    text = index_text()
    if not index.exists() or index.read_text(encoding="utf-8") != text:
        index.write_text(text, encoding="utf-8")
        changed.append("INDEX.md")
    names = {c.name for c in CASES}
    for stale in EXPECTED_DIR.glob("*.expected"):
        if stale.stem not in names:
            stale.unlink()
            changed.append(f"{stale.name} (removed)")
    return changed


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        for name in regenerate(Path(tmp)):
            print(f"updated tests/broken/{name}")
