"""Names in source sentences, by rule: runs of capitalised words, split into titles and names and
given a likely kind (person, state, institution, organisation, group, media, place).

This finds *mentions*; suggest_actors.py groups them into actors. English news prose only.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from briefing.model.documents import Document, Sentence
from briefing.resolve import lexicon as lx
from briefing.resolve.quotes import paragraph_quotes

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w\-]|['’`.](?=[^\W_]))*(?:(?<=s)['’](?= [A-Z]))?")
_POSSESSIVE = re.compile(r"['’]s$")
_CONNECTORS = frozenset({"of", "for", "and", "in", "de", "del", "la", "van", "von", "bin", "al"})
_NAME_PARTICLES = frozenset(
    {"de", "del", "la", "van", "von", "bin", "al", "ter", "den", "der", "dos", "das", "ibn", "abu", "el"}
)
_PARTICLE_HYPHEN = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu|de|di|da|du|van|von|le|la)-[A-Z]")
_TITLE_HEADS = lx.TITLES - {
    "Vice",
    "Prime",
    "Deputy",
    "Foreign",
    "Defence",
    "Defense",
    "Interior",
    "Press",
    "Health",
    "Finance",
    "Home",
    "Trade",
    "Labor",
    "Labour",
    "Energy",
    "Homeland",
    "Security",
    "State",
    "Presidential",
}
_OPENING = "\"“‘('"


def fold(text: str) -> str:
    """Compare names without case, accents or a possessive: 'Elysée' == 'elysee'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = _POSSESSIVE.sub("", plain).replace("’", "'").replace(".", "")  # 'U.S.' == 'US'
    return " ".join(plain.casefold().split()).removeprefix("the ")  # 'The Gazette' == 'Gazette'


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    initial: bool
    """First word of a sentence, or of a quotation or a clause after a colon."""
    quoted: bool

    @property
    def word(self) -> str:
        return _POSSESSIVE.sub("", self.text)

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.text))

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Mention:
    sentence: Sentence
    name: str
    """The name as written ('Dmitry Peskov', 'Peskov', 'Elysee')."""
    kind: str
    """person, state, institution, organisation, group, media, place, or '' (a bare word: a surname?)."""
    start: int
    end: int
    """Source offsets of the evidence to quote: title and name ('Kremlin spokesman Dmitry Peskov')."""
    role: str = ""
    alias: str = ""
    """A form of address worth keeping as an alias ('President Putin', 'Mr Trump')."""
    reason: str = ""


def _first_in_clause(text: str, start: int, at: int) -> bool:
    """Nothing but spaces before ``at`` in the sentence, or a colon."""
    j = at - 1
    while j >= start and text[j].isspace():
        j -= 1
    return j < start or text[j] == ":"


def tokens(document: Document, sentence: Sentence, quotes: list[tuple[int, int]]) -> list[Token]:
    """The words of a sentence; ``quotes`` are the document's quotation spans, in order."""
    starts = [a for a, _ in quotes]
    found = []
    text = document.text
    for m in _TOKEN.finditer(text, sentence.start, sentence.end):
        touching = text[m.start() - 1] if m.start() > sentence.start else ""
        initial = _first_in_clause(text, sentence.start, m.start()) or touching in _OPENING + "“"
        at = bisect.bisect_right(starts, m.start()) - 1
        quoted = at >= 0 and m.start() < quotes[at][1]
        found.append(Token(m.group(), m.start(), m.end(), initial, quoted))
    return found


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end : b.start] == " "


def _name_word(t: Token) -> bool:
    if t.word in lx.WEEKDAYS or t.word in lx.MONTHS:
        return False
    if not t.capital:
        return bool(_PARTICLE_HYPHEN.match(t.word))  # 'al-Sisi', 'al-Maqdis'

    return (t.word.isupper() and len(t.word) > 1) or t.word in lx.COUNTRIES or t.word.casefold() not in lx.STOPWORDS


def runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words, joined by 'of', 'for', 'and', 'in' only inside a name
    that takes them ('Organisation for Security and Cooperation in Europe')."""
    found, i = [], 0
    while i < len(toks):
        if not _name_word(toks[i]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks) and not run[-1].possessive and _adjacent(text, run[-1], toks[j]):
            if _name_word(toks[j]):
                run.append(toks[j])
                j += 1
            elif _joins(text, run, toks, j):
                run += [toks[j], toks[j + 1]]
                j += 2
            else:
                break
        found.append(run)
        i = j
    return found


def _joins(text: str, run: list[Token], toks: list[Token], j: int) -> bool:
    word = toks[j].text
    if (
        (word not in _CONNECTORS and word not in _NAME_PARTICLES)
        or j + 1 >= len(toks)
        or not _adjacent(text, toks[j], toks[j + 1])
    ):
        return False
    if not _name_word(toks[j + 1]):
        return False
    return word in _NAME_PARTICLES or run[-1].word in lx.ORG_CONNECTABLE


def _person_split(words: list[str]) -> tuple[list[str], list[str]] | None:
    """(title words, name words) when the run is a title followed by a person's name."""
    heads = [k for k, w in enumerate(words) if w.rstrip(".") in _TITLE_HEADS]
    if not heads:
        return None
    k = heads[-1] + 1
    if words[k : k + 1] == ["of"]:
        k += 2
    name = words[k:]
    if not 1 <= len(name) <= 4 or any(_org_word(w) or w in lx.COUNTRIES or w in lx.TITLES for w in name):
        return None
    return words[:k], name


def _org_word(w: str) -> bool:
    return w in lx.INSTITUTION_WORDS or w in lx.ORGANISATION_WORDS or w in lx.GROUP_WORDS or w in lx.MEDIA_WORDS


def _org_kind(words: list[str], name: str) -> str:
    if name in lx.MEDIA_NAMES or any(w in lx.MEDIA_WORDS for w in words):
        return "media"
    if any(w in lx.INSTITUTION_WORDS for w in words):
        return "institution"
    if any(w in lx.GROUP_WORDS for w in words):
        return "group"
    if any(w in lx.ORGANISATION_WORDS for w in words) or (len(name) > 1 and name.isupper()):
        return "organisation"
    return ""


@dataclass(frozen=True)
class Context:
    """What surrounds a run in its sentence."""

    before: str
    after: str

    @property
    def media(self) -> bool:
        b = self.before.casefold()
        return b.endswith(("told ", "according to ")) or self.after.startswith((" reported", " reports"))

    @property
    def titles_after(self) -> bool:
        """'Homeland Security secretary', 'Kremlin spokesman': the name is of the body the person serves."""
        words = self.after.split()
        return self.after.startswith(" ") and bool(words) and words[0] in lx.LOWER_TITLES

    @property
    def titled_after(self) -> bool:
        """'Arsenal's German midfielder': a lowercase title follows, perhaps after a demonym."""
        words = self.after.split()[:2]
        return any(w in lx.LOWER_TITLES for w in words) and all(w in lx.LOWER_TITLES or w in lx.DEMONYMS for w in words)

    @property
    def place_noun_after(self) -> bool:
        """'the Al Rawda mosque' (not 'a Sufi mosque': an indefinite article names no place)."""
        words = self.after.split()
        indefinite = self.before.casefold().endswith((" a ", " an ")) or self.before.casefold() in ("a ", "an ")
        return self.after.startswith(" ") and bool(words) and words[0] in lx.PLACE_NOUNS and not indefinite

    @property
    def place(self) -> bool:
        words = self.before.casefold().split()
        if words and words[-1] in ("the",):
            words = words[:-1]
        if words and words[-1] in lx.COMPASS:
            words = words[:-1]
        if len(words) >= 2 and words[-1] == "of" and (words[-2] in lx.COMPASS or words[-2] in ("city", "town")):
            return True
        return bool(words) and words[-1] in lx.PLACE_PREPOSITIONS

    @property
    def lower_title(self) -> str:
        """The lowercase title right before a name: 'press secretary' in 'press secretary Jen Psaki'."""
        apposition = self.before.endswith(", ")
        if apposition and not self.after.startswith(","):
            return ""  # 'one US official, Washington would': a new clause, not the official's name
        words = self.before.rstrip(" ,").split()
        if not words or words[-1] not in lx.LOWER_TITLES:
            return ""
        role = [words[-1]]
        for w in reversed(words[:-1]):
            if w[:1].isupper() or w in ("press", "foreign", "defence", "defense", "presidential", "deputy"):
                role.insert(0, w)
            else:
                break
        return " ".join(role)


