"""Router: the SPARQL 1.1 Graph Store Protocol, read only (/store?default, /store?graph=IRI),
and the VoID description at /.well-known/void (the publication's metadata graph)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from metropoles.formats import RDF_FORMATS
from metropoles.iris import Iris
from metropoles.web.problems import problem
from metropoles.web.protocol import rdf_type
from metropoles.web.service import graph_document

if TYPE_CHECKING:
    from metropoles.web.sparql import Endpoint

router = APIRouter()
RDF_TYPES = [f.media_type for f in RDF_FORMATS]
TRIPLE_TYPES = [f.media_type for f in RDF_FORMATS if not f.quads]


@router.api_route("/store", methods=["GET", "HEAD"], response_model=None)
async def store(request: Request) -> Response:
    """Graph Store Protocol §5.2 GET: one named graph, or the (union) default graph."""
    graph = request.query_params.get("graph")
    if graph is None and "default" not in request.query_params:
        return problem(400, "Missing graph", "use /store?default or /store?graph=<IRI>")
    return await _graph(request, graph)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], response_model=None)
async def void(request: Request) -> Response:
    """The VoID and DCAT description of the dataset (its metadata graph)."""
    endpoint: Endpoint = request.app.state.endpoint
    return await _graph(request, str(Iris(endpoint.settings.base_iri).graph("metadata")))


async def _graph(request: Request, graph: str | None) -> Response:
    endpoint: Endpoint = request.app.state.endpoint
    offered = RDF_TYPES if graph else TRIPLE_TYPES
    media_type = rdf_type(
        request.headers.get("accept"), request.query_params.get("format"), offered
    )
    if media_type is None:
        return problem(406, "Not acceptable", "graphs are served as RDF")
    store = endpoint.publication.store
    body = await asyncio.to_thread(graph_document, store, graph, media_type)
    if body is None:
        return problem(404, "No such graph", f"no graph named <{graph}>")
    etag = f'W/"{endpoint.publication.etag}-{hash((graph, media_type)) & 0xFFFFFFFF:x}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=3600", "Vary": "Accept"}
    return Response(body, 200, headers, media_type)
