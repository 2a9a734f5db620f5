"""A deterministic benchmark corpus: N newswire-like sources with matching curated facts.

Run: python benchmarks/corpus.py N DIR   (DIR must not exist or be empty)

Each source has a headline and about 25 sentences in five paragraphs; its facts are
two actors, one event, two statements and, for every fifth source, a dispute
between two of its statements. Every quote is part of one sentence of its source
(unique within it), so the corpus passes ``briefing check`` without a warning.
The same N always writes the same bytes (a seeded random generator, no clock).
"""

from __future__ import annotations

import hashlib
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from briefing.load.sources import build_document
from briefing.resolve.pins import pin_of

SENTENCES = 25
PARAGRAPHS = 5
FIRST_NAMES = ("Ana", "Boris", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena")
SURNAMES = ("Ruiz", "Petrov", "Okafor", "Lindqvist", "Haddad", "Novak", "Moreau", "Tanaka", "Silva", "Kowalski")
PLACES = ("Brenmouth", "Castel", "Dunmore", "Eskby", "Farrow", "Galen", "Harwick", "Istra", "Jorvik", "Kestrel")
BODIES = ("ministry of ports", "harbour authority", "transport union", "city council", "coast guard", "chamber")
VERBS = ("said", "told reporters", "confirmed", "announced", "warned", "insisted")
FILLERS = (
    "Officials in {place} declined to comment on the talks on day {n}.",
    "The {body} in {place} published figures for week {n} on its website.",
    "Traffic through {place} fell by {pct} per cent in the period to day {n}.",
    "Residents of {place} gathered outside the offices of the {body} on day {n}.",
    "A statement from the {body} described meeting {n} as constructive.",
    "Analysts in {place} said the dispute could last until month {pct}.",
    "The {body} has not said when its review number {n} will be published.",
)
AS_OF = date(2024, 6, 30)


@dataclass(frozen=True)
class Source:
    """One generated source: its slug, file text and the parts of sentences its facts quote.

    Quotes are short (a part of a sentence, unique in the source) so that the content files of
    5,000 sources stay under the 2 MB a YAML file may have (yamlfile.MAX_BYTES).
    """

    slug: str
    text: str
    person: str
    body: str
    event_quote: str
    statements: tuple[str, str]
    day: date


def _source(i: int, rng: random.Random) -> Source:
    slug = f"s{i:05d}"
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    place = rng.choice(PLACES)
    body = f"{place} {rng.choice(BODIES)}"
    day = AS_OF - timedelta(days=rng.randint(0, 400))
    n = i * 100
    event = f"The {body} closed the {place} crossing on {day:%d %B %Y} for report {n}."
    said = (
        f'{person} {rng.choice(VERBS)} that the closure of item {n + 1} was "overdue and unavoidable".',
        f'A spokesman for the {body} said the repairs for item {n + 2} "could take six weeks".',
    )
    fillers = [
        rng.choice(FILLERS).format(place=place, body=body, n=n + 10 + k, pct=rng.randint(2, 60))
        for k in range(SENTENCES - 3)
    ]
    sentences = [event, *said, *fillers]
    per = SENTENCES // PARAGRAPHS
    paragraphs = [" ".join(sentences[p : p + per]) for p in range(0, SENTENCES, per)]
    headline = f"{place} crossing closed as {person} defends repairs ({slug})"
    quotes = (f'item {n + 1} was "overdue and unavoidable"', f'item {n + 2} "could take six weeks"')
    text = f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
    return Source(slug, text, person, body, f"closed the {place} crossing on {day:%d %B %Y}", quotes, day)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cite(slug: str, quote: str, indent: str) -> str:
    return f"{indent}cite:\n{indent}  - source: {slug}\n{indent}    quote: {_q(quote)}\n"


def _facts(s: Source, digest: str) -> dict[str, str]:
    """YAML fragments for this source, keyed by content file name."""
    person, body = f"{s.slug}-person", f"{s.slug}-body"
    verb = next(v for v in VERBS if f"{s.person} {v} that" in s.text)
    first_person = f"{s.person} {verb}"
    out = {
        "sources.yaml": (
            f"- id: {s.slug}\n  file: {s.slug}.txt\n  sha256: {digest}\n  title: {_q(s.text.splitlines()[0])}\n"
            f"  outlet: Generated Wire\n  published: {s.day.isoformat()}\n"
        ),
        "actors.yaml": (
            f"- id: {person}\n  name: {_q(s.person)}\n  kind: person\n  affiliation: {body}\n"
            + _cite(s.slug, first_person, "  ")
            + f"- id: {body}\n  name: {_q(s.body)}\n  kind: institution\n"
            + _cite(s.slug, f"The {s.body} closed", "  ")
        ),
        "events.yaml": (
            f"- id: {s.slug}-closure\n  title: {_q(f'{s.body} closes the crossing')}\n"
            f"  date: {s.day.isoformat()}\n  date_text: {_q(f'{s.day:%d %B %Y}')}\n  status: occurred\n"
            f"  actors: [{body}]\n" + _cite(s.slug, s.event_quote, "  ")
        ),
        "statements.yaml": (
            f"- id: {s.slug}-overdue\n  speaker: {person}\n  mode: paraphrase\n  text: overdue\n"
            f"  about: [{s.slug}-closure]\n"
            + _cite(s.slug, s.statements[0], "  ")
            + f"- id: {s.slug}-six-weeks\n  speaker: {body}\n  mode: direct\n  text: six weeks\n"
            + _cite(s.slug, s.statements[1], "  ")
        ),
    }
    return out


def _dispute(s: Source) -> str:
    return (
        f"- id: {s.slug}-length\n  question: How long will the {s.slug} repairs take?\n  kind: contested-claim\n"
        f"  status: open\n  assessment: The two statements differ; neither gives a source.\n  positions:\n"
        f"    - summary: The closure was overdue.\n      held_by: [{s.slug}-person]\n"
        f"      statements: [{s.slug}-overdue]\n"
        f"    - summary: Six weeks.\n      held_by: [{s.slug}-body]\n      statements: [{s.slug}-six-weeks]\n"
    )


BRIEFING = f"""title: Generated benchmark briefing
subtitle: A deterministic corpus for benchmarks/run.py
as_of: {AS_OF.isoformat()}
author: Benchmark desk
coverage_target: 0.1
"""


def generate(n: int, root: Path) -> Path:
    """Write a project of ``n`` sources into ``root`` (created) and return it."""
    rng = random.Random(n)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    parts: dict[str, list[str]] = {"sources.yaml": [], "actors.yaml": [], "events.yaml": [], "statements.yaml": []}
    disputes: list[str] = []
    sources = [_source(i, rng) for i in range(1, n + 1)]
    for s in sources:
        data = s.text.encode("utf-8")
        (root / "seeds" / f"{s.slug}.txt").write_bytes(data)
        for name, fragment in _facts(s, hashlib.sha256(data).hexdigest()).items():
            parts[name].append(fragment)
        if int(s.slug[1:]) % 5 == 0:
            disputes.append(_dispute(s))
    for name, fragments in parts.items():
        (root / "content" / name).write_text("".join(fragments), encoding="utf-8")
    (root / "content" / "disputes.yaml").write_text("".join(disputes) or "[]\n", encoding="utf-8")
    (root / "content" / "briefing.yaml").write_text(BRIEFING, encoding="utf-8")
    first = sources[0].slug
    second = build_document(first, f"{first}.txt", sources[0].text, "").sentences[1]  # after the headline
    pinned = f"{first}.2#{pin_of(second.text)}"
    (root / "content" / "summary.md").write_text(
        f"- A generated crossing closes [@{first}-closure].\n- Its length is disputed [@{first}-six-weeks].\n",
        encoding="utf-8",
    )
    (root / "content" / "method.md").write_text(
        f"Generated by benchmarks/corpus.py from seed {n}; every fact quotes one sentence [@{pinned}].\n",
        encoding="utf-8",
    )
    return root


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/corpus.py N DIR", file=sys.stderr)
        return 2
    root = Path(argv[1])
    if root.exists() and any(root.iterdir()):
        print(f"corpus: {root} is not empty", file=sys.stderr)
        return 2
    generate(int(argv[0]), root)
    print(f"wrote {argv[0]} sources to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
