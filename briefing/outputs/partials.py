"""The default theme's partials and macro files made once per site folder, not once per page.

The search form and the downloads line are the same on every page of a folder, and so are the
macros a page imports ``with context`` (citation markers, fact chips, notes), yet Jinja runs
an ``{% include %}`` or an ``{% import %}`` again for each of thousands of pages.
``shared(name)`` renders a partial as the include would (with the page's variables), and
``ThemeTemplate.make_module`` makes an imported module as the import would; each keeps its
result for the values of the variables the template can read: the names its source uses, the
names used by every template it includes or imports (both found by parsing them: jinja2.meta),
and those read by a filter or function handed the whole context, as it declares
(``reads_context``). A result is kept only where that is all it can read: for the default
theme's own templates, using nothing stateful or random (``namespace``, ``lipsum``) and calling
nothing whose effect keeping would skip (theme_reads). A template a project overrides
(templates/), or one that includes a template named by a variable, is made on every call,
exactly as Jinja makes it; so is every template for its first UNKEPT calls of a build.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, Template, meta, nodes, pass_context
from jinja2.environment import TemplateModule
from jinja2.exceptions import UndefinedError
from jinja2.filters import FILTERS
from jinja2.runtime import Context
from jinja2.utils import _PassArg, concat, missing
from markupsafe import Markup

THEME = Path(__file__).resolve().parent.parent / "templates"
"""The default theme's templates (the package's ``briefing/templates``)."""
STATEFUL = frozenset({"namespace", "cycler", "joiner", "lipsum"})
"""Globals whose values change as a template runs, or at random: a template using one is never kept."""
UNKEPT = 30
"""Calls made as Jinja makes them before a template is parsed to be kept: parsing the theme's templates
costs ~0.1 s, more than a small briefing (20 pages) would save."""
KEPT = 64
"""At most this many results kept per partial or module: a value that differs on every page (a page's
own ``mark``) would otherwise keep every page's variables alive until the build ends."""
DISPATCHERS = frozenset({"map", "select", "reject", "selectattr", "rejectattr"})
"""Jinja's filters handed the context only to call the filter or test a template names by a string."""
_F = TypeVar("_F", bound=Callable[..., Any])


def reads_context(*names: str) -> Callable[[_F], _F]:
    """Declare the page variables a ``pass_context`` filter or function reads (``note``: ``ix``, ``root``),
    so that the templates using it can still be kept; an undeclared one keeps them from being kept."""

    def declare(function: _F) -> _F:
        function.context_reads = names  # type: ignore[attr-defined]
        return function

    return declare


def shared_partials(env: Environment) -> Callable[..., Markup]:
    """The ``shared(name)`` global of ``env``: one per environment, so one per build and language."""
    reads: dict[str, tuple[str, ...] | None] = {}
    done: dict[tuple[Any, ...], Markup] = {}
    calls: dict[str, int] = {}

    @pass_context
    def shared(context: Context, name: str) -> Markup:
        if name not in reads:
            calls[name] = calls.get(name, 0) + 1
            if calls[name] <= UNKEPT:
                return _render(context, env.get_template(name))
            reads[name] = theme_reads(env, name, kept="output")
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
            if _keepable(key) and len(done) < KEPT:
                done[key] = found
        return found

    return shared


def _render(context: Context, template: Template) -> Markup:
    """What ``{% include name %}`` writes: the template, with the caller's variables."""
    return Markup(concat(template.root_render_func(template.new_context(context.get_all(), True))))


def _keepable(key: tuple[Any, ...]) -> bool:
    """False when a value is a function handed the whole context: it may have read anything."""
    return not any(_PassArg.from_obj(value) is _PassArg.context for value in key)


