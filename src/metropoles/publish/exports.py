"""CSV exports for spreadsheet users: SPARQL SELECT queries (exports/*.rq) run over the published
quads, so every CSV says exactly what the RDF says. Each CSV comes with its Table Schema
(exports/*.schema.json, in schema.data.gouv.fr's form) and a French-Excel variant."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from metropoles.iris import Iris
from metropoles.publish.dumps import DumpFile, write_file

EXPORTS = ("metropoles", "communes", "pactes", "contrats")
SCHEMA_SUFFIX = ".schema.json"
EXCEL_SUFFIX = "-excel.csv"  # UTF-8 with BOM and ';': what French Excel opens without a wizard


def export_query(name: str, iris: Iris) -> str:
    """The SELECT query behind one CSV export, for this base IRI."""
    return _resource(f"{name}.rq", iris)


def table_schema(name: str, iris: Iris) -> str:
    """The Table Schema (JSON) of one CSV export, for this base IRI."""
    return _resource(f"{name}{SCHEMA_SUFFIX}", iris)


def _resource(file_name: str, iris: Iris) -> str:
    text = files("metropoles.publish").joinpath("exports", file_name).read_text(encoding="utf-8")
    return text.replace("{BASE}", iris.base)


def write_csv_exports(quads: Sequence[ox.Quad], iris: Iris, out: Path) -> list[DumpFile]:
    """Per export: the CSV (RFC 4180, UTF-8, header row, sorted by the query), its Table Schema
    and its French-Excel variant."""
    store = ox.Store()
    store.extend(quads)
    written = []
    for name in EXPORTS:
        results = store.query(export_query(name, iris), use_default_graph_as_union=True)
        assert isinstance(results, ox.QuerySolutions)
        data = results.serialize(format=ox.QueryResultsFormat.CSV)
        assert data is not None  # no output file given: pyoxigraph returns the bytes
        schema = table_schema(name, iris).encode("utf-8")
        written += [
            write_file(out / f"{name}.csv", data, "text/csv", None),
            write_file(out / f"{name}{SCHEMA_SUFFIX}", schema, "application/json", None),
            write_file(out / f"{name}{EXCEL_SUFFIX}", excel_variant(data), "text/csv", None),
        ]
    return written


def excel_variant(data: bytes) -> bytes:
    """The same table for French Excel: UTF-8 with a byte order mark, ';' between cells, CRLF.
    Values are unchanged (numbers are integers or use a point, as in the CSV)."""
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
