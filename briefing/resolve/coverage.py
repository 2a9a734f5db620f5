"""Read-only views across the whole content: every fact, back-links, coverage."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.documents import Document, Sentence
from briefing.model.facts import Content
from briefing.model.kinds import citations_of, facts
from briefing.resolve.supersedes import latest_versions


def cited_by(content: Content, documents: tuple[Document, ...]) -> dict[str, tuple[str, ...]]:
    """Sentence id -> ids of the facts citing it, in fact order, without repeats.

    A citation of a sentence in a repeated paragraph also counts for the repeat, and a citation of an
    earlier version of a source (``supersedes``) for the same sentence, word for word, in its newest version.
    """
    repeats: dict[str, list[str]] = {}
    for doc in documents:
        for s in doc.sentences:
            if s.repeat_of:
                repeats.setdefault(s.repeat_of, []).append(s.id)
    for old, new in unchanged_sentences(content, documents).items():
        repeats.setdefault(old, []).extend(new)
    links: dict[str, dict[str, None]] = {}
    for _, fact in facts(content):
        for citation in citations_of(fact):
            for sentence_id in citation.sentences:
                for sid in (sentence_id, *repeats.get(sentence_id, ())):
                    links.setdefault(sid, {})[fact.id] = None
    return {sid: tuple(ids) for sid, ids in links.items()}


def unchanged_sentences(content: Content, documents: tuple[Document, ...]) -> dict[str, list[str]]:
    """{sentence id of a superseded version: ids of the same sentence, word for word, in its newest version}.

    A revision that left a sentence as it was leaves its citations standing: the new version's page shows it
    cited, and coverage counts it (the old version's sentences no longer count).
    """
    docs = {d.id: d for d in documents}
    found: dict[str, list[str]] = {}
    for old, new in latest_versions(content).items():
        if old not in docs or new not in docs:
            continue
        by_words: dict[str, list[str]] = {}
        for t in docs[new].sentences:
            by_words.setdefault(" ".join(t.text.split()), []).append(t.id)
        for t in docs[old].sentences:
            same = by_words.get(" ".join(t.text.split()))
            if same:
                found[t.id] = same
    return found


@dataclass(frozen=True)
class Coverage:
    sentences: int
    """Distinct sentences that count: not headlines, headings or captions, a repeated paragraph once."""
    cited: int

    @property
    def share(self) -> float:
        return self.cited / self.sentences if self.sentences else 1.0


def countable(document: Document) -> list[str]:
    return [s.id for s in document.sentences if s.counted]


def uncited(document: Document, links: dict[str, tuple[str, ...]]) -> tuple[Sentence, ...]:
    """The sentences that count for coverage and that no fact cites (the curator's work left)."""
    return tuple(s for s in document.sentences if s.counted and s.id not in links)


def document_coverage(document: Document, links: dict[str, tuple[str, ...]]) -> Coverage:
    ids = countable(document)
    return Coverage(len(ids), sum(1 for sid in ids if sid in links))


def superseded(content: Content) -> frozenset[str]:
    """Ids of sources a later version supersedes: kept as evidence, their uncited sentences are no work left."""
    return frozenset(s.supersedes for s in content.sources if s.supersedes and s.supersedes != s.id)


def coverage(
    documents: tuple[Document, ...], links: dict[str, tuple[str, ...]], left_out: frozenset[str] = frozenset()
) -> Coverage:
    """Sentences cited over sentences that count, in every document but those ``left_out`` (superseded)."""
    each = [document_coverage(doc, links) for doc in documents if doc.id not in left_out]
    return Coverage(sum(c.sentences for c in each), sum(c.cited for c in each))
