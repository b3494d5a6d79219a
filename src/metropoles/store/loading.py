"""``metropoles load``: put a publication into any store speaking the SPARQL 1.1 Graph Store HTTP
Protocol, graph by graph (each PUT replaces that graph), then check, through the store's query
endpoint, that every graph holds as many statements as the publication."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from metropoles.progress import Report, silent
from metropoles.store.base import Publication
from metropoles.store.index import graph_sizes
from metropoles.store.remote import RemoteStore, put_graphs


class LoadError(Exception):
    """The store did not end up holding the publication (one line, names graph and counts)."""


@dataclass(frozen=True)
class Loaded:
    identity: str
    sizes: dict[str, int]

    def summary(self, query_url: str) -> str:
        """One line a person reads after a successful load."""
        return (
            f"loaded publication {self.identity[:16]} ({sum(self.sizes.values())} statements "
            f"in {len(self.sizes)} graphs), counts checked at {query_url}"
        )


def query_url_of(gsp_url: str) -> str | None:
    """The query endpoint next to a Graph Store URL, by Oxigraph's and Fuseki's layout.

    >>> query_url_of("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_of("http://localhost:3030/ds/data")
    'http://localhost:3030/ds/query'
    """
    head, _, last = gsp_url.rstrip("/").rpartition("/")
    return f"{head}/query" if last in ("store", "data") else None


def load(folder: Path, gsp_url: str, query_url: str, report: Report = silent) -> Loaded:
    """Verify the publication, replace each of its graphs at ``gsp_url``, check the counts."""
    report("verify the publication (SHA256SUMS)")
    publication = Publication.load(folder)
    store = publication.store
    assert isinstance(store, ox.Store)
    sizes = graph_sizes(store)
    for name in sorted(sizes):
        report(f"put graph <{name}> ({sizes[name]} statements)")
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        put_graphs(gsp_url, [(name, body)])
    report(f"check the counts at {query_url}")
    remote = RemoteStore(query_url, sorted(sizes))
    try:
        found = remote.graph_sizes()
    finally:
        remote.close()
    for name, expected in sorted(sizes.items()):
        if found.get(name) != expected:
            raise LoadError(
                f"graph <{name}> holds {found.get(name, 0)} statements at {query_url}, "
                f"the publication has {expected}"
            )
    return Loaded(publication.identity, sizes)
