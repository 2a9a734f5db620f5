"""Suggested actors: the names in the sources grouped into actors, each with every spelling the
sources use as aliases, a suggested kind and the sentences it appears in as citations.

Grouping rules: a person's mentions share a surname ('Putin', 'President Putin', 'Vladimir Putin')
and close first names ('Anthony'/'Antony' Blinken); other names are the same when they are equal
without case or accents ('Elysée'/'Elysee'), when one ends the other ('Security Council' in
'Russian Security Council'), or when one is the other's acronym in brackets. Actors already in
actors.yaml (by name or alias) are left out.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from briefing.load.schema import ACTOR_KINDS
from briefing.model.documents import Document
from briefing.model.facts import Actor
from briefing.resolve import lexicon as lx
from briefing.resolve.names import Mention, fold, mentions
from briefing.resolve.suggest import Ids, Pinner, Suggestion, id_from

MAX_CITES = 4


@dataclass
class Group:
    """Mentions taken for one actor (mutable while grouping, then read only)."""

    kind: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        """Every spelling, most used first."""
        counts = Counter(m.name for m in self.mentions) + Counter(m.alias for m in self.mentions if m.alias)
        return [form for form, _ in counts.most_common()]

    @property
    def name(self) -> str:
        if self.kind == "state":
            return lx.STATE_NAMES.get(fold(self.forms[0]), self.forms[0])
        if self.kind == "person":
            return max(self.forms, key=lambda f: (len(f.split()) if f not in self.aliases_only else 0, self.count(f)))
        return max(self.forms, key=lambda f: (len(f.split()), self.count(f)))

    @property
    def aliases_only(self) -> set[str]:
        return {m.alias for m in self.mentions if m.alias}

    def count(self, form: str) -> int:
        return sum(m.name == form for m in self.mentions)


_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu|de|di|da|du|van|von|le|la)-")


def _surname(name: str) -> str:
    """'Sisi' for 'Abdul Fattah al-Sisi': a particle joined by a hyphen is not part of the surname."""
    return _PARTICLE.sub("", fold(name.split()[-1]))


def _close_first_names(a: str, b: str) -> bool:
    """First names equal, close ('Anthony'/'Antony') or one of them missing (surnames already equal)."""
    wa, wb = a.split(), b.split()
    if len(wa) == 1 or len(wb) == 1:
        return True
    return difflib.SequenceMatcher(None, fold(wa[0]), fold(wb[0])).ratio() >= 0.75


def _key(m: Mention) -> str:
    name = fold(m.name)
    if m.kind == "state":
        return fold(lx.STATE_NAMES.get(name, m.name))
    return name


class _People:
    """Person groups indexed by surname: grouping stays linear in the number of mentions."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.by_surname: dict[str, list[Group]] = {}

    def add(self, m: Mention) -> None:
        same = self.by_surname.setdefault(_surname(m.name), [])
        target = next((g for g in same if any(_close_first_names(m.name, o.name) for o in g.mentions[:8])), None)
        if target is None:
            target = Group("person")
            same.append(target)
            self.groups.append(target)
        target.mentions.append(m)

    def surname(self, word: str) -> Group | None:
        same = self.by_surname.get(_surname(word))
        return same[0] if same else None


def group(found: Iterable[Mention]) -> list[Group]:
    """Mentions grouped into actors; bare words that are no known actor's name are dropped."""
    people = _People()
    others: dict[str, Group] = {}
    bare: list[Mention] = []
    for m in found:
        if m.kind == "person":
            people.add(m)
        elif m.kind:
            others.setdefault(_key(m), Group(m.kind)).mentions.append(m)
        else:
            bare.append(m)
    _merge_suffixes(others)
    _merge_acronyms(others)
    ends = _by_last_word(others)
    for m in bare:  # 'Peskov' alone: a surname; 'Kommersant' alone: the end of 'Russian Daily Kommersant'
        key = _key(m)
        person = people.surname(m.name)
        other = others.get(key) or next((others[k] for k in ends.get(key, ()) if k in others), None)
        if person is not None:
            person.mentions.append(m)
        elif other is not None:
            other.mentions.append(m)
    return people.groups + list(others.values())


def _by_last_word(others: dict[str, Group]) -> dict[str, list[str]]:
    """Keys of more than one word by their last word: 'kommersant' -> ['russian daily kommersant']."""
    ends: dict[str, list[str]] = {}
    for k in others:
        if " " in k:
            ends.setdefault(k.rsplit(" ", 1)[1], []).append(k)
    return ends


def _merge_suffixes(others: dict[str, Group]) -> None:
    """'security council' into 'russian security council' (same kind, not places or states)."""
    index: dict[str, list[str]] = {}  # every proper suffix of a key -> the keys ending so
    for k in others:
        words = k.split()
        for i in range(1, len(words)):
            index.setdefault(" ".join(words[i:]), []).append(k)
    for key in sorted(others, key=len):
        if key not in others or others[key].kind in ("state", "place"):
            continue
        longer = [k for k in index.get(key, ()) if k in others and others[k].kind == others[key].kind]
        if longer:
            others[min(longer, key=len)].mentions += others.pop(key).mentions


def _initials(key: str) -> str:
    words = [w for w in key.split() if w not in ("of", "for", "and", "in", "the") and fold(w) not in _STATES]
    return "".join(w[0] for w in words)


_STATES = frozenset(fold(s) for s in lx.STATE_NAMES)


