"""Router: the pages and the dereferencing of every minted IRI. ``/id/x`` answers 303 See Other
to ``/doc/x``; ``/doc/x`` and every other minted path (``/def/``, ``/code/``, ``/graph/``,
``/dataset/``, ``/catalog``...) answer 200 by content negotiation or extension; ``/`` is the home
page, ``/recherche`` the label search. The catch-all route comes last (see app.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from metropoles.iris import LICENCE_OUVERTE
from metropoles.web import caching
from metropoles.web.negotiation import best_match
from metropoles.web.pages import dereference as deref
from metropoles.web.pages import represent, schema_org, sitemap
from metropoles.web.pages.terms import KIND_NAMES
from metropoles.web.problems import PROBLEM, problem
from metropoles.web.state import State

GET = ["GET", "HEAD"]
HOME_STEM = "/index"
STYLESHEET = Path(__file__).parents[1] / "static" / "site.css"


def router(state: State) -> APIRouter:
    """The site's pages over ``state``, the minted-IRI catch-all included."""
    routes = APIRouter()

    @routes.api_route("/", methods=GET, response_model=None)
    def home(request: Request) -> Response:
        """The home page (RDF by negotiation: the catalogue's description)."""
        return _negotiate(request, state, str(state.iris.catalog), "/", None)

    @routes.api_route("/index.{ext}", methods=GET, response_model=None)
    def home_format(request: Request, ext: str) -> Response:
        """The home page in one format."""
        forced = deref.EXTENSIONS.get(ext)
        if forced is None:
            return not_found(request, state)
        return _negotiate(request, state, str(state.iris.catalog), "/", forced)

    @routes.api_route("/id/{rest:path}", methods=GET, response_model=None)
    def thing(request: Request, rest: str) -> Response:
        """A non-information resource: 303 See Other to its document, Accept kept."""
        return _see_other(request, state, rest)

    @routes.api_route("/recherche", methods=GET, response_model=None)
    def search(request: Request, q: str = "") -> Response:
        """The label search (accent- and case-insensitive)."""
        return _search(request, state, q)

    @routes.api_route("/sitemap.xml", methods=GET, response_model=None)
    def sitemap_xml(request: Request) -> Response:
        """Every page, as absolute URLs on the public URL (or this request's origin)."""
        origin = _origin(request, state)
        headers = _cached(state, caching.PUBLICATION, "sitemap", origin)
        if (unchanged := caching.not_modified(request, headers)) is not None:
            return unchanged
        body = sitemap.render(origin, sitemap.pages(state.site.minted, state.site.paths))
        return Response(body, 200, headers, "application/xml")

    @routes.api_route("/robots.txt", methods=GET, response_model=None)
    def robots(request: Request) -> Response:
        """Everything may be crawled; where the sitemap is."""
        origin = _origin(request, state)
        headers = _cached(state, caching.PUBLICATION, "robots", origin)
        if (unchanged := caching.not_modified(request, headers)) is not None:
            return unchanged
        body = f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n"
        return Response(body, 200, headers, "text/plain")

    @routes.api_route("/static/site.css", methods=GET, response_model=None)
    def stylesheet(request: Request) -> Response:
        """The site's stylesheet."""
        headers = _cached(state, caching.ASSET, "site.css")
        if (unchanged := caching.not_modified(request, headers)) is not None:
            return unchanged
        return FileResponse(STYLESHEET, media_type="text/css", headers=headers)

    return routes


def minted_router(state: State) -> APIRouter:
    """Any other IRI minted under the base (``/doc/`` paths included), or 404: include last."""
    routes = APIRouter()

    @routes.api_route("/{path:path}", methods=GET, response_model=None)
    def minted(request: Request, path: str) -> Response:
        """A minted IRI's document, by negotiation or extension."""
        return _minted(request, state, "/" + path)

    return routes


def _cached(state: State, cache_control: str, *representation: str) -> dict[str, str]:
    tag = caching.etag(state.revision, *representation)
    return caching.headers(tag, cache_control, None)


