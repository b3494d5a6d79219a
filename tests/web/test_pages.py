"""Pages and dereferencing over HTTP on the live server: 303 from /id/, content negotiation and
extensions, Vary/Link/Content-Location/ETag headers, 304, HEAD, 404, search, unknown facts shown as
unknown, schema.org JSON-LD, downloads and the ontology documentation."""

from __future__ import annotations

import json
import re

import httpx
import pytest
import rdflib

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"


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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("saint etienne", "Saint-Étienne Métropole"),
        ("SAINT-ÉTIENNE", "Saint-Étienne Métropole"),
        ("metz", "Metz Métropole"),
        ("metropole de lyon", "Métropole de Lyon"),
    ],
)
def test_search_is_accent_and_case_insensitive(
    client: httpx.Client, query: str, expected: str
) -> None:
    page = client.get("/recherche", params={"q": query})
    assert page.status_code == 200
    first = re.search(r'<ol class="hits">\s*<li><a href="([^"]+)">([^<]+)</a>', page.text)
    assert first and first.group(2) == expected
    assert client.get(first.group(1)).status_code == 200


def test_month_only_date_and_unknown_facts_read_as_unknown(client: httpx.Client) -> None:
    pact = client.get("/doc/pacte/pmi-grandparis").text
    assert "janvier 2017" in pact and "2017-01" not in _visible(pact)
    query = f"""SELECT ?p WHERE {{ ?p a <{MTP}PacteMetropolitainInnovation>
        FILTER NOT EXISTS {{ ?p <{MTP}montantEtat> ?m }} }} LIMIT 1"""
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    if rows:
        path = rows[0]["p"]["value"].replace(f"{BASE}/id/", "/doc/")
        assert "montant non connu" in client.get(path).text
    home = client.get("/").text
    assert "janvier 2017" in home and "6 juillet 2016" in home


def test_metropole_page_has_identifiers_communes_and_schema_org(client: httpx.Client) -> None:
    page = client.get(LYON).text
    assert 'lang="fr"' in page and 'class="skip"' in page
    assert "https://annuaire-entreprises.data.gouv.fr/entreprise/200046977" in page
    assert re.search(r'<th scope="col"[^>]*>Population municipale</th>', page)
    assert "Référencé par" in page and "Sources" in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert script
    data = json.loads(script.group(1))
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "GovernmentOrganization"
    assert {"@type": "PropertyValue", "propertyID": "SIREN", "value": "200046977"} in data[
        "identifier"
    ]


def test_contract_page_links_its_pact_and_parties(client: httpx.Client) -> None:
    page = client.get("/doc/contrat/ct-tlse-ppg").text
    for text in (
        "Partenaires",
        "/doc/pacte/pmi-toulouse",
        "/doc/metropole/243100518",
        "10 juillet 2017",
    ):
        assert text in page


def test_ontology_is_documented_with_anchors_and_shapes(client: httpx.Client) -> None:
    page = client.get("/def/metropoles", headers={"Accept": "text/html"}).text
    for anchor in ("Metropole", "Pacte", "ContratDeCooperation", "siren", "partenaire"):
        assert f'id="{anchor}"' in page
    assert "MetropoleShape" in page and "1..1" in page and "Classes réutilisées" in page
    turtle = client.get("/def/metropoles", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    classes = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    assert rdflib.URIRef(MTP + "Metropole") in classes and len(classes) >= 6
    for ext, fmt in (("jsonld", "json-ld"), ("rdf", "xml")):
        other = client.get(f"/def/metropoles.{ext}")
        assert len(rdflib.Graph().parse(data=other.text, format=fmt)) == len(graph)


def test_named_graph_answers_its_void_description_not_the_graph(client: httpx.Client) -> None:
    answer = client.get("/graph/reference", headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=answer.text, format="nt")
    subjects = set(graph.subjects())
    assert rdflib.URIRef(f"{BASE}/graph/reference") in subjects and len(graph) < 100


def test_download_serves_publication_files(client: httpx.Client) -> None:
    answer = client.get("/download/latest/metropoles.nq.gz")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="metropoles.nq.gz"'
    assert "immutable" in answer.headers["cache-control"]
    tag = answer.headers["etag"]
    again = client.get("/download/latest/metropoles.nq.gz", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert client.get("/download/latest/..%2Fmetropoles.nq").status_code == 404
    assert client.get("/download/latest/nothing.ttl").status_code == 404


def test_sitemap_lists_pages_that_answer(client: httpx.Client) -> None:
    answer = client.get("/sitemap.xml")
    assert answer.headers["content-type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", answer.text)
    assert len(locations) > 1000
    paths = [httpx.URL(loc).path for loc in locations]
    assert "/" in paths and LYON in paths and "/def/metropoles" in paths
    for path in paths[:: max(1, len(paths) // 40)]:
        assert client.head(path).status_code == 200, path


def _visible(html: str) -> str:
    """The text outside tags and scripts."""
    without_scripts = re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", without_scripts)
