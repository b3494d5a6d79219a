"""What the site needs at start and would otherwise compute from the whole store: how many
statements each named graph holds, every IRI minted under the base (the paths the site answers)
and every resource with a French label (what the search reads).

The build computes it from a store loaded exactly as ``serve`` loads the publication, and
writes it into the publication (INDEX_FILE, listed in SHA256SUMS, named in publication.json),
so a server reads it instead of running the queries: in the France scope they take seconds.
The bytes are deterministic (sorted, fixed JSON layout), so the build stays reproducible.

>>> normalize("Saint-Étienne Métropole")
'saint etienne metropole'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from metropoles.publication import PREFIXES, PublicationError

if TYPE_CHECKING:  # base.py reads the index when it loads a publication
    from metropoles.store.base import Store

FORMAT = 1  # the layout of INDEX_FILE; another number is refused rather than misread


@dataclass(frozen=True)
class Labelled:
    """A resource with a French rdfs:label: its types (every one, sorted) and its search key."""

    iri: str
    label: str
    types: tuple[str, ...]
    key: str


Row = list[Any]  # a labelled resource as the file holds it: [iri, label, [type numbers], key]


@dataclass(frozen=True)
class SiteIndex:
    """The indexes of one publication, as the pages use them. The labelled resources are kept
    as the file holds them and made into ``Labelled`` on first use (the search): a start need
    not wait for 40,000 of them in the France scope."""

    base: str
    graphs: dict[str, int]  # named graph IRI -> statements
    minted: frozenset[str]  # IRIs under the base, and the fragment-less document of each
    types: list[str] = field(repr=False)  # every type of a labelled resource, sorted
    rows: list[Row] = field(repr=False)  # sorted by key, then IRI

    @property
    def triples(self) -> int:
        """Statements in every named graph."""
        return sum(self.graphs.values())

    @cached_property
    def labelled(self) -> tuple[Labelled, ...]:
        """Every resource with a French label, sorted by search key, then IRI."""
        kinds: dict[tuple[int, ...], tuple[str, ...]] = {}
        found = []
        for iri, label, numbers, key in self.rows:
            names = kinds.setdefault(tuple(numbers), tuple(self.types[n] for n in numbers))
            found.append(Labelled(iri, label, names, key))
        return tuple(found)

    @classmethod
    def compute(cls, store: Store, base: str) -> SiteIndex:
        """Run the queries on ``store`` (a few seconds on the France scope)."""
        labelled = _labelled(store)
        types = sorted({t for e in labelled for t in e.types})
        number = {t: n for n, t in enumerate(types)}
        rows = [[e.iri, e.label, [number[t] for t in e.types], e.key] for e in labelled]
        return cls(base, graph_sizes(store), _minted(store, base), types, rows)

    def to_bytes(self) -> bytes:
        """The index as deterministic JSON, a line per minted path and per labelled resource
        (paths relative to the base; each resource's types as numbers in the ``types`` list)."""
        fields = {
            "format": _json(FORMAT),
            "base_iri": _json(self.base),
            "graphs": _json(dict(sorted(self.graphs.items()))),
            "types": _json(self.types),
            "minted": _lines(sorted(iri[len(self.base) :] for iri in self.minted)),
            "labelled": _lines(self.rows),
        }
        body = ",\n".join(f"{_json(name)}:{value}" for name, value in fields.items())
        return ("{\n" + body + "\n}\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, where: Path) -> SiteIndex:
        """Read an index written by ``to_bytes``; PublicationError names ``where`` otherwise."""
        try:
            document = json.loads(data)
            if document.get("format") != FORMAT:
                raise ValueError(f"format {document.get('format')!r}, expected {FORMAT}")
            base, types, rows = document["base_iri"], document["types"], document["labelled"]
            if not (isinstance(types, list) and isinstance(rows, list)):
                raise ValueError("types and labelled are not lists")
            return cls(
                base,
                {str(g): int(n) for g, n in document["graphs"].items()},
                frozenset(base + path for path in document["minted"]),
                types,
                rows,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise PublicationError(f"{where} is not a site index: {error}") from None


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: the search key of a label."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.split(r"[^0-9a-z]+", bare)).strip()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _lines(items: Iterable[object]) -> str:
    return "[\n" + ",\n".join(_json(item) for item in items) + "\n]"


def _solutions(store: Store, text: str, **bindings: ox.Literal) -> ox.QuerySolutions:
    answer = store.query(
        text,
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(name): term for name, term in bindings.items()},
    )
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def _query(name: str) -> str:
    return files(__package__).joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def graph_sizes(store: Store) -> dict[str, int]:
    """How many statements each named graph holds."""
    answer = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(answer, ox.QuerySolutions)
    return {row["g"].value: int(row["n"].value) for row in answer}


def _minted(store: Store, base: str) -> frozenset[str]:
    """Every IRI under the base used in the store, and each one's fragment-less document."""
    found = {row["x"].value for row in _solutions(store, _query("minted"), base=ox.Literal(base))}
    return frozenset(found | {iri.partition("#")[0] for iri in found})


def _labelled(store: Store) -> tuple[Labelled, ...]:
    """Every resource with a French label, with all its types (queries/labelled.rq)."""
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _solutions(store, _query("labelled")):
        types[(row["r"].value, row["label"].value)].add(row["type"].value)
    entries: dict[str, Labelled] = {}
    for (iri, label), kinds in sorted(types.items()):  # a second French label: the first
        entries.setdefault(iri, Labelled(iri, label, tuple(sorted(kinds)), normalize(label)))
    return tuple(sorted(entries.values(), key=lambda e: (e.key, e.iri)))
