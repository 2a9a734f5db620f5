"""The curation report: what a curator still has to look at. Pure functions over a checked project.

- sentences no fact cites, per source;
- actors never quoted (no statement has them as speaker);
- claims (events, statements, disputes) resting on a single source;
- spelling variants: capitalised names within a small edit distance across the
  sources (Anthony/Antony, Elysée/Elysee, Donbas/Donbass);
- paragraphs a source repeats word for word.

Nothing here is a diagnostic: these are leads for a human, not errors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from briefing.model.documents import Document, Sentence
from briefing.model.facts import Content, Model
from briefing.model.kinds import evidence, facts
from briefing.resolve import coverage
from briefing.resolve.name_variants import (
    edit_distance,
    fold,
    name_runs,
    strip_accents,
    variant_runs,
    words_in_one_name,
)

__all__ = ["edit_distance", "fold", "strip_accents"]  # re-exported: tests and callers use them from here

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_NAME_LENGTH = 5
"""Shorter capitalised words (The/They, Kyiv/Kiev aside) give more noise than leads."""


@dataclass(frozen=True)
class Uncited:
    source: str
    title: str
    sentences: tuple[Sentence, ...]
    countable: int
    """Sentences that count for coverage in this source."""


@dataclass(frozen=True)
class QuietActor:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class SingleSource:
    kind: str
    id: str
    source: str


@dataclass(frozen=True)
class Spelling:
    text: str
    uses: tuple[tuple[str, int], ...]
    """(source id, number of occurrences), by source order."""


@dataclass(frozen=True)
class Variants:
    spellings: tuple[Spelling, ...]
    accents_only: bool
    """True when the spellings differ only in accents (Elysée/Elysee), not in letters or case."""
    recorded_by: tuple[str, ...]
    """Ids of actors whose name or aliases already record every spelling."""


@dataclass(frozen=True)
class Repeat:
    source: str
    file: str
    line: int
    paragraph: int
    repeat_of: int


@dataclass(frozen=True)
class Report:
    title: str
    language: str
    """Of the briefing's content (BCP 47), for the page's lang attribute."""
    uncited: tuple[Uncited, ...]
    quiet_actors: tuple[QuietActor, ...]
    single_source: tuple[SingleSource, ...]
    """Events and disputes resting on one source: the claims that matter most."""
    variants: tuple[Variants, ...]
    repeats: tuple[Repeat, ...]
    single_source_statements: tuple[SingleSource, ...] = ()
    """Statements resting on one source: most are by nature one report's account, so listed apart
    (``briefing check --report --with-statements``)."""

    @property
    def uncited_total(self) -> int:
        return sum(len(u.sentences) for u in self.uncited)


def uncited(model: Model, links: dict[str, tuple[str, ...]]) -> tuple[Uncited, ...]:
    titles = {s.id: s.title for s in model.content.sources}
    return tuple(
        Uncited(doc.id, titles.get(doc.id, doc.id), coverage.uncited(doc, links), len(coverage.countable(doc)))
        for doc in model.documents
    )


def quiet_actors(content: Content) -> tuple[QuietActor, ...]:
    speakers = {a for st in content.statements for a in st.speaker}
    return tuple(QuietActor(a.id, a.name, a.kind) for a in content.actors if a.id not in speakers)


def single_source(content: Content) -> tuple[SingleSource, ...]:
    statements = {st.id: st for st in content.statements}
    result = []
    for kind, fact in facts(content):
        if not kind.claim:
            continue  # that an actor exists is not a claim; what they did or said is
        found = {c.source for c in evidence(fact, statements)}
        if len(found) == 1:
            result.append(SingleSource(kind.name, fact.id, next(iter(found))))
    return tuple(result)


def max_edits(a: str, b: str) -> int:
    shorter = min(len(a), len(b))
    return 0 if shorter < MIN_NAME_LENGTH else 1 if shorter < 9 else 2


def _inflection(a: str, b: str) -> bool:
    """Plural, possessive or demonym rather than a variant: Democrat/Democrats, Russia/Russian."""
    short, long = sorted((fold(a), fold(b)), key=len)
    if not long.startswith(short):
        return False
    tail = long[len(short) :]
    demonym = (tail == "n" and short[-1] in "ae") or (tail == "i" and short[-1] not in "aeiou")  # Israel/Israeli
    return (tail == "s" and not short.endswith("s")) or tail in ("'s", "es") or demonym


@dataclass(frozen=True)
class Capitalised:
    counts: Counter[str]
    """Every capitalised word outside headlines (title case capitalises everything), with its count."""
    inside: frozenset[str]
    """Those seen at least once inside a sentence: names, rather than ordinary words opening a sentence."""


def capitalised(doc: Document) -> Capitalised:
    counts: Counter[str] = Counter()
    inside: set[str] = set()
    for sentence in doc.sentences:
        if sentence.headline:
            continue
        for k, match in enumerate(_WORD.finditer(sentence.text)):
            word = re.sub(r"['’]s$", "", match.group())  # possessive: Putin's counts as Putin
            if word[0].isupper() and not word.isupper():
                counts[word] += 1
                if k > 0:
                    inside.add(word)
    return Capitalised(counts, frozenset(inside))


def names(doc: Document) -> Counter[str]:
    """Capitalised words of a source that appear at least once inside a sentence, not only at its start."""
    found = capitalised(doc)
    return Counter({w: n for w, n in found.counts.items() if w in found.inside})


def _deletions(word: str, k: int) -> set[str]:
    found = {word}
    for _ in range(k):
        found |= {w[:i] + w[i + 1 :] for w in found for i in range(len(w))}
    return found


def _candidate_pairs(words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs that may lie within two edits, by shared deletions (so not every pair is compared)."""
    buckets: dict[str, list[str]] = {}
    for word in words:
        # Short words only pair with their own folded form (Éric/Eric): one edit would pair They/Then.
        edits = 0 if len(word) < MIN_NAME_LENGTH else 2 if len(word) >= 9 else 1
        for key in _deletions(fold(word), edits):
            buckets.setdefault(key, []).append(word)
    seen: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        for a, b in combinations(sorted(set(bucket)), 2):
            if (a, b) not in seen:
                seen.add((a, b))
                yield a, b


