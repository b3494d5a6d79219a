"""Router: the SPARQL 1.1 Protocol at /sparql (query by GET, POST form, POST direct or QUERY),
with its Service Description, read-only screening, time limit, row cap and HTTP caching."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI
from starlette.requests import Request
from starlette.responses import Response

from metropoles.config import Settings
from metropoles.formats import RDF_FORMATS
from metropoles.iris import Iris
from metropoles.publication import prefixes
from metropoles.store import Publication
from metropoles.web import query_page
from metropoles.web.cache import AnswerCache
from metropoles.web.engine import Answer, Job, rdf_format
from metropoles.web.examples import Example, load_examples
from metropoles.web.pool import QueryTimeout, Saturated, WorkerLost, WorkerPool
from metropoles.web.problems import problem
from metropoles.web.protocol import QueryRequest, rdf_type, read_request, result_type
from metropoles.web.screening import Refusal, Screened, screen
from metropoles.web.service import service_description

router = APIRouter()
METHODS = ["GET", "HEAD", "POST", "QUERY"]
RDF_TYPES = [f.media_type for f in RDF_FORMATS]
TRUNCATED = "X-Metropoles-Truncated"
POOL_GROWTH = 4  # the pool grows to this many times Settings.workers while all are busy


@dataclass(frozen=True)
class Endpoint:
    """What the SPARQL routes share, built once per app in its lifespan."""

    settings: Settings
    publication: Publication
    pool: WorkerPool
    cache: AnswerCache
    description: list[ox.Triple]
    examples: list[Example]
    prefixes: tuple[tuple[str, str], ...]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the query workers (forked from the loaded store) and stop them at shutdown."""
    publication: Publication = app.state.publication
    settings: Settings = app.state.settings
    size = max(1, settings.workers)
    pool = await WorkerPool.start(publication.store, size, size * POOL_GROWTH)
    description = service_description(publication.store, settings)
    examples = load_examples(settings.project_dir / "queries" / "examples")
    names = tuple(prefixes(Iris(settings.base_iri)).items())
    app.state.endpoint = Endpoint(
        settings, publication, pool, AnswerCache(), description, examples, names
    )
    try:
        yield
    finally:
        await pool.close()


@router.api_route("/sparql", methods=METHODS, response_model=None)
async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol §2.1 query operation; no query → the service description."""
    endpoint: Endpoint = request.app.state.endpoint
    try:
        protocol = await read_request(request)
        if protocol.query is None:
            return describe_service(request, endpoint, protocol.format)
        screened = screen(protocol.query, endpoint.settings.max_query_bytes, _depth(endpoint))
        return await _answer(request, endpoint, protocol, screened)
    except Refusal as refusal:
        return problem(refusal.status, refusal.title, refusal.detail)


def _depth(endpoint: Endpoint) -> int:
    return endpoint.settings.max_query_depth


async def _answer(
    request: Request, endpoint: Endpoint, protocol: QueryRequest, screened: Screened
) -> Response:
    media_type = result_type(screened.form, request.headers.get("accept"), protocol.format)
    if media_type is None:
        return problem(406, "Not acceptable", f"no acceptable format for a {screened.form} query")
    job = _job(endpoint, protocol, screened, media_type)
    etag = _etag(endpoint.publication.etag, job)
    if _fresh(request, etag):
        return Response(status_code=304, headers=_cache_headers(etag))
    answer = endpoint.cache.get(job.key)
    if answer is None:
        try:
            answer = await endpoint.pool.run(job, _timeout(endpoint.settings, protocol))
        except (QueryTimeout, Saturated, WorkerLost) as error:
            return _failure(error)
        endpoint.cache.put(job.key, answer)
    return _respond(answer, etag)


def _job(endpoint: Endpoint, protocol: QueryRequest, screened: Screened, media: str) -> Job:
    no_protocol_dataset = not protocol.default_graphs and not protocol.named_graphs
    return Job(
        query=screened.text,
        media_type=media,
        default_graphs=protocol.default_graphs,
        named_graphs=protocol.named_graphs,
        union_default=no_protocol_dataset and not screened.has_dataset,
        max_rows=endpoint.settings.max_rows,
        limit=screened.limit if screened.form == "SELECT" else None,
        prefixes=endpoint.prefixes,
    )


def _timeout(settings: Settings, protocol: QueryRequest) -> float:
    """The server's limit, or the client's ``timeout`` when it asks for less."""
    return min(settings.query_timeout, protocol.timeout or settings.query_timeout)


def _etag(publication_etag: str, job: Job) -> str:
    """Weak validator: the publication version and everything that shapes the answer."""
    digest = hashlib.blake2b(repr(job.key).encode(), digest_size=10).hexdigest()
    return f'W/"{publication_etag}-{digest}"'


def _fresh(request: Request, etag: str) -> bool:
    """True when If-None-Match names ``etag`` (weak comparison, RFC 9110 §13.1.2)."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def _cache_headers(etag: str) -> dict[str, str]:
    return {"ETag": etag, "Cache-Control": "public, max-age=3600", "Vary": "Accept"}


def _respond(answer: Answer, etag: str) -> Response:
    if answer.status == 400:
        detail = answer.body.decode()
        return problem(400, "Malformed query", detail, line=answer.line, column=answer.column)
    if answer.status != 200:
        return problem(answer.status, "Query failed", answer.body.decode())
    headers = _cache_headers(etag)
    if answer.truncated:
        headers[TRUNCATED] = "true"
    return Response(answer.body, 200, headers, answer.media_type)


def _failure(error: Exception) -> Response:
    if isinstance(error, QueryTimeout):
        return problem(503, "Query timeout", f"the query was stopped: {error}")
    if isinstance(error, Saturated):
        return problem(503, "Server busy", str(error))
    return problem(500, "Query crashed", str(error))


def describe_service(request: Request, endpoint: Endpoint, format_: str | None) -> Response:
    """Service Description by conneg (SPARQL 1.1 Service Description §3); browsers get the page."""
    offered = [*RDF_TYPES, "text/html"]
    media_type = rdf_type(request.headers.get("accept"), format_, offered)
    if media_type == "text/html" or (format_ or "").lower() == "html":
        return query_page.page(request)
    if media_type is None:
        return problem(406, "Not acceptable", "the service description is RDF or HTML")
    fmt = rdf_format(media_type)
    body = ox.serialize(endpoint.description, format=fmt, prefixes=_sd_prefixes())
    headers = _cache_headers(f'W/"{endpoint.publication.etag}-sd-{fmt.file_extension}"')
    return Response(body, 200, headers, media_type)


def _sd_prefixes() -> dict[str, str]:
    return {
        "sd": "http://www.w3.org/ns/sparql-service-description#",
        "void": "http://rdfs.org/ns/void#",
        "formats": "http://www.w3.org/ns/formats/",
    }
