"""The code's shape, as issue #18 asked it to stay: no two modules that import each other when
they load (a cycle makes the order of imports matter and hides which module owns what), and no
module over about 400 lines without its docstring saying why."""
import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "statements_site"


def modules():
    """{dotted name: path} of the project's modules, migrations left out (Django loads them apart)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_at_load(name, path, known):
    """The project's modules that `name` imports when it loads: its top-level imports (also those
    under a module-level if or try), not the ones inside functions, which run later."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported = set()
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        for node in ast.walk(statement) if isinstance(statement, (ast.If, ast.Try)) else [statement]:
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                # `from . import search` imports the module search; `from .models import Statement` models.
                imported.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names)
    return {module for module in imported if module in known and module != name}


def cycles(graph):
    """The groups of modules that reach one another (Tarjan's strongly connected components) of
    more than one module."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other_when_they_load():
    known = modules()
    graph = {name: imported_at_load(name, path, known) for name, path in known.items()}
    assert sum(len(targets) for targets in graph.values()) > 100, "the graph should hold the package's imports"
    assert cycles(graph) == []


def test_a_module_over_about_400_lines_says_why_in_its_docstring():
    unexplained = []
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(source)) or ""
        if len(source.splitlines()) > 420 and not re.search(r"\b\d00 lines\b", docstring):
            unexplained.append(name)
    assert unexplained == []
