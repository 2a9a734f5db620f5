"""The curation report: uncited sentences, quiet actors, single-source claims, spelling variants, repeats."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import require_tool

from briefing.build import Settings, build, check
from briefing.cli import main
from briefing.load.sources import build_document
from briefing.resolve.curation import (
    Report,
    curation_report,
    edit_distance,
    fold,
    format_text,
    names,
)
from briefing.tools.scaffold import create

VARIANT_SEED_A = """Talks on the Donbas

US Secretary of State Anthony Blinken met officials at the Elysée on Monday.
The Democrats and the Russian delegation said Russia would reply.
These talks, Blinken said, concern the Donbas.
"""
VARIANT_SEED_B = """Second report

The Elysee said Antony Blinken would travel on Tuesday.

Officials in Donbass said the Democrat was late.

Those officials spoke to the Elysee press office.

Those officials spoke to the Elysee press office.
"""


def add_source(project: Path, source_id: str, name: str, text: str) -> None:
    seed = project / "seeds" / name
    seed.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    with (project / "content" / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(f"- id: {source_id}\n  file: {name}\n  sha256: {digest}\n  title: {source_id}\n")


@pytest.fixture(scope="module")
def variant_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("curation") / "p"
    create(project)
    add_source(project, "report-a", "a.txt", VARIANT_SEED_A)
    add_source(project, "report-b", "b.txt", VARIANT_SEED_B)
    # One fact resting on two sources, so it must not be listed as single-source.
    events = project / "content" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8")
        + "- id: blinken-trip\n  title: Blinken travels\n  date_text: on Tuesday\n  status: scheduled\n"
        "  cite:\n    - source: report-a\n      quote: Anthony Blinken met officials\n"
        "    - source: report-b\n      quote: Antony Blinken would travel\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def report(variant_project: Path) -> Report:
    checked = check(variant_project)
    assert checked.model is not None and not checked.failed(strict=False), checked.diagnostics
    return curation_report(checked.model, checked.links)


def _report(project: Path) -> Report:
    checked = check(project)
    assert checked.model is not None, checked.diagnostics
    return curation_report(checked.model, checked.links)


def spelled(report: Report) -> list[set[str]]:
    return [{s.text for s in v.spellings} for v in report.variants]


def test_spelling_variants_found(report: Report) -> None:
    groups = spelled(report)
    assert {"Anthony", "Antony"} in groups
    assert {"Elysée", "Elysee"} in groups
    assert {"Donbas", "Donbass"} in groups


def test_spelling_variant_details(report: Report) -> None:
    elysee = next(v for v in report.variants if {s.text for s in v.spellings} == {"Elysée", "Elysee"})
    assert elysee.accents_only
    uses = {s.text: s.uses for s in elysee.spellings}
    assert uses["Elysée"] == (("report-a", 1),)
    assert uses["Elysee"] == (("report-b", 3),)
    anthony = next(v for v in report.variants if "Anthony" in {s.text for s in v.spellings})
    assert not anthony.accents_only and anthony.recorded_by == ()


def test_no_false_variants(report: Report) -> None:
    """Plurals, demonyms and words capitalised only at a sentence's start are not variants."""
    flat = set().union(*spelled(report))
    assert not flat & {"Russia", "Russian", "Democrat", "Democrats", "These", "Those"}


def test_variants_recorded_in_aliases_are_marked(tmp_path: Path) -> None:
    create(tmp_path)
    add_source(tmp_path, "report-a", "a.txt", VARIANT_SEED_A)
    add_source(tmp_path, "report-b", "b.txt", VARIANT_SEED_B)
    with (tmp_path / "content" / "actors.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: antony-blinken\n  name: Antony Blinken\n  kind: person\n  aliases: [Anthony Blinken]\n"
            "  cite:\n    - source: report-b\n      quote: Antony Blinken\n"
        )
    result = _report(tmp_path)
    assert result is not None
    anthony = next(v for v in result.variants if "Anthony" in {s.text for s in v.spellings})
    assert anthony.recorded_by == ("antony-blinken",)


def test_variant_opening_a_sentence_is_found(tmp_path: Path) -> None:
    """One source names her mid-sentence, the other only at a sentence's start."""
    create(tmp_path)
    add_source(tmp_path, "herald", "herald.txt", "Headline\n\nChief engineer Héloïse Durand spoke.\n")
    add_source(tmp_path, "watch", "watch.txt", "Headline\n\nHeloise Durand did not respond.\n")
    result = _report(tmp_path)
    assert result is not None
    assert {"Héloïse", "Heloise"} in spelled(result)


