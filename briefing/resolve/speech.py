"""Attributions in source paragraphs, by rule: who said what, and how the source says it.

Finds speech verbs outside quotation marks ('said', 'told', 'added', 'according to', 'was quoted as
saying', ...), the phrase naming the speaker before (or, after a quote, behind) the verb, hedges
('reportedly', 'was said to') and relays ('told Kommersant', 'Bloomberg reported'). Speakers are
resolved to actor ids in suggest_speech.py. English news prose only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.model.documents import Document, Paragraph, Sentence
from briefing.resolve.quotes import quoted_spans

VERBS = [
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "stated",
    "states",
    "announced",
    "announces",
    "warned",
    "warns",
    "wrote",
    "writes",
    "tweeted",
    "tweets",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "confirmed",
    "confirms",
    "reported",
    "reports",
    "explained",
    "argued",
    "alleged",
    "alleges",
    "cited",
    "denied",
    "vowed",
    "declared",
    "specified",
    "accused",
    "blamed",
    "defended",
    "emphasised",
    "emphasized",
    "demanded",
    "threatened",
    "questioned",
    "reads",
    "saying",
    "writing",
    "adding",
    "stating",
    "noting",
    "expressed",
]
PARTICIPLES = frozenset({"saying", "writing", "adding", "stating", "noting"})
_VERB = re.compile(r"\b(?:([Aa]ccording) to\b|(" + "|".join(VERBS) + r")\b)")
_AUX = re.compile(
    r"(?:\s+|^)(?:also|later|earlier|has|had|have|then|further|again|previously|reportedly|allegedly|"
    r"was quoted as|is quoted as|were quoted as|are quoted as|was said to have|is said to have|were said to have|"
    r"was said to|is said to|were said to)$"
)
_HEDGES = ("reportedly", "allegedly", "said to")
_BOUNDARY = re.compile(r"(?:[,;:.(\[]|\bthat|\bwhile|\bbut|\bas|\bwho|\bwhich|\bwhen|\bwhere|\bafter|\bbecause)\s*$")
PRONOUNS = frozenset({"he", "she", "it", "they", "the statement", "the president", "the spokesman", "the spokeswoman"})
MASK = "\u2591"


@dataclass(frozen=True)
class Attribution:
    sentence: Sentence
    verb: str
    start: int
    """Source offset where the speaker phrase starts (or the verb, when the speaker follows it)."""
    end: int
    """Source offset just past the verb (and a speaker after it)."""
    speakers: tuple[str, ...]
    """Speaker phrases, nearest first: 'Peskov, the Russian presidential spokesman' gives two tries."""
    hedged: bool
    recipient: str = ""
    """'Kommersant' in 'told Kommersant'; a speaker's relay when it is a medium."""
    clause: tuple[int, int] = (-1, -1)
    """Source span of the reported words, for a paraphrase."""


