"""The protocol corners a conformance suite tries, in process: relative IRIs, a form without a
query, text that is not UTF-8, a graph name that is not an IRI, too many header fields, a body
past the size limit, the row cap and how truncation is told. Each ends with a query served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from starlette.testclient import TestClient

from metropoles.config import Settings
from metropoles.store.base import Publication
from metropoles.web.app import create_app
from metropoles.web.sparql.service import TRUNCATED, endpoint_url

ASK = {"query": "ASK { ?s ?p ?o }"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
# Not UTF-8: an overlong "/" (C0 AF), an encoded lone surrogate (ED A0 80), a stray byte (FF)
NOT_UTF8 = [b"\xc0\xaf", b"\xed\xa0\x80", b"\xff"]


def served(client: httpx.Client) -> bool:
    answer = client.post("/sparql", data=ASK, headers={"Accept": "application/json"})
    return answer.status_code == 200 and answer.json()["boolean"] is True


def test_relative_iri_resolves_against_the_endpoint(
    client: httpx.Client, settings: Settings
) -> None:
    query = {"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}
    answer = client.post("/sparql", data=query, headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    endpoint = endpoint_url(settings)
    subject = rdflib.URIRef(endpoint.rsplit("/", 1)[0] + "/s")
    assert (subject, rdflib.URIRef(endpoint.rsplit("/", 1)[0] + "/p"), rdflib.Literal(1)) in graph


def test_form_without_query_is_400(client: httpx.Client) -> None:
    answer = client.post("/sparql", data={"format": "json"})
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["title"] == "Missing query"
    assert served(client)


@pytest.mark.parametrize("bad", NOT_UTF8, ids=["overlong", "surrogate", "stray"])
def test_query_not_in_utf8_is_400(client: httpx.Client, bad: bytes) -> None:
    quoted = "".join(f"%{byte:02X}" for byte in bad)
    attempts = [
        client.get(f"/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%22{quoted}%22%20%7D"),
        client.post("/sparql", content=b"query=ASK+%7B%7D%23" + quoted.encode(), headers=FORM),
        client.post("/sparql", content=b'ASK { ?s ?p "' + bad + b'" }', headers=DIRECT),
    ]
    assert [a.status_code for a in attempts] == [400, 400, 400]
    assert all("UTF-8" in a.json()["detail"] for a in attempts)
    assert served(client)


def test_graph_name_not_an_iri_is_400(client: httpx.Client) -> None:
    for query in ("graph=%ff", "graph=not%20an%20iri", "graph=relative"):
        answer = client.get(f"/store?{query}", headers={"Accept": "text/turtle"})
        assert answer.status_code == 400, query
        assert answer.headers["content-type"] == "application/problem+json"
    assert client.get("/store?default", headers={"Accept": "text/turtle"}).status_code == 200


def test_too_many_header_fields_is_431(client: httpx.Client, settings: Settings) -> None:
    headers = [(f"X-Field-{n}", "1") for n in range(settings.max_headers + 1)]
    answer = client.get("/sparql", params=ASK, headers=headers)
    assert answer.status_code == 431
    assert served(client)


def test_body_past_the_limit_is_413(client: httpx.Client, settings: Settings) -> None:
    def body() -> Iterator[bytes]:  # no Content-Length: the size is only known while reading
        yield b"ASK { ?s ?p ?o } #"
        for _ in range(4 * settings.max_query_bytes // 1024):
            yield b"x" * 1024

    answer = client.post("/sparql", content=body(), headers=DIRECT)
    assert answer.status_code == 413
    assert answer.json()["title"] == "Request too large"
    declared = client.post("/sparql", content=b"x" * (4 * settings.max_query_bytes), headers=FORM)
    assert declared.status_code == 413
    assert served(client)


@pytest.fixture(scope="module")
def default_client(publication_dir: Path) -> Iterator[httpx.Client]:
    """The app with the default settings (row cap included)."""
    app = create_app(Publication.load(publication_dir), Settings(publication_dir=publication_dir))
    with TestClient(app) as session:
        yield session


def test_default_row_cap_reads_the_whole_dataset(default_client: httpx.Client) -> None:
    json_results = {"Accept": "application/sparql-results+json"}
    count = default_client.post(
        "/sparql", data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}, headers=json_results
    ).json()["results"]["bindings"][0]["n"]["value"]
    everything = default_client.post(
        "/sparql", data={"query": "SELECT * { ?s ?p ?o }"}, headers=json_results
    )
    assert everything.status_code == 200 and TRUNCATED.lower() not in everything.headers
    assert len(everything.json()["results"]["bindings"]) == int(count)


def test_service_description_says_how_truncation_is_told(
    client: httpx.Client, settings: Settings
) -> None:
    answer = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    comments = [str(o) for o in graph.objects(None, rdflib.RDFS.comment)]
    assert any(TRUNCATED in c and str(settings.max_rows) in c for c in comments)
