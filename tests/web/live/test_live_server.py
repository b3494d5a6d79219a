"""What only a real ``metropoles serve`` shows: the query time limit (the one test that measures
time), queries answered while others run, the METROPOLES_* settings reaching uvicorn's process,
and validators that do not change from one process to the next."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from starlette.testclient import TestClient

TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Long but lean: a count over every pair of statements keeps one side of the pair in memory (a few
# MiB), so the time limit stops it, not the memory limit (a 4-way join reached 192 MiB in 0.2 s)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
PAGES = ["/", "/doc/metropole/200046977", "/def/metropoles", "/query", "/static/site.css"]


def total(client: httpx.Client) -> str:
    response = client.get("/sparql", params={"query": TOTAL, "format": "csv"})
    response.raise_for_status()
    return response.text


def test_runaway_query_is_stopped_and_the_next_query_answers(
    live_client: httpx.Client, limits: dict[str, float]
) -> None:
    started = time.monotonic()
    response = live_client.get("/sparql", params={"query": HEAVY})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["title"] == "Query timeout"
    assert limits["query_timeout"] <= elapsed < limits["query_timeout"] + 2
    assert total(live_client)


def test_cheap_query_answers_while_heavy_ones_run(
    live_client: httpx.Client, live_server: str
) -> None:
    answers: list[int] = []

    def heavy() -> None:
        response = httpx.get(f"{live_server}/sparql", params={"query": HEAVY}, timeout=30)
        answers.append(response.status_code)

    threads = [threading.Thread(target=heavy) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # let the heavy queries reach the workers
    assert total(live_client)
    running = not answers  # the heavy queries run until the time limit stops them
    for thread in threads:
        thread.join()
    assert running, "the cheap query waited for the heavy ones"
    assert answers == [503, 503, 503]


def test_settings_from_the_environment_reach_the_server(
    live_client: httpx.Client, limits: dict[str, float]
) -> None:
    many = "SELECT * WHERE { ?s ?p ?o . ?x ?y ?z }"
    response = live_client.get("/sparql", params={"query": many})
    assert response.headers["x-metropoles-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == limits["max_rows"]
    assert response.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize("path", PAGES)
def test_validators_are_the_same_in_every_process(
    live_client: httpx.Client, client: TestClient, path: str
) -> None:
    live = live_client.get(path, headers={"Accept": "text/turtle, text/html;q=0.9"})
    in_process = client.get(path, headers={"Accept": "text/turtle, text/html;q=0.9"})
    assert live.status_code == in_process.status_code == 200
    assert live.headers["etag"] == in_process.headers["etag"]
    accept = {"Accept": "text/turtle, text/html;q=0.9"}
    again = client.get(path, headers=accept | {"If-None-Match": live.headers["etag"]})
    assert again.status_code == 304
