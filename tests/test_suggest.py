"""`briefing suggest` and `briefing sentences --yaml`: suggestions that pass the check as they are."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from briefing.build import check
from briefing.cli import main
from briefing.core.diagnostics import Severity
from briefing.load.schema import ACTOR_KINDS
from briefing.load.sources import build_document
from briefing.model.dates import parse_date
from briefing.model.documents import Document
from briefing.resolve import suggest_actors, suggest_dates, suggest_speech
from briefing.resolve.pins import pin_of
from briefing.resolve.suggest import Ids, Pinner
from briefing.tools.suggest import suggest

REPO = Path(__file__).resolve().parent.parent


def doc(text: str, source_id: str = "src") -> Document:
    return build_document(source_id, f"seeds/{source_id}.txt", text, "0" * 64)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def emptied(project: Path, *files: str) -> Path:
    for name in files:
        (project / "content" / name).write_text("[]\n", encoding="utf-8")
    for prose in ("summary.md", "method.md"):  # their citations name the facts just removed
        (project / "content" / prose).write_text("To be written.\n", encoding="utf-8")
    return project


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    for name in ("content", "seeds"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def accept_all(project: Path) -> None:
    """What a curator does: move every suggested item into the real file."""
    folder = project / "content" / "suggested"
    for path in folder.glob("*.yaml"):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        real = project / "content" / path.name
        existing = yaml.safe_load(real.read_text(encoding="utf-8")) or []
        real.write_text(yaml.safe_dump(existing + items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(folder)


# --- the contract: suggestions pass the check -------------------------------------------------------


@pytest.mark.parametrize("fixture", ["demo_project", "shipped"])
def test_accepting_every_suggestion_passes_the_check(
    fixture: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = ("actors.yaml", "statements.yaml", "events.yaml", "disputes.yaml")
    project = emptied(request.getfixturevalue(fixture), *facts)
    code, out, _ = run(capsys, "-C", str(project), "suggest", "all", "--write")
    assert code == 0 and "wrote" in out
    assert {p.name for p in (project / "content" / "suggested").iterdir()} == {
        "actors.yaml",
        "statements.yaml",
        "events.yaml",
    }
    accept_all(project)
    checked = check(project)
    errors = [d for d in checked.diagnostics if d.severity == Severity.ERROR]
    assert errors == []
    assert checked.model is not None
    content = checked.model.content
    assert len(content.actors) >= 3 and len(content.statements) >= 3 and len(content.events) >= 2


def test_suggested_folder_is_never_loaded_counted_or_a_build_input(demo_project: Path) -> None:
    from datetime import UTC, datetime

    from briefing.core.settings import Settings
    from briefing.publish.buildcache import inputs_key

    when = datetime(2024, 3, 1, tzinfo=UTC)
    before = check(demo_project)
    key = inputs_key(Settings(demo_project), when, True)
    folder = demo_project / "content" / "suggested"
    folder.mkdir()
    (folder / "actors.yaml").write_text("- id: [not valid\n  name: {{\n", encoding="utf-8")
    (folder / "notes.md").write_text("anything", encoding="utf-8")
    after = check(demo_project)
    assert after.diagnostics == before.diagnostics
    assert after.model is not None and before.model is not None
    assert after.model.content.actors == before.model.content.actors
    assert after.coverage == before.coverage
    assert inputs_key(Settings(demo_project), when, True) == key


def test_existing_actors_are_left_out(shipped: Path) -> None:
    checked = check(shipped)
    assert checked.model is not None
    found = suggest(checked.model, "actors")
    names = {dict(s.fields)["name"] for s in found.of("actor")}
    assert "Vladimir Putin" not in names and "Elysee" not in names and "Elysée" not in names


def test_ids_are_unique_across_content_and_suggestions(shipped: Path) -> None:
    checked = check(shipped)
    assert checked.model is not None
    found = suggest(checked.model, "all")
    ids = [s.id for s in found.items]
    taken = {a.id for a in checked.model.content.actors} | {e.id for e in checked.model.content.events}
    assert len(ids) == len(set(ids)) and not taken & set(ids)


# --- actors -----------------------------------------------------------------------------------------


def actors_of(text: str) -> dict[str, dict[str, object]]:
    d = doc(text)
    made = suggest_actors.suggestions(suggest_actors.candidates((d,), [], Ids([])), Pinner([d]))
    return {str(dict(s.fields)["name"]): dict(s.fields) for s in made}


def test_actor_spellings_titles_and_kinds() -> None:
    found = actors_of(
        "US Secretary of State Anthony Blinken met Russian Foreign Minister Sergei Lavrov.\n\n"
        "Antony Blinken said the talks went well. Mr Lavrov left for Moscow.\n\n"
        "Kremlin spokesman Dmitry Peskov told Reuters the Trilateral Contact Group would meet. "
        "The trilateral contact group includes the OSCE.\n"
    )
    blinken = found.get("Anthony Blinken") or found["Antony Blinken"]
    assert blinken["kind"] == "person" and blinken["role"] == "US Secretary of State"
    assert {"Anthony Blinken", "Antony Blinken"} <= {blinken.get("name"), *blinken.get("aliases", [])}  # type: ignore[misc]
    assert "Mr Lavrov" in found["Sergei Lavrov"]["aliases"]  # type: ignore[operator]
    assert found["Dmitry Peskov"]["role"] == "Kremlin spokesman"
    assert found["Kremlin"]["kind"] == "institution"
    assert found["Reuters"]["kind"] == "media"
    assert found["Trilateral Contact Group"]["aliases"] == ["trilateral contact group"]
    assert found["OSCE"]["kind"] == "organisation"
    assert found["United States"]["kind"] == "state"
    for fields in found.values():
        assert str(fields["notes"]).startswith("Suggested")
        assert fields["cite"]


def test_sentence_starts_and_shouting_are_no_actors() -> None:
    found = actors_of('Critics said it was wrong. Women fled. Trump wrote: "they are NOT coming, fund the WALL!"\n')
    assert "Critics" not in found and "Women" not in found and "WALL" not in found and "NOT" not in found


def test_actor_quotes_are_unique_in_their_sentence() -> None:
    d = doc("Putin met Putin's aide. Then Vladimir Putin returned.\n")
    made = suggest_actors.suggestions(suggest_actors.candidates((d,), [], Ids([])), Pinner([d]))
    cites = [c for s in made for c in dict(s.fields)["cite"]]  # type: ignore[attr-defined]
    assert {"sentence": "src.1", "quote": "Putin met"} in cites
    for c in cites:
        sentence = d.sentence(c["sentence"])
        assert sentence is not None and sentence.text.count(c.get("quote", sentence.text)) == 1


# --- statements -------------------------------------------------------------------------------------


def statements_of(text: str) -> list[dict[str, object]]:
    d = doc(text)
    ids = Ids([])
    candidates = suggest_actors.candidates((d,), [], ids)
    speakers = suggest_speech.Speakers(suggest_speech.known_actors([], candidates), ids)
    return [dict(s.fields) for s in suggest_speech.suggestions((d,), speakers, ids)]


def test_direct_quote_with_relay_and_pronoun() -> None:
    found = statements_of(
        "Kremlin spokesman Dmitry Peskov spoke on Monday.\n\n"
        '"It is premature," Peskov told Kommersant.\n\n'
        '"We will see," he added.\n'
    )
    assert [(s["speaker"], s["mode"], s["text"], s.get("reported_by")) for s in found] == [
        ("dmitry-peskov", "direct", "It is premature", ["kommersant"]),
        ("dmitry-peskov", "direct", "We will see", None),
    ]


def test_reported_paraphrase_and_according_to() -> None:
    found = statements_of(
        "Kremlin spokesman Dmitry Peskov later reportedly said that no plans were in place for a meeting.\n\n"
        "According to one US official, Washington would withdraw from the talks, Bloomberg reported.\n"
    )
    first, second = found
    assert (first["speaker"], first["mode"]) == ("dmitry-peskov", "reported")
    assert first["text"] == "no plans were in place for a meeting"
    if suggest_speech.unnamed_as_words():  # the content model's form for a speaker the source does not name
        assert (second["attributed_as"], second["mode"]) == ("one US official", "paraphrase")
    else:
        assert (second["speaker"], second["mode"]) == ("unnamed-us-official", "paraphrase")
    assert second["reported_by"] == ["bloomberg"]


def test_quote_continued_in_next_paragraph_keeps_its_speaker() -> None:
    found = statements_of('Overnight, the White House said: "We are ready.\n\n"And we are waiting."\n')
    assert [(s["speaker"], s["text"]) for s in found] == [
        ("white-house", "We are ready."),
        ("white-house", "And we are waiting."),
    ]


def test_two_speakers_each_get_a_statement() -> None:
    found = statements_of("Vladimir Putin met Emmanuel Macron. Putin and Macron said they would work on a ceasefire.\n")
    if suggest_speech.joint_statements():  # one joint statement once the content model takes a list
        assert [s["speaker"] for s in found] == [["vladimir-putin", "emmanuel-macron"]]
    else:
        assert sorted(str(s["speaker"]) for s in found) == ["emmanuel-macron", "vladimir-putin"]


# --- dates ------------------------------------------------------------------------------------------


def dates_of(text: str, published: str | None) -> list[tuple[str, str]]:
    d = doc(text)
    when = parse_date(published) if published else None
    return [(f.text, f.value) for f in suggest_dates.dates_in(d, when)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They spoke on Sunday.", [("on Sunday", "2022-02-20")]),
        ("Talks will start on Thursday.", [("on Thursday", "2022-02-24")]),
        ("The council was due to convene on Monday.", [("on Monday", "2022-02-21")]),
        ("Overnight, the White House spoke.", [("Overnight", "2022-02-20/2022-02-21")]),
        ("They will meet in the coming days.", [("in the coming days", "2022-02-22~/2022-02-28~")]),
        ("Psaki said in a statement that talks go on.", [("no time given", "../2022-02-21")]),
        ("Earlier Monday, Trump threatened to close the border.", [("Earlier Monday", "2022-02-21")]),
        ("Macron has announced a summit.", [("no time given", "../2022-02-21")]),
        ("Macron announced a summit on Sunday.", [("on Sunday", "2022-02-20")]),
        ('"We announced it," he said.', []),
        ("Peskov later said so.", [("later", "../2022-02-21")]),
        ("He will report later.", []),
        (
            "It comes after a call on Sunday.",
            [("after a call on Sunday", "2022-02-20/2022-02-21"), ("on Sunday", "2022-02-20")],
        ),
        ("Over the weekend, drills were extended.", [("Over the weekend", "2022-02-19/2022-02-20")]),
        ("The drills end on 20 February.", [("on 20 February", "2022-02-20")]),
        ("He takes office on Dec. 1.", [("on Dec. 1", "2022-12-01")]),
        ("It was signed in 2014.", [("in 2014", "2014")]),
        ("The vote is due on November 14th.", [("on November 14th", "2022-11-14")]),
        ("It happened in January.", [("in January", "2022-01")]),
        ("Prices fell last month.", [("last month", "2022-01")]),
        ("Prices rose earlier this month.", [("earlier this month", "2022-02-01/2022-02-21")]),
        ("They meet next week.", [("next week", "2022-02-28/2022-03-06")]),
        ('"I have calls planned today," he said.', [("today", "../2022-02-21")]),
        ("She left today.", [("today", "2022-02-21")]),
    ],
)
def test_date_expressions_resolve_against_publication(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates_of(text, "2022-02-21") == expected


def test_no_published_date_no_relative_suggestion() -> None:
    assert dates_of("They spoke on Sunday.", None) == []


def test_published_interval_gives_an_interval_where_readings_differ() -> None:
    assert dates_of("They spoke on Sunday.", "2018-11-26/2018-11-27") == [("on Sunday", "2018-11-25")]
    assert dates_of("They spoke on Monday.", "2018-11-26/2018-11-27") == [("on Monday", "2018-11-26")]
    assert dates_of("They spoke yesterday.", "2018-11-26/2018-11-27") == [("yesterday", "2018-11-25/2018-11-26")]
    # the coming days are those after the day of writing, whichever day that was
    assert dates_of("They meet in the coming days.", "2022-02-20/2022-02-21") == [
        ("in the coming days", "2022-02-21~/2022-02-28~")
    ]


def test_weekday_rules() -> None:
    monday = date(2022, 2, 21)
    assert suggest_dates._weekday(monday, 6, False, "") == date(2022, 2, 20)
    assert suggest_dates._weekday(monday, 0, False, "last") == date(2022, 2, 14)
    assert suggest_dates._weekday(monday, 0, True, "next") == date(2022, 2, 28)


# --- the command ------------------------------------------------------------------------------------


def test_suggest_prints_yaml_by_default(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(demo_project), "suggest", "dates", "--source", "council-report")
    assert code == 0 and err.startswith("briefing: note: left out 1 already in content/ (a statement of the same")
    assert out.startswith("# content/events.yaml\n")
    items = yaml.safe_load(out)
    assert items and all(i["cite"][0]["sentence"].startswith("council-report.") for i in items)
    assert not (demo_project / "content" / "suggested").exists()


def test_what_the_curator_accepted_is_not_suggested_again(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements = demo_project / "content" / "statements.yaml"
    statements.write_text("[]\n", encoding="utf-8")
    (demo_project / "content" / "disputes.yaml").write_text("[]\n", encoding="utf-8")
    assert run(capsys, "-C", str(demo_project), "suggest", "statements", "--write")[0] == 0
    suggested = demo_project / "content" / "suggested" / "statements.yaml"
    made = yaml.safe_load(suggested.read_text(encoding="utf-8"))
    assert len(made) >= 2
    accepted, rest = made[:1], made[1:]
    accepted[0]["text"] = "edited by the curator"  # accepted and edited: still the same statement
    statements.write_text(yaml.safe_dump(accepted, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "-C", str(demo_project), "suggest", "statements")
    assert code == 0 and "left out 1 already in content/" in err
    assert [i["cite"] for i in yaml.safe_load(out)] == [i["cite"] for i in rest]
    statements.write_text(yaml.safe_dump(made, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "-C", str(demo_project), "suggest", "statements", "--write")
    assert "nothing to suggest" in out and not suggested.exists()  # the earlier run's file is stale: removed


def test_no_published_date_is_said(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = demo_project / "content" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("  published: 2024-02-28\n", ""), encoding="utf-8")
    _, _, err = run(capsys, "-C", str(demo_project), "suggest", "dates")
    assert "no dates suggested from gazette: no 'published' date" in err


def test_suggest_unknown_source_is_a_usage_error(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "-C", str(demo_project), "suggest", "all", "--source", "nope")
    assert code == 2 and "no loaded source 'nope' (sources: council-report, gazette)" in err


def test_sentences_yaml_prints_cite_stubs_that_resolve(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-C", str(demo_project), "sentences", "gazette", "--yaml")
    assert code == 0
    stubs = yaml.safe_load(out)
    assert len(stubs) == len(check(demo_project).model.documents[1].sentences)  # type: ignore[union-attr]
    assert stubs[0] == {
        "sentence": "gazette.1",
        "pin": pin_of(check(demo_project).model.documents[1].sentences[0].text),
    }  # type: ignore[union-attr]
    assert out.startswith("# The Gazette has learned that")
    events = demo_project / "content" / "events.yaml"
    data = yaml.safe_load(events.read_text(encoding="utf-8"))
    data[0]["cite"] = stubs
    events.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert [d for d in check(demo_project).diagnostics if d.code.startswith("citation.")] == []  # pinned: no warning


# --- ids for facts written without one --------------------------------------------------------------


def test_missing_id_hint_is_made_from_name_title_or_speaker_and_text() -> None:
    from briefing.load.ids import id_for

    assert id_for({"name": "Ana Ruíz"}) == ("ana-ruiz", "name")
    assert id_for({"title": "The Council announces the closure of the harbour bridge today"}) == (
        "the-council-announces-the-closure-of",
        "title",
    )
    assert id_for({"speaker": "ana-ruiz", "text": "The bridge is safe."}) == (
        "ana-ruiz-the-bridge-is-safe",
        "speaker and text",
    )
    assert id_for({"cite": []}) is None


# --- a direct statement's text may be its one quote -------------------------------------------------


def _statement(project: Path, body: str) -> None:
    path = project / "content" / "statements.yaml"
    path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")


def test_direct_statement_without_text_takes_its_quote(demo_project: Path) -> None:
    _statement(
        demo_project,
        "- id: union-fortune\n  speaker: city-council\n  mode: direct\n  cite:\n"
        "    - source: council-report\n      quote: will cost our members a fortune\n",
    )
    checked = check(demo_project)
    assert [d for d in checked.diagnostics if d.severity == Severity.ERROR] == []
    assert checked.model is not None
    made = next(s for s in checked.model.content.statements if s.id == "union-fortune")
    assert made.text == ("will cost our members a fortune",)


@pytest.mark.parametrize(
    "body",
    [
        "  mode: paraphrase\n  cite:\n    - source: council-report\n      quote: will cost our members a fortune\n",
        "  mode: direct\n  cite:\n    - source: council-report\n      quote: will cost our members a fortune\n"
        "    - source: council-report\n      quote: A spokesman for the drivers' union\n",
    ],
    ids=["paraphrase", "two-citations"],
)
def test_statement_text_is_required_otherwise(demo_project: Path, body: str) -> None:
    _statement(demo_project, "- id: union-fortune\n  speaker: city-council\n" + body)
    found = [d for d in check(demo_project).diagnostics if d.code == "schema.missing"]
    assert len(found) == 1 and "'text'" in found[0].message and "only a direct statement" in (found[0].hint or "")


def test_acronyms_bodies_before_titles_and_plural_possessives() -> None:
    found = actors_of(
        "According to the Centers for Disease Control and Prevention (CDC), gas burns. The CDC agreed.\n\n"
        "US Customs and Border Protection said agents were hit. CBP agents fired gas.\n\n"
        "Homeland Security secretary Kirstjen Nielsen spoke, as did the ACLU Immigrants' Rights Project.\n\n"
        "Central American migrants waited in Tijuana.\n"
    )
    assert "CDC" in found["Centers for Disease Control and Prevention"]["aliases"]  # type: ignore[operator]
    assert "CBP" in found["US Customs and Border Protection"]["aliases"]  # type: ignore[operator]
    assert "CDC" not in found and "CBP" not in found
    assert found["Homeland Security"]["kind"] == "institution"
    assert found["ACLU Immigrants' Rights Project"]["kind"] == "organisation" and "ACLU" in found
    assert found["Central American migrants"]["kind"] == "group"


def test_reported_words_leave_out_recipient_time_and_relay() -> None:
    found = statements_of(
        "Another mom, Cindy Milla, told The Wall Street Journal that her child fainted.\n\n"
        "US Customs and Border Protection said Monday that the use of tear gas will be reviewed.\n\n"
        "Mr Trump told reporters that tough people were trying to break in to the U.S., according to The Washington "
        "Times.\n\n"
        "She said she never would have gotten that close.\n"
    )
    assert [s["text"] for s in found] == [
        "her child fainted",
        "the use of tear gas will be reviewed",
        "tough people were trying to break in to the U.S.",
        "she never would have gotten that close",
    ]
    assert found[0]["reported_by"] == ["wall-street-journal"] and found[2]["reported_by"] == ["washington-times"]


def test_particles_possessive_employers_regions_and_religious_groups() -> None:
    found = actors_of(
        "Egyptian president Abdul Fattah al-Sisi spoke. Later Sisi left.\n\n"
        "Stars Franck Ribery and Marc ter Stegen grieved. Arsenal's German midfielder Mesut Özil wrote.\n\n"
        "The attack in North Sinai targeted Sufi Muslims at the Al Rawda mosque.\n\n"
        "US Secretary of State, Antony Blinken, met the Muslim Brotherhood Islamist group.\n"
    )
    assert "Sisi" in found["Abdul Fattah al-Sisi"]["aliases"]  # type: ignore[operator]
    assert found["Marc ter Stegen"]["kind"] == "person"
    assert found["Arsenal"]["kind"] == "organisation"
    assert found["Sufi Muslims"]["kind"] == "group"
    if "place" in ACTOR_KINDS:  # the content model's kind for a place
        assert found["North Sinai"]["kind"] == "place" and found["Al Rawda"]["kind"] == "place"
    else:
        assert "North Sinai" not in found and "Al Rawda" not in found
    assert "US Secretary of State" not in found
    assert "Muslim Brotherhood" in found["Muslim Brotherhood Islamist"]["aliases"]  # type: ignore[operator]


def test_clause_subjects_closing_attributions_and_whole_quoted_sentences() -> None:
    found = statements_of(
        "Critics have accused the Trump administration, while Mexico has demanded the US investigate its use.\n\n"
        "No one was injured, according to statements by CBP and Mexico's Interior Ministry.\n\n"
        'Speaking in Mississippi, Mr Trump said the agents were right. "Nobody is coming in."\n'
    )
    both = ["cbp", "mexico-s-interior-ministry"]
    jointly = [(both, "paraphrase", "No one was injured")]
    each = [(who, "paraphrase", "No one was injured") for who in both]
    assert [(s["speaker"], s["mode"], s["text"]) for s in found] == [
        ("mexico", "paraphrase", "the US investigate its use"),
        *(jointly if suggest_speech.joint_statements() else each),
        ("trump", "paraphrase", "the agents were right"),
        ("trump", "direct", "Nobody is coming in."),
    ]


def test_joint_and_unnamed_forms_once_the_content_model_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggest_speech, "joint_statements", lambda: True)
    monkeypatch.setattr(suggest_speech, "unnamed_as_words", lambda: True)
    found = statements_of(
        "Vladimir Putin met Emmanuel Macron. Putin and Macron said they would work on a ceasefire.\n\n"
        "According to one US official, Washington would withdraw from the talks.\n"
    )
    assert [(s.get("speaker"), s.get("attributed_as")) for s in found] == [
        (["vladimir-putin", "emmanuel-macron"], None),  # in the source's order
        (None, "one US official"),
    ]
    assert "accept it too" not in str(found[1]["notes"])


def test_suggest_says_when_the_project_has_errors(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = demo_project / "content" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("status: proposed", "status: propsed"))
    code, out, err = run(capsys, "-C", str(demo_project), "suggest", "dates")
    assert code == 0 and out.startswith("# content/events.yaml")
    assert err.startswith("briefing: note: the project has 1 error; 'briefing check' lists them\n")


def test_suggest_write_refuses_a_file_in_the_way(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (demo_project / "content" / "suggested").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "-C", str(demo_project), "suggest", "dates", "--write")
    assert code == 2 and "cannot write suggestions to content/suggested" in err and "hint:" in err
    assert (demo_project / "content" / "suggested").read_text(encoding="utf-8") == "mine"


def test_single_letters_and_the_are_no_names() -> None:
    found = actors_of("A spokesman for the union spoke. The Gazette said so. Later the Gazette wrote again.\n")
    assert "A" not in found and list(found).count("Gazette") + list(found).count("The Gazette") <= 1


def test_speaker_after_the_verb() -> None:
    found = statements_of('Donald Trump spoke.\n\n"Nobody is coming in," said Mr Trump.\n')
    assert [(s["speaker"], s["mode"], s["text"]) for s in found] == [("donald-trump", "direct", "Nobody is coming in")]


def test_sentences_of_one_sentence_id(demo_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-C", str(demo_project), "sentences", "gazette.2")
    assert code == 0 and err == "" and out.startswith("* gazette.2 [p") and out.count("\n") == 1
    code, out, _ = run(capsys, "-C", str(demo_project), "sentences", "gazette.2", "--yaml")
    assert code == 0 and [i["sentence"] for i in yaml.safe_load(out)] == ["gazette.2"]
    code, _, err = run(capsys, "-C", str(demo_project), "sentences", "gazette.99")
    assert code == 2 and "'gazette' has sentences gazette.1 to gazette." in err


def test_an_unknown_source_is_not_buried_under_the_project_s_warnings(
    demo_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (demo_project / "content" / "actors.yaml").open("a", encoding="utf-8") as actors:  # an unused actor: a warning
        actors.write(
            "- id: nobody\n  name: Nobody\n  kind: person\n  cite:\n    - source: gazette\n      quote: The Gazette\n"
        )
    code, _, err = run(capsys, "-C", str(demo_project), "sentences", "gazete")
    assert code == 2 and err.startswith("briefing: error: no loaded source 'gazete'")


def test_a_speaker_left_in_suggested_is_named_by_the_check(demo_project: Path) -> None:
    statements = demo_project / "content" / "statements.yaml"
    statements.write_text(
        statements.read_text(encoding="utf-8").replace("speaker: ana-ruiz", "speaker: harbour-master", 1),
        encoding="utf-8",
    )
    suggested = demo_project / "content" / "suggested"
    suggested.mkdir()
    (suggested / "actors.yaml").write_text("# header\n- id: harbour-master\n  name: Harbour master\n", encoding="utf-8")
    (found,) = [d for d in check(demo_project).diagnostics if d.code == "reference.unknown"]
    assert found.hint == (
        "'harbour-master' is suggested at content/suggested/actors.yaml:2: move that item into content/actors.yaml too"
    )


def test_suggested_yaml_does_not_double_apostrophes() -> None:
    from briefing.resolve.suggest import Suggestion
    from briefing.tools.suggest import to_yaml

    notes = "Suggested: 'Sunday's' read as the Élysée's day"  # ': ' rules out plain style
    item = Suggestion("statement", "x", (("text", "Sunday's march"), ("notes", notes), ("quote", "2018-11-25")))
    out = to_yaml([item])
    assert f'notes: "{notes}"' in out and "text: Sunday's march" in out and "''" not in out
    assert yaml.safe_load(out) == [{"id": "x", "text": "Sunday's march", "notes": notes, "quote": "2018-11-25"}]
