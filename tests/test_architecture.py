"""The package's shape (docs/architecture.md): layers import only downward, no cycle, small modules and functions."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
LAYERS = ("core", "model", "load", "resolve", "outputs", "publish", "build", "top")
"""Lowest first: each layer imports only from itself and the layers before it."""
TOP = {"cli", "tools", "__main__", "__init__"}
"""The command line, the tools and the package's public face sit above build."""
MAX_LINES = 400
WORST_RANK = "C"
"""Radon's cyclomatic complexity rank: A (1-5) .. C (11-20) pass; D (21-30) and worse fail."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] == "skeleton":  # files of a new project, not of the package
            continue
        found[".".join(("briefing", *parts)).removesuffix(".__init__")] = path
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else "__init__"
    return "top" if first in TOP else first


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every briefing module ``module`` imports, at the top or inside a function (both are dependencies)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names if alias.name.startswith("briefing"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            if base.startswith("briefing"):
                yield from ((f"{base}.{alias.name}", node.lineno) for alias in node.names)


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module an imported name lives in (``briefing.build.check`` -> ``briefing.build``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def graph() -> dict[str, dict[str, int]]:
    modules = _modules()
    edges: dict[str, dict[str, int]] = {m: {} for m in modules}
    for module, path in modules.items():
        for name, line in _imports(module, path):
            target = _resolve(name, modules)
            if target is not None and target != module:
                edges[module].setdefault(target, line)
    return edges


def test_every_module_has_a_layer() -> None:
    assert {layer(m) for m in _modules()} <= set(LAYERS)


def test_layers_import_only_downward() -> None:
    upward = [
        f"{module} ({layer(module)}) line {line} imports {target} ({layer(target)})"
        for module, targets in graph().items()
        for target, line in targets.items()
        if LAYERS.index(layer(target)) > LAYERS.index(layer(module))
    ]
    assert not upward, "\n".join(upward)


def _cycle(edges: dict[str, dict[str, int]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in edges[node]:
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for node in edges:
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_import_cycle() -> None:
    edges = graph()
    # The package's __init__ re-exports the API; a submodule reaching `briefing` itself would be a cycle.
    cycle = _cycle(edges)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_one() -> None:
    assert _cycle({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": 1}, "b": {}}) is None


def test_no_module_over_400_lines() -> None:
    long = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_no_function_of_complexity_rank_d_or_worse() -> None:
    import radon.complexity as radon  # the dev extra

    complex_ = [
        f"{module}.{block.fullname} line {block.lineno}: {block.complexity} ({radon.cc_rank(block.complexity)})"
        for module, path in _modules().items()
        for block in radon.cc_visit(path.read_text(encoding="utf-8"))
        if radon.cc_rank(block.complexity) > WORST_RANK
    ]
    assert not complex_, "\n".join(complex_)
