"""The embedded store: a read-only pyoxigraph store loaded from the publication's N-Quads dump,
the same file users download, so the endpoint and the dumps cannot disagree. The catalogue's
distributions (sizes, checksums), which cannot sit inside the files they describe, are added to
the metadata graph. Nothing is loaded before the whole folder is checked against its SHA256SUMS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from metropoles.publication import CATALOG_FILE, DUMP_FILE, PublicationError, verify

METADATA_SUFFIX = "/graph/metadata"


@dataclass(frozen=True)
class Publication:
    """A loaded publication: its folder, its store, its identity and a version tag for HTTP
    caching.

    ``directory`` is the real folder of the version loaded (a build switches the publication
    path to a new folder and keeps this one as the previous version), so files read from it
    are the bytes the store was loaded from."""

    directory: Path
    store: pyoxigraph.Store
    etag: str
    identity: str  # SHA-256 of SHA256SUMS, as written in publication.json

    @classmethod
    def load(cls, directory: Path) -> Publication:
        """Verify the publication in ``directory``, then load its dump (and catalogue) into an
        in-memory store; raise PublicationError when it is missing, incomplete or changed."""
        folder = directory.resolve()
        identity = verify(folder)
        store = pyoxigraph.Store()
        try:
            store.bulk_load(path=str(folder / DUMP_FILE), format=pyoxigraph.RdfFormat.N_QUADS)
            _load_catalog(store, folder / CATALOG_FILE)
        except (OSError, SyntaxError) as error:
            raise PublicationError(f"{folder} cannot be loaded: {error}") from None
        return cls(directory=folder, store=store, etag=identity[:20], identity=identity)


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
