"""Router: the pages and the dereferencing of every minted IRI. ``/id/x`` answers 303 See Other
to ``/doc/x``; ``/doc/x`` and every other minted path (``/def/``, ``/code/``, ``/graph/``,
``/dataset/``, ``/catalog``...) answer 200 by content negotiation or extension; ``/`` is the home
page, ``/recherche`` the label search, ``/download/latest/{file}`` the publication's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from metropoles.iris import LICENCE_OUVERTE
from metropoles.web import dereference as deref
from metropoles.web import represent, schema_org, sitemap
from metropoles.web.negotiation import best_match
from metropoles.web.problems import problem
from metropoles.web.site import Site, site
from metropoles.web.terms import KIND_NAMES

router = APIRouter()
GET = ["GET", "HEAD"]
HOME_STEM = "/index"
STATIC = deref.PAGE_CACHE
IMMUTABLE = "public, max-age=31536000, immutable"


@router.api_route("/", methods=GET, response_model=None)
def home(request: Request) -> Response:
    """The home page (RDF by negotiation: the catalogue's description)."""
    return _negotiate(request, site(request), str(site(request).iris.catalog), "/", None)


@router.api_route("/index.{ext}", methods=GET, response_model=None)
def home_format(request: Request, ext: str) -> Response:
    """The home page in one format."""
    forced = deref.EXTENSIONS.get(ext)
    if forced is None:
        return not_found(request)
    return _negotiate(request, site(request), str(site(request).iris.catalog), "/", forced)


@router.api_route("/id/{rest:path}", methods=GET, response_model=None)
def thing(request: Request, rest: str) -> Response:
    """A non-information resource: 303 See Other to its document, Accept kept for the next hop."""
    found = site(request)
    stem, _ = deref.split_extension("/id/" + rest)
    if not any(found.paths.iri(p) in found.index_iris for p in ("/id/" + rest, stem)):
        return not_found(request)
    location = "/doc/" + rest + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(location, 303, {"Vary": "Accept", "Cache-Control": STATIC})


@router.api_route("/recherche", methods=GET, response_model=None)
def search(request: Request, q: str = "") -> Response:
    """The label search (accent- and case-insensitive)."""
    found = site(request)
    hits = found.index.search(q)
    links = [(e, found.paths.href(e.iri), KIND_NAMES[e.kind]) for e in hits]
    context = {"title": "Recherche", "q": q, "hits": links}
    return _html(request, found, "search.html", context, 200)


@router.api_route("/sitemap.xml", methods=GET, response_model=None)
def sitemap_xml(request: Request) -> Response:
    """Every page, as absolute URLs on the public URL (or this request's origin)."""
    found = site(request)
    origin = (found.settings.public_url or str(request.base_url)).rstrip("/")
    body = sitemap.render(origin, sitemap.pages(found.index_iris, found.paths))
    return Response(body, 200, {"Cache-Control": STATIC}, "application/xml")


@router.api_route("/robots.txt", methods=GET, response_model=None)
def robots(request: Request) -> Response:
    """Everything may be crawled; where the sitemap is."""
    origin = (site(request).settings.public_url or str(request.base_url)).rstrip("/")
    return Response(f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n", 200,
                    {"Cache-Control": STATIC}, "text/plain")  # fmt: skip


@router.api_route("/static/site.css", methods=GET, response_model=None)
def stylesheet() -> Response:
    """The site's stylesheet."""
    path = Path(__file__).parent / "static" / "site.css"
    return FileResponse(path, media_type="text/css", headers={"Cache-Control": STATIC})


@router.api_route("/download/latest/{name}", methods=GET, response_model=None)
def download(request: Request, name: str) -> Response:
    """A file of the publication, where dcat:downloadURL points."""
    found = site(request)
    path = found.publication.directory / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return not_found(request)
    tag = f'"{found.publication.etag}-{name}"'
    headers = {"ETag": tag, "Cache-Control": IMMUTABLE,
               "Content-Disposition": f'attachment; filename="{name}"'}  # fmt: skip
    if deref.not_modified(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return FileResponse(path, headers=headers, media_type=sitemap.media_type(name))


@router.api_route("/{path:path}", methods=GET, response_model=None)
def minted(request: Request, path: str) -> Response:
    """Any other IRI minted under the base (``/doc/`` paths included), or 404."""
    found = site(request)
    path = "/" + path
    if found.paths.iri(path) in found.index_iris:
        return _negotiate(request, found, found.paths.iri(path), path, None)
    stem, forced = deref.split_extension(path)
    if forced and found.paths.iri(stem) in found.index_iris:
        return _negotiate(request, found, found.paths.iri(stem), stem, forced)
    return not_found(request)


def _negotiate(request: Request, found: Site, iri: str, path: str, forced: str | None) -> Response:
    stem = HOME_STEM if path == "/" else path
    choice = deref.choose(stem, request.headers.get("accept"), forced)
    if choice is None:
        return problem(406, "Not acceptable", "offered: " + ", ".join(deref.OFFERED))
    tag = deref.etag(found.publication.etag, path, choice.media_type)
    headers = deref.headers(stem, choice, path, tag)
    if deref.not_modified(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    if choice.rdf is not None:
        body = represent.rdf_body(found, represent.quads(found, iri), choice.rdf)
        return Response(body, 200, headers, choice.media_type)
    return _html_page(request, found, iri, path, headers)


def _html_page(request: Request, found: Site, iri: str, path: str,
               headers: dict[str, str]) -> Response:  # fmt: skip
    url = str(request.url.replace(query="", fragment=""))
    if path == "/":
        return _html(request, found, "home.html", _home(found, url), 200, headers)
    if represent.whole_graph(found, iri) == found.graphs["ontology"]:
        context = {"title": found.ontology.title, "doc": found.ontology}
        return _html(request, found, "ontology.html", context, 200, headers)
    context = represent.page_context(found, iri, path, url)
    return _html(request, found, "resource.html", context, 200, headers)


def _home(found: Site, url: str) -> dict[str, Any]:
    title, description = found.dataset_text
    data = schema_org.dataset(str(found.iris.dataset), title, description, url, LICENCE_OUVERTE)
    return {"title": title, "description": description, "site": found,
            "jsonld": schema_org.script(data)}  # fmt: skip


def not_found(request: Request) -> Response:
    """404: a helpful page for browsers, problem+json for other clients."""
    accept = request.headers.get("accept")
    if best_match(accept, [deref.HTML, "application/problem+json"]) != deref.HTML:
        return problem(404, "Not found", f"nothing is published at {request.url.path}")
    context = {"title": "Page introuvable", "missing": request.url.path}
    return _html(request, site(request), "not_found.html", context, 404)


def _html(request: Request, found: Site, name: str, context: dict[str, Any], status: int,
          headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    context = {"base": found.paths.base, "path": request.url.path, **context}
    return found.templates.TemplateResponse(request, name, context, status, headers)