def test_short_names_differing_in_accents_and_case_variants(tmp_path: Path) -> None:
    create(tmp_path)
    add_source(tmp_path, "one", "one.txt", "Headline\n\nThe mayor met Éric and McDonald there.\n")
    add_source(tmp_path, "two", "two.txt", "Headline\n\nThe mayor met Eric and Mcdonald there.\n")
    result = _report(tmp_path)
    assert result is not None
    by_group = {frozenset(s.text for s in v.spellings): v for v in result.variants}
    assert by_group[frozenset({"Éric", "Eric"})].accents_only
    assert not by_group[frozenset({"McDonald", "Mcdonald"})].accents_only
    assert frozenset({"The", "There"}) not in by_group


def test_uncited_sentences_per_source(report: Report) -> None:
    by_source = {u.source: u for u in report.uncited}
    assert [s.id for s in by_source["library-report"].sentences] == []
    a = by_source["report-a"]
    assert a.countable == 3
    assert [s.id for s in a.sentences] == ["report-a.3", "report-a.4"]  # .2 is cited; .1 is the headline


def test_quiet_actors(report: Report) -> None:
    # The skeleton quotes the mayor and the union, never the council.
    assert [a.id for a in report.quiet_actors] == ["riverside-council"]


def test_single_source_claims(report: Report) -> None:
    ids = {(f.kind, f.id) for f in report.single_source}
    assert ("event", "library-closes") in ids
    assert ("statement", "okafor-before-summer") not in ids  # statements are listed apart
    assert ("statement", "okafor-before-summer") in {(f.kind, f.id) for f in report.single_source_statements}
    assert ("dispute", "reopening-date") in ids  # through its positions' statements
    assert ("event", "blinken-trip") not in ids
    assert not any(kind == "actor" for kind, _ in ids)


def test_repeated_paragraphs(report: Report) -> None:
    assert [(r.source, r.paragraph, r.repeat_of, r.line) for r in report.repeats] == [("report-b", 5, 4, 9)]


def test_text_report(report: Report) -> None:
    text = format_text(report)
    assert "Uncited sentences (4):" in text
    assert "report-a.3 The Democrats and the Russian delegation said Russia would reply." in text
    assert "Elysee (report-b ×3) / Elysée (report-a ×1)  [accents only]" in text
    assert "seeds/b.txt:9: paragraph 5 repeats paragraph 4" in text


def test_check_report_cli(variant_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(variant_project), "check", "--report"]) == 0
    out = capsys.readouterr().out
    assert "Curation report: Riverside library closure" in out
    assert "Spelling variants (3):" in out
    assert main(["-C", str(variant_project), "check"]) == 0
    assert "Curation report" not in capsys.readouterr().out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v]
        self.scripts += tag == "script"


