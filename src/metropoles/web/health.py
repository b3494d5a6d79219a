"""Router: ``/health``, for a load balancer or a supervisor: 200 when the store holds the
publication and a trivial query runs through the worker pool, 503 otherwise. Never cached; asking
also forks the pool's zygote again when it died."""

from __future__ import annotations

import json

import pyoxigraph as ox
from fastapi import APIRouter
from starlette.responses import Response

from metropoles.web import caching
from metropoles.web.problems import problem
from metropoles.web.state import State

CHECK_TIMEOUT = 2.0  # seconds the trivial query may take, at most


def router(state: State) -> APIRouter:
    """The health route over ``state``."""
    routes = APIRouter()

    @routes.api_route("/health", methods=["GET", "HEAD"], response_model=None)
    async def health() -> Response:
        """Whether this server can answer SPARQL queries now."""
        timeout = min(CHECK_TIMEOUT, state.settings.query_timeout)
        checks = {
            "store": _store_loaded(state),
            "sparql": await state.endpoint.pool.healthy(timeout),
        }
        headers = {"Cache-Control": caching.UNCACHED}
        if not all(checks.values()):
            failed = ", ".join(name for name, ok in checks.items() if not ok)
            answer = problem(503, "Unavailable", f"failed: {failed}", checks=checks)
            answer.headers.update(headers)
            return answer
        body = {"status": "ok", "checks": checks, "publication": state.publication.identity}
        return Response(json.dumps(body), 200, headers, "application/json")

    return routes


def _store_loaded(state: State) -> bool:
    return state.store.contains_named_graph(ox.NamedNode(state.graphs["metadata"]))
