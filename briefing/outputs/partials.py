"""``shared("_downloads.html")``: a partial of the page frame, rendered once per site folder, not per page.

The search form and the downloads line are the same on every page of a folder, yet an
``{% include %}`` runs them again for each of thousands of pages. ``shared(name)`` renders
the partial as that include would (with the page's variables) and keeps the result for the
values of the variables it reads: the names its source uses, and the names used by every
template it includes or imports, found by parsing them (jinja2.meta). The result is kept
only where those names are all it can read: for the default theme's own templates, using no
filter or function that is handed the whole page's context (``note`` reads ``ix``). A
partial a project overrides (templates/), or one that includes a template named by a
variable, is rendered on every call, exactly like an include."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, meta, nodes, pass_context
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Context
from jinja2.utils import _PassArg, concat
from markupsafe import Markup

THEME = Path(__file__).resolve().parent.parent / "templates"
"""The default theme's templates (the package's ``briefing/templates``)."""


def shared_partials(env: Environment) -> Callable[..., Markup]:
    """The ``shared(name)`` global of ``env``: one per environment, so one per build and language."""
    reads: dict[str, tuple[str, ...] | None] = {}
    done: dict[tuple[Any, ...], Markup] = {}

    @pass_context
    def shared(context: Context, name: str) -> Markup:
        if name not in reads:
            reads[name] = theme_reads(env, name)
        names = reads[name]
        if names is None:
            return _render(context, env.get_template(name))
        key = (name, *(context.resolve_or_missing(n) for n in names))
        try:
            found = done.get(key)
        except (TypeError, UndefinedError):  # a value that cannot be a key: render it each time
            return _render(context, env.get_template(name))
        if found is None:
            found = _render(context, env.get_template(name))
            if not any(_PassArg.from_obj(value) is _PassArg.context for value in key):
                done[key] = found  # else a function given the whole page may have read anything
        return found

    return shared


def _render(context: Context, template: Template) -> Markup:
    """What ``{% include name %}`` writes: the template, with the caller's variables."""
    return Markup(concat(template.root_render_func(template.new_context(context.get_all(), True))))


def theme_reads(env: Environment, name: str) -> tuple[str, ...] | None:
    """Every variable ``name`` and the templates it includes or imports read, or None when one of
    them is not the default theme's own or is named by a variable (its output may depend on anything)."""
    assert env.loader is not None
    names: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source, filename, _ = env.loader.get_source(env, current)
        if filename is None or not Path(filename).resolve().is_relative_to(THEME):
            return None
        tree = env.parse(source)
        if _reads_the_whole_context(env, tree):
            return None
        names |= meta.find_undeclared_variables(tree)
        # ... which leaves out the environment's globals (``_``), yet a page's variables may replace them
        names |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load" and n.name in env.globals}
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:
                return None
            todo.append(referenced)
    return tuple(sorted(names))


def _reads_the_whole_context(env: Environment, tree: nodes.Template) -> bool:
    """Whether a filter, test or global function the template uses is given the whole context
    (``note`` reads ``ix`` and ``root``): what it reads cannot be found in the source."""
    used: list[Any] = [env.filters.get(f.name) for f in tree.find_all(nodes.Filter)]
    used += [env.tests.get(t.name) for t in tree.find_all(nodes.Test)]
    used += [env.globals.get(n.name) for n in tree.find_all(nodes.Name) if n.ctx == "load"]
    return any(_PassArg.from_obj(f) is _PassArg.context for f in used if f is not None)