def classify(sentence: Sentence, run: list[Token], ctx: Context, text: str) -> list[Mention]:
    """The mentions one run of capitalised words makes: a titled person, a state or body, or a name
    known by its context (after 'told', a lowercase title or a preposition of place)."""
    words = [t.word for t in run]
    start, end = run[0].start, run[-1].start + len(run[-1].word)
    titled = _titled(sentence, words, start, end)
    if titled is not None:
        return titled
    if words[-1] in lx.NOT_ACTORS or all(w in lx.DEMONYMS for w in words):
        return []
    if any(w.rstrip(".") in _TITLE_HEADS for w in words) and not any(_org_word(w) for w in words if w != "State"):
        return []  # 'US Secretary of State,' a title without its holder's name
    named = _state_or_body(sentence, words, start, end, ctx)
    if named is None and run[-1].possessive and ctx.titled_after:  # "Arsenal's German midfielder": the employer
        named = [Mention(sentence, " ".join(words), "organisation", start, end, reason="an employer's possessive")]
    return named if named is not None else _by_context(sentence, words, start, end, ctx, text)


def _titled(sentence: Sentence, words: list[str], start: int, end: int) -> list[Mention] | None:
    """'US President Joe Biden' (a person, and the state in the title); 'Mr Trump'."""
    split = _person_split(words)
    if split is not None and words[0] not in lx.HONORIFICS:
        title, person = split
        alias = " ".join([title[-1], *person]) if len(title) == 1 else ""
        found = [Mention(sentence, " ".join(person), "person", start, end, " ".join(title), alias, "a title")]
        if title[0] in lx.COUNTRIES:  # 'US President Joe Biden' names the United States too
            found.append(Mention(sentence, title[0], "state", start, start + len(title[0]), reason="a country"))
        return found
    if words[0].rstrip(".") in _HONORIFIC_WORDS and len(words) > 1:
        return [Mention(sentence, " ".join(words[1:]), "person", start, end, "", " ".join(words), "Mr/Ms")]
    return None


_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in lx.HONORIFICS)


def _state_or_body(sentence: Sentence, words: list[str], start: int, end: int, ctx: Context) -> list[Mention] | None:
    name = " ".join(words)
    if "-" in name and all(p in lx.COUNTRIES or p in lx.DEMONYMS for p in name.split("-")):
        return [Mention(sentence, p, "state", start, end) for p in name.split("-") if p in lx.COUNTRIES]
    if name in lx.COUNTRIES:
        return [Mention(sentence, name, "state", start, end, reason="a country")]
    if words[-1] in lx.GROUP_PLURALS:
        return [Mention(sentence, name, "group", start, end, reason=f"'{words[-1]}'")]
    if (words[0] in lx.COMPASS_NAMES and len(words) > 1) or ctx.place_noun_after:
        return [Mention(sentence, name, "place", start, end, reason="a region or a building")]
    kind = _org_kind(words, name) or ("media" if ctx.media else "") or ("institution" if ctx.titles_after else "")
    return [Mention(sentence, name, kind, start, end, reason=f"'{name}'")] if kind else None