def _merge_acronyms(others: dict[str, Group]) -> None:
    """'CDC' into 'Centers for Disease Control and Prevention (CDC)', 'CBP' into 'US Customs and Border
    Protection': an acronym recorded in brackets, or the initials of a longer name of the same body."""
    bracketed: dict[str, str] = {}
    by_initials: dict[str, list[str]] = {}
    for k, g in others.items():
        for m in g.mentions:
            if m.alias:
                bracketed.setdefault(fold(m.alias), k)
        if " " in k and others[k].kind in ("institution", "organisation"):
            initials = _initials(k)
            for n in range(3, len(initials) + 1):
                by_initials.setdefault(initials[:n], []).append(k)
    for key in [k for k in others if " " not in k]:
        target = bracketed.get(key) or next(iter(by_initials.get(key, ())), None)
        if (
            target
            and target != key
            and target in others
            and others[key].kind in ("institution", "organisation", "media")
        ):
            others[target].mentions += others.pop(key).mentions


def _truncated(name: str, kind: str) -> list[str]:
    """'Muslim Brotherhood' for 'Muslim Brotherhood Islamist': a body's name ends at its last body word."""
    words = name.split()
    last = max((i for i, w in enumerate(words) if w in lx.ORGANISATION_WORDS or w in lx.INSTITUTION_WORDS), default=-1)
    return [" ".join(words[: last + 1])] if kind != "person" and 0 < last < len(words) - 1 else []


def _existing_forms(actors: Iterable[Actor]) -> dict[str, str]:
    forms = {}
    for a in actors:
        for form in (a.name, *a.aliases):
            forms[fold(form)] = a.id
    return forms


_WORD = re.compile(r"\w[\w'’.-]*")


def _spellings(documents: Iterable[Document], forms: Iterable[str]) -> dict[str, set[str]]:
    """For each name of two words or more (casefolded), every capitalisation the sources print it in
    ('Trilateral Contact Group', 'trilateral contact group'): one pass over each text."""
    wanted = {" ".join(f.split()).casefold() for f in forms if len(f.split()) >= 2}
    lengths = {len(w.split()) for w in wanted}
    found: dict[str, set[str]] = {}
    for d in documents:
        words = list(_WORD.finditer(d.text))
        for i in range(len(words)):
            for n in lengths:
                if i + n <= len(words):
                    surface = " ".join(d.text[words[i].start() : words[i + n - 1].end()].split())
                    if surface.casefold() in wanted:
                        found.setdefault(surface.casefold(), set()).add(surface)
    return found


def _case_variants(spellings: dict[str, set[str]], forms: list[str]) -> list[str]:
    """Other capitalisations the sources use for these names."""
    return sorted({v for f in forms for v in spellings.get(f.casefold(), ()) if v not in forms})


@dataclass(frozen=True)
class ActorCandidate:
    id: str
    name: str
    kind: str
    role: str
    aliases: tuple[str, ...]
    group: Group

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def candidates(documents: tuple[Document, ...], actors: Iterable[Actor], ids: Ids) -> list[ActorCandidate]:
    """Suggested actors, existing ones left out, in order of first mention."""
    existing = _existing_forms(actors)
    found: list[ActorCandidate] = []
    allowed = set(ACTOR_KINDS)
    groups = group(m for d in documents for m in mentions(d))
    spellings = _spellings(documents, (f for g in groups for f in g.forms))
    for g in groups:
        forms = g.forms
        if g.kind not in allowed or any(fold(f) in existing for f in forms):
            continue
        name = g.name
        aliases = [f for f in forms if f != name] + _truncated(name, g.kind)
        aliases += _case_variants(spellings, [name, *aliases])
        roles = Counter(m.role for m in g.mentions if m.role)
        role = max(roles, key=lambda r: (" " in r, roles[r], len(r))) if roles else ""  # 'US President
        found.append(ActorCandidate(ids.claim(id_from(name)), name, g.kind, role, tuple(aliases), g))
    return found


def _cites(c: ActorCandidate, pinner: Pinner) -> list[dict[str, str]]:
    """One citation per spelling and source, up to MAX_CITES, each by sentence id and a short quote."""
    cites: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for m in sorted(c.group.mentions, key=lambda m: (m.sentence.source, m.start)):
        key = (m.sentence.source, m.alias or m.name)
        cite = pinner.within(m.sentence, m.start, m.end)
        if key in seen or len(cites) >= MAX_CITES or cite in cites:
            continue
        seen.add(key)
        cites.append(cite)
    return cites


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _notes(c: ActorCandidate) -> str:
    sources = sorted({m.sentence.source for m in c.group.mentions})
    reasons = sorted({m.reason for m in c.group.mentions if m.reason})
    why = f"; {c.kind} from {', '.join(reasons[:2])}" if reasons else ""
    return (
        f"Suggested: named {_times(len(c.group.mentions))} in {', '.join(sources)}{why}. "
        "Check the kind, the role and that the aliases are the same actor."
    )


def suggestions(found: list[ActorCandidate], pinner: Pinner) -> list[Suggestion]:
    made = []
    for c in found:
        cites = _cites(c, pinner)
        if not cites:
            continue
        fields: list[tuple[str, object]] = [("name", c.name), ("kind", c.kind)]
        if c.role:
            fields.append(("role", c.role))
        if c.aliases:
            fields.append(("aliases", list(c.aliases)))
        fields += [("notes", _notes(c)), ("cite", cites)]
        made.append(Suggestion("actor", c.id, tuple(fields)))
    return made
