"""`briefing suggest` and `briefing sentences --yaml`: suggested facts as YAML, to print or to write
into content/suggested/ (never loaded, published or counted; a curator moves what they accept)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import yaml
from yaml.emitter import Emitter

from briefing.load.content import CONTENT_DIR, SUGGESTED_DIR
from briefing.model.documents import Document
from briefing.model.facts import Content, Model
from briefing.model.kinds import facts
from briefing.resolve import suggest_actors, suggest_dates, suggest_speech
from briefing.resolve.pins import pin_of
from briefing.resolve.suggest import Ids, Pinner, Suggestion

FILES = {"actor": "actors.yaml", "statement": "statements.yaml", "event": "events.yaml"}
HEADER = (
    "# Suggested by `briefing suggest {what}`: not part of the briefing (never loaded, published or counted).\n"
    "# Accept an item by moving it into content/{file}, then edit it; delete this file when done.\n"
)


@dataclass(frozen=True)
class Suggested:
    items: tuple[Suggestion, ...]
    notes: tuple[str, ...] = ()
    """What the user should know about what is not there (left out as accepted, no date to count from)."""

    def of(self, kind: str) -> list[Suggestion]:
        return [s for s in self.items if s.kind == kind]


def suggest(model: Model, what: str, source: str | None = None) -> Suggested:
    """Suggestions of one kind (actors, statements, dates) or all, from every source or one."""
    content = model.content
    documents = tuple(d for d in model.documents if source is None or d.id == source)
    ids = Ids(fact.id for _, fact in facts(content))
    ids.taken.update(s.id for s in content.sources)
    pinner = Pinner(model.documents)
    made: list[Suggestion] = []
    candidates = suggest_actors.candidates(documents, content.actors, ids)
    if what in ("actors", "all"):
        made += suggest_actors.suggestions(candidates, pinner)
    if what in ("actors", "statements", "all"):  # statements also find the unnamed speakers ('one US official')
        speakers = suggest_speech.Speakers(suggest_speech.known_actors(content.actors, candidates), ids)
        statements = suggest_speech.suggestions(documents, speakers, ids)
        if not suggest_speech.unnamed_as_words():  # else a statement gives the source's words (attributed_as)
            made += _unnamed_actors(speakers, statements) if what != "statements" else []
        made += statements if what in ("statements", "all") else []
    if what in ("dates", "all"):
        made += suggest_dates.suggestions(documents, content.sources, pinner, ids)
    keys = _accepted_keys(content)
    kept = [s for s in made if not _accepted(s, keys)]
    return Suggested(tuple(kept), _notes(content, what, source, len(made) - len(kept)))


def _notes(content: Content, what: str, source: str | None, left_out: int) -> tuple[str, ...]:
    """What is not there and why: suggestions already accepted, sources with no date to count from."""
    notes = []
    if left_out:
        notes.append(
            f"left out {left_out} already in content/ (a statement of the same speaker or an event of the same "
            "date citing the same sentence)"
        )
    undated = [s.id for s in content.sources if s.published is None and (source is None or s.id == source)]
    if what in ("dates", "all") and undated:
        notes.append(
            f"no dates suggested from {', '.join(undated)}: no 'published' date to count 'on Sunday' from; add "
            "'published:' (and how you know it, 'published_text:') in content/sources.yaml"
        )
    return tuple(notes)


def _accepted_keys(content: Content) -> set[tuple[str, str, str]]:
    """(kind, speaker or date, sentence id) of every statement and event in content/, to look suggestions up."""
    keys = set()
    for st in content.statements:
        for who in set(st.speaker) or {st.attributed_as}:
            keys |= {("statement", who, i) for c in st.cite for i in c.sentences}
    for e in content.events:
        if e.date is not None:
            keys |= {("event", e.date.value, i) for c in e.cite for i in c.sentences}
    return keys


def _accepted(made: Suggestion, keys: set[tuple[str, str, str]]) -> bool:
    """A suggestion the curator has accepted already (moved into content/ and perhaps edited): a statement
    with the same speaker, or an event with the same date, citing one of the same sentences."""
    fields = dict(made.fields)
    cited = {str(c["sentence"]) for c in fields.get("cite", []) if "sentence" in c}  # type: ignore[attr-defined]
    if made.kind == "statement":
        who = fields.get("speaker") or fields.get("attributed_as")
        said = {who} if isinstance(who, str) else set(who or ())  # type: ignore[call-overload]
        return any(("statement", w, i) in keys for w in said for i in cited)
    if made.kind == "event":
        return any(("event", str(fields["date"]), i) in keys for i in cited)
    return False  # actors already in actors.yaml are never suggested


def _unnamed_actors(speakers: suggest_speech.Speakers, statements: list[Suggestion]) -> list[Suggestion]:
    """Actors for unnamed speakers ('one US official') that a suggested statement needs."""
    made = []
    for k in speakers.unnamed:
        cited = [dict(s.fields)["cite"] for s in statements if dict(s.fields).get("speaker") == k.id]
        if not cited:
            continue
        fields: list[tuple[str, object]] = [
            ("name", k.forms[0]),
            ("kind", "person"),
            ("notes", f"Suggested: an unnamed speaker, '{k.forms[1]}' in the source. Not identified."),
            ("cite", cited[0]),
        ]
        made.append(Suggestion("actor", k.id, tuple(fields)))
    return made


def to_yaml(items: list[Suggestion]) -> str:
    if not items:
        return "[]\n"
    data = [s.as_dict() for s in items]
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter where PyYAML has it (5x faster on thousands of suggestions; the data is ours and flat)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Words with an apostrophe that cannot be written plain go in double quotes ("Suggested from 'Mr
    Trump said'"), not in single quotes that double every apostrophe: the curator reads and edits these."""
    quoted = "'" in value and '"' not in value and "\n" not in value and "\\" not in value
    quoted = quoted and not Emitter.analyze_scalar(_UNICODE, value).allow_block_plain  # type: ignore[arg-type]
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)


