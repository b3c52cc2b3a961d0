"""The layout's rules, read from the source: no import cycles, the core never imports a cog, cogs reach storage
through services only. Imports inside functions count (they still tie modules together); imports under
`if TYPE_CHECKING:` do not."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "cogs", "standin")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for statement in branch.body
        for node in ast.walk(statement)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from package import module" imports the module; "from module import name" the module
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycle_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack, path, on_path = [(start, iter(sorted(graph[start])))], [start], {start}
    seen = set()
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            on_path.discard(path.pop())
            seen.add(node)
        elif child in on_path:
            return [*path[path.index(child) :], child]
        elif child not in seen:
            stack.append((child, iter(sorted(graph[child]))))
            path.append(child)
            on_path.add(child)
    return None


def test_no_module_imports_itself_through_others() -> None:
    graph = _graph()
    cycles = {tuple(c) for name in graph if (c := _cycle_from(graph, name))}
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in sorted(cycles))


def test_the_core_never_imports_a_cog_and_cogs_never_reach_the_database() -> None:
    graph = _graph()
    core_to_cogs = sorted(
        f"{m} -> {t}" for m, ts in graph.items() if m.startswith("bot") for t in ts if t.startswith("cogs")
    )
    cogs_to_db = sorted(
        f"{m} -> {t}" for m, ts in graph.items() if m.startswith("cogs") for t in ts if t.startswith("bot.db")
    )
    assert not core_to_cogs
    assert not cogs_to_db


def test_the_checks_see_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle_from(graph, "d") == ["a", "b", "c", "a"]
    assert _cycle_from({"a": {"b"}, "b": set()}, "a") is None
