"""The read-only Graph Store Protocol (/store) and the VoID description (/.well-known/void)."""

from __future__ import annotations

import httpx
import pyoxigraph as ox

GRAPH = "https://w3id.org/metropoles/graph/"


def test_graph_store_and_void(client: httpx.Client) -> None:
    shapes = client.get(
        "/store", params={"graph": f"{GRAPH}shapes"}, headers={"Accept": "text/turtle"}
    )
    assert shapes.status_code == 200 and list(ox.parse(shapes.content, format=ox.RdfFormat.TURTLE))
    union = client.get("/store?default", headers={"Accept": "application/n-triples"})
    assert union.status_code == 200 and list(ox.parse(union.content, format=ox.RdfFormat.N_TRIPLES))
    assert client.get("/store", params={"graph": "http://example.org/none"}).status_code == 404
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert void.status_code == 200
    types = {t.object.value for t in ox.parse(void.content, format=ox.RdfFormat.TURTLE)}
    assert "http://rdfs.org/ns/void#Dataset" in types


def test_missing_graph_parameter_and_unacceptable_format(client: httpx.Client) -> None:
    assert client.get("/store").status_code == 400
    refused = client.get("/store?default", headers={"Accept": "application/n-quads"})
    assert refused.status_code == 406
    named = client.get(
        "/store", params={"graph": f"{GRAPH}shapes"}, headers={"Accept": "application/n-quads"}
    )
    assert named.status_code == 200
