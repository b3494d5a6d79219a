"""``metropoles serve`` behind a real nginx at a path: ``location /lod/ { proxy_pass
http://app/; }`` strips ``/lod`` and ``public_url`` says where the site is. Every link of the
home page and of a métropole page, followed through nginx, answers; the 303 from ``/id/`` stays
under ``/lod``; a SPARQL query goes through."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "/lod"
LINK = re.compile(r'(?:href|src|action)="([^"#]+)')

Servers = tuple[Callable[..., tuple[subprocess.Popen[bytes], str]], Callable[..., None]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def proxy_url(
    publication_dir: Path, servers: Servers, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The public URL (nginx's, with the path) of a server behind nginx."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: apt-get install nginx")
    work = tmp_path_factory.mktemp("proxy")
    port = _free_port()
    public = f"http://127.0.0.1:{port}{PREFIX}"
    start_server, stop_server = servers
    app, app_url = start_server(publication_dir, public_url=public, access_log="false")
    temp = "".join(f"{kind}_temp_path {work}/{kind};\n" for kind in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
    user = "user root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user}worker_processes 1;\nerror_log {work}/error.log;\npid {work}/nginx.pid;\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp}"
        f"server {{\n listen 127.0.0.1:{port};\n"
        f" location {PREFIX}/ {{\n  proxy_pass {app_url}/;\n  proxy_set_header Host $host;\n }}\n"
        "}\n}\n"
    )
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"]
    nginx = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(public + "/robots.txt", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {(work / 'error.log').read_text()}")
                time.sleep(0.1)
        yield public
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        stop_server(app)


def test_every_link_answers_through_the_proxy(proxy_url: str) -> None:
    origin = proxy_url.removesuffix(PREFIX)
    pages = [proxy_url + "/", proxy_url + "/doc/metropole/200046977"]
    links: set[str] = set()
    with httpx.Client(timeout=30) as client:
        for page in pages:
            answer = client.get(page, headers={"Accept": "text/html"})
            assert answer.status_code == 200
            links |= {urljoin(page, link) for link in LINK.findall(answer.text)}
        ours = sorted(link for link in links if link.startswith(origin))
        assert len(ours) > 40 and all(link.startswith(proxy_url + "/") for link in ours)
        broken = {}
        for link in ours:
            answer = client.head(link) if "/download/" in link else client.get(link)
            if answer.status_code != 200:
                broken[link] = answer.status_code
        assert not broken


def test_303_and_sparql_through_the_proxy(proxy_url: str) -> None:
    with httpx.Client(timeout=30) as client:
        seen = client.get(proxy_url + "/id/metropole/200046977")
        assert seen.status_code == 303
        assert seen.headers["location"] == PREFIX + "/doc/metropole/200046977"
        followed = client.get(proxy_url + "/id/metropole/200046977", follow_redirects=True)
        assert followed.status_code == 200 and str(followed.url).startswith(proxy_url)
        answer = client.get(
            proxy_url + "/sparql",
            params={"query": "ASK { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert answer.status_code == 200 and answer.json()["boolean"] is True
