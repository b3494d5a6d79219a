"""RDF clients that dereference IRIs, on a real server: rdflib's ``Graph().parse(iri,
format="nt")`` (it asks for ``text/plain``) and Comunica, a link-traversal SPARQL engine (it asks
for N-Quads first and matches default-graph patterns). Comunica is installed from npm into
tests/web/live/comunica/ by .ci/run."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from metropoles.iris import Iris

COMUNICA = Path(__file__).parent / "comunica" / "node_modules" / ".bin" / "comunica-sparql"
IRIS = Iris("https://w3id.org/metropoles")
LYON = "200046977"


def metropole(siren: str) -> str:
    return f"{IRIS.base}/id/metropole/{siren}"


def test_rdflib_parses_a_dereferenced_iri_as_n_triples(live_server: str) -> None:
    graph = Graph().parse(f"{live_server}/id/metropole/{LYON}", format="nt")
    lyon = URIRef(metropole(LYON))
    assert len(list(graph.predicate_objects(lyon))) > 5
    pacts = {str(s) for s in graph.subjects(None, lyon) if "/id/pacte/" in str(s)}
    assert pacts, "the inverse links (Référencé par) are missing from the RDF"


def comunica(source: str, query: str) -> list[dict[str, str]]:
    """Run comunica-sparql over one source; its JSON bindings."""
    if not COMUNICA.exists() or shutil.which("node") is None:
        pytest.fail(f"Comunica is not installed in {COMUNICA.parents[2]}: run .ci/run")
    done = subprocess.run(
        [str(COMUNICA), source, query, "-t", "application/json"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    rows: list[dict[str, str]] = json.loads(done.stdout)
    return rows


def test_comunica_matches_a_document_with_default_graph_patterns(
    live_server: str, sources: dict[str, set[str]]
) -> None:
    source = f"{live_server}/id/metropole/{LYON}"
    query = "SELECT ?name WHERE { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    names = {row["name"] for row in comunica(source, query)}
    assert any("Lyon" in name for name in names)
    linking = f"SELECT ?s WHERE {{ ?s ?p <{metropole(LYON)}> }}"
    referrers = {row["s"] for row in comunica(source, linking)}
    # the pacts themselves (a signature, #signature-…, is a node of its pact's document)
    pacts = {s for s in referrers if s.startswith(f"{IRIS.base}/id/pacte/") and "#" not in s}
    assert pacts, "the métropole's document does not lead to its pacts"
    assert pacts <= {f"{IRIS.base}/id/pacte/{key.lower()}" for key in sources["pactes"]}
