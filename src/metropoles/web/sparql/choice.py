"""The result format of a SPARQL request: from the ``format``/``output``/``results`` parameters
(their values as SPARQLWrapper, Virtuoso, Fuseki and others send them), else from ``Accept``.
A parameter value that names nothing servable for the query form is ignored, so a request is
never refused when its ``Accept`` header alone could be served."""

from __future__ import annotations

from collections.abc import Sequence

from metropoles.formats import RDF_FORMATS, RESULT_FORMATS
from metropoles.web.negotiation import best_match

FORMAT_PARAMETERS = ("format", "output", "results")

SOLUTIONS_JSON = "application/sparql-results+json"
SOLUTIONS_XML = "application/sparql-results+xml"
TSV = "text/tab-separated-values"
TURTLE, NTRIPLES, JSONLD, RDFXML = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
)

# Media types a client may ask for, and what is served for them (canonical types first, so that
# they win ties in negotiation).
SOLUTION_TYPES = {f.media_type: f.media_type for f in RESULT_FORMATS} | {
    "application/json": SOLUTIONS_JSON,
    "application/xml": SOLUTIONS_XML,
    "text/xml": SOLUTIONS_XML,
    "text/plain": TSV,
    "text/javascript": SOLUTIONS_JSON,
    "application/javascript": SOLUTIONS_JSON,
}
GRAPH_TYPES = {f.media_type: f.media_type for f in RDF_FORMATS} | {
    "application/json": JSONLD,
    "application/xml": RDFXML,
    "text/xml": RDFXML,
    "text/plain": NTRIPLES,
    "application/turtle": TURTLE,
    "application/x-turtle": TURTLE,
    "text/n3": TURTLE,  # Turtle is N3
    "text/rdf+n3": TURTLE,
    "application/n3": TURTLE,
    "application/x-json+ld": JSONLD,
}
# Short names in format/output values (ours, SPARQLWrapper's, Virtuoso's, Fuseki's).
SOLUTION_NAMES = {f.name: f.media_type for f in RESULT_FORMATS} | {
    "srj": SOLUTIONS_JSON,
    "srx": SOLUTIONS_XML,
    "sparql": SOLUTIONS_XML,  # Fuseki
    "text": TSV,
}
GRAPH_NAMES = {f.name: f.media_type for f in RDF_FORMATS} | {
    "turtle": TURTLE,
    "n3": TURTLE,
    "ntriples": NTRIPLES,
    "n-triples": NTRIPLES,
    "nquads": "application/n-quads",
    "n-quads": "application/n-quads",
    "json-ld": JSONLD,
    "json": JSONLD,
    "xml": RDFXML,
    "rdf": RDFXML,
    "rdf+xml": RDFXML,
    "rdfxml": RDFXML,
    "text": NTRIPLES,
}


def format_values(params: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The non-empty format values of a request, in the order sent.

    >>> format_values([("format", "rdf+xml"), ("output", ""), ("results", "x")])
    ('rdf+xml', 'x')
    """
    return tuple(v for k, v in params if k in FORMAT_PARAMETERS and v.strip())


def result_type(form: str, accept: str | None, formats: Sequence[str] = ()) -> str | None:
    """Media type for a query form from the first servable format value, else ``Accept``;
    None means 406.

    >>> result_type("SELECT", "text/csv;q=0.5, application/sparql-results+xml")
    'application/sparql-results+xml'
    >>> result_type("CONSTRUCT", None, ["jsonld"])
    'application/ld+json'
    >>> result_type("CONSTRUCT", "application/rdf+xml", ["rdf+xml", "application/rdf+xml"])
    'application/rdf+xml'
    >>> result_type("CONSTRUCT", "text/turtle", ["csv"])
    'text/turtle'
    """
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _choose(accept, formats, GRAPH_TYPES, GRAPH_NAMES, list(GRAPH_TYPES))
    return _choose(accept, formats, SOLUTION_TYPES, SOLUTION_NAMES, list(SOLUTION_TYPES))


def rdf_type(accept: str | None, formats: Sequence[str], offered: Sequence[str]) -> str | None:
    """Media type for an RDF document (service description, VoID, graphs); None means 406."""
    types = {t: GRAPH_TYPES.get(t, t) for t in offered}
    for alias, media_type in GRAPH_TYPES.items():
        if media_type in offered:
            types.setdefault(alias, media_type)
    return _choose(accept, formats, types, GRAPH_NAMES, list(types))


def _choose(
    accept: str | None,
    formats: Sequence[str],
    types: dict[str, str],
    names: dict[str, str],
    offered: list[str],
) -> str | None:
    for value in formats:
        key = value.strip().lower().replace(" ", "+")  # an unencoded '+' arrives as a space
        found = names.get(key) or types.get(key.split(";")[0].strip())
        if found is not None and found in types.values():
            return found
    chosen = best_match(accept, offered)
    return types[chosen] if chosen else None
