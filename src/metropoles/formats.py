"""The one table of RDF and SPARQL result formats, read by dumps, negotiation and the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph


@dataclass(frozen=True)
class RdfFormat:
    name: str  # short name, also the value of ?format=
    media_type: str
    extension: str
    rdflib_name: str
    w3c_iri: str  # http://www.w3.org/ns/formats/...
    eu_file_type: str  # http://publications.europa.eu/resource/authority/file-type/...
    quads: bool = False  # carries named graphs

    @property
    def oxigraph(self) -> pyoxigraph.RdfFormat:
        """The same format for pyoxigraph's parsers and serializers."""
        found = pyoxigraph.RdfFormat.from_media_type(self.media_type)
        assert found is not None, self.media_type
        return found


TURTLE = RdfFormat("ttl", "text/turtle", "ttl", "turtle", "Turtle", "RDF_TURTLE")
NTRIPLES = RdfFormat("nt", "application/n-triples", "nt", "nt", "N-Triples", "RDF_N_TRIPLES")
NQUADS = RdfFormat("nq", "application/n-quads", "nq", "nquads", "N-Quads", "RDF_N_QUADS", True)
TRIG = RdfFormat("trig", "application/trig", "trig", "trig", "TriG", "RDF_TRIG", True)
JSONLD = RdfFormat("jsonld", "application/ld+json", "jsonld", "json-ld", "JSON-LD", "JSON_LD")
RDFXML = RdfFormat("rdf", "application/rdf+xml", "rdf", "xml", "RDF_XML", "RDF_XML")

RDF_FORMATS: tuple[RdfFormat, ...] = (TURTLE, NTRIPLES, NQUADS, TRIG, JSONLD, RDFXML)


@dataclass(frozen=True)
class ResultFormat:
    """A SPARQL query results format (SELECT / ASK)."""

    name: str
    media_type: str
    extension: str
    w3c_iri: str


RESULT_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", "srj", "SPARQL_Results_JSON"),
    ResultFormat("xml", "application/sparql-results+xml", "srx", "SPARQL_Results_XML"),
    ResultFormat("csv", "text/csv", "csv", "SPARQL_Results_CSV"),
    ResultFormat("tsv", "text/tab-separated-values", "tsv", "SPARQL_Results_TSV"),
)

W3C_FORMATS = "http://www.w3.org/ns/formats/"


def rdf_format(key: str) -> RdfFormat | None:
    """Find an RDF format by short name, extension or media type.

    >>> rdf_format("text/turtle").name
    'ttl'
    >>> rdf_format("json-ld") is None
    True
    """
    for fmt in RDF_FORMATS:
        if key in (fmt.name, fmt.extension, fmt.media_type):
            return fmt
    return None
