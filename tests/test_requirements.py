"""Every third-party library the code imports is pinned in requirements.txt, not present by luck
(as a dependency of another package that could drop it)."""
import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_top_level_modules():
    modules = set()
    for path in (ROOT / "statements_site").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"statements_site"}


def pinned_distributions():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {re.split(r"[\[=]", line, maxsplit=1)[0].strip().lower().replace("_", "-")
            for line in lines if "==" in line and not line.startswith("#")}


def test_every_third_party_module_the_code_imports_is_pinned_in_requirements():
    distributions = packages_distributions()
    pinned = pinned_distributions()
    unpinned = {
        module: distributions.get(module)
        for module in imported_top_level_modules()
        if not {name.lower().replace("_", "-") for name in distributions.get(module, [])} & pinned
    }
    assert unpinned == {}
