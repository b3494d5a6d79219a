"""The site behind a reverse proxy at a path (``public_url`` = ``https://example.org/lod``): the
proxy strips ``/lod`` and the app answers at ``/``, while every link of every page, every header
that names a URL (303 ``Location``, ``Content-Location``, ``Link``), the sitemap, the query page
and the Service Description stay under ``/lod``. In process: a small ASGI proxy in front of the
app answers 404 to anything outside the prefix, as the real one would not reach the app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from metropoles.config import Settings
from metropoles.publication import PublicationError
from metropoles.store.base import Publication
from metropoles.web.app import create_app
from metropoles.web.mirror import export_site

ORIGIN = "https://example.org"
PREFIX = "/lod"
PUBLIC = ORIGIN + PREFIX
PER_KIND = 2  # pages of each kind crawled besides the home page's links


def behind_proxy(app: ASGIApp, prefix: str) -> ASGIApp:
    """``app`` as nginx's ``location /lod/ { proxy_pass http://app/; }`` shows it: the prefix
    stripped from each request; any other path never reaches the app (404)."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the lifespan: the app's workers start and stop
            await app(scope, receive, send)
            return
        path: str = scope["path"]
        if not path.startswith(prefix + "/"):
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"outside the proxy's prefix"})
            return
        inner = path[len(prefix) :]
        raw = scope["raw_path"][len(prefix) :] if scope.get("raw_path") else None
        await app(dict(scope, path=inner, raw_path=raw), receive, send)

    return proxy


class Links(HTMLParser):
    """The href, src and form action attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src", "action") and v]


def links_of(page_url: str, html: str) -> set[str]:
    """Every link of a page, absolute, without its fragment."""
    parser = Links()
    parser.feed(html)
    return {urljoin(page_url, link).partition("#")[0] for link in parser.found}


@pytest.fixture(scope="module")
def proxied(publication_dir: Path, settings: Settings) -> Iterator[TestClient]:
    """The app behind the proxy, reached at https://example.org/lod/."""
    app = create_app(Publication.load(publication_dir), settings.replace(public_url=PUBLIC))
    with TestClient(behind_proxy(app, PREFIX), base_url=ORIGIN, follow_redirects=False) as client:
        yield client


@pytest.fixture(scope="module")
def crawled(proxied: TestClient, document_paths: set[str]) -> dict[str, set[str]]:
    """Links found on the home page, the pages it links to and a few pages of each kind, by
    page URL."""
    kinds: dict[str, list[str]] = {}
    for path in sorted(document_paths):
        kinds.setdefault(path.split("/")[2], []).append(path)
    start = {PUBLIC + "/", PUBLIC + "/sparql", PUBLIC + "/recherche?q=lyon"}
    start |= {PUBLIC + p for paths in kinds.values() for p in paths[:PER_KIND]}
    found = {url: _links(proxied, url) for url in sorted(start)}
    home_links = {u for u in found[PUBLIC + "/"] if u.startswith(PUBLIC + "/doc/")}
    found |= {
        url: _links(proxied, url) for url in sorted(home_links)[:: max(1, len(home_links) // 20)]
    }
    return found


def _links(client: TestClient, url: str) -> set[str]:
    answer = client.get(url, headers={"Accept": "text/html"})
    assert answer.status_code == 200, url
    return links_of(url, answer.text)


def test_every_link_stays_under_the_prefix(crawled: dict[str, set[str]]) -> None:
    links = set().union(*crawled.values())
    assert len(links) > 100
    ours = {u for u in links if urlsplit(u).netloc == "example.org"}
    assert ours and {u for u in ours if not u.startswith(PUBLIC + "/")} == set()


def test_every_link_under_the_prefix_answers(
    proxied: TestClient, crawled: dict[str, set[str]]
) -> None:
    links = sorted({u for found in crawled.values() for u in found if u.startswith(PUBLIC)})
    kinds = {"/static/", "/doc/", "/def/", "/download/", "/sparql", "/catalog", "/sitemap.xml"}
    assert all(any(PUBLIC + k in u for u in links) for k in kinds)
    broken = {}
    for url in links:
        answer = proxied.head(url) if "/download/" in url else proxied.get(url)
        if answer.status_code not in (200, 303):
            broken[url] = answer.status_code
    assert not broken


def test_headers_name_urls_under_the_prefix(proxied: TestClient) -> None:
    seen = proxied.get(PUBLIC + "/id/metropole/200046977", headers={"Accept": "text/turtle"})
    assert seen.status_code == 303
    assert seen.headers["location"] == PREFIX + "/doc/metropole/200046977"
    page = proxied.get(PUBLIC + "/doc/metropole/200046977", headers={"Accept": "text/turtle"})
    assert page.headers["content-location"] == PREFIX + "/doc/metropole/200046977.ttl"
    for link in re.findall(r"<([^>]+)>", page.headers["link"]):
        assert link.startswith((PREFIX + "/", "https://www.etalab.gouv.fr/")), link
    download = proxied.head(PUBLIC + "/download/latest/metropoles.nq")
    assert download.headers["content-location"].startswith(PREFIX + "/download/")
    geojson = proxied.get(PUBLIC + "/doc/metropole/200046977.geojson")
    assert f'<{PREFIX}/doc/metropole/200046977>; rel="describes"' in geojson.headers["link"]


def test_absolute_urls_name_the_public_url(proxied: TestClient) -> None:
    sitemap = proxied.get(PUBLIC + "/sitemap.xml").text
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert PUBLIC + "/doc/metropole/200046977" in locations
    assert all(loc.startswith(PUBLIC + "/") for loc in locations)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in proxied.get(PUBLIC + "/robots.txt").text
    description = proxied.get(PUBLIC + "/sparql", headers={"Accept": "text/turtle"}).text
    assert f"<{PUBLIC}/sparql>" in description
    home = proxied.get(PUBLIC + "/", headers={"Accept": "text/html"}).text
    assert f'"url": "{PUBLIC}/"' in home  # schema.org data
    query_page = proxied.get(PUBLIC + "/sparql", headers={"Accept": "text/html"}).text
    assert f'new URL("{PREFIX}/sparql", window.location.href)' in query_page


def test_a_query_through_the_proxy(proxied: TestClient) -> None:
    answer = proxied.get(
        PUBLIC + "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200 and answer.json()["boolean"] is True


def test_the_static_mirror_refuses_a_path(
    publication_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    """Its nginx rules are for the root of a host: a mirror under a path would be inconsistent."""
    with pytest.raises(PublicationError, match="root of its host, not under /lod"):
        export_site(publication_dir, tmp_path / "site", settings.replace(public_url=PUBLIC))
    assert not (tmp_path / "site").exists()
