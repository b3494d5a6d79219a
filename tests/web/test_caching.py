"""HTTP caching, in process: every route that answers 200 sends an ETag and a Cache-Control and
answers 304 to a matching If-None-Match; validators differ by representation."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.routing import APIRoute

from metropoles.config import Settings
from metropoles.publish.staging import VERSION_DIGITS
from metropoles.store.base import Publication
from metropoles.web import caching
from metropoles.web.app import ROUTERS
from metropoles.web.state import State

HTML = {"Accept": "text/html"}
TURTLE = {"Accept": "text/turtle"}
# Requests answered 200, by route path: a new GET route needs its sample here.
SAMPLES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "/sparql": [("/sparql?query=ASK%20%7B%7D", {}), ("/sparql", TURTLE), ("/sparql", HTML)],
    "/query": [("/query?query=ASK%20%7B%7D", {}), ("/query", HTML)],
    "/static/yasgui/{name}": [("/static/yasgui/LICENSE", {})],
    "/.well-known/sparql-examples": [("/.well-known/sparql-examples", TURTLE)],
    "/store": [("/store?default", {"Accept": "application/n-triples"})],
    "/.well-known/void": [("/.well-known/void", TURTLE)],
    "/": [("/", HTML), ("/", TURTLE)],
    "/index.{ext}": [("/index.ttl", {})],
    "/recherche": [("/recherche?q=lyon", {})],
    "/sitemap.xml": [("/sitemap.xml", {})],
    "/robots.txt": [("/robots.txt", {})],
    "/static/site.css": [("/static/site.css", {})],
    "/index.geojson": [("/index.geojson", {})],
    "/doc/{rest:path}.geojson": [("/doc/metropole/200046977.geojson", {})],
    "/download/latest/{name}": [("/download/latest/SHA256SUMS", {})],
    "/download/{version_}/{name}": [("/download/{version}/SHA256SUMS", {})],
    "/{path:path}": [("/doc/metropole/200046977", HTML), ("/def/metropoles", TURTLE)],
}
NOT_200 = {"/id/{rest:path}"}  # 303 See Other to the document
UNCACHED = {"/health": "/health"}  # the server's state now: Cache-Control: no-store
CASES = [(url, headers) for samples in SAMPLES.values() for url, headers in samples]


def test_every_get_route_has_a_sample(publication_dir: Path, settings: Settings) -> None:
    state = State.build(Publication.load(publication_dir), settings)  # its pool never started
    routes = {
        route.path
        for factory in ROUTERS
        for route in factory(state).routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    }
    assert routes == SAMPLES.keys() | NOT_200 | UNCACHED.keys()


@pytest.mark.parametrize("url", UNCACHED.values())
def test_state_of_the_server_is_never_cached(client: httpx.Client, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store" and "etag" not in answer.headers


@pytest.mark.parametrize(("url", "headers"), CASES, ids=[f"{u} {h}" for u, h in CASES])
def test_route_answers_304_when_the_client_holds_it(
    client: httpx.Client, version: str, url: str, headers: dict[str, str]
) -> None:
    url = url.format(version=version)
    first = client.get(url, headers=headers)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and "max-age" in first.headers["cache-control"]
    again = client.get(url, headers=headers | {"If-None-Match": f'"other", {tag}'})
    assert again.status_code == 304 and not again.content
    assert again.headers["etag"] == tag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    stale = client.get(url, headers=headers | {"If-None-Match": 'W/"stale"'})
    assert stale.status_code == 200


@pytest.fixture(scope="module")
def version(publication_dir: Path) -> str:
    """The version of the session's publication, as its download URLs name it."""
    return Publication.load(publication_dir).identity[:VERSION_DIGITS]


def test_each_representation_has_its_own_validator(client: httpx.Client) -> None:
    tags = {
        client.get("/", headers=TURTLE).headers["etag"],
        client.get("/", headers=HTML).headers["etag"],
        client.get("/recherche?q=lyon").headers["etag"],
        client.get("/recherche?q=metz").headers["etag"],
    }
    assert len(tags) == 4


def test_etag_is_a_stable_digest() -> None:
    assert caching.etag("r", "/x", "text/html") == caching.etag("r", "/x", "text/html")
    assert caching.etag("r", "/x", "text/html") != caching.etag("r", "/x", "text/turtle")
    assert caching.etag("r", ("a", "b")) != caching.etag("r", "a", "b")
    assert caching.matches("*", 'W/"x"') and not caching.matches("", 'W/"x"')