class ThemeTemplate(Template):
    """A template whose imports ``with context`` are made once per set of values they read."""

    def make_module(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> TemplateModule:
        # ``{% import ... with context %}`` calls this with the page's variables and shared=True
        if not shared or vars is None or self.name is None:
            return super().make_module(vars, shared, locals)
        kept = self._kept()
        if kept is None:
            return super().make_module(vars, shared, locals)
        names, modules = kept
        if names is None:
            return super().make_module(vars, shared, locals)
        key = tuple(_lookup(n, vars, locals) for n in names)
        try:
            module = modules.get(key)
        except (TypeError, UndefinedError):
            return super().make_module(vars, shared, locals)
        if module is None:
            module = super().make_module(vars, shared, locals)
            if _keepable(key) and len(modules) < KEPT:
                modules[key] = module
        return module

    def _kept(self) -> tuple[tuple[str, ...] | None, dict[tuple[Any, ...], TemplateModule]] | None:
        """What this template reads and the modules made so far; None for its first imports
        (Jinja makes templates without __init__, so this lives in the instance's __dict__)."""
        kept: tuple[tuple[str, ...] | None, dict[tuple[Any, ...], TemplateModule]] | None
        kept = self.__dict__.get("_briefing_modules")
        if kept is None:
            imports = self.__dict__["_briefing_imports"] = self.__dict__.get("_briefing_imports", 0) + 1
            if imports <= UNKEPT:
                return None
            assert self.name is not None
            kept = self.__dict__["_briefing_modules"] = (theme_reads(self.environment, self.name, kept="module"), {})
        return kept


def _lookup(name: str, vars: dict[str, Any], locals: Mapping[str, Any] | None) -> Any:
    """A variable as the imported template's context will hold it: the importer's locals first."""
    value = locals.get(name, missing) if locals else missing
    return vars.get(name, missing) if value is missing else value


def theme_reads(env: Environment, name: str, kept: str) -> tuple[str, ...] | None:
    """Every variable ``name`` and the templates it includes or imports read, or None when one of
    them is not the default theme's own or is named by a variable (its output may depend on anything),
    or when keeping would skip an effect: for a rendered partial (``kept="output"``), any call but
    ``_()`` and ``ngettext()``, or a filter handed the context (the handout's ``note`` numbers endnotes);
    for a module (``kept="module"``), the same at its top level, the code that runs at each import."""
    names: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        found = _template_reads(env, current)
        if found is None or found.effects[kept]:
            return None
        names |= found.names
        todo += found.referenced
    return tuple(sorted(names))


@dataclass(frozen=True)
class _Reads:
    names: frozenset[str]
    referenced: tuple[str, ...]
    effects: dict[str, bool]
    """``output``: anywhere; ``module``: outside macros."""


_READS: weakref.WeakKeyDictionary[Environment, dict[str, _Reads | None]] = weakref.WeakKeyDictionary()
"""Per environment, what each template reads and the templates it names: parsed once per build
(_citation.html is in the closure of most macro files)."""
TRANSLATIONS = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
"""The calls that keep a template keepable: they only look a string up."""


def _template_reads(env: Environment, name: str) -> _Reads | None:
    """The variables one template reads and the templates it includes or imports, or None (see theme_reads)."""
    known = _READS.setdefault(env, {})
    if name in known:
        return known[name]
    assert env.loader is not None
    known[name] = None
    source, filename, _ = env.loader.get_source(env, name)
    if filename is None or not Path(filename).resolve().is_relative_to(THEME):
        return None
    tree = env.parse(source)
    functions = _context_reads(env, tree)
    referenced = tuple(meta.find_referenced_templates(tree))
    if functions is None or None in referenced:
        return None
    names = functions | meta.find_undeclared_variables(tree)
    # ... which leaves out the environment's globals (``_``), yet a page's variables may replace them
    names |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load" and n.name in env.globals}
    effects = {"output": _effects(env, tree.find_all(nodes.Node)), "module": _effects(env, _outside_macros(tree))}
    known[name] = _Reads(frozenset(names), tuple(r for r in referenced if r is not None), effects)
    return known[name]


def _outside_macros(node: nodes.Node) -> Iterator[nodes.Node]:
    for child in node.iter_child_nodes():
        if not isinstance(child, nodes.Macro):
            yield child
            yield from _outside_macros(child)


def _effects(env: Environment, found: Iterable[nodes.Node]) -> bool:
    """Whether any of these nodes calls something other than a translation, or a filter or test
    handed the whole context: keeping the result would skip what it does."""
    for node in found:
        if isinstance(node, nodes.Call) and not (isinstance(node.node, nodes.Name) and node.node.name in TRANSLATIONS):
            return True
        if isinstance(node, (nodes.Filter, nodes.Test)):
            function: Any = (env.filters if isinstance(node, nodes.Filter) else env.tests).get(node.name)
            if function is not None and _PassArg.from_obj(function) is _PassArg.context:
                return True
    return False


def _context_reads(env: Environment, tree: nodes.Template) -> set[str] | None:
    """What the filters, tests and global functions the template uses read of the page's context,
    as they declare it; None if one is handed the whole context undeclared, or is stateful."""
    loaded = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    if loaded & STATEFUL:
        return None
    used: list[Any] = [env.tests.get(t.name) for t in tree.find_all(nodes.Test)]
    used += [env.globals.get(name) for name in loaded]
    for node in tree.find_all(nodes.Filter):
        if node.name not in DISPATCHERS or env.filters.get(node.name) is not FILTERS[node.name]:
            used.append(env.filters.get(node.name))
            continue
        # Jinja's ``map``, ``select``...: handed the context only to call the filter or test named
        named = _dispatched(node)
        if named is None:
            return None
        used.append((env.filters if node.name == "map" else env.tests).get(named or "", None))
    reads: set[str] = set()
    for function in used:
        if function is not None and _PassArg.from_obj(function) is _PassArg.context:
            declared = getattr(function, "context_reads", None)
            if declared is None:
                return None
            reads.update(declared)
    return reads


def _dispatched(node: nodes.Filter) -> str | None:
    """The filter ``map`` or the test ``select``... calls ("" for none), None when a variable names it."""
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return None
    if node.name == "map" and any(k.key == "attribute" for k in node.kwargs):
        return ""
    at = 1 if node.name.endswith("attr") else 0  # selectattr(attribute, test, ...)
    if len(node.args) <= at:
        return ""
    name = node.args[at]
    return name.value if isinstance(name, nodes.Const) and isinstance(name.value, str) else None
