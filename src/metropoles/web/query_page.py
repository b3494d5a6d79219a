"""Router: the query page for people (YASGUI, vendored under static/yasgui, no CDN) at /query
and, for browsers, /sparql; the example queries at /.well-known/sparql-examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from fastapi import APIRouter
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from metropoles.formats import RDF_FORMATS
from metropoles.web.engine import rdf_format
from metropoles.web.examples import examples_graph
from metropoles.web.problems import problem
from metropoles.web.protocol import rdf_type
from metropoles.web.service import endpoint_url

if TYPE_CHECKING:
    from metropoles.web.sparql import Endpoint

router = APIRouter()
STATIC = Path(__file__).parent / "static" / "yasgui"
ASSETS = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "LICENSE": "text/plain"}
EXAMPLES_GRAPH_PREFIXES = {"sh": "http://www.w3.org/ns/shacl#", "schema": "https://schema.org/"}


def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("metropoles.web", "templates"), autoescape=select_autoescape()
    )


def page(request: Request) -> Response:
    """The query page, with one tab per example query."""
    endpoint: Endpoint = request.app.state.endpoint
    tabs = [
        {"name": e.name, "title": e.title, "description": e.description, "query": e.query}
        for e in endpoint.examples
    ]
    html = (
        _templates()
        .get_template("query.html")
        .render(examples=endpoint.examples, tabs_json=json.dumps(tabs, ensure_ascii=False))
    )
    headers = {"Cache-Control": "public, max-age=600", "Vary": "Accept"}
    return HTMLResponse(html, headers=headers)


@router.api_route("/query", methods=["GET", "HEAD"], response_model=None)
async def query(request: Request) -> Response:
    """The query page."""
    return page(request)


@router.api_route("/static/yasgui/{name}", methods=["GET", "HEAD"], response_model=None)
async def asset(name: str) -> Response:
    """A vendored YASGUI file (immutable for a release)."""
    if name not in ASSETS:
        return problem(404, "Not found", f"no asset {name}")
    headers = {"Cache-Control": "public, max-age=86400"}
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=headers)


@router.api_route("/.well-known/sparql-examples", methods=["GET", "HEAD"], response_model=None)
async def sparql_examples(request: Request) -> Response:
    """The example queries as SIB-style sh:SPARQLExecutable resources, by conneg."""
    endpoint: Endpoint = request.app.state.endpoint
    offered = [f.media_type for f in RDF_FORMATS]
    media_type = rdf_type(
        request.headers.get("accept"), request.query_params.get("format"), offered
    )
    if media_type is None:
        return problem(406, "Not acceptable", "the examples are published as RDF")
    settings = endpoint.settings
    triples = examples_graph(endpoint.examples, settings.base_iri, endpoint_url(settings))
    fmt = rdf_format(media_type)
    body = ox.serialize(triples, format=fmt, prefixes=EXAMPLES_GRAPH_PREFIXES)
    return Response(body, 200, {"Cache-Control": "public, max-age=600"}, media_type)
