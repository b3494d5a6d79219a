"""Run one SPARQL query on a pyoxigraph store and serialize its answer; runs inside a worker
process (see workers.py), so a crash or a runaway query costs only that worker."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

import pyoxigraph as ox

from metropoles.store.base import Store
from metropoles.web.negotiation import rdf_format
from metropoles.web.sparql.results import WRITERS
from metropoles.web.sparql.screening import star_variables

_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass(frozen=True)
class Job:
    """One query to run, with its dataset and the chosen result media type."""

    query: str
    media_type: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union_default: bool = True
    max_rows: int = 10_000
    limit: int | None = None  # the query's own outermost LIMIT (from screening.Screened)
    base_iri: str | None = None  # relative IRIs resolve against the endpoint's URL (constant)
    prefixes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> tuple[object, ...]:
        """Everything that shapes the answer (prefixes are constant per server)."""
        return (
            self.query,
            self.media_type,
            self.default_graphs,
            self.named_graphs,
            self.union_default,
            self.max_rows,
        )


@dataclass(frozen=True)
class Answer:
    """A finished query: status 200 (body), 400 (syntax) or 500 (evaluation error)."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    line: int | None = None
    column: int | None = None
    seconds: float = math.inf  # what evaluating and serializing took (unknown: infinite)


def execute(store: Store, job: Job) -> Answer:
    """Run ``job`` on ``store``; never raises for a bad query."""
    started = time.perf_counter()
    try:
        result = store.query(job.query, base_iri=job.base_iri, **_dataset(job))
        answer = _serialize(result, job)
        return replace(answer, seconds=time.perf_counter() - started)
    except SyntaxError as error:
        return _syntax_error(str(error))
    except Exception as error:  # an evaluation error must not kill the worker
        return Answer(500, "text/plain", f"{type(error).__name__}: {error}".encode())


def _dataset(job: Job) -> dict[str, Any]:
    """pyoxigraph dataset arguments (SPARQL 1.1 Protocol §2.1.4: protocol graphs win)."""
    if not job.default_graphs and not job.named_graphs:
        return {"use_default_graph_as_union": job.union_default}
    return {
        "default_graph": [ox.NamedNode(g) for g in job.default_graphs] or ox.DefaultGraph(),
        "named_graphs": [ox.NamedNode(g) for g in job.named_graphs],
    }


def _serialize(result: Any, job: Job) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        results_format = ox.QueryResultsFormat.from_media_type(job.media_type)
        return Answer(200, job.media_type, result.serialize(format=results_format) or b"")
    if not isinstance(result, ox.QuerySolutions):
        return _serialize_triples(result, job)
    order = star_variables(job.query)
    if order is None and job.limit is not None and job.limit <= job.max_rows:
        results_format = ox.QueryResultsFormat.from_media_type(job.media_type)
        return Answer(200, job.media_type, result.serialize(format=results_format) or b"")
    variables = [v.value for v in result.variables]
    positions = _in_query_order(variables, order or ())
    rows = [[row[i] for i in positions] for row in islice(result, job.max_rows + 1)]
    names = [variables[i] for i in positions]
    body = WRITERS[job.media_type](names, rows[: job.max_rows])
    return Answer(200, job.media_type, body, truncated=len(rows) > job.max_rows)


def _in_query_order(variables: list[str], order: tuple[str, ...]) -> list[int]:
    """Positions of ``variables`` sorted as they appear in the query (SELECT *), others after.

    >>> _in_query_order(["a", "b", "x"], ("x", "a"))
    [2, 0, 1]
    """
    rank = {name: index for index, name in enumerate(order)}
    return sorted(range(len(variables)), key=lambda i: rank.get(variables[i], len(order)))


def _serialize_triples(result: Any, job: Job) -> Answer:
    triples = list(islice(result, job.max_rows + 1))
    fmt = rdf_format(job.media_type)
    data = ox.serialize(triples[: job.max_rows], format=fmt, prefixes=dict(job.prefixes))
    return Answer(200, job.media_type, data or b"", truncated=len(triples) > job.max_rows)


def _syntax_error(message: str) -> Answer:
    match = _POSITION.search(message)
    line, column = (int(match[1]), int(match[2])) if match else (None, None)
    return Answer(400, "text/plain", message.encode(), line=line, column=column)
