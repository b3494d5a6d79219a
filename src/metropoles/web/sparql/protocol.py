"""SPARQL 1.1 Protocol requests (https://www.w3.org/TR/sparql11-protocol/#query-operation):
read the query and dataset from GET, POST form or POST direct, and choose the result format."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

from metropoles.formats import RDF_FORMATS, RESULT_FORMATS
from metropoles.web.negotiation import best_match
from metropoles.web.sparql.screening import Refusal

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"

_SOLUTION_TYPES = {f.media_type: f.media_type for f in RESULT_FORMATS} | {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "text/tab-separated-values",
}
_GRAPH_TYPES = {f.media_type: f.media_type for f in RDF_FORMATS} | {
    "application/json": "application/ld+json",
    "application/xml": "application/rdf+xml",
    "text/plain": "application/n-triples",
}
_SOLUTION_NAMES = {f.name: f.media_type for f in RESULT_FORMATS} | {
    "srj": _SOLUTION_TYPES["application/json"],
    "srx": _SOLUTION_TYPES["text/xml"],
    "text": "text/tab-separated-values",
}
_GRAPH_NAMES = {f.name: f.media_type for f in RDF_FORMATS} | {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class QueryRequest:
    """The protocol parameters of one request (query None: describe the service)."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    timeout: float | None


async def read_request(request: Request) -> QueryRequest:
    """Parse GET, POST form or POST/QUERY direct; raise Refusal for updates or odd bodies."""
    params = list(request.query_params.multi_items())
    query = None
    if request.method in ("POST", "QUERY"):
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if content_type == FORM:
            params += parse_qsl(body, keep_blank_values=True)
        elif content_type == DIRECT:
            query = body
        elif content_type == UPDATE:
            raise Refusal(403, "Read-only endpoint", "SPARQL Update is not accepted here")
        else:
            raise Refusal(415, "Unsupported media type", f"send {FORM} or {DIRECT}")
    return _from_params(params, query)


def _from_params(params: list[tuple[str, str]], query: str | None) -> QueryRequest:
    def values(name: str) -> tuple[str, ...]:
        return tuple(v for k, v in params if k == name)

    if values("update"):
        raise Refusal(403, "Read-only endpoint", "SPARQL Update is not accepted here")
    queries = values("query")
    if len(queries) > 1 or (queries and query is not None):
        raise Refusal(400, "Malformed request", "exactly one query is allowed")
    formats = values("format") or values("output")
    return QueryRequest(
        query=queries[0] if queries else query,
        default_graphs=values("default-graph-uri"),
        named_graphs=values("named-graph-uri"),
        format=formats[0] if formats else None,
        timeout=_seconds(values("timeout")),
    )


def _seconds(values: tuple[str, ...]) -> float | None:
    try:
        return float(values[0]) if values and float(values[0]) > 0 else None
    except ValueError:
        raise Refusal(400, "Malformed request", "timeout must be a number of seconds") from None


def result_type(form: str, accept: str | None, format_: str | None) -> str | None:
    """Media type for a query form from ``format`` or ``Accept``; None means 406.

    >>> result_type("SELECT", "text/csv;q=0.5, application/sparql-results+xml", None)
    'application/sparql-results+xml'
    >>> result_type("CONSTRUCT", None, "jsonld")
    'application/ld+json'
    """
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    types, names = (
        (_GRAPH_TYPES, _GRAPH_NAMES) if graph_form else (_SOLUTION_TYPES, _SOLUTION_NAMES)
    )
    if format_ is not None:
        key = format_.strip().lower()
        return names.get(key) or types.get(key)
    chosen = best_match(accept, list(types))
    return types[chosen] if chosen else None


def rdf_type(accept: str | None, format_: str | None, offered: list[str]) -> str | None:
    """Media type for an RDF document (service description, VoID, graphs); None means 406."""
    if format_ is not None:
        key = format_.strip().lower()
        found = _GRAPH_NAMES.get(key) or _GRAPH_TYPES.get(key)
        return found if found in offered else None
    return best_match(accept, offered)
