"""The embedded store: a read-only pyoxigraph store loaded from the publication's N-Quads dump,
the same file users download, so the endpoint and the dumps cannot disagree."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

DUMP_FILE = "metropoles.nq"


@dataclass(frozen=True)
class Publication:
    """A loaded publication: its folder, its store and a version tag for HTTP caching."""

    directory: Path
    store: pyoxigraph.Store
    etag: str

    @classmethod
    def load(cls, directory: Path) -> Publication:
        """Load ``directory/metropoles.nq`` into an in-memory store."""
        dump = directory / DUMP_FILE
        store = pyoxigraph.Store()
        store.bulk_load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
        return cls(directory=directory, store=store, etag=_etag(directory))


def _etag(directory: Path) -> str:
    """Publication version: the hash of its SHA256SUMS file (which covers every dump)."""
    sums = directory / "SHA256SUMS"
    source = sums if sums.exists() else directory / DUMP_FILE
    return hashlib.sha256(source.read_bytes()).hexdigest()[:20]
