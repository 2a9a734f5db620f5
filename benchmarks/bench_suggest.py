"""How much of a curated briefing `briefing suggest` proposes, with the briefing itself as the answer key.

    python benchmarks/bench_suggest.py [--misses] [PROJECT ...]

Default projects: the shipped briefing (this repository), benchmarks/suggest/tijuana-2018 and
benchmarks/suggest/sinai-2017 (real reports curated by hand, see their README.md). For each, in a
scratch copy:

- actors: actors.yaml, events, statements and disputes emptied, then `suggest actors`. Recall: the
  curated actors some suggestion names (its name or an alias equals the actor's name or an alias,
  ignoring case, accents and a possessive). Precision: the suggestions that name a curated actor;
  suggested places are left out of it when the key has no place (keys curated before actors could
  be of kind place).
- statements: statements and disputes emptied (actors kept, as a curator accepts actors first), then
  `suggest statements`. Recall: curated statements with a suggestion citing one of the same
  sentences with the same speaker. Precision: suggestions that match a curated statement so.
- dates: events and disputes emptied (suggest leaves out what content/ has already), then
  `suggest dates`. Score: the curated events with a date for which a
  suggestion citing one of the event's sentences proposes exactly that date.

Figures, not timings: they go in benchmarks/README.md. Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.build import Checked, check
from briefing.model.facts import Citation, Model
from briefing.resolve.names import fold
from briefing.resolve.provenance import SourceIndex, normalise_quote
from briefing.tools.suggest import suggest

REPO = Path(__file__).resolve().parent.parent
DEFAULT = (REPO, REPO / "benchmarks" / "suggest" / "tijuana-2018", REPO / "benchmarks" / "suggest" / "sinai-2017")
FACT_FILES = ("actors.yaml", "events.yaml", "statements.yaml", "disputes.yaml")


def _copy(project: Path, into: Path, emptied: Iterable[str]) -> Path:
    target = into / project.name
    for name in ("content", "seeds"):
        shutil.copytree(project / name, target / name, ignore=shutil.ignore_patterns("suggested"))
    for name in emptied:
        (target / "content" / name).write_text("[]\n", encoding="utf-8")
    for prose in ("summary.md", "method.md"):
        if (target / "content" / prose).exists():
            (target / "content" / prose).write_text("To be written.\n", encoding="utf-8")
    return target


def _model(project: Path) -> Model:
    checked: Checked = check(project)
    assert checked.model is not None, f"{project} does not load"
    return checked.model


def _canonical(model: Model, sentence_id: str) -> str:
    source = sentence_id.rpartition(".")[0]
    document = model.document(source)
    s = document.sentence(sentence_id) if document else None
    return s.repeat_of if s is not None and s.repeat_of else sentence_id


def _sentences(model: Model, cites: Iterable[Citation | dict[str, str]]) -> set[str]:
    found: set[str] = set()
    for c in cites:
        if isinstance(c, Citation):
            found |= {_canonical(model, s) for s in c.sentences}
            continue
        if "sentence" in c:
            found.add(_canonical(model, c["sentence"]))
            continue
        index = SourceIndex(model.document(c["source"]))  # type: ignore[arg-type]
        for start, end in index.occurrences(normalise_quote(c["quote"]))[:1]:
            found |= {_canonical(model, s) for s in index.sentences_in(start, end)}
    return found


def _ratio(hit: int, total: int) -> str:
    return f"{hit / total:.2f} ({hit}/{total})" if total else "n/a (0/0)"


def actors(project: Path, answer: Model, scratch: Path) -> tuple[str, str]:
    model = _model(_copy(project, scratch / "actors", FACT_FILES))
    made = [dict(s.fields) for s in suggest(model, "actors").of("actor")]
    if not any(a.kind == "place" for a in answer.content.actors):  # a key curated before 'kind: place' existed
        places = [m for m in made if m["kind"] == "place"]
        made = [m for m in made if m["kind"] != "place"]
        if VERBOSE:
            print(f"  places not scored (the key has none): {[str(m['name']) for m in places]}")
    keys = [{fold(f) for f in (a.name, *a.aliases)} for a in answer.content.actors]
    forms = [{fold(str(f)) for f in (m["name"], *m.get("aliases", []))} for m in made]  # type: ignore[misc]
    found = sum(any(k & f for f in forms) for k in keys)
    right = sum(any(f & k for k in keys) for f in forms)
    if VERBOSE:
        missed = [a.name for a, k in zip(answer.content.actors, keys, strict=True) if not any(k & f for f in forms)]
        extra = [str(m["name"]) for m, f in zip(made, forms, strict=True) if not any(f & k for k in keys)]
        print(f"  missed actors: {missed}\n  extra actors: {extra}")
    return _ratio(found, len(keys)), _ratio(right, len(forms))


def statements(project: Path, answer: Model, scratch: Path) -> tuple[str, str]:
    model = _model(_copy(project, scratch / "statements", ("statements.yaml", "disputes.yaml")))
    made = [dict(s.fields) for s in suggest(model, "statements").of("statement")]
    said = [(_suggested_speakers(m), _sentences(model, m["cite"])) for m in made]  # type: ignore[arg-type]
    key = [(_speakers(st, answer), _sentences(answer, st.cite)) for st in answer.content.statements]
    found = sum(any(w & w2 and s & s2 for w2, s2 in said) for w, s in key)
    right = sum(any(w & w2 and s & s2 for w2, s2 in key) for w, s in said)
    if VERBOSE:
        for st, (w, s) in zip(answer.content.statements, key, strict=True):
            if not any(w & w2 and s & s2 for w2, s2 in said):
                print(f"  missed statement {st.id} ({sorted(s)}; proposed: {[w2 for w2, s2 in said if s & s2]})")
    return _ratio(found, len(key)), _ratio(right, len(said))


_DETERMINER = re.compile(r"^(?:one|a|an|another|some|several|two|three) ")
_QUALIFIER = re.compile(r" (?:at|in|from|of|on|near) .*$")


def _unnamed(words: str) -> str:
    """'a Honduran migrant at the border' -> '~honduran migrant': an unnamed speaker, compared by its noun."""
    return "~" + _QUALIFIER.sub("", _DETERMINER.sub("", fold(words)))


def _suggested_speakers(made: dict[str, Any]) -> set[str]:
    speaker = made.get("speaker")
    if speaker:
        return {speaker} if isinstance(speaker, str) else set(speaker)
    return {_unnamed(str(made["attributed_as"]))}


def _speakers(statement: Any, answer: Model) -> set[str]:
    """Speaker ids; an unnamed speaker also by its words ('Unnamed US official' or attributed_as)."""
    speaker = statement.speaker
    found = {speaker} if isinstance(speaker, str) else set(speaker)
    for actor in answer.content.actors:
        if actor.id in found and fold(actor.name).startswith("unnamed "):
            found.add(_unnamed(actor.name.removeprefix("Unnamed ")))
    if getattr(statement, "attributed_as", ""):
        found.add(_unnamed(statement.attributed_as))
    return found


def dates(project: Path, answer: Model, scratch: Path) -> str:
    model = _model(_copy(project, scratch / "dates", ("events.yaml", "disputes.yaml")))
    made = [dict(s.fields) for s in suggest(model, "dates").of("event")]
    proposed = [(str(m["date"]), _sentences(model, m["cite"])) for m in made]  # type: ignore[arg-type]
    dated = [e for e in answer.content.events if e.date is not None]
    right = [
        e.id
        for e in dated
        if any(value == e.date.value and s & _sentences(answer, e.cite) for value, s in proposed)  # type: ignore[union-attr]
    ]
    if VERBOSE:
        for e in dated:
            if e.id not in right:
                near = sorted({v for v, s in proposed if s & _sentences(answer, e.cite)})
                print(f"  missed date {e.id}: {e.date.value} (proposed: {', '.join(near) or 'none'})")  # type: ignore[union-attr]
    return _ratio(len(right), len(dated))


VERBOSE = "--misses" in sys.argv


def main(argv: list[str]) -> int:
    projects = [Path(p) for p in argv if p != "--misses"] or list(DEFAULT)
    print("| project | actors recall | actors precision | statements recall | statements precision | dates |")
    print("|---|---|---|---|---|---|")
    for project in projects:
        answer = _model(project)
        with tempfile.TemporaryDirectory() as tmp:
            a_recall, a_precision = actors(project, answer, Path(tmp))
            s_recall, s_precision = statements(project, answer, Path(tmp))
            found_dates = dates(project, answer, Path(tmp))
        name = "shipped briefing" if project.resolve() == REPO else project.name
        row = [name, a_recall, a_precision, s_recall, s_precision, found_dates]
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
