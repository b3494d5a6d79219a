"""The representations of one dereferenced IRI: RDF (its description plus the labels of what it
links to; whole graphs for the ontology and the shapes) and the HTML page's context."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from metropoles.formats import RdfFormat
from metropoles.web.negotiation import rdf_format
from metropoles.web.pages import describe, facts, kinds, schema_org, view
from metropoles.web.state import State


def whole_graph(state: State, iri: str) -> str | None:
    """The named graph an IRI stands for as a whole (the ontology, its version, the shapes)."""
    ontology = str(state.iris.ontology)
    if iri in (ontology, state.site.ontology.version_iri, ontology + "#"):
        return state.graphs["ontology"]
    if iri == str(state.iris.shapes):
        return state.graphs["shapes"]
    return None


def quads(state: State, iri: str) -> list[ox.Quad]:
    """The RDF description of ``iri``: a whole graph or its statements and those of its hash-IRI
    nodes, plus labels."""
    graph = whole_graph(state, iri)
    found = (
        describe.graph_quads(state.store, graph) if graph else describe.statements(state.store, iri)
    )
    found += [] if graph else facts.document_quads(state.store, iri, state.mtp)
    return found + describe.label_quads(state.store, describe.linked_iris(found))


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
    }
    if resource.kind in ("metropole", "territoire"):
        context["communes"] = kinds.member_communes(state.store, resource, labeller, state.mtp)
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
    return context
