"""A project's broken template is a diagnostic at the template's file and line, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.build import check
from briefing.outputs.render import RenderError
from briefing.outputs.site_pages import render_site


def render_with(project: Path, template: str) -> tuple[str, str]:
    (project / "templates").mkdir()
    (project / "templates" / "_method.html").write_text(template, encoding="utf-8")
    checked = check(project)
    assert checked.model is not None
    with pytest.raises(RenderError) as caught:
        render_site(checked.model, checked.links, project, datetime(2024, 1, 1, tzinfo=UTC))
    d = caught.value.diagnostic
    return d.code, str(d.location)


def test_undefined_variable_at_its_line(demo_project: Path) -> None:
    assert render_with(demo_project, "<p>\n\n{{ nothing_here }}\n</p>\n") == (
        "template.undefined",
        "templates/_method.html:3:1",
    )


def test_missing_include_at_its_line(demo_project: Path) -> None:
    assert render_with(demo_project, "<p>\n{% include 'gone.html' %}\n") == (
        "template.missing",
        "templates/_method.html:2:1",
    )


def test_python_error_in_a_project_template(demo_project: Path) -> None:
    assert render_with(demo_project, "{{ 1 // 0 }}\n") == ("template.error", "templates/_method.html:1:1")


def test_syntax_error_at_its_line(demo_project: Path) -> None:
    assert render_with(demo_project, "<p>\n{% if %}\n") == ("template.syntax", "templates/_method.html:2:1")


def test_a_template_linking_outside_the_project_is_refused(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "templates" / "_method.html").symlink_to("/etc/passwd")
    checked = check(demo_project)
    assert checked.model is not None
    with pytest.raises(RenderError) as caught:
        render_site(checked.model, checked.links, demo_project, datetime(2024, 1, 1, tzinfo=UTC))
    assert (caught.value.diagnostic.code, str(caught.value.diagnostic.location)) == (
        "template.outside-project",
        "templates/_method.html",
    )


def test_a_template_linking_inside_the_project_is_used(demo_project: Path) -> None:
    (demo_project / "templates").mkdir()
    (demo_project / "mine.css").write_text("body { color: red; }\n", encoding="utf-8")
    (demo_project / "templates" / "style.css").symlink_to(demo_project / "mine.css")
    checked = check(demo_project)
    assert checked.model is not None
    files = render_site(checked.model, checked.links, demo_project, datetime(2024, 1, 1, tzinfo=UTC))
    assert files["style.css"] == b"body { color: red; }\n"
