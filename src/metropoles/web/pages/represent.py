"""The representations of one dereferenced IRI: RDF (its description plus the labels of what it
links to; whole graphs for the ontology and the shapes) and the HTML page's context."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from metropoles.formats import RdfFormat
from metropoles.publication import PREFIXES
from metropoles.web.negotiation import rdf_format
from metropoles.web.pages import describe, kinds, schema_org, view
from metropoles.web.state import State

# From the catalogue to what a harvester needs: datasets, services, distributions
CATALOGUE_LINKS = frozenset(
    PREFIXES["dcat"] + name for name in ("dataset", "service", "distribution", "accessService")
)


def whole_graph(state: State, iri: str) -> str | None:
    """The named graph an IRI stands for as a whole (the ontology, its version, the shapes)."""
    ontology = str(state.iris.ontology)
    if iri in (ontology, state.site.ontology.version_iri, ontology + "#"):
        return state.graphs["ontology"]
    if iri == str(state.iris.shapes):
        return state.graphs["shapes"]
    return None


def quads(state: State, iri: str) -> list[ox.Quad]:
    """The RDF description of ``iri``: a whole graph, the whole catalogue, or its statements;
    plus labels."""
    graph = whole_graph(state, iri)
    if graph:
        found = describe.graph_quads(state.store, graph)
    elif iri == str(state.iris.catalog):
        found = catalogue(state, iri)
    else:
        found = describe.statements(state.store, iri)
    return found + describe.label_quads(state.store, describe.linked_iris(found))


def catalogue(state: State, iri: str) -> list[ox.Quad]:
    """The catalogue with its datasets, data services and distributions, in one answer: a
    harvester (data.gouv.fr's follows no redirect) reads everything from the catalogue's IRI."""
    found: list[ox.Quad] = []
    pending, seen = [iri], set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        statements = describe.statements(state.store, node)
        found += statements
        pending += [
            q.object.value
            for q in statements
            if q.predicate.value in CATALOGUE_LINKS and isinstance(q.object, ox.NamedNode)
        ]
    return found


def rdf_body(state: State, found: list[ox.Quad], fmt: RdfFormat) -> bytes:
    """Serialize quads (triples for the triple formats, duplicates dropped)."""
    names = state.prefixes
    target = rdf_format(fmt.media_type)
    if fmt.quads:
        return ox.serialize(found, format=target, prefixes=names) or b""
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in found))
    return ox.serialize(triples, format=target, prefixes=names) or b""


def page_context(state: State, iri: str, path: str, url: str) -> dict[str, Any]:
    """What resource.html needs for ``iri``."""
    resource = view.build(state.store, state.site.paths, iri, path)
    labeller = resource.labeller
    context: dict[str, Any] = {
        "r": resource,
        "facts": kinds.key_facts(resource, labeller, state.mtp),
        "jsonld": schema_org.script(schema_org.resource(resource, url, state.mtp)),
        "title": resource.label,
        "carte": state.figures.for_resource(iri, state.site.paths),
    }
    if resource.kind in ("metropole", "territoire"):
        context["communes"] = kinds.member_communes(state.store, resource, labeller, state.mtp)
    if resource.kind == "metropole":
        context["accords"] = kinds.accords(state.store, resource, labeller, state.mtp)
    return context
