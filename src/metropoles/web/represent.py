"""The representations of one dereferenced IRI: RDF (its description plus the labels of what it
links to; whole graphs for the ontology and the shapes) and the HTML page's context."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from metropoles.formats import RdfFormat
from metropoles.publication import prefixes
from metropoles.web import describe, kinds, schema_org, view
from metropoles.web.engine import rdf_format
from metropoles.web.site import Site


def whole_graph(site: Site, iri: str) -> str | None:
    """The named graph an IRI stands for as a whole (the ontology, its version, the shapes)."""
    ontology = str(site.iris.ontology)
    if iri in (ontology, f"{ontology}/1.0.0", ontology + "#"):
        return site.graphs["ontology"]
    return site.graphs["shapes"] if iri == str(site.iris.shapes) else None


def quads(site: Site, iri: str) -> list[ox.Quad]:
    """The RDF description of ``iri``: a whole graph or its statements, plus labels."""
    graph = whole_graph(site, iri)
    found = (
        describe.graph_quads(site.store, graph) if graph else describe.statements(site.store, iri)
    )
    return found + describe.label_quads(site.store, describe.linked_iris(found))


def rdf_body(site: Site, found: list[ox.Quad], fmt: RdfFormat) -> bytes:
    """Serialize quads (triples for the triple formats, duplicates dropped)."""
    names = prefixes(site.iris)
    target = rdf_format(fmt.media_type)
    if fmt.quads:
        return ox.serialize(found, format=target, prefixes=names) or b""
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in found))
    return ox.serialize(triples, format=target, prefixes=names) or b""


def page_context(site: Site, iri: str, path: str, url: str) -> dict[str, Any]:
    """What resource.html needs for ``iri``."""
    resource = view.build(site.store, site.paths, iri, path)
    labeller = resource.labeller
    context: dict[str, Any] = {
        "r": resource,
        "facts": kinds.key_facts(resource, labeller, site.mtp),
        "jsonld": schema_org.script(schema_org.resource(resource, url, site.mtp)),
        "title": resource.label,
    }
    if resource.kind in ("metropole", "territoire"):
        context["communes"] = kinds.member_communes(site.store, resource, labeller, site.mtp)
    if resource.kind == "metropole":
        context["accords"] = kinds.accords(site.store, resource, labeller, site.mtp)
    return context
