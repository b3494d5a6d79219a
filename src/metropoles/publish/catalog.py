"""Dataset metadata: the hand-written DCAT of data/catalog.ttl plus what the build computes —
VoID statistics (in the dumps' metadata graph) and one DCAT distribution per file with its media
type, size and checksum (in catalog.ttl, which cannot sit inside the files it describes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from metropoles.domain import EXAMPLE_METROPOLE
from metropoles.iris import (
    DCAT,
    DCTERMS,
    EU_FILE_TYPE,
    IANA_MEDIA,
    LICENCE_OUVERTE,
    PROV,
    RDF,
    RDFS,
    SD,
    SPDX,
    VOID,
    XSD,
    Iris,
)
from metropoles.publication import SUMS_FILE, prefixes
from metropoles.publish.dumps import DumpFile
from metropoles.publish.exports import EXCEL_SUFFIX, SCHEMA_SUFFIX

GZIP = URIRef("http://www.iana.org/assignments/media-types/application/gzip")
AVAILABILITY = URIRef("http://data.europa.eu/r5r/availability")
# /download/latest/ files are replaced by each release: available, not stable
AVAILABLE = URIRef(
    "http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE"
)
RDF_TYPE = str(RDF.type)


def void_description(
    iris: Iris, data: Sequence[ox.Quad], content: Sequence[ox.Quad], graphs: dict[str, str]
) -> Graph:
    """VoID statistics of the data graphs, with one subset per named graph of ``content``."""
    g = Graph()
    dataset = iris.dataset
    g.add((dataset, RDF.type, VOID.Dataset))
    triples = {q.triple for q in data}
    _statistics(g, dataset, triples)
    g.add((dataset, VOID.sparqlEndpoint, iris.sparql))
    g.add((dataset, VOID.uriSpace, Literal(f"{iris.base}/id/")))
    g.add((dataset, VOID.vocabulary, URIRef(str(iris.vocab))))
    g.add((dataset, VOID.exampleResource, iris.metropole(EXAMPLE_METROPOLE)))
    _partitions(g, iris, triples)
    sizes = Counter(_value(q.graph_name) for q in content)
    for name, label in graphs.items():
        subset = URIRef(name)
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, RDF.type, SD.NamedGraph))
        g.add((subset, SD.name, subset))
        g.add((subset, RDFS.label, Literal(label, lang="fr")))
        g.add((subset, VOID.triples, _integer(sizes[name])))
    return g


def _statistics(g: Graph, s: URIRef, triples: set[ox.Triple]) -> None:
    g.add((s, VOID.triples, _integer(len(triples))))
    g.add((s, VOID.distinctSubjects, _integer(len({t.subject for t in triples}))))
    g.add((s, VOID.distinctObjects, _integer(len({t.object for t in triples}))))
    g.add((s, VOID.properties, _integer(len({t.predicate for t in triples}))))
    classes = {t.object for t in triples if t.predicate.value == RDF_TYPE}
    g.add((s, VOID.classes, _integer(len(classes))))
    entities = {t.subject for t in triples if isinstance(t.subject, ox.NamedNode)}
    g.add((s, VOID.entities, _integer(len(entities))))


def _partitions(g: Graph, iris: Iris, triples: set[ox.Triple]) -> None:
    """void:classPartition and void:propertyPartition, with minted IRIs (no blank nodes)."""
    by_class = Counter(_value(t.object) for t in triples if t.predicate.value == RDF_TYPE)
    by_property = Counter(t.predicate.value for t in triples)
    for cls, count in sorted(by_class.items()):
        part = URIRef(f"{iris.dataset}/partition/class/{_key(cls, iris)}")
        g.add((iris.dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, _integer(count)))
    for prop, count in sorted(by_property.items()):
        part = URIRef(f"{iris.dataset}/partition/property/{_key(prop, iris)}")
        g.add((iris.dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, _integer(count)))


def _key(iri: str, iris: Iris) -> str:
    """A stable path segment for a class or property: its prefixed name, e.g. ``igeo-Commune``."""
    for prefix, namespace in sorted(prefixes(iris).items()):
        if iri.startswith(namespace) and iri[len(namespace) :].isidentifier():
            return f"{prefix}-{iri[len(namespace) :]}"
    raise ValueError(f"no prefix declared for {iri}: add it to publication.PREFIXES")


def _value(term: object) -> str:
    """The IRI of a named node (or the lexical form of a literal); '' for other terms."""
    return str(getattr(term, "value", ""))


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def provenance(iris: Iris, sources: Mapping[str, Iterable[str]]) -> Graph:
    """prov:wasDerivedFrom for each named graph: what source each graph was built from."""
    g = Graph()
    for name, urls in sources.items():
        for url in sorted(set(urls)):
            g.add((URIRef(name), PROV.wasDerivedFrom, URIRef(url)))
    return g


EU_FILE_TYPES = {"text/csv": "CSV", "application/ld+json": "JSON_LD", "application/json": "JSON"}
SPARQL_DESCRIPTION = (
    "Point d'accès SPARQL 1.1 en lecture seule sur tous les graphes publiés, fonctions GeoSPARQL "
    "comprises (geof:distance, geof:sfIntersects…) ; exemples de requêtes sur la page du point "
    "d'accès."
)


def distributions(iris: Iris, files: Sequence[DumpFile]) -> Graph:
    """One dcat:Distribution per published file, with media type, format, size and SHA-256."""
    g = Graph()
    for file in files:
        if not file.name.startswith(("catalog.", SUMS_FILE)):
            _distribution(g, iris, file)
    return g


def _title(file: DumpFile) -> str:
    stem = file.name.split(".", 1)[0]
    if file.format is not None:
        title = f"dump {file.format.name.upper()}"
    elif file.name.endswith(SCHEMA_SUFFIX):
        title = f"schéma de table (Table Schema) de l'export {stem}"
    elif file.name.endswith(EXCEL_SUFFIX):
        title = f"export CSV {file.name.removesuffix(EXCEL_SUFFIX)} pour Excel (point-virgule)"
    elif file.media_type == "text/csv":
        title = f"export CSV {stem}"
    else:
        title = "contexte JSON-LD"
    return f"metropoles — {title}" + (" (gzip)" if file.compressed else "")


def _description(file: DumpFile) -> str:
    """What a reuser finds in the file, in one or two sentences."""
    if file.format is not None:
        graphs = "tous les graphes nommés" if file.format.quads else "l'union des graphes"
        text = f"Le jeu de données complet en {file.format.name.upper()} ({graphs})"
        return text + (", compressé avec gzip." if file.compressed else ".")
    if file.name.endswith(SCHEMA_SUFFIX):
        csv_name = file.name.removesuffix(SCHEMA_SUFFIX) + ".csv"
        return (
            f"Schéma de table (Table Schema, format de schema.data.gouv.fr) de {csv_name} : "
            "chaque colonne, son type, sa description et le motif de ses codes."
        )
    if file.name.endswith(EXCEL_SUFFIX):
        csv_name = file.name.removesuffix(EXCEL_SUFFIX) + ".csv"
        return (
            f"Les mêmes lignes que {csv_name}, en UTF-8 avec BOM et séparées par des "
            "points-virgules : s'ouvre directement dans Excel en français."
        )
    if file.media_type == "text/csv":
        return EXPORT_DESCRIPTIONS.get(file.name, "Export CSV du jeu de données.")
    return "Contexte JSON-LD (préfixes) des dumps JSON-LD."


EXPORT_DESCRIPTIONS = {
    "metropoles.csv": "Une ligne par métropole : SIREN, nom, catégorie, siège, nombre de communes, "
    "population, pacte métropolitain d'innovation et sa date (UTF-8, virgule).",
    "communes.csv": "Une ligne par commune publiée : code INSEE, nom, SIREN, département, région, "
    "populations, intercommunalité (UTF-8, virgule).",
    "pactes.csv": "Une ligne par pacte : pacte État-métropoles et pactes métropolitains "
    "d'innovation, date, lieu, montant de l'État, axe national, sources (UTF-8, virgule).",
    "contrats.csv": "Une ligne par contrat de coopération : type, métropole, partenaires "
    "séparés par « | », date, pacte lié (UTF-8, virgule).",
}


def _distribution(g: Graph, iris: Iris, file: DumpFile) -> None:
    dist, url = iris.distribution(file.name), iris.download(file.name)
    g.add((iris.dataset, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(_title(file), lang="fr")))
    g.add((dist, RDFS.label, Literal(_title(file), lang="fr")))
    g.add((dist, DCTERMS.description, Literal(_description(file), lang="fr")))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    media_type = URIRef(IANA_MEDIA + file.media_type)
    g.add((dist, DCAT.mediaType, media_type))
    g.add((media_type, RDF.type, DCTERMS.MediaType))
    eu_type = file.format.eu_file_type if file.format else EU_FILE_TYPES.get(file.media_type)
    if eu_type:
        g.add((dist, DCTERMS["format"], EU_FILE_TYPE[eu_type]))
        g.add((EU_FILE_TYPE[eu_type], RDF.type, DCTERMS.MediaTypeOrExtent))
    if file.format:
        g.add((iris.dataset, VOID.dataDump, url))
    if file.media_type == "text/csv":
        _conforms_to_schema(g, iris, dist, file.name)
    if file.compressed:
        g.add((dist, DCAT.compressFormat, GZIP))
        g.add((GZIP, RDF.type, DCTERMS.MediaType))
    g.add((dist, DCAT.byteSize, Literal(file.size, datatype=XSD.nonNegativeInteger)))
    g.add((dist, AVAILABILITY, AVAILABLE))
    g.add((dist, DCTERMS.license, LICENCE_OUVERTE))
    checksum = URIRef(f"{dist}/checksum")
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(file.sha256, datatype=XSD.hexBinary)))


def _conforms_to_schema(g: Graph, iris: Iris, dist: URIRef, csv_name: str) -> None:
    """dct:conformsTo the export's Table Schema (data.gouv.fr reads it as the resource's schema)."""
    stem = csv_name.removesuffix(EXCEL_SUFFIX).removesuffix(".csv")
    schema = iris.download(stem + SCHEMA_SUFFIX)
    g.add((dist, DCTERMS.conformsTo, schema))
    g.add((schema, RDF.type, DCTERMS.Standard))
    g.add((schema, RDFS.label, Literal(f"Schéma de table de {stem}.csv", lang="fr")))


def sparql_distribution(iris: Iris) -> Graph:
    """A distribution that points at the SPARQL service (udata shows it as an API)."""
    g = Graph()
    dist = iris.distribution("sparql")
    service = URIRef(f"{iris.base}/service/sparql")
    g.add((iris.dataset, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal("metropoles — point d'accès SPARQL", lang="fr")))
    g.add((dist, RDFS.label, Literal("metropoles — point d'accès SPARQL", lang="fr")))
    g.add((dist, DCTERMS.description, Literal(SPARQL_DESCRIPTION, lang="fr")))
    g.add((dist, DCAT.accessURL, iris.sparql))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS["format"], EU_FILE_TYPE.SPARQLQ))
    g.add((dist, AVAILABILITY, AVAILABLE))
    g.add((EU_FILE_TYPE.SPARQLQ, RDF.type, DCTERMS.MediaTypeOrExtent))
    g.add((dist, DCTERMS.license, LICENCE_OUVERTE))
    return g
