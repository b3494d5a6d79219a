"""The static mirror (``metropoles export-site``) served by a real nginx with the exported rules:
the same crawl as for ``serve`` (every IRI of the dump and every link from the pages answers),
content negotiation on ``Accept``, the explicit extensions and the 303 from /id/ to /doc/."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pyoxigraph as ox
import pytest

from metropoles.config import Settings
from metropoles.web.mirror import NGINX_FILE, export_site

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SERVER_ONLY = ("/sparql", "/query", "/recherche", "/store", "/.well-known/sparql-examples")
HREF = re.compile(r'(?:href|src)="([^"#]*)')
FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


@pytest.fixture(scope="module")
def mirror(publication_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The exported site under nginx (not a daemon, its own prefix, a free port); its URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: apt-get install nginx")
    work = tmp_path_factory.mktemp("mirror")
    site = work / "site"
    base = json.loads((publication_dir / "publication.json").read_text())["base_iri"]
    export_site(publication_dir, site, Settings(publication_dir=publication_dir, base_iri=base))
    port = _free_port()
    server = (site / NGINX_FILE).read_text().replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (work / "site.conf").write_text(server)
    temp = "".join(f"{kind}_temp_path {work}/{kind};\n" for kind in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the private temp folder
    (work / "main.conf").write_text(
        f"{user}worker_processes 1;\nerror_log {work}/error.log;\npid {work}/nginx.pid;\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp}include {work}/site.conf;\n}}\n"
    )
    command = [NGINX, "-p", str(work), "-c", str(work / "main.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(command)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/robots.txt", timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            if process.poll() is not None:
                pytest.fail(
                    f"nginx exited: {process.stderr.read().decode() if process.stderr else ''}"
                )
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dump_paths(publication: Path, base: str) -> set[str]:
    text = (publication / "metropoles.nq").read_text(encoding="utf-8")
    return {iri[len(base) :] or "/" for iri in re.findall(rf"<({re.escape(base)}[^>#]*)", text)}


def test_crawl_of_the_mirror_finds_no_broken_link(
    mirror: str, publication_dir: Path, document_paths: set[str]
) -> None:
    base = json.loads((publication_dir / "publication.json").read_text())["base_iri"]
    frontier = {"/"} | _dump_paths(publication_dir, base)
    seen: dict[str, int] = {}
    with httpx.Client(base_url=mirror, timeout=30) as session:
        while frontier:
            path = frontier.pop()
            if path in seen or path.startswith(SERVER_ONLY):
                continue
            if path.startswith("/download/"):
                seen[path] = session.head(path).status_code
                continue
            answer = session.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
            seen[path] = answer.status_code
            if answer.headers.get("content-type", "").startswith("text/html"):
                for link in HREF.findall(answer.text):
                    url = urlsplit(urljoin(str(answer.url), link))
                    if f"{url.scheme}://{url.netloc}" == mirror:
                        frontier.add(url.path)
    assert not {p: s for p, s in seen.items() if s != 200}
    assert document_paths <= seen.keys()


@pytest.mark.parametrize("media_type", FORMATS)
def test_mirror_negotiates_like_the_server(
    mirror: str, media_type: str, sources: dict[str, set[str]]
) -> None:
    siren = sorted(sources["metropoles"])[0]
    with httpx.Client(base_url=mirror, timeout=30) as session:
        thing = session.get(f"/id/metropole/{siren}", headers={"Accept": media_type})
        assert thing.status_code == 303
        assert thing.headers["location"].endswith(f"/doc/metropole/{siren}")
        page = session.get(f"/doc/metropole/{siren}", headers={"Accept": media_type})
        assert page.status_code == 200 and "Accept" in page.headers["vary"]
        assert page.headers["content-type"].split(";")[0] == media_type
        quads = list(ox.parse(page.content, format=FORMATS[media_type]))
        assert any(siren in str(q.subject) for q in quads)
        browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        html = session.get(f"/doc/metropole/{siren}", headers={"Accept": browser})
        assert html.headers["content-type"].startswith("text/html")
        explicit = session.get(f"/doc/metropole/{siren}.ttl", headers={"Accept": "text/html"})
        assert explicit.headers["content-type"].startswith("text/turtle")
        assert session.get("/doc/metropole/000000000").status_code == 404
