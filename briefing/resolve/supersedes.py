"""Sources that are later versions of others (``supersedes:``): the chain is sound, and every citation of an
old version that the newest one no longer bears out is listed with where it might move.

The old version stays as evidence: its citations still resolve in it; the warning tells the curator
what the outlet changed, so that the briefing does not keep saying what the source no longer says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing.core.diagnostics import Diagnostic, error, warning
from briefing.model.documents import Document
from briefing.model.facts import Citation, Content, ProseCitation, Source
from briefing.model.kinds import citations_of, facts
from briefing.resolve.pins import pin_of
from briefing.resolve.provenance import HINT_QUOTE_MAX, SourceIndex, closest_scored, normalise_quote


def check_supersedes(content: Content) -> list[Diagnostic]:
    """A source supersedes another one (unknown ids are reference.unknown), not itself, in no cycle, and
    each source is superseded by one version at most."""
    ids = {s.id for s in content.sources}
    newer: dict[str, Source] = {}
    found: list[Diagnostic] = []
    for source in content.sources:
        old = source.supersedes
        if not old or old not in ids:
            continue
        where = source.origin.of("supersedes")
        if old == source.id:
            found.append(
                error(
                    "source.supersedes-itself",
                    f"source '{source.id}' supersedes itself",
                    where,
                    "'supersedes' names the earlier version of this source (another entry, with its own file)",
                )
            )
        elif old in newer:
            first = newer[old]
            found.append(
                error(
                    "source.superseded-twice",
                    f"source '{old}' is already superseded by '{first.id}' (at {first.origin.of('supersedes')})",
                    where,
                    f"a later version supersedes the one just before it: write 'supersedes: {first.id}' if "
                    f"'{source.id}' is newer than '{first.id}'",
                )
            )
        else:
            newer[old] = source
    return found + _cycles(content, newer)


def _cycles(content: Content, newer: dict[str, Source]) -> list[Diagnostic]:
    """One error per cycle, at the first source of it in file order."""
    by_id = {s.id: s for s in content.sources}
    reported: set[str] = set()
    found: list[Diagnostic] = []
    for source in content.sources:
        chain = _chain(source.id, by_id)
        if chain is None or source.id in reported:
            continue
        reported.update(chain)
        loop = " -> ".join([*chain, chain[0]])
        found.append(
            error(
                "source.supersedes-cycle",
                f"sources supersede each other in a circle: {loop}",
                source.origin.of("supersedes"),
                "the earliest version supersedes nothing: remove 'supersedes' from it",
            )
        )
    return found


def _chain(start: str, by_id: dict[str, Source]) -> list[str] | None:
    """The ids met following 'supersedes' from ``start``, when they lead back to it; else None."""
    seen = [start]
    at = by_id[start].supersedes
    while at and at in by_id and at not in seen:
        seen.append(at)
        at = by_id[at].supersedes
    return seen if at == start and len(seen) > 1 else None


def latest_versions(content: Content) -> dict[str, str]:
    """{old source id: id of its newest version}, for sound chains only (cycles are reported elsewhere)."""
    by_id = {s.id: s for s in content.sources}
    newer = {s.supersedes: s.id for s in content.sources if s.supersedes in by_id and s.supersedes != s.id}
    found: dict[str, str] = {}
    for old in newer:
        at, seen = newer[old], {old}
        while at in newer and at not in seen:
            seen.add(at)
            at = newer[at]
        if at not in seen:
            found[old] = at
    return found


def check_superseded_citations(
    content: Content, documents: tuple[Document, ...], inline: Iterable[ProseCitation] = ()
) -> list[Diagnostic]:
    """A warning at each resolved citation of an old version whose words its newest version no longer has,
    and at each ``[@OLD.N]`` of prose and notes (``inline``) whose sentence it no longer has."""
    newest = _Newest(latest_versions(content), {d.id: d for d in documents})
    found = [d for cited in inline if (d := newest.inline(cited)) is not None]
    for citation in _citations(content):
        if citation.earlier_version and citation.source not in newest.latest and citation.source in newest.docs:
            found.append(_not_superseded(citation))
        elif not citation.earlier_version and citation.resolved:
            found += [d for d in (newest.cited(citation),) if d is not None]
    return found


class _Newest:
    """The newest version of each superseded source, indexed once for look-ups (on first use)."""

    def __init__(self, latest: dict[str, str], docs: dict[str, Document]) -> None:
        self.latest, self.docs = latest, docs
        self.indexes: dict[str, SourceIndex] = {}

    def index(self, old: str) -> SourceIndex | None:
        new = self.latest.get(old)
        if new is None or new not in self.docs:
            return None
        if new not in self.indexes:
            self.indexes[new] = SourceIndex(self.docs[new])
        return self.indexes[new]

    def cited(self, citation: Citation) -> Diagnostic | None:
        index = self.index(citation.source)
        quote = normalise_quote(citation.text)
        if index is None or index.occurrences(quote):
            return None
        return _not_in_newer(citation, quote, index.document.id, index)

    def inline(self, cited: ProseCitation) -> Diagnostic | None:
        old, _, number = cited.target.rpartition(".")
        index = self.index(old) if old in self.docs and number.isdigit() else None
        sentence = self.docs[old].sentence(cited.target) if index is not None else None
        if index is None or sentence is None:
            return None
        quote = normalise_quote(sentence.text)
        if index.occurrences(quote):
            return None
        moved = Citation(old, quote, cited.location, sentence=cited.target, text=sentence.text)
        return _not_in_newer(moved, quote, index.document.id, index, prose=True)


def _citations(content: Content) -> Iterator[Citation]:
    for _, fact in facts(content):
        yield from citations_of(fact)


def _not_superseded(citation: Citation) -> Diagnostic:
    return warning(
        "citation.not-superseded",
        f"'earlier_version' on a citation of '{citation.source}', which no later version supersedes",
        citation.location,
        f"remove 'earlier_version: true', or add the later version with 'supersedes: {citation.source}'",
    )


def _not_in_newer(citation: Citation, quote: str, new: str, index: SourceIndex, prose: bool = False) -> Diagnostic:
    old = citation.source
    keep = (
        f"to point at what was first reported on purpose, cite the whole earlier version, [@{old}]"
        if prose
        else "to keep citing what was first reported on purpose, add 'earlier_version: true' to this citation"
    )
    close = closest_scored(quote, index) if len(quote) <= HINT_QUOTE_MAX else None
    if close is None:
        hint = f"no sentence of '{new}' is close: the new version no longer says it. Remove the claim, or, {keep}"
    else:
        _, sentence_id, diff = close
        sentence = index.document.sentence(sentence_id)
        pin = pin_of(sentence.text) if sentence is not None else ""
        stub = (
            f"[@{sentence_id}#{pin}]"
            if prose
            else f"the stub below (and narrow it with 'quote:'):\n  - sentence: {sentence_id}\n    pin: {pin}\n"
        )
        hint = (
            f"the new version's closest sentence is {sentence_id}:\n{diff}\nto cite the new version, check that "
            f"the claim still holds and replace this citation with {stub}{'' if prose else 'or, '}"
            f"{'; or, ' if prose else ''}{keep}"
        )
    what = (
        f"the words of sentence {citation.sentence} are not in '{new}', the version that supersedes '{old}'"
        if prose
        else f"quote from '{old}' is not in '{new}', the version that supersedes it"
    )
    return warning(
        "citation.superseded",
        what,
        citation.location,
        hint,
    )
