"""The layout of a publication, shared by the build that writes it and the server that reads it:
named graphs, file names and the prefixes used in every serialization."""

from __future__ import annotations

from metropoles.iris import Iris

DUMP_FILE = "metropoles.nq"  # the dump the server loads: every named graph
CATALOG_FILE = "catalog.ttl"  # DCAT with distributions (sizes, checksums); not inside the dumps
GRAPHS = ("ontology", "shapes", "reference", "recherche", "geometrie", "metadata")

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "igeo": "http://rdf.insee.fr/def/geo#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vann": "http://purl.org/vocab/vann/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def graph_names(iris: Iris) -> dict[str, str]:
    """Named graph IRI of each part of the publication."""
    return {name: str(iris.graph(name)) for name in GRAPHS}


def prefixes(iris: Iris) -> dict[str, str]:
    """Standard prefixes plus ``mtp:`` for the ontology under this base IRI."""
    return PREFIXES | {"mtp": str(iris.vocab)}
