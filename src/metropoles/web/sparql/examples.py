r"""Example queries: ``queries/examples/*.rq`` files with ``# title:`` and ``# description:``
headers, shown as query-page tabs and published SIB-style as sh:SPARQLExecutable resources.

The files name no base IRI: the ``mtp:`` prefix of the publication's own base is added when they
are loaded, so the same files answer under any base.

>>> with_base_prefix("# title: t\nSELECT * WHERE { ?m a mtp:Metropole }", "https://ex.org/m")
'# title: t\nPREFIX mtp: <https://ex.org/m/def/metropoles#>\nSELECT * WHERE { ?m a mtp:Metropole }'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from metropoles.iris import Iris
from metropoles.publication import PREFIXES
from metropoles.web.sparql.screening import QUERY_FORMS, screen

SH, SCHEMA, RDFS = PREFIXES["sh"], PREFIXES["schema"], PREFIXES["rdfs"]
RDFS_LABEL = ox.NamedNode(f"{RDFS}label")
RDFS_COMMENT = ox.NamedNode(f"{RDFS}comment")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_SH_KEYS = dict(zip(QUERY_FORMS, ("select", "ask", "construct", "describe"), strict=True))


@dataclass(frozen=True)
class Example:
    """One example query and what it answers."""

    name: str
    title: str
    description: str
    query: str

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return screen(self.query, 1 << 20, 1 << 10).form


def load_examples(directory: Path, base_iri: str) -> list[Example]:
    """Every ``*.rq`` file of ``directory``, in file-name order, ``mtp:`` under ``base_iri``."""
    return [_read(path, base_iri) for path in sorted(directory.glob("*.rq"))]


def with_base_prefix(text: str, base_iri: str) -> str:
    """``text`` with a ``PREFIX mtp:`` for ``base_iri`` after its header comments."""
    lines = text.splitlines(keepends=True)
    headers = 0
    while headers < len(lines) and lines[headers].startswith("#"):
        headers += 1
    prefix = f"PREFIX mtp: <{Iris(base_iri).vocab}>\n"
    return "".join([*lines[:headers], prefix, *lines[headers:]])


def _read(path: Path, base_iri: str) -> Example:
    text = with_base_prefix(path.read_text(encoding="utf-8"), base_iri)
    headers = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        headers[key.strip().lower()] = value.strip()
    return Example(path.stem, headers.get("title", path.stem), headers.get("description", ""), text)


def examples_graph(examples: list[Example], base: str, endpoint: str) -> list[ox.Triple]:
    """SIB-style description: each query ``a sh:SPARQLExecutable`` with its text and target."""
    triples = []
    for example in examples:
        node = ox.NamedNode(f"{base.rstrip('/')}/.well-known/sparql-examples#{example.name}")
        key = _SH_KEYS[example.form]
        triples += [
            ox.Triple(node, RDF_TYPE, ox.NamedNode(f"{SH}SPARQLExecutable")),
            ox.Triple(node, RDF_TYPE, ox.NamedNode(f"{SH}SPARQL{key.title()}Executable")),
            ox.Triple(node, RDFS_LABEL, ox.Literal(example.title, language="fr")),
            ox.Triple(node, RDFS_COMMENT, ox.Literal(example.description, language="fr")),
            ox.Triple(node, ox.NamedNode(f"{SH}{key}"), ox.Literal(example.query)),
            ox.Triple(node, ox.NamedNode(f"{SCHEMA}target"), ox.NamedNode(endpoint)),
        ]
    return triples
