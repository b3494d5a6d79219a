"""SPARQL 1.1 Protocol requests (https://www.w3.org/TR/sparql11-protocol/#query-operation):
read the query, dataset and format parameters from GET, POST form or POST direct (the result
format is chosen in choice.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request

from metropoles.web.sparql.choice import format_values
from metropoles.web.sparql.screening import Refusal

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class QueryRequest:
    """The protocol parameters of one request (query None: describe the service)."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...]  # format/output/results values, in the order sent
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
    return QueryRequest(
        query=queries[0] if queries else query,
        default_graphs=values("default-graph-uri"),
        named_graphs=values("named-graph-uri"),
        formats=format_values(params),
        timeout=_seconds(values("timeout")),
    )


def _seconds(values: tuple[str, ...]) -> float | None:
    try:
        return float(values[0]) if values and float(values[0]) > 0 else None
    except ValueError:
        raise Refusal(400, "Malformed request", "timeout must be a number of seconds") from None
