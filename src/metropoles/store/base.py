"""The store the site reads, behind one small interface (``Store``) with two implementations:

- embedded (the default): a read-only pyoxigraph store loaded from the publication's N-Quads
  dump, the same file users download, so the endpoint and the dumps cannot disagree. The
  catalogue's distributions (sizes, checksums), which cannot sit inside the files they describe,
  are added to the metadata graph;
- remote: any SPARQL 1.1 server holding the publication's named graphs (``metropoles load``
  puts them there), see ``metropoles.store.remote``.

Either way, nothing is served before the whole folder is checked against its SHA256SUMS."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph
import pyoxigraph as ox

from metropoles.iris import Iris
from metropoles.publication import (
    CATALOG_FILE,
    DUMP_FILE,
    PublicationError,
    built_base_iri,
    graph_names,
    index_file,
    verify_and_read,
)
from metropoles.store.index import SiteIndex
from metropoles.store.remote import QueryResult, RemoteStore, RemoteStoreError

METADATA_SUFFIX = "/graph/metadata"
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class Store(Protocol):
    """What the site asks of a store: the part of ``pyoxigraph.Store`` it uses, read only."""

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: GraphName | list[GraphName] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
        | None = None,
    ) -> QueryResult:
        """A SPARQL query's answer, as pyoxigraph objects."""

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,  # noqa: A002
        graph_name: GraphName | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None matches anything)."""

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        """The named graphs held."""

    def contains_named_graph(self, graph_name: GraphName) -> bool:
        """Whether this named graph is held."""


@dataclass(frozen=True)
class Publication:
    """A loaded publication: its folder, its store, its identity, a version tag for HTTP
    caching, and the indexes the pages read (from the publication's site index).

    ``directory`` is the real folder of the version loaded (a build switches the publication
    path to a new folder and keeps this one as the previous version), so files read from it
    are the bytes the store was loaded from."""

    directory: Path
    store: Store
    etag: str
    identity: str  # SHA-256 of SHA256SUMS, as written in publication.json
    index: SiteIndex

    @classmethod
    def load(cls, directory: Path) -> Publication:
        """Verify the publication in ``directory``, then load its dump (and catalogue) into an
        in-memory store; raise PublicationError when it is missing, incomplete or changed."""
        folder = directory.resolve()
        named = index_file(folder)
        read = [DUMP_FILE, CATALOG_FILE] + ([named] if named else [])
        identity, kept = verify_and_read(folder, read)
        store = open_store(kept[DUMP_FILE], kept[CATALOG_FILE], folder)
        index = _index(store, folder, named, kept)
        return cls(folder, store, identity[:20], identity, index)

    @classmethod
    def remote(cls, directory: Path, query_url: str) -> Publication:
        """Verify the publication in ``directory``, then read it from the SPARQL endpoint at
        ``query_url`` (where ``metropoles load`` put it); raise PublicationError when the store
        is unreachable or does not hold every graph of the publication, statement count
        included."""
        folder = directory.resolve()
        named = index_file(folder)
        identity, kept = verify_and_read(folder, [named] if named else [])
        graphs = graph_names(Iris(built_base_iri(folder)))
        try:
            store = RemoteStore(query_url, list(graphs.values()))
        except (RemoteStoreError, TimeoutError, SyntaxError) as error:
            raise PublicationError(f"store not usable: {error}") from None
        try:
            index = _index(store, folder, named, kept)
            _check_sizes(store, index, query_url, folder)
        except PublicationError:
            store.close()
            raise
        return cls(folder, store, identity[:20], identity, index)


def _index(store: Store, folder: Path, named: str | None, kept: dict[str, bytes]) -> SiteIndex:
    """The publication's site index as it was checked, or computed from the store when the
    publication was built without one."""
    if named:
        return SiteIndex.from_bytes(kept[named], folder / named)
    return SiteIndex.compute(store, built_base_iri(folder))


def open_store(dump: bytes, catalog: bytes, folder: Path) -> pyoxigraph.Store:
    """An in-memory store holding ``dump`` (the N-Quads dump of the publication in ``folder``)
    and its ``catalog`` (Turtle) in the metadata graph: what ``serve`` answers from, and what
    the build computes the site index from."""
    store = pyoxigraph.Store()
    try:
        # lenient: the bytes match SHA256SUMS, so they are the build's own serialization of
        # terms it had already checked; the parser need not check each IRI again
        store.bulk_load(dump, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        _load_catalog(store, catalog)
    except (OSError, SyntaxError) as error:
        raise PublicationError(f"{folder} cannot be loaded: {error}") from None
    return store


def _check_sizes(store: RemoteStore, index: SiteIndex, query_url: str, folder: Path) -> None:
    """The remote store holds each graph with as many statements as the publication."""
    found = store.graph_sizes()
    missing = [g for g in store.graphs if found.get(g, 0) == 0]
    if missing:
        raise PublicationError(
            f"the store at {query_url} does not hold <{missing[0]}> of {folder} "
            f"(put the publication there with `metropoles load --to GRAPH_STORE_URL`)"
        )
    for name, expected in sorted(index.graphs.items()):
        if found.get(name, 0) != expected:
            raise PublicationError(
                f"the store at {query_url} holds {found.get(name, 0)} statements in <{name}>, "
                f"the publication {folder} has {expected} (put the publication there with "
                "`metropoles load --to GRAPH_STORE_URL`)"
            )


def _load_catalog(store: pyoxigraph.Store, catalog: bytes) -> None:
    metadata = next(
        (
            g
            for g in store.named_graphs()
            if isinstance(g, pyoxigraph.NamedNode) and g.value.endswith(METADATA_SUFFIX)
        ),
        None,
    )
    if metadata is not None:
        store.bulk_load(catalog, format=pyoxigraph.RdfFormat.TURTLE, to_graph=metadata)