def masked(text: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    """The text of [start, end) with quoted words hidden (verbs inside quotes are not attributions)."""
    part = text[start:end]
    spans = quoted_spans(part)
    chars = list(part)
    for a, b in spans:
        for i in range(a + 1, b - 1):
            chars[i] = MASK
    return "".join(chars), [(a + start, b + start) for a, b in spans]


_CLAUSE_WORD = re.compile(r"\b(?:that|while|but|as|who|which|when|where|after|because|and then)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*(?:who|which)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"^(?:from|of|in|at|on|with|for|by|to|near)\b")
_CUTS = ',;:("“”' + MASK


def _strip_aux(left: str) -> tuple[str, bool]:
    """'Peskov later reportedly' -> ('Peskov', hedged)."""
    hedged = False
    left = left.rstrip()
    while (m := _AUX.search(left)) is not None and m.group().strip():
        hedged |= any(h in m.group() for h in _HEDGES)
        left = left[: m.start()].rstrip()
    return left, hedged


def _speaker_phrases(left: str) -> tuple[tuple[str, ...], bool]:
    """Speaker phrases in the text before a verb, and whether the verb is hedged.

    An apposition gives the name first: 'Peskov, the Russian presidential spokesman, told' gives
    ('Peskov', 'the Russian presidential spokesman'); a relative clause is skipped ('CBP, which
    polices the border, said').
    """
    rest, hedged = _strip_aux(left)
    apposition = rest.endswith(",")
    rest = rest.rstrip(",").rstrip()
    phrases: list[str] = []
    for _ in range(3):
        cut = max(rest.rfind(c) for c in _CUTS)
        parts = _CLAUSE_WORD.split(rest[cut + 1 :])
        tail = parts[-1].strip()
        relative = len(parts) > 1 and not parts[0].strip() and _RELATIVE.match(rest[cut + 1 :]) is not None
        if tail and not relative and not _PREPOSITION.match(tail):
            phrases.append(tail)
        if not apposition or (len(parts) > 1 and not relative) or cut < 0 or rest[cut] != ",":
            break
        rest = rest[:cut].rstrip()
    if apposition:
        phrases.sort(key=lambda p: not p[:1].isupper())
    return tuple(phrases), hedged


def _after_quote_speaker(masked_text: str, at: int) -> str:
    """'said Mr Trump' after a closing quote: the words after the verb, up to punctuation."""
    m = re.compile(r"\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})").match(masked_text, at)
    return m.group(1) if m else ""


def attributions(document: Document, paragraph: Paragraph) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """The attributions of a paragraph in reading order, and its quotations (source offsets)."""
    text = document.text
    hidden, quotes = masked(text, paragraph.start, paragraph.end)
    found: list[Attribution] = []
    for sentence in document.sentences:
        if sentence.paragraph != paragraph.index or sentence.headline:
            continue
        s0, s1 = sentence.start - paragraph.start, sentence.end - paragraph.start
        here: list[Attribution] = []
        for m in _VERB.finditer(hidden, s0, s1):
            a = _attribution(document, sentence, hidden, paragraph.start, s0, s1, m)
            if a is not None and a.verb in PARTICIPLES and here:  # '..., X said, adding that': X adds
                a = replace(a, speakers=here[-1].speakers)
            here += [a] if a is not None else []
        found += here
    return found, quotes


def _attribution(
    document: Document, sentence: Sentence, hidden: str, base: int, s0: int, s1: int, m: re.Match[str]
) -> Attribution | None:
    left = hidden[s0 : m.start()]
    if m.group(1):  # according to X, ...
        phrase = re.compile(r"\s+to\s+([^,;.]+)").match(hidden, m.end(1))
        if phrase is None:
            return None
        clause = _clause_after(hidden, phrase.end(), s1)
        before = hidden[s0 : m.start()].rstrip().rstrip(",")
        if clause[0] < 0 and len(before) > 10:  # 'No one was injured, according to CBP.'
            clause = (s0, s0 + len(before))
        return Attribution(
            sentence, "according to", base + m.start(), base + phrase.end(), (phrase.group(1).strip(),), False, "",
            (base + clause[0], base + clause[1]),
        )  # fmt: skip
    verb = m.group(2)
    if verb == "said" and hidden.startswith(" to ", m.end()):
        return None  # 'Peskov was said to have stressed': the verb is 'stressed'
    phrases, hedged = _speaker_phrases(left)
    if verb in PARTICIPLES and left.rstrip().endswith(","):  # 'he sent a message, writing: ...'
        phrases = tuple(p.strip() for p in left.split(",") if p.strip())  # the subject, found first
    if not left.strip(' ,"”' + MASK):  # '"...," said Mr Trump': the speaker follows the verb
        after = _after_quote_speaker(hidden, m.end())
        phrases = (after,) if after else ()
    if not phrases:
        return None
    recipient = ""
    if verb in ("told", "tells"):
        r = re.compile(r"\s+((?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})").match(hidden, m.end())
        recipient = r.group(1) if r else ""
    clause = _clause(hidden, s0, s1, m, phrases)
    hedged = hedged or "reportedly" in hidden[m.end() : m.end() + 12]
    return Attribution(
        sentence, verb, base + _phrase_start(hidden, s0, m, phrases), base + m.end(), phrases, hedged, recipient,
        (base + clause[0], base + clause[1]) if clause[0] >= 0 else (-1, -1),
    )  # fmt: skip


def _phrase_start(hidden: str, s0: int, m: re.Match[str], phrases: tuple[str, ...]) -> int:
    at = hidden.rfind(phrases[0], s0, m.start())
    return at if at >= 0 else m.start()


_TOLD = re.compile(
    r"\s+(?:(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}|reporters|journalists|lawmakers|the press)\b"
)
"""Whom a speaker told, skipped before the reported words: 'told The Wall Street Journal that ...'."""
_LEAD = re.compile(
    r"[\s,:]*(?:(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|in a statement|"
    r"in an interview|today|yesterday|earlier|later|previously)\s+)?(?:that\s+)?"
)
"""Before the reported words: 'said Monday that', 'said in a statement that'."""
_TAIL = re.compile(r",\s+(?:[A-Z][\w\s]{0,40}\b(?:reported|said)|according to [^,;]{1,60})\.?$")


def _clause_after(hidden: str, at: int, s1: int) -> tuple[int, int]:
    """The reported words after 'said (that)' or 'according to X,', to the end of the sentence."""
    m = _LEAD.match(hidden, at)
    start = m.end() if m else at
    end = s1
    tail = _TAIL.search(hidden, start, s1)
    if tail:
        end = tail.start()
    return (start, end) if end - start > 10 else (-1, -1)


def _clause(hidden: str, s0: int, s1: int, m: re.Match[str], phrases: tuple[str, ...]) -> tuple[int, int]:
    """A paraphrase's words: after the verb ('X said that ...') or before the speaker ('..., X said.')."""
    rest = hidden[m.end() : s1].strip(" .")
    if len(rest) > 15:
        told = _TOLD.match(hidden, m.end()) if m.group(2) in ("told", "tells") else None
        return _clause_after(hidden, told.end() if told else m.end(), s1)
    at = hidden.rfind(phrases[0], s0, m.start()) if phrases else -1
    if at > s0 + 10 and hidden[s0:at].rstrip().endswith(","):
        return s0, len(hidden[:at].rstrip().rstrip(","))
    return -1, -1
