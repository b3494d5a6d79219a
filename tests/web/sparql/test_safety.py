"""The endpoint is read-only and cannot be taken down: updates, SERVICE, oversize and deeply nested
queries are refused before the engine; a query that crashes the engine costs only its worker, or,
over a remote store, which a crash would take down, is refused before it is sent.
(The time limit, which needs a real server, is in live/test_live_server.py.)"""

from __future__ import annotations

import httpx
import pytest

TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
UPDATES = [
    "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/metropoles/graph/recherche>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


def total(client: httpx.Client) -> str:
    response = client.get("/sparql", params={"query": TOTAL, "format": "csv"})
    response.raise_for_status()
    return response.text


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_and_change_nothing(client: httpx.Client, update: str) -> None:
    before = total(client)
    attempts = [
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
    ]
    assert [r.status_code for r in attempts] == [403, 403, 403]
    assert attempts[0].headers["content-type"] == "application/problem+json"
    assert total(client) == before


def test_service_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": query}).status_code == 403


def test_deep_nesting_is_refused_before_the_engine(client: httpx.Client) -> None:
    query = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "nest" in response.json()["title"].lower()
    assert total(client)


def test_oversize_query_is_413(client: httpx.Client) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 40_000
    assert client.post("/sparql", data={"query": query}).status_code == 413


def test_a_query_that_crashes_the_engine_costs_only_a_worker(
    client: httpx.Client, backend: str
) -> None:
    if backend == "remote":  # it crashes an Oxigraph server too: the store's own robustness
        pytest.skip("embedded store only: workers are what contain an engine crash")
    query = "SELECT * WHERE { FILTER(" + "+".join(["1"] * 8000) + ") }"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code in (400, 500, 503)
    assert total(client)


def test_a_query_that_crashes_a_store_is_not_sent_to_it(client: httpx.Client, backend: str) -> None:
    if backend == "embedded":
        pytest.skip("remote store only: embedded, a worker contains the crash (above)")
    query = "SELECT * WHERE { FILTER(" + "+".join(["1"] * 8000) + ") }"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400 and "chain" in response.json()["title"]
    assert total(client)  # the store still answers
    moderate = "SELECT * WHERE { " + " UNION ".join(["{ ?s a ?t }"] * 300) + " } LIMIT 1"
    assert client.post("/sparql", data={"query": moderate}).status_code == 200
