"""Checks across the whole model: references, disputes, verbatim quotes, coverage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.core.diagnostics import Diagnostic, Location, did_you_mean, error, warning
from briefing.core.settings import SUGGESTED_DIR
from briefing.load.content import CONTENT_DIR
from briefing.load.schema import ITEM_SCHEMAS, PART_SCHEMAS, Field, Schema
from briefing.load.sources import SEEDS_DIR, seed_digest
from briefing.model.documents import Document
from briefing.model.facts import (
    PROSE_CITATION,
    Actor,
    Content,
    Dispute,
    Event,
    Origin,
    ProseCitation,
    Statement,
    prose_targets,
)
from briefing.model.kinds import FACT_KINDS, KIND, KINDS, facts, items
from briefing.resolve.attribution import check_identities, check_statements, check_wordings
from briefing.resolve.corrections import check_corrections, check_formerly
from briefing.resolve.coverage import Coverage
from briefing.resolve.events_check import check_events
from briefing.resolve.pins import check_pins
from briefing.resolve.prose_check import check_markdown
from briefing.resolve.supersedes import check_superseded_citations, check_supersedes


@dataclass(frozen=True)
class Reference:
    """One id a content item refers to, as its schema field declares (``Field.target``)."""

    ref: str
    target: str
    """The kind referred to (actor, event, statement)."""
    origin: Origin
    field: str
    index: int


def references(content: Content) -> Iterator[Reference]:
    """Every reference of every item, driven by the field table (load/schema.py) alone."""
    for kind in KINDS:
        schema = ITEM_SCHEMAS[kind.name]
        for item in items(content, kind):
            yield from _references_in(item, item.origin, schema)


def _references_in(item: object, origin: Origin, schema: Schema) -> Iterator[Reference]:
    for f in _referring(schema):
        value = getattr(item, f.name)
        if f.type in PART_SCHEMAS:
            for part in value:
                yield from _references_in(part, part.origin, PART_SCHEMAS[f.type])
        else:
            ids = value if f.type == "refs" else (value,) if value else ()
            yield from (Reference(ref, f.target, origin, f.name, i) for i, ref in enumerate(ids))


_REFERRING: dict[str, tuple[Schema, tuple[Field, ...]]] = {}


def _referring(schema: Schema) -> tuple[Field, ...]:
    """The schema's fields that hold references or parts, in order (looked at for every item: listed once)."""
    known = _REFERRING.get(schema.name)
    if known is None or known[0] is not schema:
        fields = (f for f in schema.fields if (f.target and f.type in ("ref", "refs")) or f.type in PART_SCHEMAS)
        known = _REFERRING[schema.name] = (schema, tuple(fields))
    return known[1]


def _check_ref(r: Reference, known: dict[str, str], suggested: dict[str, str]) -> Diagnostic | None:
    kind = known.get(r.ref)
    targets = r.target.split("|")  # 'actor|statement': either kind will do
    if kind in targets or kind == _EXCUSED or any(known.get(f"*{t}") == _EXCUSED for t in targets):
        return None  # the target is invalid or its file unusable, which is reported already
    where = r.origin.of(r.field, r.index)
    expected = " or ".join(targets)
    if kind is None:
        candidates = [k for k, v in known.items() if v in targets]
        files = " or ".join(f"content/{KIND[t].file}" for t in targets)
        hint = did_you_mean(r.ref, candidates) or f"declare it in {files}"
        if r.ref in suggested:  # accepted a suggested statement, not yet its suggested speaker
            hint = f"'{r.ref}' is suggested at {suggested[r.ref]}: move that item into {files} too"
        return error("reference.unknown", f"unknown {expected} '{r.ref}' in '{r.field}'", where, hint)
    return error(
        "reference.wrong-kind",
        f"'{r.ref}' in '{r.field}' is {_a(kind)}, not {_a(expected)}",
        where,
        f"'{r.field}' takes {expected} ids",
    )


