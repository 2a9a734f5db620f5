"""Checks across the whole model: references, disputes, verbatim quotes, coverage."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.core.diagnostics import Diagnostic, Location, did_you_mean, error, warning
from briefing.load.sources import SEEDS_DIR
from briefing.model.documents import Document
from briefing.model.facts import Content, Dispute, Origin
from briefing.resolve.coverage import Coverage, facts
from briefing.resolve.prose_check import check_markdown
from briefing.resolve.provenance import normalise, normalise_quote


def _check_refs(
    ids: Iterable[str], known: dict[str, str], target: str, origin: Origin, field: str, expected: str
) -> list[Diagnostic]:
    found = []
    for i, ref in enumerate(ids):
        kind = known.get(ref)
        if kind == target or _EXCUSED in (kind, known.get(f"*{target}")):
            continue  # the target is invalid or its file unusable, which is reported already
        where = origin.of(field, i)
        if kind is None:
            candidates = [k for k, v in known.items() if v == target]
            hint = did_you_mean(ref, candidates) or f"declare it in content/{target}s.yaml"
            found.append(error("reference.unknown", f"unknown {expected} '{ref}' in '{field}'", where, hint))
        else:
            found.append(
                error(
                    "reference.wrong-kind",
                    f"'{ref}' in '{field}' is {_a(kind)}, not {_a(target)}",
                    where,
                    f"'{field}' takes {target} ids",
                )
            )
    return found


_EXCUSED = "excused"


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def check_references(content: Content) -> list[Diagnostic]:
    known = {fact.id: kind for kind, fact in facts(content)}
    known.update({ref: _EXCUSED for ref in content.dropped if ref not in known})
    found: list[Diagnostic] = []
    for actor in content.actors:
        if actor.affiliation:
            found += _check_refs([actor.affiliation], known, "actor", actor.origin, "affiliation", "actor")
    for event in content.events:
        found += _check_refs(event.actors, known, "actor", event.origin, "actors", "actor")
    for st in content.statements:
        found += _check_refs([st.speaker], known, "actor", st.origin, "speaker", "actor")
        found += _check_refs(st.reported_by, known, "actor", st.origin, "reported_by", "actor")
        found += _check_refs(st.about, known, "event", st.origin, "about", "event")
    for dispute in content.disputes:
        for p in dispute.positions:
            found += _check_refs(p.held_by, known, "actor", p.origin, "held_by", "actor")
            found += _check_refs(p.statements, known, "statement", p.origin, "statements", "statement")
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


def check_direct_quotes(content: Content, documents: tuple[Document, ...]) -> list[Diagnostic]:
    """A statement in mode 'direct' must be verbatim in one of the sources it cites."""
    by_id = {d.id: d for d in documents}
    texts: dict[str, str] = {}  # normalised on first use: only sources a direct statement cites

    def text(source: str) -> str:
        if source not in texts:
            texts[source] = normalise(by_id[source].text).text
        return texts[source]

    found = []
    for st in content.statements:
        if st.mode != "direct":
            continue
        words = normalise_quote(st.text)
        sources = {c.source for c in st.cite if c.source in by_id}
        if sources and not any(words in text(s) for s in sources):
            found.append(
                error(
                    "statement.not-verbatim",
                    "a direct statement's text is not verbatim in its sources",
                    st.origin.of("text"),
                    "copy the words exactly from the source, or set 'mode: paraphrase'",
                )
            )
    return found


def check_prose(content: Content, documents: tuple[Document, ...]) -> list[Diagnostic]:
    fact_ids = {fact.id for _, fact in facts(content)}
    sentence_ids = {s.id for d in documents for s in d.sentences}
    unloaded = {s.id for s in content.sources} - {d.id for d in documents}
    found = []
    for prose in content.prose:
        for c in prose.citations:
            if c.target in fact_ids or c.target in sentence_ids or _excused_in_prose(content, c.target):
                continue
            if c.target.rpartition(".")[0] in unloaded:
                continue  # its source failed to load; reported already
            hint = did_you_mean(c.target, fact_ids | sentence_ids) or "cite a fact id or a sentence id (SOURCE.N)"
            found.append(
                error("reference.unknown", f"unknown fact or sentence '{c.target}' in citation", c.location, hint)
            )
    return found


def _excused_in_prose(content: Content, target: str) -> bool:
    """A prose citation of an invalid fact, of any fact of an unusable file, or of an invalid source's sentence."""
    if "." in target:
        return content.excused(target.rpartition(".")[0], "source")
    kinds = ("actor", "event", "statement", "dispute")
    return content.excused(target, "") or any(f"*{kind}" in content.dropped for kind in kinds)


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
            found.append(
                warning(
                    "source.unlisted",
                    f"{SEEDS_DIR}/{path.name} is not declared in sources.yaml",
                    Location(f"{SEEDS_DIR}/{path.name}"),
                    f"add it to content/sources.yaml (file: {path.name}, sha256: {_sha256_of(path)}), or remove it",
                )
            )
    return found


def _sha256_of(path: Path) -> str:
    """The pin a curator needs to declare the file; '...' if it cannot be read."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "..."


def check_unused_actors(content: Content) -> list[Diagnostic]:
    if content.dropped:
        return []  # an invalid entry may be what links the actor: the warning waits until it is fixed
    used: set[str] = set()
    for a in content.actors:
        used.update([a.affiliation] if a.affiliation else [])
    for e in content.events:
        used.update(e.actors)
    for st in content.statements:
        used.update((st.speaker, *st.reported_by))
    for d in content.disputes:
        for p in d.positions:
            used.update(p.held_by)
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
    checks: list[Any] = [
        check_references(content),
        check_disputes(content.disputes),
        check_direct_quotes(content, documents),
        check_prose(content, documents),
        [d for prose in content.prose for d in check_markdown(prose)],
        check_sources(root, content),
        check_unused_actors(content),
        check_coverage(content, cov),
    ]
    return [d for found in checks for d in found]
