"""CSV exports for spreadsheet users: SPARQL SELECT queries (exports/*.rq) run over the published
quads, so every CSV says exactly what the RDF says."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from metropoles.dumps import DumpFile, write_file
from metropoles.iris import Iris

EXPORTS = ("metropoles", "communes", "pactes", "contrats")


def export_query(name: str, iris: Iris) -> str:
    """The SELECT query behind one CSV export, for this base IRI."""
    text = files("metropoles").joinpath("exports", f"{name}.rq").read_text(encoding="utf-8")
    return text.replace("{BASE}", iris.base)


def write_csv_exports(quads: Sequence[ox.Quad], iris: Iris, out: Path) -> list[DumpFile]:
    """One CSV file per export query (RFC 4180, UTF-8, header row, sorted by the query)."""
    store = ox.Store()
    store.extend(quads)
    written = []
    for name in EXPORTS:
        results = store.query(export_query(name, iris), use_default_graph_as_union=True)
        assert isinstance(results, ox.QuerySolutions)
        data = results.serialize(format=ox.QueryResultsFormat.CSV)
        assert data is not None  # no output file given: pyoxigraph returns the bytes
        written.append(write_file(out / f"{name}.csv", data, "text/csv", None))
    return written