_EXCUSED = "excused"


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def check_references(content: Content, root: Path | None = None) -> list[Diagnostic]:
    known = {fact.id: kind.name for kind, fact in facts(content)}
    known.update({source.id: "source" for source in content.sources if source.id not in known})
    known.update({ref: _EXCUSED for ref in content.dropped if ref not in known})
    suggested = suggested_ids(root) if root is not None else {}
    found = (_check_ref(r, known, suggested) for r in references(content))
    return [d for d in found if d is not None]


def suggested_ids(root: Path) -> dict[str, str]:
    """Ids of `briefing suggest --write`'s items, where each is written ('content/suggested/actors.yaml:12'):
    only to say where a missing id is suggested. The folder is never loaded as content."""
    found: dict[str, str] = {}
    folder = root / CONTENT_DIR / SUGGESTED_DIR
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if line.startswith("- id: "):
                found.setdefault(line[6:].strip(), f"{CONTENT_DIR}/{SUGGESTED_DIR}/{path.name}:{number}")
    return found


def check_disputes(disputes: Iterable[Dispute]) -> list[Diagnostic]:
    found = []
    for d in disputes:
        if len(d.positions) < 2:
            found.append(
                error(
                    "dispute.too-few-positions",
                    f"dispute '{d.id}' has {len(d.positions)} position(s)",
                    d.origin.of("positions"),
                    "a dispute needs at least two positions",
                )
            )
        for p in d.positions:
            if not p.statements and not p.cite:
                found.append(
                    error(
                        "dispute.unsupported-position",
                        "position has no statements or citations",
                        p.origin.item,
                        "back each position with 'statements:' or 'cite:'",
                    )
                )
    return found


def check_prose(content: Content, documents: tuple[Document, ...]) -> list[Diagnostic]:
    """Inline citations in prose and in curators' notes: each names a fact, a source or a sentence."""
    fact_ids = {fact.id for _, fact in facts(content)}
    source_ids = {s.id for s in content.sources}
    sentence_ids = {s.id for d in documents for s in d.sentences}
    unloaded = source_ids - {d.id for d in documents}
    known = fact_ids | source_ids | sentence_ids
    found = []
    for c in (*(c for prose in content.prose for c in prose.citations), *note_citations(content)):
        if c.target in known or _excused_in_prose(content, c.target):
            continue
        if c.target.rpartition(".")[0] in unloaded:
            continue  # its source failed to load; reported already
        hint = did_you_mean(c.target, known) or "cite a fact id, a source id or a sentence id (SOURCE.N)"
        found.append(
            error("reference.unknown", f"unknown fact, source or sentence '{c.target}' in citation", c.location, hint)
        )
    return found


def note_citations(content: Content) -> Iterable[ProseCitation]:
    """The inline ``[@id]`` citations in every ``notes`` field, located at the note."""
    for _, fact in facts(content):
        notes = fact.notes if isinstance(fact, (Actor, Event, Statement)) else ""
        if "[@" in notes:  # the location only where a citation can be (made for each, it was most of this)
            yield from _cited_in(notes, fact.origin.of("notes"))
    for source in content.sources:
        for index, note in enumerate(source.notes):
            if "[@" in note:
                yield from _cited_in(note, source.origin.of("notes", index))


def _cited_in(text: str, where: Location) -> Iterable[ProseCitation]:
    for match in PROSE_CITATION.finditer(text):
        for target, pin in prose_targets(match.group(1)):
            yield ProseCitation(target, where, pin)


def check_labels(content: Content) -> list[Diagnostic]:
    """Two sources with one label would make their citation markers indistinguishable."""
    seen: dict[str, str] = {}
    found = []
    for number, source in enumerate(content.sources, 1):
        label = source.marker(number)
        if label in seen:
            found.append(
                error(
                    "source.duplicate-label",
                    f"label '{label}' is already the label of source '{seen[label]}'",
                    source.origin.of("label"),
                    f"give each source its own label (default labels are S1, S2, ... in file order; this is"
                    f" source {number})",
                )
            )
        seen.setdefault(label, source.id)
    return found


