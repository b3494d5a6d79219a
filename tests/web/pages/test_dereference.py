"""Dereferencing, in process: 303 from /id/, content negotiation and extensions, Vary/Link/
Content-Location/ETag headers, 304, HEAD, 404 and 406."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
import rdflib

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"
DCT_TITLE = rdflib.URIRef("http://purl.org/dc/terms/title")


def test_id_answers_303_to_its_document_in_one_hop(client: httpx.Client) -> None:
    answer = client.get("/id/metropole/200046977", headers={"Accept": "text/turtle"})
    assert answer.status_code == 303
    assert answer.headers["location"] == LYON
    target = client.get(answer.headers["location"], headers={"Accept": "text/turtle"})
    assert target.status_code == 200 and target.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    ("accept", "media_type", "extension"),
    [
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html", "html"),
        ("text/turtle", "text/turtle", "ttl"),
        ("application/ld+json;q=0.9, application/rdf+xml", "application/rdf+xml", "rdf"),
        ("text/turtle;q=0.5, application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "jsonld"),
        ("*/*", "text/html", "html"),
        ("text/plain, */*;q=0.1", "application/n-triples", "nt"),  # rdflib, format="nt"
        ("text/n3, */*;q=0.1", "text/turtle", "ttl"),  # rdflib, format="n3"
    ],
)
def test_document_negotiates_on_accept(
    client: httpx.Client, accept: str, media_type: str, extension: str
) -> None:
    answer = client.get(LYON, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type
    assert answer.headers["content-location"] == f"{LYON}.{extension}"
    assert "Accept" in answer.headers["vary"]


def test_link_header_lists_alternates_canonical_and_licence(client: httpx.Client) -> None:
    link = client.get(LYON).headers["link"]
    for ext, media_type in (("ttl", "text/turtle"), ("jsonld", "application/ld+json")):
        assert f'<{LYON}.{ext}>; rel="alternate"; type="{media_type}"' in link
    assert f'<{LYON}>; rel="canonical"' in link
    assert '<https://www.etalab.gouv.fr/licence-ouverte-open-licence>; rel="license"' in link


def test_extension_wins_and_rdf_has_description_and_labels(client: httpx.Client) -> None:
    answer = client.get(f"{LYON}.ttl", headers={"Accept": "text/html"})
    assert answer.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.text, format="turtle")
    lyon = rdflib.URIRef(f"{BASE}/id/metropole/200046977")
    assert (lyon, rdflib.URIRef(MTP + "siren"), rdflib.Literal("200046977")) in graph
    seat = rdflib.URIRef(f"{BASE}/id/commune/69123")
    assert (seat, rdflib.RDFS.label, rdflib.Literal("Lyon", lang="fr")) in graph


def test_etag_gives_304_and_head_has_no_body(client: httpx.Client) -> None:
    first = client.get(LYON, headers={"Accept": "text/turtle"})
    tag = first.headers["etag"]
    again = client.get(LYON, headers={"Accept": "text/turtle", "If-None-Match": tag})
    assert again.status_code == 304 and not again.content
    other = client.get(LYON, headers={"Accept": "application/ld+json", "If-None-Match": tag})
    assert other.status_code == 200, "each representation has its own validator"
    head = client.head(LYON)
    assert head.status_code == 200 and not head.content and head.headers["etag"]
    assert "max-age" in first.headers["cache-control"]


def test_unknown_iri_gives_a_helpful_404(client: httpx.Client) -> None:
    page = client.get("/doc/metropole/000000000", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'action="/recherche"' in page.text and 'href="/"' in page.text
    assert client.get("/id/metropole/000000000").status_code == 404
    machine = client.get("/doc/nothing", headers={"Accept": "text/turtle"})
    assert machine.status_code == 404
    assert machine.headers["content-type"] == "application/problem+json"
    assert client.get(LYON, headers={"Accept": "image/png"}).status_code == 406


def test_named_graph_answers_its_void_description_not_the_graph(client: httpx.Client) -> None:
    answer = client.get("/graph/reference", headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=answer.text, format="nt")
    subjects = set(graph.subjects())
    whole = client.get("/store", params={"graph": f"{BASE}/graph/reference"})
    whole_graph = rdflib.Graph().parse(data=whole.text, format="turtle")
    assert rdflib.URIRef(f"{BASE}/graph/reference") in subjects
    assert 0 < len(graph) < len(whole_graph)


@pytest.mark.parametrize("accept", ["application/n-quads", "application/trig"])
def test_a_document_is_its_own_default_graph(client: httpx.Client, accept: str) -> None:
    answer = client.get(LYON, headers={"Accept": accept})
    quads = list(ox.parse(answer.content, format=ox.RdfFormat.from_media_type(accept)))
    assert len(quads) > 5
    assert {q.graph_name for q in quads} == {ox.DefaultGraph()}


def test_a_document_carries_the_links_to_it(client: httpx.Client) -> None:
    graph = rdflib.Graph().parse(data=client.get(LYON + ".ttl").text, format="turtle")
    lyon = rdflib.URIRef(f"{BASE}/id/metropole/200046977")
    # the pacts themselves (a signature, #signature-…, is a node of its pact's document)
    pacts = {s for s in graph.subjects(None, lyon) if f"{BASE}/id/pacte/" in s and "#" not in s}
    assert pacts
    labelled = {s for s in pacts if graph.value(s, rdflib.RDFS.label) or graph.value(s, DCT_TITLE)}
    assert labelled == pacts  # a machine can name what links here, as the page does
