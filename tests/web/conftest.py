"""Web fixtures: the app in process (``create_app`` under Starlette's TestClient) over the
session's publication; a real ``metropoles serve`` on a free port for what only a socket shows
(the time limit, concurrency, uvicorn and its settings, Chromium); a headless Chromium that dumps
a page's DOM once its scripts have run; and counts computed from data/sources, so that no test
hard-codes how many métropoles, pacts or contracts there are."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest
from starlette.testclient import TestClient

from metropoles.config import PROJECT_DIR, Settings
from metropoles.store.base import Publication
from metropoles.store.loading import load
from metropoles.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUERY_TIMEOUT = 1.5  # seconds, so that the time-limit test stays short
MAX_ROWS = 500
BACKENDS = ["embedded", "remote"]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    publication: Path, output: IO[bytes] | None = None, **settings: object
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``metropoles serve`` in a subprocess (its standard output to ``output``); return it
    and its base URL once it answers."""
    port = free_port()
    env = dict(os.environ)
    env.update({f"METROPOLES_{k.upper()}": str(v) for k, v in settings.items()})
    command = [sys.executable, "-m", "metropoles", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--publication", str(publication)], env=env, stdout=output
    )
    url = f"http://127.0.0.1:{port}"
    return process, answering(process, f"{url}/sparql", "server", 60)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by start_server (its workers exit with it)."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def distinct(source: str, column: str) -> set[str]:
    """The distinct non-empty values of one column of ``data/sources/<source>.csv``."""
    with (PROJECT_DIR / "data" / "sources" / f"{source}.csv").open(encoding="utf-8") as file:
        return {row[column] for row in csv.DictReader(file) if row[column]}


@pytest.fixture(scope="session")
def sources() -> dict[str, set[str]]:
    """The identifiers the source tables publish: métropole SIRENs, pact and contract ids."""
    return {
        "metropoles": distinct("metropoles", "siren"),
        "pactes": distinct("pacts", "pact_id"),
        "contrats": distinct("contracts", "contract_id"),
    }


@pytest.fixture(scope="session")
def document_paths(sources: dict[str, set[str]]) -> set[str]:
    """The page of every métropole, pact and contract of the source tables."""
    return (
        {f"/doc/metropole/{siren}" for siren in sources["metropoles"]}
        | {f"/doc/pacte/{key.lower()}" for key in sources["pactes"]}
        | {f"/doc/contrat/{key.lower()}" for key in sources["contrats"]}
    )


@pytest.fixture(scope="session")
def settings(publication_dir: Path) -> Settings:
    """The settings both the in-process app and the live server run with."""
    return Settings(
        publication_dir=publication_dir,
        query_timeout=QUERY_TIMEOUT,
        max_rows=MAX_ROWS,
        workers=2,
    )


