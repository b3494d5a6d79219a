"""What the store says about one resource: its own statements (from every graph, blank nodes
closed over as in a Concise Bounded Description), the labels of what it links to, and what links
to it. Read-only queries on the loaded store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.web.values import text_of

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
IGEO_NOM = "http://rdf.insee.fr/def/geo#nom"
DCT_TITLE = "http://purl.org/dc/terms/title"
LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF, IGEO_NOM, DCT_TITLE)
MAX_REFERRERS = 2000

_REFERRERS = """
SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> FILTER(isIRI(?s)) }} ORDER BY ?p ?s LIMIT {limit}"""


@dataclass(frozen=True)
class Referrer:
    """A statement ``subject predicate <this>``."""

    subject: str
    predicate: str


def exists(store: ox.Store, iri: str) -> bool:
    """Whether ``iri`` is used in the store as a subject or an object."""
    node = ox.NamedNode(iri)
    subject = next(iter(store.quads_for_pattern(node, None, None, None)), None)
    return subject is not None or next(store.quads_for_pattern(None, None, node), None) is not None


def statements(store: ox.Store, iri: str) -> list[ox.Quad]:
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


def graph_quads(store: ox.Store, graph: str) -> list[ox.Quad]:
    """Every quad of one named graph."""
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def label_quads(store: ox.Store, iris: Iterable[str]) -> list[ox.Quad]:
    """The label statements (rdfs:label, skos:prefLabel, igeo:nom, dct:title) of ``iris``."""
    properties = [ox.NamedNode(p) for p in LABEL_PROPERTIES]
    return [
        quad
        for iri in sorted(set(iris))
        for prop in properties
        for quad in store.quads_for_pattern(ox.NamedNode(iri), prop, None)
    ]


def labels(store: ox.Store, iris: Iterable[str]) -> dict[str, str]:
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


def referrers(store: ox.Store, iri: str) -> list[Referrer]:
    """The resources that link to ``iri`` (at most MAX_REFERRERS)."""
    query = _REFERRERS.format(iri=iri, limit=MAX_REFERRERS)
    return [Referrer(row["s"].value, row["p"].value) for row in select(store, query)]


def linked_iris(quads: Iterable[ox.Quad]) -> set[str]:
    """The IRIs a description links to (objects and predicates)."""
    found: set[str] = set()
    for quad in quads:
        found.add(quad.predicate.value)
        if isinstance(quad.object, ox.NamedNode):
            found.add(quad.object.value)
    return found


def select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    """The solutions of a SELECT query on the store."""
    answer = store.query(query, use_default_graph_as_union=True)
    return list(answer) if isinstance(answer, ox.QuerySolutions) else []
