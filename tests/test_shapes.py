"""Every shape has examples that prove it: *-valid conforms, *-invalid-* fires that very shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from metropoles.config import DEFAULT_BASE_IRI
from metropoles.sources import read_turtle
from metropoles.validation import Report, validate

ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = ROOT / "shapes"
EXAMPLES = sorted((SHAPES_DIR / "examples").glob("*.ttl"))
SHAPES_NS = "https://w3id.org/metropoles/def/metropoles/shapes#"
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


def shape_of(example: Path) -> str:
    return SHAPES_NS + example.name.split("-", 1)[0]


def fired_shapes(report: Report) -> set[str | None]:
    return {issue.shape for issue in report.violations + report.warnings}


def severity(shapes: Graph, shape: str) -> URIRef:
    value = shapes.value(URIRef(shape), SH.severity)
    return value if isinstance(value, URIRef) else SH.Violation


def check(example: Path, ontology: Graph, shapes: Graph) -> Report:
    return validate(Graph().parse(example, format="turtle"), ontology, shapes)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.stem.endswith("-valid")], ids=str)
def test_valid_example_conforms(example: Path, ontology: Graph, shapes: Graph) -> None:
    report = check(example, ontology, shapes)
    assert report.conforms, report.violations
    assert shape_of(example) not in fired_shapes(report)


@pytest.mark.parametrize("example", [e for e in EXAMPLES if "-invalid-" in e.stem], ids=str)
def test_invalid_example_fires_its_shape(example: Path, ontology: Graph, shapes: Graph) -> None:
    report = check(example, ontology, shapes)
    shape = shape_of(example)
    assert shape in fired_shapes(report), report.violations + report.warnings
    assert report.conforms is (severity(shapes, shape) == SH.Warning)


def test_every_example_names_a_shape(shapes: Graph) -> None:
    for example in EXAMPLES:
        assert (URIRef(shape_of(example)), RDF.type, SH.NodeShape) in shapes, example.name


def test_every_shape_has_valid_and_invalid_examples(shapes: Graph) -> None:
    names = {e.stem for e in EXAMPLES}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        local = str(shape).removeprefix(SHAPES_NS)
        assert f"{local}-valid" in names, local
        assert f"{local}-invalid-1" in names, local


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
