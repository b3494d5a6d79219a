"""Every shape has examples that prove it: the base graph and each *-valid-* delta conform, each
*-invalid-* delta fires that very shape (and, for a violation shape, no other)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareUpdate
from shape_examples import also_fired, deltas, example_graph, shape_of

from metropoles.config import DEFAULT_BASE_IRI
from metropoles.publish.validation import Report, validate
from metropoles.sources.read import read_turtle

ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = ROOT / "shapes"
EXAMPLES = deltas()
VALID = [e for e in EXAMPLES if "-valid-" in e.stem]
INVALID = [e for e in EXAMPLES if "-invalid-" in e.stem]
PREFIXES = {
    "mtp": "https://w3id.org/metropoles/def/metropoles#",
    "igeo": "http://rdf.insee.fr/def/geo#",
    "org": "http://www.w3.org/ns/org#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
PROPERTY_TERM = re.compile(r"`((?:" + "|".join(PREFIXES) + r"):[a-z][A-Za-z]*)`")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_turtle(SHAPES_DIR.glob("*.ttl"), DEFAULT_BASE_IRI)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_turtle((ROOT / "ontology").glob("*.ttl"), DEFAULT_BASE_IRI)


def fired_shapes(report: Report) -> set[str | None]:
    return {issue.shape for issue in report.violations + report.warnings}


def severity(shapes: Graph, shape: str) -> URIRef:
    value = shapes.value(URIRef(shape), SH.severity)
    return value if isinstance(value, URIRef) else SH.Violation


def check(example: Path | None, ontology: Graph, shapes: Graph) -> Report:
    return validate(example_graph(example), ontology, shapes)


def test_base_graph_conforms_without_issues(ontology: Graph, shapes: Graph) -> None:
    report = check(None, ontology, shapes)
    assert (report.conforms, report.violations, report.warnings) == (True, [], [])


@pytest.mark.parametrize("example", VALID, ids=lambda e: e.stem)
def test_valid_example_conforms(example: Path, ontology: Graph, shapes: Graph) -> None:
    report = check(example, ontology, shapes)
    assert (report.conforms, report.violations, report.warnings) == (True, [], [])


@pytest.mark.parametrize("example", INVALID, ids=lambda e: e.stem)
def test_invalid_example_fires_exactly_its_shape(
    example: Path, ontology: Graph, shapes: Graph
) -> None:
    report = check(example, ontology, shapes)
    expected = {shape_of(example)} | also_fired(example)
    assert fired_shapes(report) == expected, report.violations + report.warnings
    assert report.conforms is (severity(shapes, shape_of(example)) == SH.Warning)


def test_every_example_names_a_shape(shapes: Graph) -> None:
    for example in EXAMPLES:
        assert (URIRef(shape_of(example)), RDF.type, SH.NodeShape) in shapes, example.name


def test_every_shape_has_an_invalid_example(shapes: Graph) -> None:
    proven = {shape_of(e) for e in INVALID}
    assert {str(s) for s in shapes.subjects(RDF.type, SH.NodeShape)} - proven == set()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.stem)
def test_delta_deletes_only_what_the_base_holds_and_adds_only_what_it_lacks(example: Path) -> None:
    """A stale delta (the base changed under it) would otherwise silently test nothing."""
    base = example_graph()
    for operation in prepareUpdate(example.read_text(encoding="utf-8")).algebra:
        assert operation.name in {"DeleteData", "InsertData"}, operation.name
        present = [triple in base for triple in operation.triples]
        assert all(present) if operation.name == "DeleteData" else not any(present), example.name


def test_examples_are_numbered_from_one_without_gaps() -> None:
    numbers: dict[tuple[str, str], list[int]] = {}
    for example in EXAMPLES:
        shape, kind, number = example.stem.rsplit("-", 2)
        numbers.setdefault((shape, kind), []).append(int(number))
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key


def path_terms(shapes: Graph) -> set[str]:
    terms: set[str] = set()
    for path in shapes.objects(None, SH.path):
        items = Collection(shapes, path) if (path, RDF.first, None) in shapes else [path]
        terms.update(str(item) for item in items)
    return terms


def model_properties() -> set[str]:
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    section = text.split("## Properties", 1)[1].split("\nSchemes:", 1)[0]
    terms = PROPERTY_TERM.findall(section)
    return {PREFIXES[t.split(":")[0]] + t.split(":")[1] for t in terms}


def test_every_model_property_is_constrained(shapes: Graph) -> None:
    assert len(model_properties()) > 40
    assert model_properties() - path_terms(shapes) == set()
