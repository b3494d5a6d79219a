"""The shape examples: one valid base graph, and per shape family SPARQL Updates applied to it.

`shapes/examples/base.ttl` conforms to every shape; `<family>/<Shape>-valid-<n>.ru` and
`<family>/<Shape>-invalid-<n>.ru` are small `DELETE DATA`/`INSERT DATA` updates on that base.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "shapes" / "examples"
BASE = EXAMPLES_DIR / "base.ttl"
SHAPES_NS = "https://w3id.org/metropoles/def/metropoles/shapes#"
ALSO_FIRES = re.compile(r"^# Also fires: (.*)$", re.MULTILINE)


def deltas() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*/*.ru"))


def find(name: str) -> Path:
    """The delta named `name` (without folder or suffix), e.g. "SirenShape-invalid-1"."""
    (path,) = EXAMPLES_DIR.glob(f"*/{name}.ru")
    return path


def base_graph() -> Graph:
    return Graph().parse(BASE, format="turtle")


def example_graph(delta: Path | None = None) -> Graph:
    """The base graph, with `delta` applied when given."""
    graph = base_graph()
    if delta is not None:
        graph.update(delta.read_text(encoding="utf-8"))
    return graph


def shape_of(delta: Path) -> str:
    return SHAPES_NS + delta.name.split("-", 1)[0]


def also_fired(delta: Path) -> set[str]:
    """Other shapes the delta's header names on `# Also fires: mtpsh:A, mtpsh:B (why)`."""
    found = ALSO_FIRES.search(delta.read_text(encoding="utf-8"))
    names = re.findall(r"mtpsh:(\w+)", found.group(1)) if found else []
    return {SHAPES_NS + name for name in names}
