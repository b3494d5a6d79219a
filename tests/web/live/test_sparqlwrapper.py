"""SPARQLWrapper, the Python SPARQL client most people use, against a real server: every return
format it offers, on SELECT, ASK and CONSTRUCT. It sends its format name in ``format``,
``output`` and ``results`` next to an ``Accept`` header (urllib, so it needs a socket)."""

from __future__ import annotations

import json
import warnings

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

LYON = "https://w3id.org/metropoles/id/metropole/200046977"
QUERIES = {
    "SELECT": f"SELECT ?p ?o WHERE {{ <{LYON}> ?p ?o }}",
    "ASK": f"ASK {{ <{LYON}> a ?type }}",
    "CONSTRUCT": f"CONSTRUCT {{ <{LYON}> ?p ?o }} WHERE {{ <{LYON}> ?p ?o }}",
}
# What each return format must come back as, by query form (None: the client's default).
SERVED = {
    "SELECT": {JSON: "application/sparql-results+json", XML: "application/sparql-results+xml",
               CSV: "text/csv", TSV: "text/tab-separated-values"},
    "CONSTRUCT": {RDFXML: "application/rdf+xml", XML: "application/rdf+xml",
                  N3: "text/turtle", TURTLE: "text/turtle",
                  JSONLD: "application/ld+json", JSON: "application/ld+json"},
}  # fmt: skip
SERVED["ASK"] = SERVED["SELECT"]
FORMATS = [RDFXML, N3, TURTLE, JSONLD, XML, JSON, CSV, TSV]


@pytest.mark.parametrize("form", sorted(QUERIES))
@pytest.mark.parametrize("return_format", FORMATS)
def test_every_return_format_is_answered(live_server: str, form: str, return_format: str) -> None:
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(QUERIES[form])
    client.setReturnFormat(return_format)
    with warnings.catch_warnings():
        # For a format the form has no type for (RDF/XML on a SELECT), SPARQLWrapper warns that
        # it sends "Accept: */*", then that the answer is not in the format it asked for.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = client.query()
        converted = result.convert()
    assert result.response.status == 200
    media_type = result.info()["content-type"].split(";")[0]
    expected = SERVED[form].get(return_format)
    if expected is not None:
        assert media_type == expected
    if form == "CONSTRUCT":
        graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted)
        assert len(graph) > 1 and (None, None, None) in graph
    elif media_type == "application/sparql-results+json":
        body = converted if isinstance(converted, dict) else json.loads(converted)
        assert ("boolean" in body) if form == "ASK" else body["results"]["bindings"]
    else:
        assert converted


def test_a_construct_in_rdf_xml_holds_the_resource(live_server: str) -> None:
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(QUERIES["CONSTRUCT"])
    client.setReturnFormat(RDFXML)
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph)
    names = {str(o) for o in graph.objects(None, None) if getattr(o, "language", None) == "fr"}
    assert "Métropole de Lyon" in names
