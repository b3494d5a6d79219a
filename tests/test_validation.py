"""validate(): warnings never block, violations always do; SIREN Luhn cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from shape_examples import example_graph, find

from metropoles.config import DEFAULT_BASE_IRI
from metropoles.publish.validation import Report, validate
from metropoles.sources.read import read_turtle

ROOT = Path(__file__).resolve().parents[1]
MTP = "https://w3id.org/metropoles/def/metropoles#"
SHAPES = "https://w3id.org/metropoles/def/metropoles/shapes#"
METROPOLE = URIRef("https://w3id.org/metropoles/id/metropole/242900314")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_turtle((ROOT / "shapes").glob("*.ttl"), DEFAULT_BASE_IRI)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_turtle((ROOT / "ontology").glob("*.ttl"), DEFAULT_BASE_IRI)


def run(name: str, ontology: Graph, shapes: Graph, graph: Graph | None = None) -> Report:
    """Validate the shape example `name` (the base graph when empty), or `graph` when given."""
    data = graph if graph is not None else example_graph(find(name) if name else None)
    return validate(data, ontology, shapes)


def test_warning_never_blocks(ontology: Graph, shapes: Graph) -> None:
    report = run("MetropoleSiegeRecommendedShape-invalid-1", ontology, shapes)
    assert report.conforms
    assert report.violations == []
    assert [w.shape for w in report.warnings] == [SHAPES + "MetropoleSiegeRecommendedShape"]
    assert report.warnings[0].severity == "http://www.w3.org/ns/shacl#Warning"


def test_violation_blocks(ontology: Graph, shapes: Graph) -> None:
    report = run("ContratDeCooperationShape-invalid-1", ontology, shapes)
    assert not report.conforms
    issue = report.violations[0]
    assert issue.shape == SHAPES + "ContratDeCooperationShape"
    assert issue.path == MTP + "partenaire"


def test_valid_graph_conforms_without_issues(ontology: Graph, shapes: Graph) -> None:
    report = run("", ontology, shapes)
    assert (report.conforms, report.violations, report.warnings) == (True, [], [])


def test_issues_are_sorted(ontology: Graph, shapes: Graph) -> None:
    report = run("MetropoleShape-invalid-5", ontology, shapes)
    keys = [i.sort_key() for i in report.violations]
    assert len(keys) > 1
    assert keys == sorted(keys)


def with_metropole_siren(siren: str) -> Graph:
    graph = example_graph()
    graph.set((METROPOLE, URIRef(MTP + "siren"), Literal(siren)))
    return graph


@pytest.mark.parametrize(
    "siren", ["200046977", "243300316", "242900314", "200093201", "245900410", "217400423"]
)
def test_real_sirens_pass_luhn(siren: str, ontology: Graph, shapes: Graph) -> None:
    report = run("", ontology, shapes, with_metropole_siren(siren))
    assert report.conforms, report.violations


@pytest.mark.parametrize("siren", ["200046978", "242900315", "123456789"])
def test_bad_sirens_fail_luhn(siren: str, ontology: Graph, shapes: Graph) -> None:
    report = run("", ontology, shapes, with_metropole_siren(siren))
    assert [(i.shape, i.focus_node, i.value) for i in report.violations] == [
        (SHAPES + "SirenLuhnShape", str(METROPOLE), siren)
    ]


def test_label_rule_applies_to_every_published_class(ontology: Graph, shapes: Graph) -> None:
    graph = example_graph()
    thing = URIRef("https://w3id.org/metropoles/id/organisation/sans-libelle")
    graph.add((thing, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")))
    graph.add((thing, RDFS.comment, Literal("sans libellé", lang="fr")))
    report = run("", ontology, shapes, graph)
    assert (SHAPES + "ResourceShape", str(thing)) in {
        (i.shape, i.focus_node) for i in report.violations
    }
