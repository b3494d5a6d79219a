"""The lean SPARQL path (web/sparql/fast.py), in process: a cache hit (even written with other
comments and spacing) touches no worker; a query whose shape proved cheap runs without one;
aggregates always go to a worker; answers agree with the worker's."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from metropoles.config import Settings
from metropoles.store.base import Publication
from metropoles.web.app import create_app
from metropoles.web.sparql.engine import Answer, Job
from metropoles.web.sparql.fast import FastSparql
from metropoles.web.state import State

MTP = "https://w3id.org/metropoles/def/metropoles#"


def ask_siren(siren: str) -> str:
    return f'ASK {{ ?m a <{MTP}Metropole> ; <{MTP}siren> "{siren}" }}'


COUNT = f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a <{MTP}Metropole> }}"


@pytest.fixture()
def counted(publication_dir: Path, settings: Settings) -> Iterator[tuple[TestClient, list[Job]]]:
    """A fresh app whose worker pool records every job it is given."""
    app = create_app(Publication.load(publication_dir), settings)
    state: State = next(m.kwargs["state"] for m in app.user_middleware if m.cls is FastSparql)
    jobs: list[Job] = []
    pool = state.endpoint.pool
    run = pool.run

    async def recording(job: Job, timeout: float) -> Answer:
        jobs.append(job)
        return await run(job, timeout)

    pool.run = recording  # type: ignore[method-assign]
    with TestClient(app) as client:
        yield client, jobs


def ask(client: TestClient, query: str, **headers: Any) -> Any:
    answer = client.get("/sparql", params={"query": query}, headers=headers)
    answer.raise_for_status()
    return answer.json()


def test_a_cache_hit_touches_no_worker(counted: tuple[TestClient, list[Job]]) -> None:
    client, jobs = counted
    first = ask(client, COUNT)
    assert len(jobs) == 1
    again = ask(client, COUNT.replace(" WHERE", "  # les métropoles\n WHERE"))
    assert again == first and len(jobs) == 1


def test_a_query_of_a_cheap_shape_runs_without_a_worker(
    counted: tuple[TestClient, list[Job]], sources: dict[str, set[str]]
) -> None:
    client, jobs = counted
    sirens = sorted(sources["metropoles"])
    assert ask(client, ask_siren(sirens[0]))["boolean"] is True
    assert len(jobs) == 1  # an unknown shape runs in a worker first
    assert ask(client, ask_siren(sirens[1]))["boolean"] is True
    assert ask(client, ask_siren("000000000"))["boolean"] is False
    assert len(jobs) == 1


def test_aggregates_always_run_in_a_worker(counted: tuple[TestClient, list[Job]]) -> None:
    client, jobs = counted
    for n in range(3):
        ask(client, COUNT.replace("}", f"FILTER({n} = {n}) }}"))
    assert len(jobs) == 3


def test_the_lean_path_answers_as_the_app_does(counted: tuple[TestClient, list[Job]]) -> None:
    client, _ = counted
    lean = client.get("/sparql", params={"query": COUNT}, headers={"Origin": "https://x.org"})
    head = client.head("/sparql", params={"query": COUNT})  # HEAD goes through the app
    assert lean.headers["etag"] == head.headers["etag"]
    assert lean.headers["content-type"] == head.headers["content-type"]
    assert lean.headers["access-control-allow-origin"] == "*"
    refused = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert refused.status_code == 403
    broken = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert broken.status_code == 400 and "line" in broken.json()


def test_the_same_query_asked_at_once_runs_once(publication_dir: Path, settings: Settings) -> None:
    app = create_app(Publication.load(publication_dir), settings)
    state: State = next(m.kwargs["state"] for m in app.user_middleware if m.cls is FastSparql)
    jobs: list[Job] = []
    pool = state.endpoint.pool
    run = pool.run

    async def recording(job: Job, timeout: float) -> Answer:
        jobs.append(job)
        return await run(job, timeout)

    async def ask_together() -> list[httpx.Response]:
        await pool.start()
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                asks = [client.get("/sparql", params={"query": COUNT}) for _ in range(4)]
                return list(await asyncio.gather(*asks))
        finally:
            await pool.close()

    pool.run = recording  # type: ignore[method-assign]
    answers = asyncio.run(ask_together())
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert len(jobs) == 1
