"""The package's import graph: no cycles, and the clean steps do not reach into structure/.

Read from the source with ``ast`` (every ``import`` statement, at module level or inside a
function: a lazy import that closes a cycle is still a cycle, it only fails later)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "outline_cli"


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package's __init__)."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package modules its import statements name (``from . import x`` names
    the module ``x`` when there is one, else the package)."""
    modules = _modules(root)
    graph = {}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        out = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    out.add(sub if sub in modules else target)
            elif isinstance(node, ast.Import):
                out.update(alias.name for alias in node.names)
        graph[name] = {m for m in out if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _registration(component: list[str]) -> bool:
    """A package whose __init__ imports its own modules so that they register themselves
    (emit/: each writer calls ``emit.register``): the __init__ defines ``register`` before
    it imports them, so that loop cannot fail."""
    package = min(component, key=len)
    return all(m == package or m.startswith(package + ".") for m in component)


def test_no_import_cycle():
    found = [c for c in cycles(import_graph()) if not _registration(c)]
    assert found == []


def test_the_cycle_finder_finds_a_lazy_cycle(tmp_path):
    # the shape of the cycle this test was written for: pipeline → clean/repeats → batch →
    # pipeline, two of the imports inside functions
    pkg = tmp_path / "outline_cli"
    (pkg / "clean").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "clean" / "__init__.py").write_text("")
    (pkg / "pipeline.py").write_text("from .clean import repeats\n")
    (pkg / "clean" / "repeats.py").write_text("def f():\n    from ..batch import line_keys\n")
    (pkg / "batch.py").write_text("def g():\n    from .pipeline import make_context\n")
    (pkg / "emit").mkdir()
    (pkg / "emit" / "__init__.py").write_text("def register(): pass\nfrom . import text\n")
    (pkg / "emit" / "text.py").write_text("from . import register\n")
    found = cycles(import_graph(pkg))
    assert ["outline_cli.batch", "outline_cli.clean.repeats", "outline_cli.pipeline"] in found
    assert [c for c in found if not _registration(c)] == [
        ["outline_cli.batch", "outline_cli.clean.repeats", "outline_cli.pipeline"]]


def test_clean_does_not_import_structure():
    # the marker vocabulary both use lives beside document.py (markers.py)
    graph = import_graph()
    reached = {f"{m} imports {t}" for m, targets in graph.items() if m.startswith("outline_cli.clean")
               for t in targets if t.startswith("outline_cli.structure")}
    assert reached == set()
    assert "outline_cli.markers" in graph["outline_cli.clean.context"]  # (the graph sees imports)
