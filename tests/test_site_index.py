"""The site index a build writes (``site-index.json``): what the pages read at start instead of
querying the whole store. It must say exactly what the store a server loads says."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from metropoles.publication import (
    INDEX_FILE,
    MANIFEST_FILE,
    SUMS_FILE,
    PublicationError,
    built_base_iri,
    write_manifest,
)
from metropoles.store.base import Publication
from metropoles.store.index import SiteIndex

BASE = "https://w3id.org/metropoles"


def test_the_index_says_what_the_served_store_says(publication_dir: Path) -> None:
    publication = Publication.load(publication_dir)
    written = publication.index
    computed = SiteIndex.compute(publication.store, BASE)
    assert written == computed
    assert written.graphs == {g.value: n for g, n in _sizes(publication).items()}
    assert f"{BASE}/id/commune/69266" in written.minted
    assert f"{BASE}/doc/commune/69266" not in written.minted  # documents are paths, not IRIs
    assert f"{BASE}/def/metropoles" in written.minted  # the document of every #term
    keys = [(e.key, e.iri) for e in written.labelled]
    assert keys == sorted(keys)


def test_the_index_is_listed_and_named(publication_dir: Path) -> None:
    sums = (publication_dir / SUMS_FILE).read_text(encoding="utf-8")
    digest = hashlib.sha256((publication_dir / INDEX_FILE).read_bytes()).hexdigest()
    assert f"{digest}  {INDEX_FILE}\n" in sums
    manifest = json.loads((publication_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["index"] == INDEX_FILE
    catalog = (publication_dir / "catalog.ttl").read_text(encoding="utf-8")
    assert INDEX_FILE not in catalog  # it indexes the catalogue: not one of its distributions


def test_a_publication_without_an_index_is_indexed_at_start(
    publication_dir: Path, publication_copy: Path
) -> None:
    """A publication built before the index existed is still served, with the same index."""
    (publication_copy / INDEX_FILE).unlink()
    sums = (publication_copy / SUMS_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    (publication_copy / SUMS_FILE).write_text(
        "".join(line for line in sums if not line.endswith(f"  {INDEX_FILE}\n")), encoding="utf-8"
    )
    write_manifest(publication_copy, generator="test", scope="metropoles", base_iri=BASE)
    assert Publication.load(publication_copy).index == Publication.load(publication_dir).index


def test_a_changed_index_is_refused(publication_copy: Path) -> None:
    path = publication_copy / INDEX_FILE
    path.write_bytes(path.read_bytes().replace(b"/id/commune/69266", b"/id/commune/69267"))
    with pytest.raises(PublicationError, match=f"{INDEX_FILE} does not match its SHA-256"):
        Publication.load(publication_copy)


def test_an_index_of_another_layout_is_refused(publication_dir: Path) -> None:
    data = (publication_dir / INDEX_FILE).read_bytes().replace(b'"format":1', b'"format":2', 1)
    with pytest.raises(PublicationError, match="is not a site index: format 2, expected 1"):
        SiteIndex.from_bytes(data, publication_dir / INDEX_FILE)


def test_the_index_bytes_round_trip(publication_dir: Path) -> None:
    data = (publication_dir / INDEX_FILE).read_bytes()
    index = SiteIndex.from_bytes(data, publication_dir / INDEX_FILE)
    assert index.to_bytes() == data
    assert index.base == built_base_iri(publication_dir)


def _sizes(publication: Publication) -> dict[object, int]:
    import pyoxigraph as ox

    return {g: len(list(publication.store.quads_for_pattern(None, None, None, g)))
            for g in publication.store.named_graphs() if isinstance(g, ox.NamedNode)}  # fmt: skip
