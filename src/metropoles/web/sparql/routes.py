"""Router: the SPARQL 1.1 Protocol at /sparql and /query (query by GET, POST form, POST direct or
QUERY),
with its Service Description, read-only screening, time limit, row cap and HTTP caching."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from metropoles.formats import RDF_FORMATS, W3C_FORMATS
from metropoles.publication import PREFIXES
from metropoles.web import caching
from metropoles.web.negotiation import rdf_format
from metropoles.web.problems import problem
from metropoles.web.sparql import query_page
from metropoles.web.sparql.choice import rdf_type, result_type
from metropoles.web.sparql.engine import Answer, Job
from metropoles.web.sparql.pool import QueryTimeout, QueryTooLarge, Saturated, WorkerLost
from metropoles.web.sparql.protocol import QueryRequest, read_request
from metropoles.web.sparql.screening import Refusal, Screened, screen
from metropoles.web.sparql.service import TRUNCATED, endpoint_url
from metropoles.web.state import State

METHODS = ["GET", "HEAD", "POST", "QUERY"]
RDF_TYPES = [f.media_type for f in RDF_FORMATS]
SD_PREFIXES = {p: PREFIXES[p] for p in ("sd", "void", "dcat", "dct", "rdfs")} | {
    "formats": W3C_FORMATS
}


def router(state: State) -> APIRouter:
    """The /sparql route over ``state``."""
    routes = APIRouter()

    @routes.api_route("/sparql", methods=METHODS, response_model=None)
    async def sparql(request: Request) -> Response:
        """SPARQL 1.1 Protocol §2.1 query operation; no query → the service description."""
        return await answer(request, state)

    @routes.api_route("/query", methods=METHODS, response_model=None)
    async def query(request: Request) -> Response:
        """The same service where Oxigraph and Fuseki have it (browsers get the query page)."""
        return await answer(request, state)

    return routes


async def answer(request: Request, state: State) -> Response:
    """Answer one protocol request: a query's result, or the service description."""
    settings = state.settings
    try:
        protocol = await read_request(request, settings.max_query_bytes, settings.client_timeout)
        if protocol.query is None:
            return describe_service(request, state, protocol.formats)
        screened = screen(
            protocol.query,
            settings.max_query_bytes,
            settings.max_query_depth,
            state.endpoint.max_chain,
        )
        return await _answer(request, state, protocol, screened)
    except Refusal as refusal:
        return problem(refusal.status, refusal.title, refusal.detail)


async def _answer(
    request: Request, state: State, protocol: QueryRequest, screened: Screened
) -> Response:
    media_type = result_type(screened.form, request.headers.get("accept"), protocol.formats)
    if media_type is None:
        return problem(406, "Not acceptable", f"no acceptable format for a {screened.form} query")
    job = _job(state, protocol, screened, media_type)
    headers = caching.headers(caching.etag(state.revision, *job.key), caching.PUBLICATION)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    endpoint = state.endpoint
    found = endpoint.answers.get(job.key)
    if found is None:
        try:
            found = await endpoint.pool.run(job, _timeout(state, protocol))
        except (QueryTimeout, QueryTooLarge, Saturated, WorkerLost) as error:
            return _failure(error)
        endpoint.answers.put(job.key, found)
    return _respond(found, headers)


def _job(state: State, protocol: QueryRequest, screened: Screened, media: str) -> Job:
    no_protocol_dataset = not protocol.default_graphs and not protocol.named_graphs
    return Job(
        query=screened.text,
        media_type=media,
        default_graphs=protocol.default_graphs,
        named_graphs=protocol.named_graphs,
        union_default=no_protocol_dataset and not screened.has_dataset,
        max_rows=state.settings.max_rows,
        limit=screened.limit if screened.form == "SELECT" else None,
        prefixes=tuple(state.prefixes.items()),
        base_iri=endpoint_url(state.settings),
    )


def _timeout(state: State, protocol: QueryRequest) -> float:
    """The server's limit, or the client's ``timeout`` when it asks for less."""
    limit = state.settings.query_timeout
    return min(limit, protocol.timeout or limit)


def _respond(found: Answer, headers: dict[str, str]) -> Response:
    if found.status == 400:
        detail = found.body.decode()
        return problem(400, "Malformed query", detail, line=found.line, column=found.column)
    if found.status != 200:
        return problem(found.status, "Query failed", found.body.decode())
    if found.truncated:
        headers = headers | {TRUNCATED: "true"}
    return Response(found.body, 200, headers, found.media_type)


def _failure(error: Exception) -> Response:
    if isinstance(error, QueryTimeout):
        return problem(503, "Query timeout", f"the query was stopped: {error}")
    if isinstance(error, Saturated):
        return problem(503, "Server busy", str(error))
    if isinstance(error, QueryTooLarge):
        return problem(507, "Query needs too much memory", f"the query was stopped: {error}")
    return problem(500, "Query crashed", str(error))


def describe_service(request: Request, state: State, formats: tuple[str, ...]) -> Response:
    """Service Description by conneg (SPARQL 1.1 Service Description §3); browsers get the page."""
    offered = [*RDF_TYPES, "text/html"]
    media_type = rdf_type(request.headers.get("accept"), formats, offered)
    if media_type == "text/html" or formats[:1] == ("html",):
        return query_page.page(request, state)
    if media_type is None:
        return problem(406, "Not acceptable", "the service description is RDF or HTML")
    headers = caching.headers(caching.etag(state.revision, "sd", media_type), caching.PUBLICATION)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    body = ox.serialize(
        state.endpoint.description, format=rdf_format(media_type), prefixes=SD_PREFIXES
    )
    return Response(body, 200, headers, media_type)
