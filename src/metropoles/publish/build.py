"""The pipeline from data/ to a publication folder: read, map, validate, write aside, swap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from metropoles.config import Settings
from metropoles.formats import JSONLD, RDFXML, TURTLE, RdfFormat
from metropoles.iris import DCTERMS, Iris
from metropoles.progress import Report, silent
from metropoles.publication import PublicationError, graph_names, prefixes, write_manifest
from metropoles.publish import catalog, dumps, exports, validation
from metropoles.publish.dumps import DumpFile
from metropoles.publish.staging import staging
from metropoles.rdf import geometry, mapping
from metropoles.records import Origin
from metropoles.sources import read as sources


class BuildError(Exception):
    """The build stopped; the previous publication is untouched."""


@dataclass(frozen=True)
class BuildResult:
    directory: Path
    files: list[DumpFile]
    triples: int  # data triples: the reference and research graphs (VoID's void:triples)
    warnings: int
    identity: str  # SHA-256 of SHA256SUMS, written in publication.json
    statements: int = 0  # what the dumps hold: the data plus ontology, shapes and metadata

    def summary(self) -> str:
        """One line a person reads after a successful build, each figure saying what it counts."""
        return (
            f"published {self.triples} data triples ({self.statements} statements in the dumps, "
            f"with the ontology, shapes and metadata graphs) in {len(self.files)} files to "
            f"{self.directory} (version {self.identity[:16]}, "
            f"{self.warnings} advisory warning(s))"
        )


BUILD_STAGES = ("read the sources", "map to RDF", "validate with SHACL", "write the publication")


def build_publication(settings: Settings, report: Report = silent) -> BuildResult:
    """Build, validate and publish; raise BuildError (with an actionable report) on any problem.
    ``report`` is told each of BUILD_STAGES as it starts."""
    iris = Iris(settings.base_iri)
    report(BUILD_STAGES[0])
    try:
        records = sources.read_all(settings.data_dir, settings.scope)
        ontology = sources.read_turtle(settings.ontology_dir.glob("*.ttl"), iris.base)
        shapes = sources.read_turtle(settings.shapes_dir.glob("*.ttl"), iris.base)
        described = sources.read_turtle([settings.data_dir / "catalog.ttl"], iris.base)
        outlines = geometry.read_outlines(settings.data_dir / "geo")
    except (sources.SourceError, geometry.GeometryError) as error:
        raise BuildError(str(error)) from error
    report(BUILD_STAGES[1])
    mapped = mapping.to_graphs(records, iris)
    places = geometry.to_graph(records, outlines, iris)
    quads, metadata = publication_quads(iris, mapped, places, ontology, shapes, described)
    union = validated_union(mapped, places, iris, ontology, shapes, metadata)
    report(BUILD_STAGES[2])
    validated = validation.validate(union, ontology, shapes)
    if validated.violations:
        raise BuildError(violation_report(validated, mapped.origins))
    report(BUILD_STAGES[3])
    target = settings.publication_dir
    try:
        with staging(target) as out:
            files = write_publication(iris, quads, metadata, validated.graph, out)
            identity = write_manifest(
                out,
                generator=f"metropoles {version('metropoles')}",
                scope=settings.scope,
                base_iri=settings.base_iri,
            )
    except OSError as error:  # a full disk, a folder we may not write to
        reason = error.strerror or str(error)
        raise BuildError(
            f"could not write the publication {target}: {reason} (in folder {target.parent})"
        ) from error
    except PublicationError as error:
        raise BuildError(str(error)) from error
    triples = sum(len(g) for g in (mapped.reference, mapped.recherche, places))
    return BuildResult(target, files, triples, len(validated.warnings), identity, len(quads))


def validated_union(
    mapped: mapping.Mapped,
    places: Graph,
    iris: Iris,
    ontology: Graph,
    shapes: Graph,
    metadata: Graph,
) -> Graph:
    """What SHACL checks: the union of every published graph, as the union dump holds it. In the
    France scope the Etalab resources no researched fact leads to are left to the source rules
    (pySHACL would take an hour on them); in the default scope this is the whole union."""
    checked = mapping.reachable_description(mapped, iris.base + "/")
    for graph in (places, ontology, shapes, metadata):
        checked += graph  # in place: a union would copy every graph again
    return checked


def publication_quads(
    iris: Iris,
    mapped: mapping.Mapped,
    places: Graph,
    ontology: Graph,
    shapes: Graph,
    described: Graph,
) -> tuple[list[ox.Quad], Graph]:
    """Every quad of the dumps (all named graphs, sorted) and the metadata graph among them."""
    names = graph_names(iris)
    data_graphs = {
        names["reference"]: mapped.reference,
        names["recherche"]: mapped.recherche,
        names["geometrie"]: places,
    }
    content = dumps.to_quads({names["ontology"]: ontology, names["shapes"]: shapes} | data_graphs)
    data = [q for q in content if q.graph_name.value in data_graphs]  # type: ignore[union-attr]
    metadata = metadata_graph(iris, described, data, content, mapped, places)
    quads = sorted([*content, *dumps.to_quads({names["metadata"]: metadata})], key=str)
    return quads, metadata


def write_publication(
    iris: Iris, quads: list[ox.Quad], metadata: Graph, report: Graph, out: Path
) -> list[DumpFile]:
    """Write the dumps (all named graphs), exports, catalogue, report and checksums into ``out``."""
    namespaces = prefixes(iris)
    files = dumps.write_all(quads, namespaces, out)
    files.extend(exports.write_csv_exports(quads, iris, out))
    full_catalog = metadata + catalog.distributions(iris, files)
    files.extend(write_triples(full_catalog, "catalog", (TURTLE, RDFXML, JSONLD), namespaces, out))
    files.extend(write_triples(report, "validation-report", (TURTLE,), namespaces, out))
    files.append(dumps.write_checksums(files, out))
    return files


def metadata_graph(
    iris: Iris,
    described: Graph,
    data: Sequence[ox.Quad],
    content: Sequence[ox.Quad],
    mapped: mapping.Mapped,
    places: Graph,
) -> Graph:
    """The hand-written DCAT, VoID statistics, graph provenance and the SPARQL distribution."""
    names = graph_names(iris)
    labels = {names[key]: label for key, label in GRAPH_LABELS.items()}
    derived = {
        names["reference"]: _sources_of(mapped.reference),
        names["recherche"]: _sources_of(mapped.recherche),
        names["geometrie"]: _sources_of(places),
    }
    return (
        described
        + catalog.void_description(iris, data, content, labels)
        + catalog.provenance(iris, derived)
        + catalog.sparql_distribution(iris)
    )


GRAPH_LABELS = {
    "ontology": "Ontologie metropoles",
    "shapes": "Formes SHACL metropoles",
    "reference": "Référentiel territorial officiel (Etalab, millésime 2026)",
    "recherche": "Pactes, contrats et faits documentés (recherche sourcée)",
    "geometrie": "Contours et centroïdes (IGN Admin Express COG 2018, simplifiés)",
    "metadata": "Métadonnées (DCAT, VoID, provenance)",
}


def _sources_of(graph: Graph) -> list[str]:
    return sorted({str(o) for o in graph.objects(None, DCTERMS.source)})


def write_triples(
    graph: Graph, stem: str, formats: Sequence[RdfFormat], namespaces: dict[str, str], out: Path
) -> list[DumpFile]:
    """Write a graph in the given triple formats, blank nodes labelled canonically."""
    triples = dumps.triples_of(dumps.to_quads({"urn:x-metropoles:graph": graph}))
    return [
        dumps.write_file(
            out / f"{stem}.{fmt.extension}",
            dumps.serialize_triples(fmt, triples, namespaces),
            fmt.media_type,
            None,
        )
        for fmt in formats
    ]


def violation_report(report: validation.Report, origins: Mapping[URIRef, Origin]) -> str:
    """Each violation with its focus node, path, message and the source row it came from."""
    lines = [f"validation failed: {len(report.violations)} violation(s) of the SHACL shapes"]
    for issue in report.violations:
        origin = origins.get(URIRef(issue.focus_node)) if issue.focus_node else None
        where = f" [{origin}]" if origin else ""
        lines.append(
            f"  - {issue.focus_node}{where}\n      path: {issue.path}\n"
            f"      rule: {issue.message} (shape {issue.shape}, value {issue.value})"
        )
    return "\n".join(lines)