def test_curation_page_only_when_configured(variant_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(Settings(variant_project, out, pdf=False)).written
    page = (out / "curation.html").read_text(encoding="utf-8")
    assert "Anthony" in page and "Antony" in page and "report-a.3" in page
    parser = _Links()
    parser.feed(page)
    assert parser.scripts == 0
    assert all(not h.startswith(("http:", "https:", "//")) for h in parser.hrefs)
    for href in parser.hrefs:  # every link and fragment resolves inside the site
        target, _, fragment = href.partition("#")
        html = (out / (target or "curation.html")).read_text(encoding="utf-8")
        assert not fragment or f'id="{fragment}"' in html, href
    assert "curation.html" not in (out / "index.html").read_text(encoding="utf-8")

    briefing = variant_project / "content" / "briefing.yaml"
    original = briefing.read_text(encoding="utf-8")
    try:
        briefing.write_text(original.replace("curation_page: true", "curation_page: false"), encoding="utf-8")
        out2 = tmp_path / "site2"
        assert build(Settings(variant_project, out2, pdf=False)).written
        assert not (out2 / "curation.html").exists()
    finally:
        briefing.write_text(original, encoding="utf-8")


def test_curation_page_escapes_source_text(tmp_path: Path) -> None:
    create(tmp_path)
    add_source(tmp_path, "odd", "odd.txt", "Headline\n\nThe <script>alert(1)</script> Elysée & Elysee met.\n")
    out = tmp_path / "site"
    assert build(Settings(tmp_path, out, pdf=False)).written
    page = (out / "curation.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_fold_and_distance() -> None:
    assert fold("Elysée") == fold("ELYSEE") == "elysee"
    assert edit_distance("anthony", "antony") == 1
    assert edit_distance("donbas", "donbass") == 1
    assert edit_distance("kyvi", "kyiv") == 1  # an adjacent swap is one edit
    assert edit_distance("zelensky", "zelenskiy") == 1
    assert edit_distance("macron", "biden") == 5


def test_names_skip_sentence_openers_and_headlines() -> None:
    doc = build_document("s", "seeds/s.txt", "Big News Headline\n\nThese people met Putin. Then Putin's aide left.", "")
    found = names(doc)
    assert found["Putin"] == 2
    assert "These" not in found and "Then" not in found and "Headline" not in found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_curation_page_passes_axe(variant_project: Path, tmp_path: Path, scheme: str) -> None:
    """WCAG 2 A/AA in headless Chromium (the system browser), in both colour schemes."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is missing")
    executable = require_tool("chromium")
    out = tmp_path / "site"
    assert build(Settings(variant_project, out, pdf=False)).written
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=[*args, "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(color_scheme=scheme)
            page.goto((out / "curation.html").as_uri())
            result = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
            assert result.violations_count == 0, [v["id"] for v in result.response["violations"]]
        finally:
            browser.close()


ZIMBABWE_A = (
    "Headline\n\nKudzanai Chipanga, the ZANU-PF youth leader, spoke in Harare. The Zimbabwe Defence Forces "
    "said so. Britain's Brexit secretary David Davis spoke too.\n"
)
ZIMBABWE_B = (
    "Headline\n\nThe Zanu PF youth leader Kudzayi Chipanga was detained. The Zimbabwe Defence Force "
    "commander spoke. ZANU PF denied it. David Davis said no.\n"
)


def test_variants_of_whole_names(tmp_path: Path) -> None:
    """Names of several words spelt two ways; not the first name and surname of one person."""
    create(tmp_path)
    add_source(tmp_path, "report-a", "a.txt", ZIMBABWE_A)
    add_source(tmp_path, "report-b", "b.txt", ZIMBABWE_B)
    groups = spelled(_report(tmp_path))
    assert {"ZANU-PF", "Zanu PF", "ZANU PF"} in groups
    assert {"Kudzanai Chipanga", "Kudzayi Chipanga"} in groups
    assert {"Zimbabwe Defence Force", "Zimbabwe Defence Forces"} in groups
    assert not any({"David", "Davis"} <= group for group in groups)
    assert "David Davis" not in set().union(*groups)
    with (tmp_path / "content" / "actors.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: kudzanai-chipanga\n  name: Kudzanai Chipanga\n  kind: person\n  aliases: [Kudzayi Chipanga]\n"
            "  cite:\n    - source: report-a\n      quote: Kudzanai Chipanga\n"
        )
    chipanga = next(v for v in _report(tmp_path).variants if "Kudzayi Chipanga" in {s.text for s in v.spellings})
    assert chipanga.recorded_by == ("kudzanai-chipanga",)


def test_whole_name_variants_in_the_sinai_reports_but_not_demonyms() -> None:
    from briefing.resolve.name_variants import name_runs, variant_runs

    text = (
        "Headline\n\nEgypt's president Abdul Fattah al-Sisi spoke of Central America. Mohammed Sabry wrote.\n\n"
        "President Abdel Fattah el-Sisi met Central American leaders. Mohannad Sabry, author of a book, said.\n"
    )
    pairs = {frozenset(p) for p in variant_runs(name_runs(build_document("s", "s.txt", text, "")))}
    assert frozenset({"Abdul Fattah al-Sisi", "Abdel Fattah el-Sisi"}) in pairs
    assert frozenset({"Mohammed Sabry", "Mohannad Sabry"}) in pairs
    assert frozenset({"Central America", "Central American"}) not in pairs


def test_demonyms_in_i_are_not_variants() -> None:
    from briefing.resolve.curation import _inflection

    assert _inflection("Israel", "Israeli") and _inflection("Pakistan", "Pakistani")
    assert not _inflection("Anthony", "Antony")


def test_single_source_report_leaves_statements_out_unless_asked(report: Report) -> None:
    short, full = format_text(report), format_text(report, statements=True)
    assert "statement okafor-before-summer" not in short and "statement okafor-before-summer" in full
    count = len(report.single_source_statements)
    assert f"; {count} statements left out, --with-statements lists them):" in short
    assert "event library-closes" in short


def test_check_report_with_statements_flag(variant_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(variant_project), "check", "--report", "--with-statements"]) == 0
    assert "statement okafor-before-summer" in capsys.readouterr().out
