"""The source tree stays readable: no import circle between modules, no folder with more than
MAX_MODULES modules, and every data file of the package (templates, static
files, SPARQL, term labels) declared as package data, so a non-editable install still has it."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from metropoles.config import PROJECT_DIR

SOURCE = PROJECT_DIR / "src"
PACKAGE = SOURCE / "metropoles"
MAX_MODULES = 15


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The project's modules that ``path`` imports at run time (``from p import m`` counts m
    when a module; imports under ``if TYPE_CHECKING:`` serve annotations only)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING"):
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports(path, set(paths)) - {name} for name, path in paths.items()}


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph``, if there is one (depth-first search)."""
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> list[str] | None:
        if node in trail:
            return trail[trail.index(node) :] + [node]
        if node in done:
            return None
        for target in sorted(graph[node]):
            found = visit(target, [*trail, node])
            if found:
                return found
        done.add(node)
        return None

    return next(filter(None, (visit(node, []) for node in sorted(graph))), None)


def test_no_import_circle() -> None:
    graph = import_graph()
    assert "metropoles.web.state" in graph["metropoles.web.pages.routes"]
    assert cycle(graph) is None
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_folder_holds_too_many_modules() -> None:
    folders = {path.parent for path in PACKAGE.rglob("*.py")}
    crowded = {
        str(folder.relative_to(SOURCE)): count
        for folder in folders
        if (count := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > MAX_MODULES
    }
    assert len(folders) > 5
    assert not crowded


def test_every_data_file_is_package_data() -> None:
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["metropoles"]
    declared = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert {PACKAGE / "web" / "pages" / "terms.csv"} <= data
    assert data - declared == set()
