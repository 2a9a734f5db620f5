"""Suggested statements: quoted and reported speech, each with its speaker resolved to an actor id,
its mode, its relay (``reported_by``) and a citation of the sentences that hold it.

- a quotation next to an attribution ('"...," Peskov added'; 'the White House said: "..."') is a
  direct statement of the quoted words;
- a quotation with no attribution that opens a paragraph continues the previous speaker's;
- an attribution with no quotation of its own is a paraphrase ('X said that ...', '..., X said',
  'according to X, ...'), or 'reported' when the source hedges ('reportedly', 'was said to');
- 'he', 'she', 'the statement' is the latest speaker, or a person named later as a sentence's subject;
- 'told Kommersant', 'according to The Washington Times' and a closing ', Bloomberg reported' make
  the medium the relay of the other speaker of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.load.schema import STATEMENT
from briefing.model.documents import Document
from briefing.model.facts import Actor
from briefing.resolve import lexicon as lx
from briefing.resolve.names import fold
from briefing.resolve.speech import PARTICIPLES, PRONOUNS, Attribution, attributions
from briefing.resolve.suggest import Ids, Suggestion, covering, id_from
from briefing.resolve.suggest_actors import ActorCandidate

_UNNAMED = re.compile(
    r"^(?i:one|a|an|another|two|three|several|some)\s+((?:senior\s+|[A-Z][\w.]*\s+)*"
    r"(?:official|officials|diplomat|diplomats|source|sources|witness|migrant|resident|spokesman|spokeswoman|"
    r"spokesperson|reporter|aide|adviser|officer|engineer|expert|analyst|employee|worker|doctor|lawyer|"
    r"activist|woman|man))\b"
)


@dataclass(frozen=True)
class Known:
    """An actor a speaker phrase may name."""

    id: str
    forms: tuple[str, ...]
    kind: str
    suggested: bool


class Speakers:
    """Resolves speaker phrases to actor ids; makes unnamed actors ('one US official') on the way."""

    def __init__(self, known: list[Known], ids: Ids) -> None:
        self.known = known
        self.ids = ids
        self.unnamed: list[ActorCandidate | Known] = []
        self.by_word: dict[str, list[tuple[int, re.Pattern[str], Known]]] = {}
        """Patterns by the first word of their form, each with its rank (longest forms first)."""
        pairs = [(form, k) for k in known for form in k.forms if len(form) > 1]
        pairs.sort(key=lambda p: -len(p[0]))
        for rank, (form, k) in enumerate(pairs):
            self._index(rank, form, k)

    def _index(self, rank: int, form: str, k: Known) -> None:
        words = _LOOKUP_WORD.findall(form.replace("’", "'").casefold())
        if words:
            self.by_word.setdefault(words[0], []).append((rank, _pattern(form), k))

    def matches(self, phrase: str) -> list[tuple[int, Known]]:
        phrase = phrase.replace("’", "'")  # 'president’s office' names "president's office"
        taken: list[tuple[int, int]] = []
        found = []
        words = set(_LOOKUP_WORD.findall(phrase.casefold()))
        words |= {w.removesuffix("'s").rstrip(".,") for w in words}  # "Putin's", 'Kommersant.'
        candidates = {c[0]: c for w in words for c in self.by_word.get(w, ())}
        for _, pattern, k in sorted(candidates.values(), key=lambda c: c[0]):
            for m in pattern.finditer(phrase):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    taken.append((m.start(), m.end()))
                    found.append((m.start(), k))
        return sorted(found, key=lambda f: f[0])

    def resolve(self, phrase: str, first: bool = False) -> list[Known]:
        """Actors named by a speaker phrase: the head ('Dmitry Peskov' in 'Kremlin spokesman Dmitry
        Peskov'), or each of 'Putin and Macron'; [] when it names none."""
        unnamed = _UNNAMED.match(phrase)
        if unnamed:
            return [self._unnamed(unnamed.group(1), phrase)]  # 'a spokesman for the drivers' union'
        found = self.matches(phrase)
        if not found:
            return self._by_head_noun(phrase)
        if first:
            return [found[0][1]]
        kept = [found[-1][1]]
        for _, k in reversed(found[:-1]):  # 'Putin and Macron': coordinated names all speak
            if _coordinated(phrase, k, kept[0]):
                kept.insert(0, k)
        return kept

    def _by_head_noun(self, phrase: str) -> list[Known]:
        """'The ministry' -> the actor whose name ends in 'ministry'."""
        words = phrase.split()
        if len(words) != 2 or words[0].casefold() not in ("the", "this"):
            return []
        head = fold(words[1])
        hits = [k for k in self.known if any(fold(f).endswith(" " + head) for f in k.forms)]
        return hits[-1:]

    def _unnamed(self, descriptor: str, words: str) -> Known:
        """An actor whose name holds the descriptor ('US official'), else a new one, 'Unnamed US official',
        keeping the source's own words ('one US official') for ``attributed_as``."""
        folded = fold(descriptor)
        for k in self.known:
            if any(folded in fold(f) for f in k.forms):
                return k
        name = f"Unnamed {descriptor}"
        k = Known(self.ids.claim(id_from(name)), (name, descriptor, words), "person", True)
        self.known.append(k)
        self.unnamed.append(k)
        self._index(-len(self.unnamed), descriptor, k)  # before every other form, as a longest match
        return k


_LOOKUP_WORD = re.compile(r"[\w'.-]+")


def _title_only(prefix: str) -> bool:
    """True when the words before a name are only its title ('Egyptian president ', 'The ')."""
    words = prefix.split()
    return len(words) <= 4 and all(w[:1].isupper() or w in lx.LOWER_TITLES or w in ("the", "press") for w in words)


def _pattern(form: str) -> re.Pattern[str]:
    flags = re.IGNORECASE if len(form) > 4 or " " in form else 0
    return re.compile(r"(?<![\w-])" + re.escape(form.replace("’", "'")) + r"(?![\w-])", flags)


def _coordinated(phrase: str, a: Known, b: Known) -> bool:
    """True when a and b are joined by 'and' or a comma in the phrase ('Putin and Macron')."""
    forms_a = "|".join(re.escape(f) for f in a.forms)
    forms_b = "|".join(re.escape(f) for f in b.forms)
    return re.search(rf"(?:{forms_a})\s*(?:,|and|,\s*and)\s*(?:{forms_b})", phrase) is not None


def known_actors(actors: Iterable[Actor], suggested: Iterable[ActorCandidate]) -> list[Known]:
    found = [Known(a.id, (a.name, *a.aliases), a.kind, False) for a in actors]
    return found + [Known(c.id, c.forms, c.kind, True) for c in suggested]


@dataclass(frozen=True)
class Said:
    """One suggested statement before it becomes a Suggestion."""

    speaker: Known
    mode: str
    text: str
    start: int
    end: int
    """Source span to cite: the quotation and its attribution, or the sentence."""
    relay: Known | None
    evidence: str


class _Reader:
    """Reads one document in order, remembering who spoke last and who was last a subject."""

    def __init__(self, document: Document, speakers: Speakers) -> None:
        self.document = document
        self.speakers = speakers
        self.last: tuple[int, list[Known]] = (-1, [])
        self.subjects: list[tuple[int, Known]] = self._subjects()

    def _subjects(self) -> list[tuple[int, Known]]:
        """People named at the start of a sentence ('Gavin Newsom, Governor-elect of California, ...')."""
        found = []
        for s in self.document.sentences:
            if s.text[:1] in '"“':
                continue
            hits = self.speakers.matches(s.text[:80])
            if hits and hits[0][1].kind == "person" and _title_only(s.text[: hits[0][0]]):
                found.append((s.start, hits[0][1]))
        return found

    def who(self, a: Attribution) -> list[Known]:
        for phrase in a.speakers:
            if phrase.casefold() in PRONOUNS or phrase.split()[0].casefold() in ("he", "she", "it", "they"):
                return self._pronoun(a.start)
            found = self.speakers.resolve(phrase, first=a.verb in PARTICIPLES and len(a.speakers) > 1)
            if found:
                return found
        return []

    def _pronoun(self, at: int) -> list[Known]:
        at_last, last = self.last
        subject = [(pos, k) for pos, k in self.subjects if at_last < pos < at]
        if subject:
            return [subject[-1][1]]
        return last

    def heard(self, at: int, who: list[Known]) -> None:
        self.last = (at, who)


def _relay(group: list[Attribution], speakers: Speakers) -> tuple[Known | None, Attribution | None]:
    """A medium relaying the sentence's other speaker: 'told X', 'according to X', ', X reported'."""
    for a in group:
        if a.recipient:
            hit = speakers.resolve(a.recipient)
            if hit and hit[0].kind == "media":
                return hit[0], None
    if len(group) > 1:
        for a in group:
            hit = speakers.resolve(a.speakers[0]) if a.verb in ("reported", "according to") else []
            if hit and hit[0].kind == "media":
                return hit[0], a
    return None, None


_AFTER = re.compile(r"^[\s,.]*$")
_BEFORE = re.compile(r"^[\s,]*(?:[^\"“.;]{0,50}:)?\s*$")  # 'said: "', 'told reporters last month: "'


def _linked(a: Attribution, quotes: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The quotation an attribution introduces or closes: '"...," she added'; 'said: "..."'."""
    for q0, q1 in quotes:
        if q1 <= a.start and _AFTER.match(text[q1 : a.start]) and q1 > a.sentence.start - 400:
            return q0, q1
        if q0 >= a.end and _BEFORE.match(text[a.end : q0]):
            return q0, q1
    return None


def _words(text: str, q0: int, q1: int) -> str:
    inner = text[q0 + 1 : q1 - 1] if text[q1 - 1] in '"”' and q1 - q0 > 1 else text[q0 + 1 : q1]
    return inner.strip().rstrip(",").strip()


def _unfinished(words: str) -> str:
    """Reported words without the sentence's closing period (kept after an abbreviation: 'the U.S.')."""
    words = words.strip(" ,")
    if words.endswith(".") and not re.search(r"\b[A-Z]\.$", words):
        words = words[:-1]
    return words.strip(" ,")


def _group_by_sentence(found: list[Attribution]) -> list[list[Attribution]]:
    groups: dict[str, list[Attribution]] = {}
    for a in found:
        groups.setdefault(a.sentence.id, []).append(a)
    return list(groups.values())


def _said_by(
    reader: _Reader, group: list[Attribution], quotes: list[tuple[int, int]], used: set[tuple[int, int]]
) -> list[Said]:
    text = reader.document.text
    relay, relay_attribution = _relay(group, reader.speakers)
    out: list[Said] = []
    for a in group:
        who = [] if a is relay_attribution else reader.who(a)
        if not who:
            continue
        q = _linked(a, quotes, text)
        evidence = " ".join(text[a.start : a.end].split())
        if q is not None:
            used.add(q)
            span = (min(q[0], a.start), max(q[1], a.end))
            said = [Said(k, "direct", _words(text, *q), *span, relay, evidence) for k in who]
        elif a.clause[0] >= 0:
            mode = "reported" if a.hedged else "paraphrase"
            words = _unfinished(text[a.clause[0] : a.clause[1]])
            said = [Said(k, mode, words, a.sentence.start, a.sentence.end, relay, evidence) for k in who]
        else:
            continue
        out += [s for s in said if s.relay is None or s.relay.id != s.speaker.id]
        reader.heard(a.start, who)
    return out


def _continued(
    reader: _Reader,
    paragraph_start: int,
    quotes: list[tuple[int, int]],
    used: set[tuple[int, int]],
    found: list[Attribution],
) -> list[Said]:
    """Quotations with no attribution of their own that open a paragraph, follow an attributed one, or
    make a whole sentence after an attribution ('Mr Trump said ... "Here's the bottom line: ..."')."""
    attributed = {a.sentence.id for a in found}
    text = reader.document.text
    out = []
    for q in quotes:
        sentence = next((s for s in reader.document.sentences if s.start <= q[0] < s.end), None)
        opens = not text[paragraph_start : q[0]].strip()
        after_used = any(u[1] <= q[0] for u in used)
        whole = sentence is not None and not text[sentence.start : q[0]].strip() and any(a.end <= q[0] for a in found)
        if q in used or sentence is None or sentence.id in attributed or not (opens or after_used or whole):
            continue
        who = reader.last[1]
        names = ", ".join(k.id for k in who)
        out += [
            Said(k, "direct", _words(text, *q), q[0], q[1], None, f"continues the quotation of {names}") for k in who
        ]
    return out


def statements_of(document: Document, speakers: Speakers) -> list[Said]:
    """Every statement a document attributes, in reading order."""
    reader = _Reader(document, speakers)
    said: list[Said] = []
    for p in document.paragraphs:
        if p.repeat_of is not None:
            continue
        found, quotes = attributions(document, p)
        used: set[tuple[int, int]] = set()
        for group in _group_by_sentence(found):
            said += _said_by(reader, group, quotes, used)
        said += _continued(reader, p.start, quotes, used, found)
    return _one_paraphrase_each([s for s in said if s.text])


def _one_paraphrase_each(said: list[Said]) -> list[Said]:
    """'Macron has announced ..., stating that X': one paraphrase per speaker and sentence, the later."""
    kept: list[Said] = []
    for s in said:
        same = [
            k for k in kept if k.mode != "direct" and k.speaker == s.speaker and (k.start, k.end) == (s.start, s.end)
        ]
        if s.mode != "direct" and same:
            kept.remove(same[0])
        kept.append(s)
    return kept


def _notes(s: Said, unnamed: bool) -> str:
    note = f"Suggested from '{s.evidence}'" if not s.evidence.startswith("continues") else f"Suggested: {s.evidence}"
    if s.speaker.suggested and not unnamed:
        note += f"; the speaker '{s.speaker.id}' is a suggested actor: accept it too"
    return note + "."


def joint_statements() -> bool:
    """True once the field table takes a list of speakers (``speaker: [a, b]``)."""
    speaker = STATEMENT.field("speaker")
    return speaker is not None and speaker.type == "refs"


def unnamed_as_words() -> bool:
    """True once the field table has ``attributed_as`` (the source's words for an unnamed speaker)."""
    return STATEMENT.field("attributed_as") is not None


def _joint(said: list[Said]) -> list[list[Said]]:
    """'Putin and Macron said ...': the same words by several speakers, one statement when allowed."""
    groups: list[list[Said]] = []
    for s in said:
        last = groups[-1][0] if groups else None
        same = last is not None and (last.start, last.end, last.mode, last.text) == (s.start, s.end, s.mode, s.text)
        if same and joint_statements():
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _speaker_fields(group: list[Said], speakers: Speakers) -> list[tuple[str, object]]:
    ids = [s.speaker.id for s in group]
    if len(group) == 1 and group[0].speaker in speakers.unnamed and unnamed_as_words():
        return [("attributed_as", group[0].speaker.forms[-1])]
    return [("speaker", ids if len(ids) > 1 else ids[0])]


def suggestions(documents: Iterable[Document], speakers: Speakers, ids: Ids) -> list[Suggestion]:
    made = []
    for document in documents:
        for group in _joint(statements_of(document, speakers)):
            s = group[0]
            fields = _speaker_fields(group, speakers)
            if s.relay is not None:
                fields.append(("reported_by", [s.relay.id]))
            unnamed = fields[0][0] == "attributed_as"
            fields += [("mode", s.mode), ("text", s.text), ("notes", _notes(s, unnamed))]
            fields.append(("cite", covering(document, s.start, s.end)))
            who = " ".join(k.speaker.id for k in group[:1])
            made.append(Suggestion("statement", ids.claim(id_from(f"{who} {s.text}")), tuple(fields)))
    return made
