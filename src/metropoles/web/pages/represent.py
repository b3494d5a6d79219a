"""The representations of one dereferenced IRI: RDF (its description, the statements that link
to it as the page's "Référencé par" shows them, and the labels of both; whole graphs for the
ontology and the shapes) and the HTML page's context. A document is its own graph: its triples
are in the default graph of every format, N-Quads and TriG included, so that link-traversal
clients match them with default-graph patterns."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from metropoles.formats import RdfFormat
from metropoles.publication import PREFIXES
from metropoles.web.negotiation import rdf_format
from metropoles.web.pages import describe, facts, kinds, schema_org, view
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
    """The RDF description of ``iri``: a whole graph, the whole catalogue, or its statements,
    those of its hash-IRI nodes and the statements that link to it (bounded as the page's:
    queries/referrers.rq); plus labels."""
    graph = whole_graph(state, iri)
    if graph:
        found = describe.graph_quads(state.store, graph)
        return found + describe.label_quads(state.store, describe.linked_iris(found))
    if iri == str(state.iris.catalog):
        found = catalogue(state, iri)
        return found + describe.label_quads(state.store, describe.linked_iris(found))
    found = describe.statements(state.store, iri)
    found += facts.document_quads(state.store, iri, state.mtp)
    target = ox.NamedNode(iri)
    referrers = describe.referrers(state.store, iri)
    inverse = [
        ox.Quad(ox.NamedNode(ref.subject), ox.NamedNode(ref.predicate), target) for ref in referrers
    ]
    linked = describe.linked_iris(found) | {ref.subject for ref in referrers}
    return found + inverse + describe.label_quads(state.store, linked)


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
    """Serialize the document's triples, duplicates dropped, all in the default graph."""
    names = state.prefixes
    target = rdf_format(fmt.media_type)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in found))
    if fmt.quads:
        in_default = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        return ox.serialize(in_default, format=target, prefixes=names) or b""
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
    if resource.kind == "commune":
        context["commune"] = kinds.commune_summary(state.store, resource, labeller, state.mtp)
    return context | facts_context(state, resource, context["facts"])


def facts_context(
    state: State, resource: view.ResourceView, key: list[kinds.Fact]
) -> dict[str, Any]:
    """The researched facts of a page: sources per fact, dates, signatures, acts, history."""
    store, labeller, mtp, kind = state.store, resource.labeller, state.mtp, resource.kind
    sourced = facts.sourced_facts(store, resource, labeller, mtp)
    context: dict[str, Any] = {
        "sourced": sourced,
        "fact_sources": facts.sources_by_label(sourced, kind, mtp),
        "referrers": facts.outside_document(resource),
    }
    if kind in ("pacte", "contrat"):
        dates = facts.date_details(resource, labeller, mtp)
        unconfirmed = facts.unconfirmed_partners(resource, labeller, mtp)
        key = facts.insert_after(key, ("Note sur la date", "Date de signature"), dates)
        context["facts"] = facts.insert_after(key, ("Partenaires",), unconfirmed)
        context["signatures"] = facts.signatures(store, resource, labeller, mtp)
    if kind in ("personne", "organisation", "metropole"):
        context["signed"] = facts.signed_acts(store, resource, labeller, mtp)
    if kind in ("organisation", "metropole", "commune"):
        context["party_acts"] = facts.party_acts(store, resource, labeller, mtp)
    if kind == "metropole":
        context["searches"] = facts.searches(store, resource, labeller, mtp)
        context["identities"] = facts.identities(store, resource, mtp)
        territory = resource.first(mtp + "territoire")
        if isinstance(territory, ox.NamedNode):
            changes = facts.membership_changes(store, territory.value, labeller, mtp)
            context["membership_changes"] = changes
            context["populations"] = facts.populations(
                store, territory.value, labeller, mtp, here=False
            )
    if kind == "territoire":
        context["populations"] = facts.populations(store, resource.iri, labeller, mtp, here=True)
    return context
