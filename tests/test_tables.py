"""CSV tables: one row per fact, read back by the csv module into the model's values; BOM on request."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import DEMO, REPO, build_site

from briefing.build import check
from briefing.model.kinds import citations_of, facts
from briefing.outputs.tables import TABLES
from briefing.outputs.views import Views


def rows(site: Path, name: str) -> list[dict[str, str]]:
    raw = (site / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def split(cell: str, separator: str) -> list[str]:
    return cell.split(separator) if cell else []


def test_round_trip_every_fact_and_citation(shipped_site: Path) -> None:
    checked = check(REPO)
    assert checked.model is not None
    views = Views(checked.model, checked.links)
    by_kind: dict[str, list[object]] = {}
    for kind, fact in facts(checked.model.content):
        by_kind.setdefault(kind.name, []).append(fact)
    for table in TABLES[1:]:
        read = rows(shipped_site, table.file)
        expected = by_kind.get(table.kind.name, [])
        assert [r["id"] for r in read] == [f.id for f in expected]  # type: ignore[attr-defined]
        for row, fact in zip(read, expected, strict=True):
            cites = list(citations_of(fact))
            assert split(row["citations"], "; ") == [views.cite(c).label for c in cites]
            assert row["sentences"] == "; ".join(s for c in cites for s in c.sentences)
            assert split(row["quotes"], "\n") == [" ".join(c.text.split("\n")) for c in cites]
            for column in ("name", "title", "question", "notes", "status", "mode", "attributed_as"):
                if column in row and hasattr(fact, column):
                    assert row[column] == getattr(fact, column), (table.file, column)
            if table.kind.name == "statement":
                assert row["text"] == fact.words  # type: ignore[attr-defined]


def test_statements_carry_speaker_names_and_dates(shipped_site: Path) -> None:
    statements = rows(shipped_site, "statements.csv")
    actors = {r["id"]: r["name"] for r in rows(shipped_site, "actors.csv")}
    assert statements
    for row in statements:
        speakers = split(row["speaker"], "; ")
        assert split(row["speaker_name"], "; ") == [actors.get(a, a) for a in speakers]
        assert speakers or row["attributed_as"]


def test_bom_on_request_and_links_from_the_page(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    yaml = project / "content" / "briefing.yaml"
    yaml.write_text(yaml.read_text("utf-8") + "csv_bom: true\n", "utf-8")
    site = build_site(project, tmp_path / "site")
    index = (site / "index.html").read_text("utf-8")
    for table in TABLES:
        raw = (site / table.file).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + b"id,")
        assert list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert f'<a href="{table.file}">{table.title}</a>' in index


def test_sources_table_decodes_the_labels(shipped_site: Path) -> None:
    checked = check(REPO)
    assert checked.model is not None
    assert TABLES[0].file == "sources.csv"
    read = rows(shipped_site, "sources.csv")
    assert [r["id"] for r in read] == [s.id for s in checked.model.content.sources]
    labels = {r["label"] for r in read}
    for table in TABLES[1:]:
        for row in rows(shipped_site, table.file):
            for label in split(row["citations"], "; "):
                assert label.split(".")[0] in labels, (table.file, label)
    for row in read:
        assert (shipped_site / row["text_file"]).read_text("utf-8")
        assert int(row["cited"]) <= int(row["sentences"])


def test_inference_marks_match_the_model(shipped_site: Path) -> None:
    from briefing.model.inference import date_inferred

    checked = check(REPO)
    assert checked.model is not None
    content = checked.model.content
    for name, items in (("events.csv", content.events), ("statements.csv", content.statements)):
        flags = [r["date_inferred"] for r in rows(shipped_site, name)]
        assert flags == [str(date_inferred(f.date, f.date_text)).lower() for f in items]
    assert "true" in [r["date_inferred"] for r in rows(shipped_site, "events.csv")]  # the seed infers some dates


def test_a_source_label_of_its_own_is_used_in_tables_and_search(demo_project: Path, tmp_path: Path) -> None:
    sources = demo_project / "content" / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace("- id: gazette\n", "- id: gazette\n  label: GZ\n"), "utf-8")
    site = build_site(demo_project, tmp_path / "site")
    assert [r["label"] for r in rows(site, "sources.csv")] == ["S1", "GZ"]
    cited = [label for r in rows(site, "statements.csv") for label in split(r["citations"], "; ")]
    assert any(label.startswith("GZ.") for label in cited)
    assert '"label":"GZ"' in (site / "search-index.js").read_text("utf-8")