def _is_variant(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    limit = max_edits(a, b)
    return limit > 0 and not _inflection(a, b) and edit_distance(fa, fb) <= limit


def _groups(pairs: list[tuple[str, str]]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def root(w: str) -> str:
        while parent.setdefault(w, w) != w:
            w = parent[w]
        return w

    for a, b in pairs:
        parent[root(b)] = root(a)
    grouped: dict[str, list[str]] = {}
    for w in sorted(parent):
        grouped.setdefault(root(w), []).append(w)
    return sorted(grouped.values())


def _recorded_by(content: Content, spellings: list[str]) -> tuple[str, ...]:
    result = []
    for actor in content.actors:
        names = (actor.name, *actor.aliases)
        words = {m.group() for text in names for m in _WORD.finditer(text)}
        # A word, or a whole name (a run such as 'Abdul Fattah al-Sisi'), written in the actor's names
        if all(s in words or any(s in text for text in names) for s in spellings):
            result.append(actor.id)
    return tuple(result)


def variants(model: Model) -> tuple[Variants, ...]:
    found = {doc.id: capitalised(doc) for doc in model.documents}
    per_source = {sid: c.counts for sid, c in found.items()}
    runs = {doc.id: name_runs(doc) for doc in model.documents}
    known_names = frozenset().union(*(c.inside for c in found.values()))
    total: Counter[str] = Counter()
    for counts in per_source.values():
        total.update(counts)
    all_runs: Counter[str] = Counter()
    for counts in runs.values():
        all_runs.update(counts)
    together = words_in_one_name(all_runs)
    # A pair needs one side that is a name somewhere; the other may open a sentence ("Heloise Durand said").
    # Two words of one name ("David Davis") are not each other's variants.
    pairs = [
        (a, b)
        for a, b in _candidate_pairs(total)
        if (a in known_names or b in known_names) and _is_variant(a, b) and frozenset((a, b)) not in together
    ]
    word_groups = _groups(pairs)
    grouped = {w: i for i, group in enumerate(word_groups) for w in group}
    run_pairs = [pair for pair in variant_runs(all_runs) if not _explained(pair, grouped)]
    result = [_variant(model, group, per_source) for group in word_groups]
    result += [_variant(model, group, runs) for group in _groups(run_pairs)]
    return tuple(result)


def _explained(pair: tuple[str, str], grouped: dict[str, int]) -> bool:
    """True when every word that differs between two runs is already a reported word variant."""
    differing = [(x, y) for x, y in zip(pair[0].split(), pair[1].split(), strict=False) if x != y]
    same_words = len(pair[0].split()) == len(pair[1].split())
    return same_words and bool(differing) and all(x in grouped and grouped.get(y) == grouped[x] for x, y in differing)


def _variant(model: Model, group: list[str], counts: dict[str, Counter[str]]) -> Variants:
    spellings = tuple(Spelling(w, tuple((sid, c[w]) for sid, c in counts.items() if c[w])) for w in group)
    accents_only = len({strip_accents(w) for w in group}) == 1
    return Variants(spellings, accents_only, _recorded_by(model.content, group))


def repeats(documents: Iterable[Document]) -> tuple[Repeat, ...]:
    return tuple(
        Repeat(doc.id, doc.file, doc.line_of(p.start), p.index, p.repeat_of)
        for doc in documents
        for p in doc.paragraphs
        if p.repeat_of is not None
    )


def curation_report(model: Model, links: dict[str, tuple[str, ...]]) -> Report:
    """The report for a project that loaded (``links``: sentence id -> ids of the facts citing it)."""
    content = model.content
    return Report(
        content.briefing.title,
        content.briefing.language,
        uncited(model, links),
        quiet_actors(content),
        tuple(f for f in single_source(content) if f.kind != "statement"),
        variants(model),
        repeats(model.documents),
        tuple(f for f in single_source(content) if f.kind == "statement"),
    )


def uses(spelling: Spelling) -> str:
    return ", ".join(f"{source} ×{n}" for source, n in spelling.uses)


def format_text(report: Report, statements: bool = False) -> str:
    """The report as plain text for the terminal, one section per kind of lead (statements resting on
    one source only when ``statements``: they bury the events and disputes that matter)."""
    out = [f"Curation report: {report.title}", ""]
    out.append(f"Uncited sentences ({report.uncited_total}):")
    for u in report.uncited:
        out.append(f"  {u.source}: {len(u.sentences)} of {u.countable} uncited")
        out.extend(f"    {s.id} {s.text}" for s in u.sentences)
    out += ["", f"Actors never quoted ({len(report.quiet_actors)}):"]
    out.extend(f"  {a.id} ({a.kind}) {a.name}" for a in report.quiet_actors)
    listed = [*report.single_source, *(report.single_source_statements if statements else ())]
    left_out = len(report.single_source_statements) if not statements else 0
    more = f"; {left_out} statements left out, --with-statements lists them" if left_out else ""
    out += ["", f"Claims resting on a single source ({len(listed)}{more}):"]
    out.extend(f"  {f.kind} {f.id}: {f.source}" for f in listed)
    out += ["", f"Spelling variants ({len(report.variants)}):"]
    for v in report.variants:
        spelled = " / ".join(f"{s.text} ({uses(s)})" for s in v.spellings)
        notes = ["accents only"] if v.accents_only else []
        notes += [f"recorded in actor {a}" for a in v.recorded_by]
        out.append(f"  {spelled}" + (f"  [{'; '.join(notes)}]" if notes else ""))
    out += ["", f"Repeated paragraphs ({len(report.repeats)}):"]
    out.extend(f"  {r.file}:{r.line}: paragraph {r.paragraph} repeats paragraph {r.repeat_of}" for r in report.repeats)
    return "\n".join(out) + "\n"