def _excused_in_prose(content: Content, target: str) -> bool:
    """A prose citation of an invalid fact or source, of any of an unusable file, or of an invalid source's sentence."""
    if "." in target:
        return content.excused(target.rpartition(".")[0], "source")
    kinds = (*FACT_KINDS, KIND["source"])
    return content.excused(target, "") or any(f"*{kind.name}" in content.dropped for kind in kinds)


def check_sources(root: Path, content: Content) -> list[Diagnostic]:
    found = []
    files: dict[str, Location] = {}
    for s in content.sources:
        if s.file in files:
            found.append(
                error(
                    "source.duplicate-file",
                    f"'{s.file}' is already declared at {files[s.file]}",
                    s.origin.of("file"),
                    "declare each seed file once",
                )
            )
        files.setdefault(s.file, s.origin.of("file"))
        if s.original_file:
            files.setdefault(s.original_file, s.origin.of("original_file"))
        if s.published and s.published.start > content.briefing.as_of.end:
            found.append(
                warning(
                    "source.after-as-of",
                    f"source '{s.id}' is published after the as-of date",
                    s.origin.of("published"),
                    "nothing after the briefing's as_of date may be used",
                )
            )
    seeds = root / SEEDS_DIR
    # An invalid entry may be the one declaring a seed: the warning waits until the errors are fixed.
    for path in sorted(seeds.iterdir()) if seeds.is_dir() and not content.dropped else []:
        if path.is_file() and not path.name.startswith(".") and path.suffix == ".txt" and path.name not in files:
            pin = seed_digest(seeds, path.name) or "..."  # never through a link out of seeds/, never whole in memory
            found.append(
                warning(
                    "source.unlisted",
                    f"{SEEDS_DIR}/{path.name} is not declared in sources.yaml",
                    Location(f"{SEEDS_DIR}/{path.name}"),
                    f"declare it with 'briefing add {SEEDS_DIR}/{path.name}' (or add file: {path.name}, sha256: "
                    f"{pin} to content/sources.yaml), or remove it",
                )
            )
    return found


def check_unused_actors(content: Content) -> list[Diagnostic]:
    if content.dropped:
        return []  # an invalid entry may be what links the actor: the warning waits until it is fixed
    used = {r.ref for r in references(content) if "actor" in r.target.split("|")}
    return [
        warning(
            "actor.unused",
            f"actor '{a.id}' is not linked to any event, statement or dispute",
            a.origin.of("id"),
            "link it from an event's 'actors', a statement or a position, or remove it",
        )
        for a in content.actors
        if a.id not in used
    ]


def check_coverage(content: Content, cov: Coverage) -> list[Diagnostic]:
    target = content.briefing.coverage_target
    if cov.share + 1e-9 >= target:
        return []
    return [
        warning(
            "coverage.below-target",
            f"{cov.cited} of {cov.sentences} source sentences cited ({cov.share:.0%}), below the target "
            f"of {target:.0%}",
            content.briefing.origin.of("coverage_target"),
            "run 'briefing sentences SOURCE --uncited' to see what is left",
        )
    ]


def validate(root: Path, content: Content, documents: tuple[Document, ...], cov: Coverage) -> list[Diagnostic]:
    inline = (*(c for p in content.prose for c in p.citations), *note_citations(content))
    checks: list[list[Diagnostic]] = [
        check_references(content, root),
        check_disputes(content.disputes),
        check_statements(content, documents),
        check_wordings(content, documents),
        check_identities(content),
        check_events(content),
        check_prose(content, documents),
        check_pins(content, documents, inline),
        [d for prose in content.prose for d in check_markdown(prose)],
        check_sources(root, content),
        check_labels(content),
        check_supersedes(content),
        check_superseded_citations(content, documents, inline),
        check_corrections(content),
        check_formerly(content),
        check_unused_actors(content),
        check_coverage(content, cov),
    ]
    return [d for found in checks for d in found]
