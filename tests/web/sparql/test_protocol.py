"""SPARQL 1.1 Protocol over HTTP, in process: query paths, result formats parsed by real
parsers, content negotiation, dataset parameters, errors, caching, CORS, HEAD and compression."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest

MTP = "https://w3id.org/metropoles/def/metropoles#"
COUNT_METROPOLES = f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a <{MTP}Metropole> }}"
LIST_METROPOLES = f"SELECT ?m ?siren WHERE {{ ?m a <{MTP}Metropole> ; <{MTP}siren> ?siren }}"
CONSTRUCT = f"CONSTRUCT {{ ?m <{MTP}siren> ?s }} WHERE {{ ?m <{MTP}siren> ?s }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"
GRAPH = "https://w3id.org/metropoles/graph/"


def count(response: httpx.Response) -> int:
    """The single integer of a one-cell SPARQL JSON result."""
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_post_direct_and_query_method_agree(client: httpx.Client) -> None:
    by_get = count(client.get("/sparql", params={"query": COUNT_METROPOLES}))
    by_form = count(client.post("/sparql", data={"query": COUNT_METROPOLES}))
    headers = {"Content-Type": "application/sparql-query"}
    by_direct = count(client.post("/sparql", content=COUNT_METROPOLES, headers=headers))
    by_query = count(client.request("QUERY", "/sparql", content=COUNT_METROPOLES, headers=headers))
    assert by_get == by_form == by_direct == by_query > 0


def test_select_as_json_xml_csv_tsv(client: httpx.Client) -> None:
    def get(accept: str) -> httpx.Response:
        response = client.get(
            "/sparql", params={"query": LIST_METROPOLES}, headers={"Accept": accept}
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(accept)
        return response

    bindings = get("application/sparql-results+json").json()["results"]["bindings"]
    sirens = {b["siren"]["value"] for b in bindings}
    root = ET.fromstring(get("application/sparql-results+xml").content)
    xml_sirens = {
        e.findtext(f"{SRX}literal") for e in root.iter(f"{SRX}binding") if e.get("name") == "siren"
    }
    rows = list(csv.DictReader(io.StringIO(get("text/csv").text)))
    tsv = list(csv.reader(io.StringIO(get("text/tab-separated-values").text), delimiter="\t"))
    assert tsv[0] == ["?m", "?siren"]
    assert sirens == xml_sirens == {r["siren"] for r in rows} == {r[1].strip('"') for r in tsv[1:]}
    assert all(len(s) == 9 and s.isdigit() for s in sirens)


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("json", lambda r: r.json()["boolean"] is True),
        ("xml", lambda r: ET.fromstring(r.content).findtext(f"{SRX}boolean") == "true"),
        ("csv", lambda r: r.text.strip() == "true"),
        ("tsv", lambda r: r.text.strip() == "true"),
    ],
)
def test_ask_in_every_results_format(client: httpx.Client, fmt: str, check: object) -> None:
    response = client.get(
        "/sparql", params={"query": f"ASK {{ ?m a <{MTP}Metropole> }}", "format": fmt}
    )
    assert response.status_code == 200
    assert callable(check) and check(response)


@pytest.mark.parametrize(
    "media_type",
    [
        "text/turtle",
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/rdf+xml",
        "application/ld+json",
    ],
)
def test_construct_in_every_rdf_format(client: httpx.Client, media_type: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    fmt = ox.RdfFormat.from_media_type(media_type)
    assert fmt is not None
    quads = list(ox.parse(response.content, format=fmt))
    assert quads and all(q.predicate.value == f"{MTP}siren" for q in quads)


def test_describe_as_turtle(client: httpx.Client) -> None:
    query = f"DESCRIBE ?m WHERE {{ ?m <{MTP}siren> ?s }} LIMIT 1"
    response = client.get("/sparql", params={"query": query, "format": "ttl"})
    assert response.status_code == 200
    assert list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))


def test_accept_q_values_and_format_parameters(client: httpx.Client) -> None:
    accept = "application/sparql-results+json;q=0.4, text/csv;q=0.9, */*;q=0.1"
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/csv")
    response = client.get("/sparql", params={"query": "ASK {}", "output": "xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_nothing_acceptable_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"


def test_bad_query_is_400_with_line_and_column(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert (problem["status"], problem["line"]) == (400, 3)
    assert problem["column"] >= 1


def test_service_description_by_conneg_and_page_for_browsers(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = {
        (t.predicate.value, t.object.value)
        for t in ox.parse(response.content, format=ox.RdfFormat.TURTLE)
    }
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (f"{sd}feature", f"{sd}UnionDefaultGraph") in triples
    assert (f"{sd}resultFormat", "http://www.w3.org/ns/formats/JSON-LD") in triples
    assert (f"{sd}name", f"{GRAPH}recherche") in triples
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.content)
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = client.get("/sparql", headers={"Accept": browser})
    assert page.headers["content-type"].startswith("text/html") and "yasgui" in page.text


def test_union_default_graph_and_dataset_parameters(client: httpx.Client) -> None:
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    total = count(client.get("/sparql", params={"query": everything}))
    shapes = {"query": everything, "default-graph-uri": f"{GRAPH}shapes"}
    only_shapes = count(client.get("/sparql", params=shapes))
    named = {"query": in_graphs, "named-graph-uri": f"{GRAPH}shapes"}
    assert 0 < only_shapes < total
    assert count(client.get("/sparql", params=named)) == only_shapes
    assert count(client.post("/sparql", data=shapes)) == only_shapes
    from_clause = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}shapes> WHERE {{ ?s ?p ?o }}"
    assert count(client.get("/sparql", params={"query": from_clause})) == only_shapes


def test_from_iri_is_never_fetched(client: httpx.Client) -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)  # a fetch would have queued its connection before the answer
        port = listener.getsockname()[1]
        query = (
            f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"
        )
        assert count(client.get("/sparql", params={"query": query})) == 0
        with pytest.raises(BlockingIOError):
            listener.accept()


def test_row_cap_reports_truncation(client: httpx.Client, limits: dict[str, float]) -> None:
    many = "SELECT * WHERE { ?s ?p ?o . ?x ?y ?z }"
    response = client.get("/sparql", params={"query": many})
    assert response.status_code == 200
    assert response.headers["x-metropoles-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == limits["max_rows"]
    small = client.get("/sparql", params={"query": LIST_METROPOLES})
    assert "x-metropoles-truncated" not in small.headers


def test_etag_and_304(client: httpx.Client) -> None:
    first = client.get("/sparql", params={"query": LIST_METROPOLES})
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = client.get(
        "/sparql", params={"query": LIST_METROPOLES}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.headers["etag"] == etag
    other = client.get("/sparql", params={"query": LIST_METROPOLES, "format": "csv"})
    assert other.headers["etag"] != etag


def test_cors_preflight_head_and_gzip(client: httpx.Client) -> None:
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    simple = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"}
    )
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "ETag" in simple.headers["access-control-expose-headers"]
    head = client.head("/sparql", params={"query": LIST_METROPOLES})
    assert head.status_code == 200 and head.content == b""
    big = client.get(
        "/sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o }"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert big.headers["content-encoding"] == "gzip" and big.json()["results"]["bindings"]


def test_select_with_its_own_limit_is_served_whole(client: httpx.Client) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 7"  # no sort: under the time limit on load
    for fmt, parse in [
        ("json", lambda r: len(r.json()["results"]["bindings"])),
        ("xml", lambda r: len(list(ET.fromstring(r.content).iter(f"{SRX}result")))),
        ("csv", lambda r: len(list(csv.reader(io.StringIO(r.text)))) - 1),
        ("tsv", lambda r: len(r.text.strip().splitlines()) - 1),
    ]:
        response = client.get("/sparql", params={"query": query, "format": fmt})
        assert response.status_code == 200 and parse(response) == 7
        assert "x-metropoles-truncated" not in response.headers


@pytest.mark.parametrize("path", ["/sparql", "/query"])
def test_query_is_answered_at_both_oxigraph_and_fuseki_paths(
    client: httpx.Client, path: str
) -> None:
    assert count(client.get(path, params={"query": COUNT_METROPOLES})) > 0
    direct = client.post(
        path, content=COUNT_METROPOLES, headers={"Content-Type": "application/sparql-query"}
    )
    assert count(direct) == count(client.get("/sparql", params={"query": COUNT_METROPOLES}))
    page = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html") and "yasgui" in page.text


def test_service_description_names_the_graph_store(client: httpx.Client) -> None:
    answer = client.get("/sparql", headers={"Accept": "application/n-triples"})
    graph = ox.Store()
    graph.load(answer.content, format=ox.RdfFormat.N_TRIPLES)
    rows = graph.query(
        "SELECT ?url WHERE { ?service <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?store . "
        "?store <http://www.w3.org/ns/dcat#endpointURL> ?url ; "
        "<http://purl.org/dc/terms/conformsTo> <http://www.w3.org/TR/sparql11-http-rdf-update/> }"
    )
    urls = [row["url"].value for row in rows]  # type: ignore[union-attr]
    assert len(urls) == 1 and urls[0].endswith("/store")
    assert client.get("/store?default", headers={"Accept": "text/turtle"}).status_code == 200


@pytest.mark.parametrize("limit", ["", " LIMIT 3"])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_select_star_lists_variables_in_the_query_order(
    client: httpx.Client, limit: str, accept: str
) -> None:
    query = f"SELECT * WHERE {{ ?zone a <{MTP}Metropole> ; <{MTP}siren> ?code . ?zone ?b ?a }}"
    answer = client.get("/sparql", params={"query": query + limit}, headers={"Accept": accept})
    answer.raise_for_status()
    if accept == "text/csv":
        header = next(csv.reader(io.StringIO(answer.text)))
    else:
        header = answer.json()["head"]["vars"]
    assert header == ["zone", "code", "b", "a"]
