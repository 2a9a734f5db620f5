"""site/curation.html: the curation report (resolve/curation.py) as a page, opt-in and not linked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefing.outputs.render import environment, guarded
from briefing.resolve.curation import Report, uses

TEMPLATE = "curation.html"


def curation_html(report: Report, project: Path | None, built: datetime) -> bytes:
    """The page from the ``curation.html`` template (a project may override it).

    Raises render.RenderError for a broken override, as the other pages do.
    """
    env = environment(project)
    template = guarded(project, lambda: env.get_template(TEMPLATE))
    page = guarded(project, lambda: template.render(report=report, built=built.strftime("%Y-%m-%d"), uses=uses))
    return page.encode("utf-8")
