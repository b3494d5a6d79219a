"""A resource's description turned into what a page shows: labelled values grouped by property,
its sources, what links to it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.pages import describe
from metropoles.web.pages.dereference import Paths
from metropoles.web.pages.terms import KIND_NAMES, REUSED_LABELS, curie, kind_of
from metropoles.web.pages.values import Term, Value, literal_text, text_of

RDF_TYPE = PREFIXES["rdf"] + "type"
DCT_SOURCE = PREFIXES["dct"] + "source"


@dataclass(frozen=True)
class Row:
    """One property of the resource and its values."""

    predicate: Value
    values: list[Value]


@dataclass
class ResourceView:
    """Everything a resource page shows."""

    iri: str
    path: str
    label: str
    kind: str
    types: list[Value]
    rows: list[Row]
    sources: list[Value]
    referrers: list[Row]
    labeller: Labeller
    objects: dict[str, list[Term]] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def kind_name(self) -> str:
        """The kind in French."""
        return KIND_NAMES[self.kind]

    def first(self, predicate: str) -> Term | None:
        """The first value of a property (full IRI), if any."""
        values = self.objects.get(predicate)
        return values[0] if values else None

    def literal(self, predicate: str) -> ox.Literal | None:
        """The first literal value of a property, if any."""
        value = self.first(predicate)
        return value if isinstance(value, ox.Literal) else None


@dataclass(frozen=True)
class Labeller:
    """Labels and links for IRIs, from one lookup of the store."""

    paths: Paths
    labels: dict[str, str]

    def predicate(self, iri: str) -> Value:
        """A property, labelled by the ontology, the reused-term table or its short name."""
        short = curie(iri, self.paths.base)
        text = self.labels.get(iri) or REUSED_LABELS.get(short) or short
        return Value(text, href=self.paths.href(iri), iri=iri)

    def node(self, term: Term) -> Value:
        """A value: a labelled link for an IRI, French text for a literal."""
        if isinstance(term, ox.NamedNode):
            text = self.labels.get(term.value) or curie(term.value, self.paths.base)
            return Value(text, href=self.paths.href(term.value), iri=term.value)
        if isinstance(term, ox.Literal):
            lang = term.language or None
            return Value(literal_text(term), lang=lang, datatype=term.datatype.value)
        return Value("(nœud anonyme)")


def build(store: Store, paths: Paths, iri: str, path: str) -> ResourceView:
    """The view of ``iri`` from the store."""
    quads = describe.statements(store, iri)
    refs = describe.referrers(store, iri)
    wanted = describe.linked_iris(quads) | {iri} | {r.subject for r in refs}
    labeller = Labeller(paths, describe.labels(store, wanted | {r.predicate for r in refs}))
    objects = _objects(quads, iri)
    types = [t.value for t in objects.get(RDF_TYPE, []) if isinstance(t, ox.NamedNode)]
    return ResourceView(
        iri=iri,
        path=path,
        label=labeller.labels.get(iri) or curie(iri, paths.base),
        kind=kind_of(types, paths.base),
        types=[labeller.node(ox.NamedNode(t)) for t in types],
        rows=_rows(objects, labeller),
        sources=[labeller.node(t) for t in objects.get(DCT_SOURCE, [])],
        referrers=_referrer_rows(refs, labeller),
        labeller=labeller,
        objects=objects,
    )


def _objects(quads: list[ox.Quad], iri: str) -> dict[str, list[Term]]:
    grouped: dict[str, list[Term]] = defaultdict(list)
    for quad in quads:
        if text_of(quad.subject) == iri and quad.object not in grouped[quad.predicate.value]:
            grouped[quad.predicate.value].append(quad.object)
    return dict(grouped)


def _rows(objects: dict[str, list[Term]], labeller: Labeller) -> list[Row]:
    rows = [
        Row(labeller.predicate(p), sorted((labeller.node(o) for o in values), key=_order))
        for p, values in objects.items()
        if p not in (RDF_TYPE, DCT_SOURCE)
    ]
    return sorted(rows, key=lambda row: row.predicate.text.casefold())


def _referrer_rows(refs: list[describe.Referrer], labeller: Labeller) -> list[Row]:
    grouped: dict[str, list[Value]] = defaultdict(list)
    for ref in refs:
        grouped[ref.predicate].append(labeller.node(ox.NamedNode(ref.subject)))
    return [Row(labeller.predicate(p), sorted(v, key=_order)) for p, v in grouped.items()]


def _order(value: Value) -> str:
    return value.text.casefold()
