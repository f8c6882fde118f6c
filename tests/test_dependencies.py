"""Every package the code imports is declared in pyproject.toml, directly, not by luck.

A package that arrives only because another one depends on it (numpy through pandas), or only
because it happened to be installed on the machine, can vanish with the next release or on the
next machine. CI also installs into a fresh virtual environment; this test names the culprit.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"indicators", "layouts", "app", "bench", "browser", "workbooks", "wording", "conftest", "data", "docs",
               "tests"}
RUNTIME_DIRS = ("indicators", "layouts", "app.py", "data")
ALL_DIRS = (*RUNTIME_DIRS, "tests", "bench", "docs")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(extra: str | None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    if extra:
        specs += project["optional-dependencies"][extra]
    return {_normalise(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in specs}


def _imports(places: tuple[str, ...]) -> dict[str, str]:
    """Top-level module -> the first file importing it, for every import outside the standard library."""
    found: dict[str, str] = {}
    for place in places:
        path = ROOT / place
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in FIRST_PARTY and top != "__future__":
                        found.setdefault(top, str(file.relative_to(ROOT)))
    return found


def _undeclared(places: tuple[str, ...], declared: set[str]) -> list[str]:
    providers = packages_distributions()
    missing = []
    for module, where in sorted(_imports(places).items()):
        dists = {_normalise(d) for d in providers.get(module, [])}
        if not dists & declared:
            missing.append(f"{module} (imported in {where}; provided by {sorted(dists) or 'nothing installed'})")
    return missing


def test_the_application_imports_only_what_it_declares():
    assert _undeclared(RUNTIME_DIRS, _declared(None)) == []


def test_tests_benchmarks_and_docs_import_only_what_the_test_extra_declares():
    assert _undeclared(ALL_DIRS, _declared("test")) == []
