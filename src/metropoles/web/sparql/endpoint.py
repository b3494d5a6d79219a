"""What the SPARQL routes share, part of the app's State: the worker pool (forked when the app
starts; over a remote store, a pool that sends the queries there), the cache of finished
answers, the service description and the example queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from metropoles.config import Settings
from metropoles.store.base import Store
from metropoles.store.remote import RemoteStore
from metropoles.web.sparql.answers import AnswerCache
from metropoles.web.sparql.examples import Example, load_examples
from metropoles.web.sparql.pool import RemotePool, WorkerPool
from metropoles.web.sparql.screening import MAX_CHAIN
from metropoles.web.sparql.service import service_description

POOL_GROWTH = 4  # the pool grows to this many times Settings.workers while all are busy


@dataclass(frozen=True)
class Endpoint:
    """The SPARQL endpoint's parts; the pool starts and stops with the app (see app.py)."""

    pool: WorkerPool | RemotePool
    answers: AnswerCache
    description: list[ox.Triple]
    examples: list[Example]

    @property
    def max_chain(self) -> int | None:
        """The screen's limit on elements side by side (screening.MAX_CHAIN): for a remote
        store only, which a crash would take down; an embedded one crashes a worker at most."""
        return MAX_CHAIN if isinstance(self.pool, RemotePool) else None

    @classmethod
    def build(
        cls, store: Store, sizes: dict[str, int], settings: Settings, graphs: dict[str, str]
    ) -> Endpoint:
        """The endpoint over ``store`` (``sizes``: statements per named graph), its pool not
        started yet."""
        size = max(1, settings.workers)
        pool: WorkerPool | RemotePool = (
            RemotePool(store)  # the remote store runs the queries: no local workers
            if isinstance(store, RemoteStore)
            else WorkerPool(
                cast(ox.Store, store), size, size * POOL_GROWTH, settings.max_query_memory << 20
            )
        )
        return cls(
            pool,
            AnswerCache(),
            service_description(sizes, settings, graphs),
            load_examples(settings.project_dir / "queries" / "examples", settings.base_iri),
        )
