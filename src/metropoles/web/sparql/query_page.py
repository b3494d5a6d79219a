"""Router: the query page for people (YASGUI, vendored under static/yasgui, no CDN), which
browsers get at /sparql and /query by Accept (see routes.py); the example queries at
/.well-known/sparql-examples."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from metropoles.formats import RDF_FORMATS
from metropoles.publication import PREFIXES
from metropoles.web import caching
from metropoles.web.negotiation import rdf_format
from metropoles.web.problems import problem
from metropoles.web.sparql.choice import format_values, rdf_type
from metropoles.web.sparql.examples import examples_graph
from metropoles.web.sparql.service import endpoint_url
from metropoles.web.state import State

STATIC = Path(__file__).parents[1] / "static" / "yasgui"
ASSETS = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "LICENSE": "text/plain"}
EXAMPLES_GRAPH_PREFIXES = {p: PREFIXES[p] for p in ("sh", "schema")}
GET = ["GET", "HEAD"]
TITLE = "Interroger en SPARQL"


def router(state: State) -> APIRouter:
    """The query page, its assets and the published example queries over ``state``."""
    routes = APIRouter()

    @routes.api_route("/static/yasgui/{name}", methods=GET, response_model=None)
    async def asset(request: Request, name: str) -> Response:
        """A vendored YASGUI file (immutable for a release)."""
        if name not in ASSETS:
            return problem(404, "Not found", f"no asset {name}")
        headers = caching.headers(caching.etag(state.revision, name), caching.ASSET, None)
        if (unchanged := caching.not_modified(request, headers)) is not None:
            return unchanged
        return FileResponse(STATIC / name, media_type=ASSETS[name], headers=headers)

    @routes.api_route("/.well-known/sparql-examples", methods=GET, response_model=None)
    async def sparql_examples(request: Request) -> Response:
        """The example queries as SIB-style sh:SPARQLExecutable resources, by conneg."""
        return examples(request, state)

    return routes


def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("metropoles.web", "templates"), autoescape=select_autoescape()
    )


def page(request: Request, state: State) -> Response:
    """The query page, with one tab per example query."""
    headers = caching.headers(caching.etag(state.revision, "query-page"), caching.TOOL)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    found = state.endpoint.examples
    tabs = [
        {"name": e.name, "title": e.title, "description": e.description, "query": e.query}
        for e in found
    ]
    html = (
        _templates()
        .get_template("query.html")
        .render(
            title=TITLE,
            examples=found,
            tabs_json=json.dumps(tabs, ensure_ascii=False),
            root=state.site.paths.root,
        )
    )
    return HTMLResponse(html, headers=headers)


def examples(request: Request, state: State) -> Response:
    """The examples graph in the negotiated RDF format."""
    offered = [f.media_type for f in RDF_FORMATS]
    formats = format_values(request.query_params.multi_items())
    media_type = rdf_type(request.headers.get("accept"), formats, offered)
    if media_type is None:
        return problem(406, "Not acceptable", "the examples are published as RDF")
    headers = caching.headers(caching.etag(state.revision, "examples", media_type), caching.TOOL)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    settings = state.settings
    triples = examples_graph(state.endpoint.examples, settings.base_iri, endpoint_url(settings))
    body = ox.serialize(triples, format=rdf_format(media_type), prefixes=EXAMPLES_GRAPH_PREFIXES)
    return Response(body, 200, headers, media_type)
