"""The ontology's documentation, read from the served ontology and shapes graphs so that it
cannot drift from them: terms with fr/en labels and definitions, domains, ranges, super-terms,
and for each class the SHACL shapes that target it (SHACL §2.1.3.1 sh:targetClass)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.pages.dereference import Paths
from metropoles.web.pages.terms import curie
from metropoles.web.pages.values import Term as RdfTerm
from metropoles.web.pages.values import text_of

RDF, RDFS, OWL, SKOS, SH, DCT = (PREFIXES[p] for p in ("rdf", "rdfs", "owl", "skos", "sh", "dct"))
CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
PROPERTY_TYPES = {OWL + t for t in ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")}

Props = dict[str, list[RdfTerm]]


@dataclass(frozen=True)
class Link:
    """A linked term: its short name and where it is documented."""

    text: str
    href: str


@dataclass(frozen=True)
class Constraint:
    """One property constraint of a shape."""

    path: str
    cardinality: str
    value: str
    pattern: str | None
    message: str | None


@dataclass(frozen=True)
class Shape:
    """A node shape and its property constraints."""

    name: str
    href: str
    label: str
    severity: str
    constraints: list[Constraint]


@dataclass
class Term:
    """A class or property of the ontology."""

    anchor: str
    iri: str
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str
    types: list[Link]
    parents: list[Link]
    domains: list[Link]
    ranges: list[Link]
    shapes: list[Shape] = field(default_factory=list)


@dataclass(frozen=True)
class OntologyDoc:
    """The documentation page's content."""

    iri: str
    title: str
    description: str
    version: str
    version_iri: str  # owl:versionIRI: dereferences to the same graph as the ontology
    classes: list[Term]
    properties: list[Term]
    reused: list[tuple[str, list[Shape]]]


def build(store: Store, paths: Paths, ontology_graph: str, shapes_graph: str) -> OntologyDoc:
    """Document the ontology ``<base>/def/metropoles`` from the two graphs."""
    subjects = _subjects(store, ontology_graph)
    namespace = paths.base + "/def/metropoles#"
    terms = [
        _term(iri, props, paths) for iri, props in subjects.items() if iri.startswith(namespace)
    ]
    shapes = _shapes_by_class(store, paths, shapes_graph)
    for term in terms:
        term.shapes = shapes.get(term.iri, [])
    head = subjects.get(paths.base + "/def/metropoles", {})
    return OntologyDoc(
        iri=paths.base + "/def/metropoles",
        title=_text(head, DCT + "title", "fr"),
        description=_text(head, DCT + "description", "fr"),
        version=_text(head, OWL + "versionInfo", None),
        version_iri=next((text_of(v) for v in head.get(OWL + "versionIRI", [])), ""),
        classes=sorted((t for t in terms if _is(t, CLASS_TYPES)), key=lambda t: t.anchor),
        properties=sorted((t for t in terms if _is(t, PROPERTY_TYPES)), key=lambda t: t.anchor),
        reused=sorted((curie(k, paths.base), v) for k, v in shapes.items() if k not in subjects),
    )


def _subjects(store: Store, graph: str) -> dict[str, Props]:
    found: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        found[text_of(quad.subject)][quad.predicate.value].append(quad.object)
    return found


def _term(iri: str, props: Props, paths: Paths) -> Term:
    def links(*predicates: str) -> list[Link]:
        return [_link(o, paths) for p in predicates for o in props.get(p, [])]

    return Term(
        anchor=iri.rpartition("#")[2],
        iri=iri,
        label_fr=_text(props, RDFS + "label", "fr"),
        label_en=_text(props, RDFS + "label", "en"),
        definition_fr=_definition(props, "fr"),
        definition_en=_definition(props, "en"),
        types=links(RDF + "type"),
        parents=links(RDFS + "subClassOf", RDFS + "subPropertyOf"),
        domains=links(RDFS + "domain"),
        ranges=links(RDFS + "range"),
    )


def _definition(props: Props, lang: str) -> str:
    return _text(props, SKOS + "definition", lang) or _text(props, RDFS + "comment", lang)


def _is(term: Term, types: set[str]) -> bool:
    return any(t.href in types for t in term.types)


def _text(props: Props, predicate: str, lang: str | None) -> str:
    for value in props.get(predicate, []):
        if isinstance(value, ox.Literal) and (lang is None or value.language == lang):
            return value.value
    return ""


def _link(term: RdfTerm, paths: Paths) -> Link:
    if isinstance(term, ox.NamedNode):
        return Link(curie(term.value, paths.base), paths.href(term.value))
    return Link("(expression)", "")


def _shapes_by_class(store: Store, paths: Paths, graph: str) -> dict[str, list[Shape]]:
    g = ox.NamedNode(graph)
    by_class: dict[str, list[Shape]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, ox.NamedNode(SH + "targetClass"), None, g):
        shape = _shape(store, g, quad.subject, paths)
        by_class[text_of(quad.object)].append(shape)
    return {k: sorted(v, key=lambda s: (s.severity, s.name)) for k, v in by_class.items()}


def _shape(store: Store, g: ox.NamedNode, node: RdfTerm, paths: Paths) -> Shape:
    props = _props(store, g, node)
    severity = _one(props, "severity")
    constraints = [_constraint(store, g, c, paths) for c in props.get(SH + "property", [])]
    return Shape(
        name=text_of(node).rpartition("#")[2],
        href=paths.href(text_of(node)),
        label=_text(props, RDFS + "label", "fr"),
        severity="recommandé" if severity and severity.endswith("Warning") else "obligatoire",
        constraints=sorted(constraints, key=lambda c: c.path),
    )


def _constraint(store: Store, g: ox.NamedNode, node: RdfTerm, paths: Paths) -> Constraint:
    props = _props(store, g, node)
    low, high = _one(props, "minCount") or "0", _one(props, "maxCount") or "n"
    value = _one(props, "datatype") or _one(props, "class") or _one(props, "nodeKind") or ""
    return Constraint(
        path=_path(store, g, props.get(SH + "path", [None])[0], paths),
        cardinality=f"{low}..{high}",
        value=curie(value, paths.base) if value else "",
        pattern=_one(props, "pattern"),
        message=_text(props, SH + "message", "fr") or None,
    )


def _props(store: Store, g: ox.NamedNode, node: RdfTerm) -> Props:
    props: Props = defaultdict(list)
    if isinstance(node, ox.NamedNode | ox.BlankNode):
        for quad in store.quads_for_pattern(node, None, None, g):
            props[quad.predicate.value].append(quad.object)
    return props


def _one(props: Props, local: str) -> str | None:
    values = props.get(SH + local)
    return text_of(values[0]) if values else None


def _path(store: Store, g: ox.NamedNode, node: RdfTerm | None, paths: Paths) -> str:
    """A property path as text: an IRI, a sequence ``a / b`` or an inverse ``^a``."""
    if isinstance(node, ox.NamedNode):
        return curie(node.value, paths.base)
    props = _props(store, g, node) if node is not None else {}
    if SH + "inversePath" in props:
        return "^" + _path(store, g, props[SH + "inversePath"][0], paths)
    if RDF + "first" in props:
        return " / ".join(_path(store, g, item, paths) for item in _list(store, g, node))
    return "(chemin complexe)"


def _list(store: Store, g: ox.NamedNode, node: RdfTerm | None) -> list[RdfTerm]:
    items: list[RdfTerm] = []
    while isinstance(node, ox.BlankNode):
        props = _props(store, g, node)
        items += props.get(RDF + "first", [])
        rest = props.get(RDF + "rest")
        node = rest[0] if rest else None
    return items
