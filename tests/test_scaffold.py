"""`briefing new DIR`: a skeleton that checks strictly and builds at once; never over existing work."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from invoke import Task
from jsonschema import Draft202012Validator

from briefing.build import check
from briefing.cli import main
from briefing.load.yamlfile import load_yaml
from briefing.tools.jsonschema_gen import file_schema, modeline
from briefing.tools.scaffold import ScaffoldError, create, skeleton_files


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "my-briefing"
    assert main(["new", str(target)]) == 0
    return target


def test_new_project_checks_strictly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(project), "check", "--strict"]) == 0
    out = capsys.readouterr()
    assert "0 errors, 0 warnings" in out.out
    assert out.err == ""


def test_new_project_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b"
    create(target)
    assert main(["-C", str(target), "build"]) == 0
    data = json.loads((target / "site" / "data.json").read_text(encoding="utf-8"))
    assert "library-report" in json.dumps(data)
    assert "built" in capsys.readouterr().out


def test_layout(project: Path) -> None:
    for rel in (
        "README.md",
        "tasks.py",
        ".gitignore",
        "seeds/README.md",
        "seeds/library-report.txt",
        "templates/README.md",
        "content/briefing.yaml",
        "content/sources.yaml",
        "schemas/sources.schema.json",
    ):
        assert (project / rel).is_file(), rel
    assert "seeds/" in (project / "README.md").read_text(encoding="utf-8")
    assert "verbatim" in (project / "seeds" / "README.md").read_text(encoding="utf-8")


def test_seed_is_pinned(project: Path) -> None:
    digest = hashlib.sha256((project / "seeds" / "library-report.txt").read_bytes()).hexdigest()
    assert f"sha256: {digest}" in (project / "content" / "sources.yaml").read_text(encoding="utf-8")


def test_content_is_commented_and_valid_against_the_schemas(project: Path) -> None:
    files = sorted((project / "content").glob("*.yaml"))
    assert len(files) == 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        assert lines[0] == modeline(path.name)
        assert (path.parent / lines[0].split("=", 1)[1]).is_file()
        assert any(line.startswith("# ") for line in lines[1:]), f"{path.name} has no explanatory comment"
        doc, diagnostics = load_yaml(text, path.name)
        assert doc is not None, diagnostics
        errors = [e.message for e in Draft202012Validator(file_schema(path.name)).iter_errors(doc.data)]
        assert errors == [], path.name


def test_tasks_file_defines_the_tasks(project: Path) -> None:
    spec = importlib.util.spec_from_file_location("skeleton_tasks", project / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("check", "build", "serve", "report", "schema"):
        assert isinstance(getattr(module, name), Task), name


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and str(tmp_path) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not a folder"):
        create(target)


def test_accepts_an_empty_folder(tmp_path: Path) -> None:
    created = create(tmp_path)
    assert "content/briefing.yaml" in created.files
    assert set(created.files) == set(skeleton_files())


def test_no_cache_files_in_the_skeleton() -> None:
    assert all("__pycache__" not in rel and not rel.endswith(".pyc") for rel in skeleton_files())


def test_replacing_the_example_as_the_readme_says(tmp_path: Path) -> None:
    """Run the README's clean-slate commands literally, add a source: the project checks."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    create(tmp_path)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Replacing the example", 1)[1]
    commands = [line[4:] for line in block.splitlines() if line.startswith("    ")]
    assert commands
    subprocess.run([bash, "-euc", "\n".join(commands)], cwd=tmp_path, check=True)
    assert not (tmp_path / "seeds" / "library-report.txt").exists()
    seed = tmp_path / "seeds" / "mine.txt"
    seed.write_text("My headline\n\nSomething happened on Monday.\n", encoding="utf-8")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources = tmp_path / "content" / "sources.yaml"
    head = sources.read_text(encoding="utf-8").split("\n", 1)[0]
    sources.write_text(f"{head}\n- id: mine\n  file: mine.txt\n  sha256: {digest}\n  title: Mine\n", encoding="utf-8")
    checked = check(tmp_path)
    assert not checked.failed(strict=False), checked.diagnostics
    assert checked.model is not None and checked.model.content.actors == ()