def _origin(request: Request, state: State) -> str:
    return (state.settings.public_url or str(request.base_url)).rstrip("/")


def _page_url(request: Request, state: State) -> str:
    """This page's absolute URL: on the public URL when set (the server may sit behind a proxy
    or a cache), else as requested."""
    if state.settings.public_url:
        return state.settings.public_url.rstrip("/") + request.url.path
    return str(request.url.replace(query="", fragment=""))


def _see_other(request: Request, state: State, rest: str) -> Response:
    site = state.site
    stem, _ = deref.split_extension("/id/" + rest)
    if not any(site.paths.iri(p) in site.minted for p in ("/id/" + rest, stem)):
        return not_found(request, state)
    location = site.paths.link("/doc/" + rest) + (
        f"?{request.url.query}" if request.url.query else ""
    )
    headers = {"Vary": "Accept", "Cache-Control": caching.PUBLICATION}
    return RedirectResponse(location, 303, headers)


def _search(request: Request, state: State, q: str) -> Response:
    headers = _cached(state, caching.PUBLICATION, "recherche", q)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    site = state.site
    links = [(e, site.paths.href(e.iri), KIND_NAMES[e.kind]) for e in site.index.search(q)]
    context = {"title": "Recherche", "q": q, "hits": links}
    return _html(request, state, "search.html", context, 200, headers)


def _minted(request: Request, state: State, path: str) -> Response:
    site = state.site
    if site.paths.iri(path) in site.minted:
        return _negotiate(request, state, site.paths.iri(path), path, None)
    stem, forced = deref.split_extension(path)
    if forced and site.paths.iri(stem) in site.minted:
        return _negotiate(request, state, site.paths.iri(stem), stem, forced)
    return not_found(request, state)


def _negotiate(request: Request, state: State, iri: str, path: str, forced: str | None) -> Response:
    stem = HOME_STEM if path == "/" else path
    choice = deref.choose(stem, request.headers.get("accept"), forced)
    if choice is None:
        return problem(406, "Not acceptable", "offered: " + ", ".join(deref.OFFERED))
    tag = caching.etag(state.revision, path, choice.media_type)
    headers = deref.headers(stem, choice, path, tag, state.site.paths.root)
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    if choice.rdf is not None:
        body = represent.rdf_body(state, represent.quads(state, iri), choice.rdf)
        return Response(body, 200, headers, choice.media_type)
    return _html_page(request, state, iri, path, headers)


def _html_page(
    request: Request, state: State, iri: str, path: str, headers: dict[str, str]
) -> Response:
    url = _page_url(request, state)
    if path == "/":
        return _html(request, state, "home.html", _home(state, url), 200, headers)
    if represent.whole_graph(state, iri) == state.graphs["ontology"]:
        context = {"title": state.site.ontology.title, "doc": state.site.ontology}
        return _html(request, state, "ontology.html", context, 200, headers)
    context = represent.page_context(state, iri, path, url)
    return _html(request, state, "resource.html", context, 200, headers)


def _home(state: State, url: str) -> dict[str, Any]:
    title, description = state.site.dataset_text
    data = schema_org.dataset(str(state.iris.dataset), title, description, url, LICENCE_OUVERTE)
    return {"title": title, "description": description, "site": state.site,
            "figures": state.figures, "jsonld": schema_org.script(data)}  # fmt: skip


def not_found(request: Request, state: State) -> Response:
    """404: a helpful page for browsers, problem+json for other clients."""
    accept = request.headers.get("accept")
    if best_match(accept, [deref.HTML, PROBLEM]) != deref.HTML:
        return problem(404, "Not found", f"nothing is published at {request.url.path}")
    context = {"title": "Page introuvable", "missing": state.site.paths.link(request.url.path)}
    return _html(request, state, "not_found.html", context, 404)


def _html(request: Request, state: State, name: str, context: dict[str, Any], status: int,
          headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    context = {"base": state.site.paths.base, "path": request.url.path, **context}
    return state.site.templates.TemplateResponse(request, name, context, status, headers)
