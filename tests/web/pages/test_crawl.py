"""Crawl the whole site in process: every internal link from the home page and every IRI under the
base in the N-Quads dump answers (no 404, no 500); every IRI answers HTML, and a sample of each
kind of resource answers each RDF format in a form rdflib parses.

Which IRIs exist does not depend on the store, so over the external store (``remote``) the crawl
visits the home page, every métropole, pact and contract page and a sample of each kind of IRI,
without following links: every view, read through the SPARQL protocol, without repeating 3,600
pages that differ only in their data."""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
import rdflib
from starlette.testclient import TestClient
from starlette.types import ASGIApp

BASE = "https://w3id.org/metropoles"
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
PER_KIND = 3
REMOTE_PER_KIND = 12  # IRIs of each kind the remote-store crawl visits
ALTERNATES = {"ttl", "nt", "nq", "trig", "jsonld", "rdf", "html"}
ORIGIN = "http://testserver"  # the origin of in-process requests


class Links(HTMLParser):
    """Collects href and src attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src") and v]


def local_links(page_url: str, html: str, origin: str) -> set[str]:
    """Same-origin links of a page, as paths with their query, without fragments."""
    parser = Links()
    parser.feed(html)
    found = set()
    for link in parser.found:
        url = urlsplit(urljoin(page_url, link))
        if f"{url.scheme}://{url.netloc}" == origin:
            found.add(url.path + (f"?{url.query}" if url.query else ""))
    return found


def dump_paths(publication: Path) -> set[str]:
    """Every IRI under the base in the N-Quads dump, as a local path (fragment dropped)."""
    text = (publication / "metropoles.nq").read_text(encoding="utf-8")
    iris = set(re.findall(rf"<({re.escape(BASE)}[^>#]*)", text))
    return {iri[len(BASE) :] or "/" for iri in iris}


@dataclass(frozen=True)
class Visit:
    """What one fetched path answered."""

    status: int
    media_type: str


async def crawl(app: ASGIApp, start: set[str], waves: int | None = None) -> dict[str, Visit]:
    """Fetch every page reachable from ``start`` (within ``waves`` waves of links, if given), each
    wave at once (format alternates are left to the sampled format test); return what each path
    answered."""
    seen: dict[str, Visit] = {}
    frontier = set(start)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as session:
        while frontier and waves != 0:
            waves = None if waves is None else waves - 1
            batch = sorted(frontier - seen.keys())
            frontier = set()
            for paths, visit, links in await asyncio.gather(*(_visit(session, p) for p in batch)):
                seen |= dict.fromkeys(paths, visit)  # /id/x answered with /doc/x: both seen
                frontier |= {link for link in links if not _alternate(link)}
    return seen


def _alternate(path: str) -> bool:
    """A format alternate of a page (``/doc/x.ttl``), checked on a sample instead."""
    return path.rpartition(".")[2] in ALTERNATES and not path.startswith("/download/")


async def _visit(session: httpx.AsyncClient, path: str) -> tuple[set[str], Visit, set[str]]:
    """What ``path`` answered, the paths it answered for (redirects followed) and its links."""
    if path.startswith("/download/"):
        answer = await session.head(path)
    else:
        answer = await session.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
    media_type = answer.headers.get("content-type", "").split(";")[0]
    links = set()
    if media_type == "text/html" and answer.content:
        links = local_links(str(answer.url), answer.text, ORIGIN)
    final = answer.url.raw_path.decode()
    return {path, final}, Visit(answer.status_code, media_type), links


@pytest.fixture(scope="module")
def crawled_iris(backend: str, publication_dir: Path) -> set[str]:
    """The dump's IRIs the crawl starts from: all of them, or a sample of each kind remotely."""
    every = dump_paths(publication_dir)
    return every if backend == "embedded" else set(_sample(every, REMOTE_PER_KIND))


@pytest.fixture(scope="module")
def crawl_start(crawled_iris: set[str], document_paths: set[str]) -> set[str]:
    """The home page, every métropole, pact and contract page, and the crawled IRIs."""
    return {"/"} | document_paths | crawled_iris


@pytest.fixture(scope="module")
def site_map(client: TestClient, backend: str, crawl_start: set[str]) -> dict[str, Visit]:
    """The crawl, in process (pages only: no query reaches the worker pool, which runs in the
    client's event loop): every link followed, or remotely the start pages alone."""
    return asyncio.run(crawl(client.app, crawl_start, None if backend == "embedded" else 1))


def test_crawl_finds_no_broken_link(site_map: dict[str, Visit], crawl_start: set[str]) -> None:
    broken = {path: visit.status for path, visit in site_map.items() if visit.status >= 400}
    assert not broken
    assert crawl_start <= site_map.keys()


def test_every_iri_answers_html(site_map: dict[str, Visit], crawled_iris: set[str]) -> None:
    paths = {p for p in crawled_iris if not p.startswith("/download/")}
    assert paths
    assert not {p: site_map[p] for p in paths if site_map[p].media_type != "text/html"}


def test_each_kind_answers_every_rdf_format(client: httpx.Client, publication_dir: Path) -> None:
    sample = _sample(dump_paths(publication_dir) - {"/sparql"})
    assert {"/id/metropole", "/id/pacte", "/id/contrat", "/def/metropoles", "/graph/ontology"} <= {
        _kind(p) for p in sample
    }
    for path in sample:
        if path.startswith("/download/"):
            continue
        for ext, fmt in RDF_FORMATS.items():
            answer = client.get(path, headers={"Accept": _media(ext)}, follow_redirects=True)
            assert answer.status_code == 200, (path, ext)
            assert answer.headers["content-location"].endswith("." + ext)
            rdflib.Graph().parse(data=answer.content, format=fmt)


def _kind(path: str) -> str:
    """The kind of a path: its first two segments (``/id/commune``, ``/def/metropoles``)."""
    return "/".join(path.split("/")[:3])


def _sample(paths: set[str], per_kind: int = PER_KIND) -> list[str]:
    """About ``per_kind`` paths of each kind, spread over the kind's sorted paths."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for path in sorted(paths):
        by_kind[_kind(path)].append(path)
    return [p for group in by_kind.values() for p in group[:: max(1, len(group) // per_kind)]]


def _media(ext: str) -> str:
    return {
        "ttl": "text/turtle",
        "nt": "application/n-triples",
        "jsonld": "application/ld+json",
        "rdf": "application/rdf+xml",
    }[ext]
