"""The catalogue: conforms to the official DCAT-AP 3.0.1 shapes, follows what data.gouv.fr's
harvester reads, and describes the files exactly (size, checksum)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from metropoles.config import PROJECT_DIR
from metropoles.iris import LICENCE_OUVERTE, SPDX
from metropoles.publish.exports import EXPORTS

DCAT_AP = PROJECT_DIR / "shapes" / "dcat-ap-3.0.1"
DATASET = URIRef("https://w3id.org/metropoles/dataset/metropoles")


@pytest.fixture(scope="module")
def catalog(publication_dir: Path) -> Graph:
    graph = Graph()
    graph.parse(publication_dir / "catalog.ttl", format="turtle")
    return graph


def test_conforms_to_dcat_ap_3_0_1(catalog: Graph) -> None:
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(DCAT_AP / name, format="turtle")
    conforms, _, text = validate(catalog, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_harvester_essentials(catalog: Graph) -> None:
    assert (DATASET, RDF.type, DCAT.Dataset) in catalog
    assert catalog.value(DATASET, DCTERMS.identifier) == Literal("metropoles-pactes-cooperation")
    assert (DATASET, DCTERMS.license, LICENCE_OUVERTE) in catalog
    description = [
        d
        for d in catalog.objects(DATASET, DCTERMS.description)
        if getattr(d, "language", None) == "fr"
    ]
    assert len(str(description[0])) > 100
    distributions = list(catalog.objects(DATASET, DCAT.distribution))
    assert len(distributions) >= 13
    for dist in distributions:
        assert (dist, DCTERMS.license, LICENCE_OUVERTE) in catalog
        assert catalog.value(dist, DCAT.accessURL) is not None
        media = catalog.value(dist, DCAT.mediaType)
        if media is not None:
            assert str(media).startswith("https://www.iana.org/assignments/media-types/")


def test_distributions_describe_the_files(catalog: Graph, publication_dir: Path) -> None:
    checked = 0
    for dist in catalog.objects(DATASET, DCAT.distribution):
        url = catalog.value(dist, DCAT.downloadURL)
        if url is None:
            continue
        path = publication_dir / str(url).rsplit("/", 1)[1]
        data = path.read_bytes()
        assert int(catalog.value(dist, DCAT.byteSize)) == len(data)
        checksum = catalog.value(dist, SPDX.checksum)
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        checked += 1
    assert checked >= 13


def test_recommended_fields_are_filled(catalog: Graph) -> None:
    """DCAT-AP 3.0.1 recommended shapes: no warning on our own resources (the EU country
    authority's geometry is not ours to describe)."""
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl", "shapes_recommended.ttl"):
        shapes.parse(DCAT_AP / name, format="turtle")
    _, results, _ = validate(catalog, shacl_graph=shapes, inference="none")
    assert isinstance(results, Graph)
    focus = {str(o) for o in results.objects(None, SH.focusNode)}
    assert focus <= {"http://publications.europa.eu/resource/authority/country/FRA"}


def test_sparql_endpoint_is_a_data_service_serving_the_dataset(catalog: Graph) -> None:
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 1
    service = services[0]
    assert str(catalog.value(service, DCAT.endpointURL)).endswith("/sparql")
    assert catalog.value(service, DCAT.endpointDescription) is not None
    assert (service, DCAT.servesDataset, DATASET) in catalog


def test_spatial_coverage_is_a_polygon(catalog: Graph) -> None:
    boxes = [
        str(box)
        for place in catalog.objects(DATASET, DCTERMS.spatial)
        for box in catalog.objects(place, DCAT.bbox)
    ]
    assert boxes and all(box.startswith("POLYGON((") for box in boxes)


def test_each_csv_conforms_to_its_published_table_schema(
    catalog: Graph, publication_dir: Path
) -> None:
    csv_distributions = [
        d
        for d in catalog.objects(DATASET, DCAT.distribution)
        if str(catalog.value(d, DCAT.mediaType, default="")).endswith("/text/csv")
    ]
    assert len(csv_distributions) == 2 * len(EXPORTS)  # each export also for French Excel
    for dist in csv_distributions:
        schema = catalog.value(dist, DCTERMS.conformsTo)
        assert schema is not None, dist
        assert (publication_dir / str(schema).rsplit("/", 1)[1]).is_file()
        assert catalog.value(dist, DCTERMS.description) is not None
