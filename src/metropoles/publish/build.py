"""The pipeline from data/ to a publication folder: read, map, validate, write aside, swap."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from metropoles.config import Settings
from metropoles.formats import JSONLD, RDFXML, TURTLE, RdfFormat
from metropoles.iris import DCTERMS, Iris
from metropoles.progress import Report, silent
from metropoles.publication import (
    CATALOG_FILE,
    DUMP_FILE,
    INDEX_FILE,
    PublicationError,
    graph_names,
    prefixes,
    write_manifest,
)
from metropoles.publish import catalog, dumps, exports, validation
from metropoles.publish.aside import Aside, AsideError
from metropoles.publish.dumps import DumpFile
from metropoles.publish.staging import staging
from metropoles.rdf import geometry, mapping
from metropoles.records import Origin, Records
from metropoles.sources import read as sources
from metropoles.store.base import open_store
from metropoles.store.index import SiteIndex


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


# The build makes a few million small objects (rdflib's indexes, terms, quads) that live until it
# ends. With the default thresholds (700, 10, 10) the cyclic collector walks them again and again
# as they grow, a fifth of the build's time; collecting the youngest generation a hundred times
# less often gives that time back for about 2 % more peak memory (short-lived cycles still go).
BUILD_GC_THRESHOLDS = (100_000, 20, 100)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run the block with BUILD_GC_THRESHOLDS, then restore the collector's thresholds."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build_publication(settings: Settings, report: Report = silent) -> BuildResult:
    """Build, validate and publish; raise BuildError (with an actionable report) on any problem.
    ``report`` is told each of BUILD_STAGES as it starts."""
    with rare_collections():
        return _build(settings, report)


@dataclass(frozen=True)
class Inputs:
    """What the build reads: the checked records, the ontology, shapes and hand-written catalogue,
    and the outlines."""

    records: Records
    ontology: Graph
    shapes: Graph
    described: Graph
    outlines: geometry.Outlines


def read_inputs(settings: Settings, iris: Iris) -> Inputs:
    """Read data/, ontology/ and shapes/; BuildError naming file, line and rule."""
    try:
        return Inputs(
            records=sources.read_all(settings.data_dir, settings.scope),
            ontology=sources.read_turtle(settings.ontology_dir.glob("*.ttl"), iris.base),
            shapes=sources.read_turtle(settings.shapes_dir.glob("*.ttl"), iris.base),
            described=sources.read_turtle([settings.data_dir / "catalog.ttl"], iris.base),
            outlines=geometry.read_outlines(settings.data_dir / "geo"),
        )
    except (sources.SourceError, geometry.GeometryError) as error:
        raise BuildError(str(error)) from error


def _build(settings: Settings, report: Report) -> BuildResult:
    iris = Iris(settings.base_iri)
    report(BUILD_STAGES[0])
    inputs = read_inputs(settings, iris)
    ontology, shapes = inputs.ontology, inputs.shapes
    report(BUILD_STAGES[1])
    mapped = mapping.to_graphs(inputs.records, iris)
    places = geometry.to_graph(inputs.records, inputs.outlines, iris)
    quads, metadata = publication_quads(iris, mapped, places, ontology, shapes, inputs.described)
    report(BUILD_STAGES[2])

    def check() -> validation.Report:
        union = validated_union(mapped, places, iris, ontology, shapes, metadata)
        return validation.validate(union, ontology, shapes, throwaway=True)

    # SHACL runs in a child process while the files are written aside (two cores at work); the
    # staging folder is switched in only once its report says the union conforms.
    with Aside(check) as checking:
        report(BUILD_STAGES[3])
        files, identity, validated = write_checked(
            settings, iris, (quads, metadata), lambda: conforming(checking, mapped.origins)
        )
    triples = sum(len(g) for g in (mapped.reference, mapped.recherche, places))
    return BuildResult(
        settings.publication_dir, files, triples, len(validated.warnings), identity, len(quads)
    )


def write_checked(
    settings: Settings,
    iris: Iris,
    content: tuple[list[ox.Quad], Graph],
    checked: Callable[[], validation.Report],
) -> tuple[list[DumpFile], str, validation.Report]:
    """Write the publication aside (the quads of the dumps, the metadata graph); once
    ``checked()`` gives the SHACL report of a conforming union, add the report, the checksums and
    the manifest and switch it in. Return the files, the identity and the report."""
    target = settings.publication_dir
    try:
        with staging(target) as out:
            files = write_publication(iris, *content, out)
            validated = checked()
            files.extend(write_report(validated.graph, prefixes(iris), out))
            files.append(dumps.write_checksums(files, out))
            identity = write_manifest(
                out,
                generator=f"metropoles {version('metropoles')}",
                scope=settings.scope,
                base_iri=settings.base_iri,
                index=INDEX_FILE,
            )
    except OSError as error:  # a full disk, a folder we may not write to
        reason = error.strerror or str(error)
        raise BuildError(
            f"could not write the publication {target}: {reason} (in folder {target.parent})"
        ) from error
    except PublicationError as error:
        raise BuildError(str(error)) from error
    return files, identity, validated


def conforming(
    checking: Aside[validation.Report], origins: Mapping[URIRef, Origin]
) -> validation.Report:
    """The SHACL report, once it is in; BuildError if the union does not conform."""
    try:
        validated = checking.result()
    except AsideError as error:
        raise BuildError(f"SHACL validation did not finish: {error}") from error
    if validated.violations:
        raise BuildError(violation_report(validated, origins))
    return validated


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
    iris: Iris, quads: list[ox.Quad], metadata: Graph, out: Path
) -> list[DumpFile]:
    """Write the dumps (all named graphs), exports, catalogue and site index into ``out``."""
    namespaces = prefixes(iris)
    files = dumps.write_all(quads, namespaces, out)
    files.extend(exports.write_csv_exports(quads, iris, out))
    full_catalog = metadata + catalog.distributions(iris, files)
    files.extend(write_triples(full_catalog, "catalog", (TURTLE, RDFXML, JSONLD), namespaces, out))
    files.append(write_index(iris, out))
    return files


def write_index(iris: Iris, out: Path) -> DumpFile:
    """The site index (``store.index``), computed from a store loaded from the files just
    written, as ``serve`` loads them; not a distribution of the catalogue, which it indexes."""
    store = open_store((out / DUMP_FILE).read_bytes(), (out / CATALOG_FILE).read_bytes(), out)
    data = SiteIndex.compute(store, iris.base).to_bytes()
    return dumps.write_file(out / INDEX_FILE, data, "application/json", None)


def write_report(report: Graph, namespaces: dict[str, str], out: Path) -> list[DumpFile]:
    """The SHACL report (advisory warnings included), beside the files it does not describe."""
    return write_triples(report, "validation-report", (TURTLE,), namespaces, out)


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
