"""The SPARQL Service Description (https://www.w3.org/TR/sparql11-service-description/) of the
endpoint, and whole graphs for the Graph Store Protocol (read) and /.well-known/void."""

from __future__ import annotations

import pyoxigraph as ox

from metropoles.config import Settings
from metropoles.formats import RDF_FORMATS, RESULT_FORMATS, W3C_FORMATS
from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.negotiation import rdf_format

SD, VOID, DCT, DCAT, XSD, RDFS = (PREFIXES[p] for p in ("sd", "void", "dct", "dcat", "xsd", "rdfs"))
GRAPH_STORE_PROTOCOL = "http://www.w3.org/TR/sparql11-http-rdf-update/"
TRUNCATED = "X-Metropoles-Truncated"
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def endpoint_url(settings: Settings) -> str:
    """Public URL of the SPARQL endpoint."""
    return f"{(settings.public_url or settings.base_iri).rstrip('/')}/sparql"


def truncation_note(settings: Settings) -> str:
    """How the endpoint says that it cut an answer (the row cap)."""
    return (
        f"Answers stop at {settings.max_rows} solutions (SELECT) or triples (CONSTRUCT, "
        f"DESCRIBE); an answer that was cut carries the HTTP header {TRUNCATED}: true. "
        "A query with its own LIMIT up to that cap is answered whole."
    )


def service_description(
    counts: dict[str, int], settings: Settings, graphs: dict[str, str]
) -> list[ox.Triple]:
    """Service Description triples: endpoint, formats, union default graph, named graphs
    (``counts``: statements per named graph)."""
    endpoint = endpoint_url(settings)
    service, dataset = ox.NamedNode(f"{endpoint}#service"), ox.NamedNode(f"{endpoint}#dataset")
    triples = [
        _t(service, RDF_TYPE, ox.NamedNode(f"{SD}Service")),
        _t(service, f"{SD}endpoint", ox.NamedNode(endpoint)),
        _t(service, f"{SD}supportedLanguage", ox.NamedNode(f"{SD}SPARQL11Query")),
        _t(service, f"{SD}feature", ox.NamedNode(f"{SD}UnionDefaultGraph")),
        _t(service, f"{SD}defaultDataset", dataset),
        _t(service, f"{DCT}source", ox.NamedNode(_void_url(settings))),
        _t(service, f"{RDFS}comment", ox.Literal(truncation_note(settings), language="en")),
        _t(dataset, RDF_TYPE, ox.NamedNode(f"{SD}Dataset")),
        _t(dataset, f"{VOID}triples", ox.Literal(str(sum(counts.values())), datatype=_INTEGER)),
    ]
    formats = [f.w3c_iri for f in RESULT_FORMATS] + [f.w3c_iri for f in RDF_FORMATS]
    triples += [_t(service, f"{SD}resultFormat", ox.NamedNode(W3C_FORMATS + f)) for f in formats]
    for name in graphs.values():
        triples += _named_graph(dataset, name, counts.get(name, 0))
    return triples + _graph_store(service, dataset, settings)


def _graph_store(
    service: ox.NamedNode, dataset: ox.NamedNode, settings: Settings
) -> list[ox.Triple]:
    """The Graph Store Protocol endpoint (read only) serving the same dataset: SD has no term
    for it, so it is a DCAT data service that conforms to the protocol."""
    store = ox.NamedNode(f"{_base_url(settings)}/store")
    node = ox.NamedNode(f"{endpoint_url(settings)}#graph-store")
    return [
        _t(service, f"{PREFIXES['rdfs']}seeAlso", node),
        _t(node, RDF_TYPE, ox.NamedNode(f"{DCAT}DataService")),
        _t(node, f"{DCAT}endpointURL", store),
        _t(node, f"{DCT}conformsTo", ox.NamedNode(GRAPH_STORE_PROTOCOL)),
        _t(node, f"{DCAT}servesDataset", dataset),
    ]


def _base_url(settings: Settings) -> str:
    return (settings.public_url or settings.base_iri).rstrip("/")


def _named_graph(dataset: ox.NamedNode, name: str, size: int) -> list[ox.Triple]:
    node = ox.NamedNode(f"{dataset.value}-{name.rsplit('/', 1)[-1]}")
    graph = ox.NamedNode(f"{node.value}-graph")
    return [
        _t(dataset, f"{SD}namedGraph", node),
        _t(node, RDF_TYPE, ox.NamedNode(f"{SD}NamedGraph")),
        _t(node, f"{SD}name", ox.NamedNode(name)),
        _t(node, f"{SD}graph", graph),
        _t(graph, RDF_TYPE, ox.NamedNode(f"{SD}Graph")),
        _t(graph, f"{VOID}triples", ox.Literal(str(size), datatype=_INTEGER)),
    ]


def _void_url(settings: Settings) -> str:
    return f"{(settings.public_url or settings.base_iri).rstrip('/')}/.well-known/void"


def graph_document(store: Store, graph: str | None, media_type: str) -> bytes | None:
    """One named graph (or, for None, the union default graph) serialized; None if unknown."""
    fmt = rdf_format(media_type)
    if graph is None:
        result = store.query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        assert isinstance(result, ox.QueryTriples)
        return result.serialize(format=fmt) or b""
    node = ox.NamedNode(graph)
    if not store.contains_named_graph(node):
        return None
    quads = store.quads_for_pattern(None, None, None, node)
    if fmt.supports_datasets:
        return ox.serialize(quads, format=fmt) or b""
    return ox.serialize((q.triple for q in quads), format=fmt) or b""


def _t(
    subject: ox.NamedNode, predicate: ox.NamedNode | str, obj: ox.NamedNode | ox.Literal
) -> ox.Triple:
    verb = predicate if isinstance(predicate, ox.NamedNode) else ox.NamedNode(predicate)
    return ox.Triple(subject, verb, obj)


_INTEGER = ox.NamedNode(f"{XSD}integer")
