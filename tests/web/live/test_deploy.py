"""Deploying: several ``metropoles serve --store`` processes over one Oxigraph server answer
identically; a store that does not hold the publication's every statement is refused; a
publication built for another base IRI is refused at start with one line; the
start banner says what is served and where; the access log writes one line per request."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from metropoles.publication import PublicationError, built_base_iri
from metropoles.store.base import Publication
from metropoles.store.loading import load
from metropoles.store.remote import RemoteStore, put_graphs

Servers = tuple[Callable[..., tuple[subprocess.Popen[bytes], str]], Callable[..., None]]

SAMPLES = [
    ("/", {"Accept": "text/html"}),
    ("/doc/metropole/200046977", {"Accept": "text/turtle"}),
    ("/def/metropoles", {"Accept": "text/html"}),
    ("/recherche?q=lyon", {}),
    ("/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D", {}),
]


def test_two_web_processes_over_one_store_answer_identically(
    publication_dir: Path, oxigraph_server: str, servers: Servers
) -> None:
    start_server, stop_server = servers
    public = "https://metropoles.example.org"  # both behind one address, as in production
    started = [
        start_server(publication_dir, store_url=oxigraph_server, public_url=public)
        for _ in range(2)
    ]
    try:
        answers = [
            [httpx.get(url + path, headers=headers, timeout=30) for path, headers in SAMPLES]
            for _, url in started
        ]
    finally:
        for process, _ in started:
            stop_server(process)
    for first, second in zip(*answers, strict=True):
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        assert first.headers["etag"] == second.headers["etag"]
    assert f'"url": "{public}/"' in answers[0][0].text


def test_a_store_missing_a_statement_is_refused(publication_dir: Path, fresh_oxigraph: str) -> None:
    query, gsp = f"{fresh_oxigraph}/query", f"{fresh_oxigraph}/store"
    load(publication_dir, gsp, query)
    whole = Publication.remote(publication_dir, query)
    assert isinstance(whole.store, RemoteStore)
    whole.store.close()
    ontology = f"{built_base_iri(publication_dir)}/graph/ontology"
    published = Publication.load(publication_dir)
    quads = list(published.store.quads_for_pattern(None, None, None, ox.NamedNode(ontology)))
    put_graphs(
        gsp,
        [
            (
                ontology,
                ox.serialize([q.triple for q in quads[1:]], format=ox.RdfFormat.N_TRIPLES) or b"",
            )
        ],
    )
    expected = published.index.graphs[ontology]
    with pytest.raises(PublicationError, match=f"holds {expected - 1} statements in <{ontology}>"):
        Publication.remote(publication_dir, query)


def test_publication_built_for_another_base_is_refused_with_one_line(
    publication_dir: Path,
) -> None:
    env = dict(os.environ, METROPOLES_BASE_IRI="http://127.0.0.1:9/elsewhere")
    command = [sys.executable, "-m", "metropoles", "serve", "--publication", str(publication_dir)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert (
        built_base_iri(publication_dir) in lines[0] and "http://127.0.0.1:9/elsewhere" in lines[0]
    )


def test_start_banner_and_access_log(
    publication_dir: Path, tmp_path: Path, servers: Servers
) -> None:
    start_server, stop_server = servers
    log = tmp_path / "out.log"
    with log.open("wb") as out:
        process, url = start_server(publication_dir, out)
        try:
            assert httpx.get(f"{url}/doc/metropole/200046977").status_code == 200
        finally:
            stop_server(process)
    text = log.read_text(encoding="utf-8")
    identity = (publication_dir / "publication.json").read_text(encoding="utf-8")
    assert f"listening on {url}" in text and "Ctrl+C" in text
    assert next(line for line in text.splitlines() if "publication" in line).split()[2] in identity
    assert '"GET /doc/metropole/200046977 HTTP/1.1" 200 ' in text
