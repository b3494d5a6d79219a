"""The query pool over a remote store: the same interface as the worker pool (start, run with a
time limit, close), but the queries run on the remote SPARQL server, so nothing is forked here.
A query is sent from a thread and its answer parsed and written like an embedded one."""

from __future__ import annotations

import asyncio

from metropoles.remote import RemoteStore
from metropoles.web.sparql.engine import Answer, Job, execute
from metropoles.web.sparql.pool import HEALTH_QUERY, QueryTimeout, Saturated

MAX_IN_FLIGHT = 32  # queries sent to the store at once by one web process


class RemotePool:
    """Runs jobs on ``store`` (a RemoteStore) with at most MAX_IN_FLIGHT at a time."""

    def __init__(self, store: RemoteStore) -> None:
        self._store = store
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def start(self) -> None:
        """Nothing to start: the store is already open."""

    async def run(self, job: Job, timeout: float) -> Answer:
        """Run ``job``; raise QueryTimeout or Saturated instead of answering late."""
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout)
        except TimeoutError:
            raise Saturated(f"{MAX_IN_FLIGHT} queries in flight for {timeout:g} s") from None
        try:
            answer = await asyncio.wait_for(asyncio.to_thread(execute, self._store, job), timeout)
        except TimeoutError:
            raise QueryTimeout(f"stopped waiting after {timeout:g} s") from None
        finally:
            self._slots.release()
        if answer.status == 500 and answer.body.startswith(b"TimeoutError"):
            raise QueryTimeout("the store did not answer in time")
        return answer

    async def healthy(self, timeout: float) -> bool:
        """Whether a trivial query runs on the store now."""
        try:
            answer = await self.run(Job(HEALTH_QUERY, "application/sparql-results+json"), timeout)
        except (QueryTimeout, Saturated):
            return False
        return answer.status == 200

    async def close(self) -> None:
        """Close the store's connections."""
        self._store.close()
