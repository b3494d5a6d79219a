"""The catalogue's IRI answers a harvester directly (data.gouv.fr's follows no redirect): a 200
with the whole catalogue, dataset and distributions included, in every RDF format by Accept or
extension, as rdflib reads it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.namespace import DCAT, RDF

BASE = "https://w3id.org/metropoles"
FORMATS = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
EXTENSIONS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}


def harvest(answer: httpx.Response, fmt: str) -> rdflib.Graph:
    assert answer.status_code == 200, "a harvester follows no redirect"
    graph = rdflib.Graph()
    graph.parse(data=answer.content, format=fmt, publicID=f"{BASE}/catalog")
    return graph


def assert_whole_catalogue(graph: rdflib.Graph, published: set[rdflib.term.Node]) -> None:
    catalog = rdflib.URIRef(f"{BASE}/catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets and all((d, RDF.type, DCAT.Dataset) in graph for d in datasets)
    distributions = {x for d in datasets for x in graph.objects(d, DCAT.distribution)}
    assert distributions == published
    assert all(graph.value(x, DCAT.accessURL) for x in distributions)
    services = set(graph.objects(catalog, DCAT.service))
    assert services and all(graph.value(s, DCAT.endpointURL) for s in services)


@pytest.fixture(scope="module")
def published(publication_dir: Path) -> set[rdflib.term.Node]:
    """The distributions of the publication's catalog.ttl: all must be in the answer."""
    graph = rdflib.Graph().parse(publication_dir / "catalog.ttl", format="turtle")
    return set(graph.subjects(RDF.type, DCAT.Distribution))


@pytest.mark.parametrize("media_type", sorted(FORMATS))
def test_catalogue_iri_answers_the_whole_catalogue(
    client: httpx.Client, media_type: str, published: set[rdflib.term.Node]
) -> None:
    answer = client.get("/catalog", headers={"Accept": media_type})
    assert answer.headers["content-type"].startswith(media_type)
    assert_whole_catalogue(harvest(answer, FORMATS[media_type]), published)


@pytest.mark.parametrize("extension", sorted(EXTENSIONS))
def test_catalogue_file_urls_answer_the_whole_catalogue(
    client: httpx.Client, extension: str, published: set[rdflib.term.Node]
) -> None:
    answer = client.get(f"/catalog.{extension}")
    assert_whole_catalogue(harvest(answer, EXTENSIONS[extension]), published)
