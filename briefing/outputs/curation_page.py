"""site/curation.html: the curation report (resolve/curation.py) as a page, opt-in and not linked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefing.outputs.layout import ONE_PAGE, Layout
from briefing.outputs.render import environment, guarded
from briefing.resolve.curation import Report, uses

TEMPLATE = "curation.html"


def curation_html(report: Report, project: Path | None, built: datetime, layout: Layout = ONE_PAGE) -> bytes:
    """The page from the ``curation.html`` template (a project may override it); ``layout``: where the
    site shows each fact (its ``href(id, anchor)`` is the template's).

    Raises render.RenderError for a broken override, as the other pages do.
    """
    env = environment(project)
    template = guarded(project, lambda: env.get_template(TEMPLATE))
    page = guarded(
        project, lambda: template.render(report=report, built=built.strftime("%Y-%m-%d"), uses=uses, href=layout.href)
    )
    return page.encode("utf-8")
