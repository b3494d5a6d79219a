"""The embedded store: a read-only pyoxigraph store loaded from the publication's N-Quads dump,
the same file users download, so the endpoint and the dumps cannot disagree. The catalogue's
distributions (sizes, checksums), which cannot sit inside the files they describe, are added to
the metadata graph."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from metropoles.publication import CATALOG_FILE, CHECKSUMS_FILE, DUMP_FILE

METADATA_SUFFIX = "/graph/metadata"


@dataclass(frozen=True)
class Publication:
    """A loaded publication: its folder, its store and a version tag for HTTP caching."""

    directory: Path
    store: pyoxigraph.Store
    etag: str

    @classmethod
    def load(cls, directory: Path) -> Publication:
        """Load ``directory/metropoles.nq`` (and ``catalog.ttl``) into an in-memory store."""
        store = pyoxigraph.Store()
        store.bulk_load(path=str(directory / DUMP_FILE), format=pyoxigraph.RdfFormat.N_QUADS)
        _load_catalog(store, directory / CATALOG_FILE)
        return cls(directory=directory, store=store, etag=_etag(directory))


def _load_catalog(store: pyoxigraph.Store, catalog: Path) -> None:
    metadata = next(
        (
            g
            for g in store.named_graphs()
            if isinstance(g, pyoxigraph.NamedNode) and g.value.endswith(METADATA_SUFFIX)
        ),
        None,
    )
    if metadata is not None and catalog.exists():
        store.bulk_load(path=str(catalog), format=pyoxigraph.RdfFormat.TURTLE, to_graph=metadata)


def _etag(directory: Path) -> str:
    """Publication version: the hash of its SHA256SUMS file (which covers every dump)."""
    sums = directory / CHECKSUMS_FILE
    source = sums if sums.exists() else directory / DUMP_FILE
    return hashlib.sha256(source.read_bytes()).hexdigest()[:20]