@pytest.fixture(scope="session")
def oxigraph_server(
    publication_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A real Oxigraph server (the PyPI ``oxigraph`` package) holding the session's publication,
    put there by ``metropoles load``; yields its query URL."""
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        load(publication_dir, f"{url}/store", f"{url}/query")
        yield f"{url}/query"
    finally:
        stop_server(process)


@pytest.fixture
def fresh_oxigraph(tmp_path: Path) -> Iterator[str]:
    """An empty Oxigraph server of this test's own; yields its base URL."""
    process, url = start_oxigraph(tmp_path / "oxigraph")
    try:
        yield url
    finally:
        stop_server(process)


def start_oxigraph(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``oxigraph serve`` on a free port; return it and its base URL once it answers."""
    port = free_port()
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
    # Its own time limit: the web process stops waiting, only the store can stop the query.
    limit = ["--timeout-s", "10"]
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *limit]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    return process, answering(process, f"{url}/query", "oxigraph", 30)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store behind the site: the embedded pyoxigraph store or an Oxigraph server."""
    return str(request.param)


@pytest.fixture(scope="session")
def client(
    publication_dir: Path, settings: Settings, backend: str, oxigraph_server: str
) -> Iterator[httpx.Client]:
    """The app in process over each backend, its query workers started (TestClient runs the
    lifespan)."""
    if backend == "remote":
        publication = Publication.remote(publication_dir, oxigraph_server)
    else:
        publication = Publication.load(publication_dir)
    with TestClient(create_app(publication, settings), follow_redirects=False) as session:
        yield session


@pytest.fixture(scope="session")
def other_base(
    other_base_iri: str, other_base_publication: Path
) -> Iterator[tuple[str, httpx.Client]]:
    """The publication built under another base IRI (with a path), and the app serving it."""
    out = other_base_publication
    settings = Settings(publication_dir=out, base_iri=other_base_iri, max_rows=MAX_ROWS, workers=1)
    with TestClient(create_app(Publication.load(out), settings), follow_redirects=False) as session:
        yield other_base_iri, session


@pytest.fixture(scope="session")
def live_server(publication_dir: Path) -> Iterator[str]:
    """Base URL of a real uvicorn server over the session's publication."""
    process, url = start_server(
        publication_dir, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS, workers=2
    )
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def start_live_server(
    publication_dir: Path,
) -> Iterator[Callable[..., tuple[subprocess.Popen[bytes], str]]]:
    """A function that starts a real server with the given settings (for a test that kills its
    workers or exhausts it); every server it started is stopped with the test module."""
    started: list[subprocess.Popen[bytes]] = []

    def start(**settings: object) -> tuple[subprocess.Popen[bytes], str]:
        process, url = start_server(publication_dir, **settings)
        started.append(process)
        return process, url

    yield start
    for process in started:
        stop_server(process)


@pytest.fixture(scope="session")
def servers() -> tuple[Callable[..., tuple[subprocess.Popen[bytes], str]], Callable[..., None]]:
    """start_server and stop_server, for tests that run their own ``metropoles serve``."""
    return start_server, stop_server


@pytest.fixture(scope="session")
def limits() -> dict[str, float]:
    """The limits the live server runs with."""
    return {"query_timeout": QUERY_TIMEOUT, "max_rows": MAX_ROWS}


@pytest.fixture(scope="session")
def live_client(live_server: str) -> Iterator[httpx.Client]:
    """An HTTP client bound to the live server."""
    with httpx.Client(base_url=live_server, timeout=30) as session:
        yield session


@pytest.fixture(scope="session")
def chromium_dump_dom() -> Callable[..., str]:
    """A function that opens a URL in headless Chromium and returns the DOM after its scripts
    (more flags, e.g. ``--screenshot=FILE``, act in the same run)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: apt-get install chromium (.ci/run does it)")

    def dump(url: str, budget_ms: int = 15_000, *flags: str) -> str:
        with tempfile.TemporaryDirectory() as profile:
            budget = f"--virtual-time-budget={budget_ms}"
            command = [CHROMIUM, *_chromium_flags(profile), budget, *flags]
            done = subprocess.run(
                [*command, "--dump-dom", url], capture_output=True, timeout=90, check=True
            )
        return done.stdout.decode("utf-8")

    return dump


@pytest.fixture(scope="session")
def chromium_command() -> Callable[[str], list[str]]:
    """Chromium and its headless flags, given a throw-away profile folder."""
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: apt-get install chromium (.ci/run does it)")
    return lambda profile: [CHROMIUM, *_chromium_flags(profile)]


def _chromium_flags(profile: str) -> list[str]:
    """Headless Chromium flags for this closed network (no background connections)."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ]


def answering(process: subprocess.Popen[bytes], endpoint: str, name: str, limit: float) -> str:
    """Wait until ``endpoint`` answers an ASK; return the server's base URL (kill it on failure)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            httpx.get(endpoint, params={"query": "ASK {}"}, timeout=1).raise_for_status()
            return endpoint.rsplit("/", 1)[0]
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{name} did not answer within {limit:g} s")
