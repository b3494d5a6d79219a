"""Router: each map of the site as GeoJSON (RFC 7946, ``application/geo+json``), next to the
page that draws it: ``/index.geojson`` for the home page's map, ``/doc/{path}.geojson`` for the
map of a métropole, its territory, a contract or a member commune. Listed before the pages'
router, whose ``/index.{ext}`` would otherwise take ``/index.geojson``."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from metropoles.iris import LICENCE_OUVERTE
from metropoles.web import caching
from metropoles.web.maps.drawing import GEOJSON, Map
from metropoles.web.pages.routes import GET, not_found
from metropoles.web.state import State


def router(state: State) -> APIRouter:
    """The GeoJSON downloads of the maps."""
    routes = APIRouter()

    @routes.api_route("/index.geojson", methods=GET, response_model=None)
    def home_map(request: Request) -> Response:
        """The map of the métropoles on the home page."""
        return _geojson(request, state, "/index", state.figures.home)

    @routes.api_route("/doc/{rest:path}.geojson", methods=GET, response_model=None)
    def resource_map(request: Request, rest: str) -> Response:
        """The map on a resource's page."""
        path = "/doc/" + rest
        paths = state.site.paths
        return _geojson(request, state, path, state.figures.for_resource(paths.iri(path), paths))

    return routes


def _geojson(request: Request, state: State, stem: str, drawn: Map | None) -> Response:
    if drawn is None:
        return not_found(request, state)
    tag = caching.etag(state.revision, stem, GEOJSON)
    name = "carte-" + stem.strip("/").replace("/", "-").removeprefix("doc-") + ".geojson"
    page = "/" if stem == "/index" else stem
    headers = caching.headers(tag, caching.PUBLICATION, None) | {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Link": f'<{state.site.paths.link(page)}>; rel="describes", <{LICENCE_OUVERTE}>; '
        'rel="license"',
    }
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    return Response(drawn.geojson_bytes(), 200, headers, GEOJSON)
