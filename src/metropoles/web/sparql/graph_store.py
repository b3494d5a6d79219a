"""Router: the SPARQL 1.1 Graph Store Protocol, read only (/store?default, /store?graph=IRI),
and the VoID description at /.well-known/void (the publication's metadata graph)."""

from __future__ import annotations

import asyncio

import pyoxigraph as ox
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from metropoles.formats import RDF_FORMATS
from metropoles.web import caching
from metropoles.web.problems import problem
from metropoles.web.sparql.choice import format_values, rdf_type
from metropoles.web.sparql.protocol import strict_params
from metropoles.web.sparql.screening import Refusal
from metropoles.web.sparql.service import graph_document
from metropoles.web.state import State

RDF_TYPES = [f.media_type for f in RDF_FORMATS]
TRIPLE_TYPES = [f.media_type for f in RDF_FORMATS if not f.quads]
GET = ["GET", "HEAD"]


def router(state: State) -> APIRouter:
    """The graph store and VoID routes over ``state``."""
    routes = APIRouter()

    @routes.api_route("/store", methods=GET, response_model=None)
    async def store(request: Request) -> Response:
        """Graph Store Protocol §5.2 GET: one named graph, or the (union) default graph."""
        try:
            params = dict(strict_params(request.scope.get("query_string", b"")))
        except Refusal as refusal:
            return problem(refusal.status, refusal.title, refusal.detail)
        graph = params.get("graph")
        if graph is None and "default" not in params:
            return problem(400, "Missing graph", "use /store?default or /store?graph=<IRI>")
        if graph is not None and not _is_iri(graph):
            return problem(400, "Malformed graph IRI", f"<{graph}> is not an absolute IRI")
        return await _graph(request, state, graph)

    @routes.api_route("/.well-known/void", methods=GET, response_model=None)
    async def void(request: Request) -> Response:
        """The VoID and DCAT description of the dataset (its metadata graph)."""
        return await _graph(request, state, state.graphs["metadata"])

    return routes


def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


async def _graph(request: Request, state: State, graph: str | None) -> Response:
    offered = RDF_TYPES if graph else TRIPLE_TYPES
    formats = format_values(request.query_params.multi_items())
    media_type = rdf_type(request.headers.get("accept"), formats, offered)
    if media_type is None:
        return problem(406, "Not acceptable", "graphs are served as RDF")
    if graph is not None and not state.store.contains_named_graph(ox.NamedNode(graph)):
        return problem(404, "No such graph", f"no graph named <{graph}>")
    headers = caching.headers(caching.etag(state.revision, graph, media_type), caching.PUBLICATION)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    body = await asyncio.to_thread(graph_document, state.store, graph, media_type)
    return Response(body or b"", 200, headers, media_type)
