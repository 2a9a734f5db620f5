"""Every page of the HTML site, each as ``(relative path, the call that makes it)``.

The briefing page, the search page, the stylesheet and script, each source's page
and, for a large briefing (outputs/layout.py), the lists' numbered pages, a page per
actor (what they said and did) and a permalink per dispute. Calls, not pages, so that
build.py writes each page as it is made instead of holding the whole site in memory,
and may share the calls among processes (publish/workers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from briefing.model.facts import Actor, Dispute, Event, Model, Statement
from briefing.outputs.i18n import page_formats
from briefing.outputs.layout import Listing, actor_page, dispute_page
from briefing.outputs.page_memo import PageMemo, fact_page_key, shared_key, source_page_key, wide_key
from briefing.outputs.render import STYLESHEET, environment, guarded, page_chart, page_context
from briefing.outputs.revisions import marker
from briefing.outputs.search import PAGE as SEARCH_PAGE
from briefing.outputs.search import SCRIPT as SEARCH_SCRIPT
from briefing.outputs.views import SourceView, Views
from briefing.resolve.history import History

LIST_PARTIALS = {
    "actors": "_actors_table.html",
    "events": "_events_list.html",
    "statements": "_statements.html",
    "disputes": "_disputes_list.html",
    "sources": "_sources.html",
}
"""The partial that shows a page of each list (the briefing page's own table, for most)."""
PageTask = tuple[str, Callable[[], bytes]]
"""A page's path and the call that makes it."""
CHART_SCRIPT = "chart.js"
"""The timeline's full titles on focus and its scroll to the as-of line (_timeline.html)."""


def render_site(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path | None,
    built: datetime,
    history: History | None = None,
) -> dict[str, bytes]:
    """Every page and asset of the HTML site, in memory (a build writes them one at a time instead).

    Raises RenderError for a broken template."""
    return {rel: make() for rel, make in page_tasks(model, links, project, built, history)}


def page_tasks(
    model: Model,
    links: dict[str, tuple[str, ...]],
    project: Path | None,
    built: datetime,
    history: History | None = None,
    memo: PageMemo | None = None,
) -> list[PageTask]:
    """Each page and asset with the call that makes it, in the site's order (publish/workers.py may share
    the calls among processes). What every page shares (the briefing page's context and its chart, the
    templates) is made here, once, before any call.

    Raises RenderError for a broken template."""
    env = environment(project, model.content.briefing.language)
    views = Views(model, links, formats=page_formats(env))
    # The chart is drawn in the briefing page's own task: it need not hold up every other page.
    index = guarded(project, lambda: page_context(env, views, built, "", chart=False, history=history or History()))
    pages = _Pages(env, project, index)
    tasks: list[PageTask] = [
        ("index.html", partial(_index_page, pages, views)),
        (STYLESHEET, partial(_asset, env, STYLESHEET)),
        (SEARCH_PAGE, partial(pages.render, SEARCH_PAGE, {"page": SEARCH_PAGE})),
        (SEARCH_SCRIPT, partial(_asset, env, SEARCH_SCRIPT)),
        (CHART_SCRIPT, partial(_asset, env, CHART_SCRIPT)),
    ]
    shared = shared_key(index, views, project) if memo is not None else ""
    for view in views.source_list():
        tasks.append((view.href, partial(_source_page, pages, views, view, memo, shared)))
    if views.layout.split:
        wide = wide_key(shared, views, index) if memo is not None else ""
        tasks += _split_pages(pages, views, memo, wide)
    return tasks


def _index_page(pages: _Pages, views: Views) -> bytes:
    chart = guarded(pages.project, lambda: page_chart(pages.env, views, pages.index))
    return pages.render("index.html", {"chart": chart})


def _source_page(pages: _Pages, views: Views, view: SourceView, memo: PageMemo | None, shared: str) -> bytes:
    paragraphs = views.paragraphs(view.source.id)
    context = {"root": "../", "page": view.href, "view": view, "paragraphs": paragraphs}
    if memo is None:
        return pages.render("source.html", context)
    key = source_page_key(shared, views, view, paragraphs)
    return memo.page(view.href, key, lambda: pages.render("source.html", context))


class _Pages:
    """Renders one template with the briefing page's context, some entries replaced."""

    def __init__(self, env: Environment, project: Path | None, index: dict[str, Any]) -> None:
        self.env = env
        self.project = project
        self.index = index

    def render(self, name: str, context: dict[str, Any]) -> bytes:
        if context.get("root", "") != self.index["root"]:  # the marks link to the corrections on index.html
            tr = page_formats(self.env).gettext
            context["mark"] = marker(self.index["history"], self.index["corrections"], context["root"], True, tr)
        # A project's template that does not compile (an unknown filter) is its own to fix: located, no traceback.
        template = guarded(self.project, lambda: self.env.get_template(name))
        return guarded(self.project, lambda: template.render({**self.index, **context}).encode("utf-8"))


def _split_pages(pages: _Pages, views: Views, memo: PageMemo | None, wide: str) -> list[PageTask]:
    """The lists' pages, an actor's page and a dispute's permalink (a large briefing only); ``memo`` keeps
    actors' and disputes' pages whose inputs are unchanged (serve)."""
    tasks: list[PageTask] = []
    for listing in views.layout.listings.values():
        for number, ids in enumerate(listing.pages, 1):
            tasks.append((listing.file(number), partial(_list_page, pages, views, listing, number, ids)))
    did = _Deeds(views)
    for actor in views.model.content.actors:
        page = actor_page(actor.id)
        deeds = did.of(actor)
        context = {"root": "../", "page": page, "actor": actor, **deeds}
        shown = (actor, *deeds.values())
        tasks.append((page, partial(_fact_page, pages, "actor.html", context, memo, (wide, views, shown))))
    for dispute in views.model.content.disputes:
        page = dispute_page(dispute.id)
        context = {"root": "../", "page": page, "dispute": dispute}
        quoted = tuple(views.statements.get(s) for p in dispute.positions for s in p.statements)
        key = (wide, views, (dispute, quoted))
        tasks.append((page, partial(_fact_page, pages, "dispute.html", context, memo, key)))
    return tasks


def _fact_page(
    pages: _Pages, template: str, context: dict[str, Any], memo: PageMemo | None, key: tuple[str, Views, Any]
) -> bytes:
    if memo is None:
        return pages.render(template, context)
    return memo.page(context["page"], fact_page_key(*key), lambda: pages.render(template, context))


def _list_page(pages: _Pages, views: Views, listing: Listing, number: int, ids: tuple[str, ...]) -> bytes:
    context: dict[str, Any] = {"page": listing.file(number), "listing": listing, "number": number}
    context.update(_rows(views, listing.name, ids))
    context["partial"] = LIST_PARTIALS[listing.name]
    return pages.render("list.html", context)


def _rows(views: Views, name: str, ids: tuple[str, ...]) -> dict[str, Any]:
    """The context entry a list's partial loops over, holding this page's rows only."""
    content = views.model.content
    wanted = set(ids)
    if name == "events":
        return {"events": tuple(e for e in views.timeline() if e.id in wanted)}
    if name == "sources":
        return {"sources": tuple(v for v in views.source_list() if v.source.id in wanted)}
    rows = tuple(item for item in getattr(content, name) if item.id in wanted)
    return {name: rows}


class _Deeds:
    """What each actor said and did, indexed once (a scan per actor would be quadratic)."""

    def __init__(self, views: Views) -> None:
        self.views = views
        self.reported: dict[str, list[Statement]] = {}
        self.events: dict[str, list[Event]] = {}
        self.disputes: dict[str, list[Dispute]] = {}
        for s in views.model.content.statements:
            for a in s.reported_by:
                self.reported.setdefault(a, []).append(s)
        for e in views.timeline():
            for a in dict.fromkeys((*e.actors, *e.alleged_by)):
                self.events.setdefault(a, []).append(e)
        for d in views.model.content.disputes:
            for a in dict.fromkeys(a for p in d.positions for a in p.held_by):
                self.disputes.setdefault(a, []).append(d)

    def of(self, actor: Actor) -> dict[str, Any]:
        return {
            "statements": self.views.statements_by(actor.id),
            "reported": tuple(self.reported.get(actor.id, ())),
            "events": tuple(self.events.get(actor.id, ())),
            "disputes": tuple(self.disputes.get(actor.id, ())),
        }


def _asset(env: Environment, name: str) -> bytes:
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source.encode("utf-8")
