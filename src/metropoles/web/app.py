"""The application factory: a new FastAPI app over one loaded publication."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from metropoles import __version__
from metropoles.config import Settings
from metropoles.store import Publication
from metropoles.web import graph_store, pages, query_page, sparql
from metropoles.web.site import Site

CORS_HEADERS = ["Accept", "Content-Type", "Accept-Profile", "Accept-Language", "If-None-Match"]
EXPOSED_HEADERS = ["Link", "ETag", "Content-Location", "Content-Profile", sparql.TRUNCATED]


def create_app(publication: Publication, settings: Settings) -> FastAPI:
    """Return an app serving ``publication``; routers read it from ``app.state``."""
    app = FastAPI(
        title="metropoles",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=sparql.lifespan,
    )
    app.state.publication = publication
    app.state.settings = settings
    app.state.site = Site.build(publication, settings)  # label index, home lists, ontology doc
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS", "QUERY"],
        allow_headers=CORS_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    for router in (sparql.router, query_page.router, graph_store.router, pages.router):
        app.include_router(router)
    return app
