"""What the store says about one resource: its own statements (from every graph, blank nodes
closed over as in a Concise Bounded Description), the labels of what it links to, and what links
to it. Read-only queries on the loaded store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.pages.values import text_of

LABEL_PROPERTIES = tuple(
    PREFIXES[prefix] + name
    for prefix, name in (
        ("rdfs", "label"),
        ("skos", "prefLabel"),
        ("igeo", "nom"),
        ("dct", "title"),
    )
)


@dataclass(frozen=True)
class Referrer:
    """A statement ``subject predicate <this>``."""

    subject: str
    predicate: str


def exists(store: Store, iri: str) -> bool:
    """Whether ``iri`` is used in the store as a subject or an object."""
    node = ox.NamedNode(iri)
    subject = next(iter(store.quads_for_pattern(node, None, None, None)), None)
    return subject is not None or next(store.quads_for_pattern(None, None, node), None) is not None


def statements(store: Store, iri: str) -> list[ox.Quad]:
    """Every quad with ``iri`` as subject, plus the blank nodes it reaches (CBD closure)."""
    quads: list[ox.Quad] = []
    pending: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for quad in store.quads_for_pattern(node, None, None, None):
            quads.append(quad)
            if isinstance(quad.object, ox.BlankNode):
                pending.append(quad.object)
    return quads


def graph_quads(store: Store, graph: str) -> list[ox.Quad]:
    """Every quad of one named graph."""
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def label_quads(store: Store, iris: Iterable[str]) -> list[ox.Quad]:
    """The label statements (rdfs:label, skos:prefLabel, igeo:nom, dct:title) of ``iris``, in
    one query (a remote store answers it in one round trip)."""
    wanted = sorted(set(iris))
    if not wanted:
        return []
    subjects = " ".join(str(ox.NamedNode(iri)) for iri in wanted)
    properties = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    # FILTER, not a second VALUES: Oxigraph joins two VALUES blocks by scanning (20x slower)
    text = (
        f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {subjects} }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER(?p IN ({properties})) }}"
    )
    answer = store.query(text)
    rows = list(answer) if isinstance(answer, ox.QuerySolutions) else []
    quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
    rank = {p: n for n, p in enumerate(LABEL_PROPERTIES)}
    return sorted(quads, key=lambda q: (text_of(q.subject), rank[q.predicate.value]))


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """The best French label of each IRI that has one."""
    return best_labels(label_quads(store, iris))


def best_labels(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """Pick, for each subject, a French rdfs:label first, then the other label properties."""
    ranked: dict[str, tuple[int, str]] = {}
    for quad in quads:
        if quad.predicate.value not in LABEL_PROPERTIES or not isinstance(quad.object, ox.Literal):
            continue
        rank = LABEL_PROPERTIES.index(quad.predicate.value) * 2
        rank += 0 if quad.object.language in ("fr", None) else 1
        key = text_of(quad.subject)
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, quad.object.value)
    return {key: value for key, (_, value) in ranked.items()}


def referrers(store: Store, iri: str) -> list[Referrer]:
    """The resources that link to ``iri`` (at most 2000, see queries/referrers.rq)."""
    rows = select(store, query("referrers"), PREFIXES, target=ox.NamedNode(iri))
    return [Referrer(row["s"].value, row["p"].value) for row in rows]


def linked_iris(quads: Iterable[ox.Quad]) -> set[str]:
    """The IRIs a description links to (objects and predicates)."""
    found: set[str] = set()
    for quad in quads:
        found.add(quad.predicate.value)
        if isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
    return found


def query(name: str) -> str:
    """The text of ``queries/<name>.rq``, a query the pages run (package data)."""
    return files(__package__).joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def select(
    store: Store,
    text: str,
    prefixes: Mapping[str, str],
    **bindings: ox.NamedNode | ox.Literal,
) -> list[ox.QuerySolution]:
    """The solutions of a SELECT query on the store; ``bindings`` fix projected variables
    (SEP-0007 substitutions), ``prefixes`` come from the publication's table."""
    answer = store.query(
        text,
        prefixes=dict(prefixes),
        use_default_graph_as_union=True,
        substitutions={ox.Variable(name): term for name, term in bindings.items()},
    )
    return list(answer) if isinstance(answer, ox.QuerySolutions) else []
