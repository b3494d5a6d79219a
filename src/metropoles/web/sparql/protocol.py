"""SPARQL 1.1 Protocol requests (https://www.w3.org/TR/sparql11-protocol/#query-operation):
read the query, dataset and format parameters from GET, POST form or POST direct (the result
format is chosen in choice.py)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from starlette.requests import ClientDisconnect, Request

from metropoles.web.sparql.choice import format_values
from metropoles.web.sparql.screening import Refusal

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
FORM_ALLOWANCE = 8192  # bytes of a form beyond its query: dataset, format and timeout parameters


@dataclass(frozen=True)
class QueryRequest:
    """The protocol parameters of one request (query None: describe the service)."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...]  # format/output/results values, in the order sent
    timeout: float | None


async def read_request(request: Request, max_bytes: int, timeout: float) -> QueryRequest:
    """Parse GET, POST form or POST/QUERY direct; raise Refusal for updates, odd bodies, bodies
    past the size limit (while they are read) or slower than ``timeout``, text not in UTF-8."""
    params = strict_params(request.scope.get("query_string", b""))
    query = None
    if request.method in ("POST", "QUERY"):
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == UPDATE:
            raise Refusal(403, "Read-only endpoint", "SPARQL Update is not accepted here")
        if content_type not in (FORM, DIRECT):
            raise Refusal(415, "Unsupported media type", f"send {FORM} or {DIRECT}")
        # percent-encoding makes a form up to three times the query it carries
        limit = max_bytes if content_type == DIRECT else 3 * max_bytes + FORM_ALLOWANCE
        body = await read_body(request, limit, timeout)
        if content_type == FORM:
            form = strict_params(body)
            if not any(k in ("query", "update") for k, _ in params + form):
                raise Refusal(400, "Missing query", "a form POST carries a query parameter")
            params += form
        else:
            query = _utf8(body)
    return _from_params(params, query)


async def read_body(request: Request, limit: int, timeout: float) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes (never read
    whole first) and with 408 when the client takes longer than ``timeout`` to send it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    body = bytearray()
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise _too_large(len(body), limit, "at least ")
    except TimeoutError:
        raise Refusal(408, "Request timeout", f"the body took more than {timeout:g} s") from None
    except ClientDisconnect:  # nobody is left to read the answer
        raise Refusal(400, "Client disconnected", "the body was not sent whole") from None
    return bytes(body)


def strict_params(raw: bytes) -> list[tuple[str, str]]:
    """The parameters of a query string or form body; 400 unless each decodes as UTF-8
    (overlong encodings and lone surrogates are not UTF-8).

    >>> strict_params(b"query=ASK%20%7B%7D&x")
    [('query', 'ASK {}'), ('x', '')]
    """
    pairs = (part.partition(b"=") for part in raw.split(b"&") if part)
    return [(_unquote(key), _unquote(value)) for key, _, value in pairs]


def _unquote(raw: bytes) -> str:
    return _utf8(unquote_to_bytes(raw.replace(b"+", b" ")))


def _utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        detail = f"byte {error.start} is not UTF-8 ({error.reason})"
        raise Refusal(400, "Malformed request", detail) from None


def _too_large(size: int, limit: int, qualifier: str = "") -> Refusal:
    detail = f"the body is {qualifier}{size} bytes, the limit is {limit}"
    return Refusal(413, "Request too large", detail)


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