def _by_context(sentence: Sentence, words: list[str], start: int, end: int, ctx: Context, text: str) -> list[Mention]:
    name = " ".join(words)
    lower_title = ctx.lower_title
    if lower_title:
        at = text.rfind(lower_title, sentence.start, start)
        return [Mention(sentence, name, "person", at if at >= 0 else start, end, lower_title, "", "a title")]
    if ctx.place:
        return [Mention(sentence, name, "place", start, end, reason="after a preposition of place")]
    if len(words) == 1:
        return [Mention(sentence, name, "", start, end)]  # kept only if it names a known actor (a surname?)
    if (
        all((w[:1].isupper() and w.isalpha()) or w in _NAME_PARTICLES or _PARTICLE_HYPHEN.match(w) for w in words)
        and len(words) <= 4
    ):
        return [Mention(sentence, name, "person", start, end, reason="a personal name")]
    return []


_POSSESSED = re.compile(r"\s((?:[A-Za-z]+ ){0,2}?)((?i:" + "|".join(sorted(lx.MINISTRY_NOUNS)) + r"))\b")
_GROUP = re.compile(
    r"\b((?:pro-)?(?:(?!The\b)[A-Z]\w+ )?[A-Z]\w+) ((?:security |military |armed |local )?(?:"
    + "|".join(sorted(lx.GROUP_NOUNS))
    + r"))\b"
)


def compound_mentions(document: Document, sentence: Sentence, run: list[Token]) -> list[Mention]:
    """'Belarussia's defence ministry' after a possessive country."""
    last = run[-1]
    if not last.possessive or " ".join(t.word for t in run) not in lx.COUNTRIES:
        return []
    m = _POSSESSED.match(document.text, last.end, sentence.end)
    if m is None:
        return []
    name = document.text[run[0].start : m.end()]
    return [Mention(sentence, name, "institution", run[0].start, m.end(), reason=f"'{m.group(2)}'")]


def group_mentions(document: Document, sentence: Sentence) -> list[Mention]:
    """'Ukrainian forces', 'Russian units', 'pro-Russian separatists', 'the Mexican government'."""
    found = []
    for m in _GROUP.finditer(document.text, sentence.start, sentence.end):
        words = m.group(1).removeprefix("pro-").split()
        if not all(w in lx.DEMONYMS or w in lx.COUNTRIES for w in words):
            continue
        kind = "institution" if m.group(2).split()[-1] in ("government", "army", "military") else "group"
        found.append(Mention(sentence, m.group(), kind, m.start(), m.end(), reason=f"'{m.group(2)}'"))
    return found


def acronym_after(text: str, end: int) -> str:
    """'CDC' in 'Centers for Disease Control and Prevention (CDC)'."""
    m = re.compile(r" \(([A-Z][A-Z.]{1,9})\)").match(text, end)
    return m.group(1) if m else ""


def _acronym_lead(sentence: Sentence, run: list[Token], kind: str) -> list[Mention]:
    """'ACLU' in 'the ACLU Immigrants' Rights Project': the acronym leading an organisation's name."""
    first = run[0].word
    if kind in ("", "person", "state", "place") or len(run) < 2 or not first.isupper() or len(first) < 3:
        return []
    return [Mention(sentence, first, "organisation", run[0].start, run[0].end, reason=f"'{first}'")]


def mentions(document: Document) -> list[Mention]:
    """Every name mentioned in a document, in reading order."""
    found: list[Mention] = []
    text = document.text
    quotes = paragraph_quotes(document)
    for sentence in document.sentences:
        if sentence.repeat_of:
            continue
        toks = tokens(document, sentence, quotes)
        for run in runs(text, toks):
            if run[0].quoted and run[0].word.isupper() and run[0].word not in lx.COUNTRIES:
                continue  # 'they are NOT coming', 'fund the WALL!': shouting, not an acronym
            ctx = Context(text[sentence.start : run[0].start], text[run[-1].end : sentence.end])
            made = classify(sentence, run, ctx, text)
            found += made + _acronym_lead(sentence, run, made[0].kind if made else "")
            found += compound_mentions(document, sentence, run)
            acronym = acronym_after(text, run[-1].end)
            if acronym and found and found[-1].kind not in ("person", ""):
                last = found[-1]
                found.append(
                    Mention(sentence, last.name, last.kind, last.start, last.end + len(acronym) + 3, "", acronym)
                )
        found += group_mentions(document, sentence)
    return found
