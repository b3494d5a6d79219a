"""The application factory: one State over one loaded publication, handed to every router.

A new route goes in the package it belongs to (``sparql/`` for the query service, ``pages/``
for what people and crawlers read) as a ``router(state)`` function, listed in ROUTERS below."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from metropoles import __version__
from metropoles.config import Settings
from metropoles.store.base import Publication
from metropoles.web import health
from metropoles.web.access_log import AccessLog
from metropoles.web.connections import HeadLimits
from metropoles.web.maps import routes as maps
from metropoles.web.pages import downloads
from metropoles.web.pages import routes as pages
from metropoles.web.sparql import graph_store, query_page
from metropoles.web.sparql import routes as sparql
from metropoles.web.sparql.fast import FastSparql
from metropoles.web.sparql.service import TRUNCATED
from metropoles.web.state import State

CORS_HEADERS = ["Accept", "Content-Type", "Accept-Profile", "Accept-Language", "If-None-Match"]
EXPOSED_HEADERS = ["Link", "ETag", "Content-Location", "Content-Profile", TRUNCATED]

# In order: the catch-all of minted IRIs (pages.minted_router) must stay last.
ROUTERS: tuple[Callable[[State], APIRouter], ...] = (
    sparql.router,
    query_page.router,
    graph_store.router,
    maps.router,  # before pages.router, whose /index.{ext} would take /index.geojson
    pages.router,
    downloads.router,
    health.router,
    pages.minted_router,
)


def create_app(publication: Publication, settings: Settings, root: str | None = None) -> FastAPI:
    """Return an app serving ``publication``; its query workers start and stop with it. Its
    pages link under ``root`` (default: the path of ``settings.public_url``), while its routes
    stay at ``/``: a proxy in front strips that path."""
    state = State.build(publication, settings, root)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await state.endpoint.pool.start()  # forked from the loaded store
        try:
            yield
        finally:
            await state.endpoint.pool.close()

    app = FastAPI(
        title="metropoles",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS", "QUERY"],
        allow_headers=CORS_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    app.add_middleware(FastSparql, state=state)  # SPARQL queries skip what lies inside
    # every request's head is judged before the rest (only the access log wraps it)
    app.add_middleware(HeadLimits, fields=settings.max_headers, size=settings.max_header_bytes)
    if settings.access_log:
        app.add_middleware(AccessLog)
    for router in ROUTERS:
        app.include_router(router(state))
    app.state.metropoles = state  # what `serve` reports on start
    return app