_UNICODE = SimpleNamespace(allow_unicode=True)
"""What PyYAML's scalar analysis reads of an emitter (ours is libyaml's, which has no such method)."""
_Dumper.add_representer(str, _text)
_DUMPER = _Dumper


def printable(found: Suggested, what: str) -> str:
    parts = []
    for kind, file in FILES.items():
        items = found.of(kind)
        if items:
            parts.append(f"# content/{file}\n" + to_yaml(items))
    return "\n".join(parts) if parts else f"# no {what} to suggest\n"


COVERS = {"actors": ("actor",), "statements": ("statement",), "dates": ("event",), "all": tuple(FILES)}
"""The files each ``what`` writes, and so replaces."""


def write(root: Path, found: Suggested, what: str) -> list[Path]:
    """Write content/suggested/<kind>s.yaml for each kind suggested; returns the files written. A file of
    a kind ``what`` covers with nothing left to suggest is removed: an earlier run's is stale."""
    folder = root / CONTENT_DIR / SUGGESTED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, file in FILES.items():
        items = found.of(kind)
        path = folder / file
        if not items:
            if kind in COVERS[what]:
                path.unlink(missing_ok=True)
            continue
        path.write_text(HEADER.format(what=what, file=file) + to_yaml(items), encoding="utf-8")
        written.append(path)
    return written


def cite_stubs(document: Document, sentence_ids: set[str] | None = None) -> str:
    """`cite:` entries for a source's sentences, ready to paste under a fact: the sentence-id form with
    its pin (the check notices if the id comes to name other words), the sentence's words as a comment
    above it (add `quote:` to cite part of it)."""
    lines = []
    for s in document.sentences:
        if s.repeat_of or (sentence_ids is not None and s.id not in sentence_ids):
            continue
        lines.append(f"# {' '.join(s.text.split())}\n- sentence: {s.id}\n  pin: {pin_of(s.text)}\n")
    return "".join(lines)


def listing(
    document: Document, links: dict[str, tuple[str, ...]], only_uncited: bool, stubs: bool, one: str = ""
) -> str:
    """`briefing sentences`: the numbered sentences ('*' when cited), or their `cite:` stubs; only the
    uncited ones, or only the sentence ``one``."""
    from briefing.resolve.coverage import uncited

    left = {one} if one else {s.id for s in uncited(document, links)}
    if stubs:
        return cite_stubs(document, left if only_uncited or one else None)
    lines = []
    for s in document.sentences:
        if (only_uncited or one) and s.id not in left:
            continue
        mark = "*" if links.get(s.id) else " "
        kind = "headline" if s.headline else s.not_content
        extra = f" ({kind})" if kind else f" (repeats {s.repeat_of})" if s.repeat_of else ""
        extra += f" (page {s.page})" if s.page else ""
        lines.append(f"{mark} {s.id} [p{s.paragraph}]{extra} {s.text}\n")
    return "".join(lines)
