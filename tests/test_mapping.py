"""Records → RDF: what a reuser relies on, checked on the real sources."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from metropoles import mapping, sources
from metropoles.config import PROJECT_DIR
from metropoles.iris import Iris

BASE = "https://w3id.org/metropoles"
MTP = f"{BASE}/def/metropoles#"


@pytest.fixture(scope="module")
def mapped() -> mapping.Mapped:
    records = sources.read_all(PROJECT_DIR / "data", "metropoles")
    return mapping.to_graphs(records, Iris(BASE))


@pytest.fixture(scope="module")
def graph(mapped: mapping.Mapped) -> Graph:
    return mapped.reference + mapped.recherche


def test_dates_keep_their_precision(graph: Graph) -> None:
    def issued(kind: str, key: str) -> object:
        return graph.value(URIRef(f"{BASE}/id/{kind}/{key}"), DCTERMS.issued)

    assert issued("pacte", "pmi-rouen") == Literal("2016-11-25", datatype=XSD.date)
    assert issued("pacte", "pmi-grandparis") == Literal("2017-01", datatype=XSD.gYearMonth)
    assert issued("pacte", "pmi-nice") is None
    assert issued("contrat", "ct-bdx-limoges") == Literal("2019-04", datatype=XSD.gYearMonth)
    assert issued("contrat", "ct-bdx-angouleme") == Literal("2016-09-05", datatype=XSD.date)
    assert issued("contrat", "ct-mel-cud") == Literal("2018", datatype=XSD.gYear)  # "fin 2018"
    assert issued("contrat", "ct-tlse-armagnac") is None  # the year is only deduced


def test_caveats_are_data(graph: Graph) -> None:
    lille = URIRef(f"{BASE}/id/metropole/200093201")
    assert graph.value(lille, URIRef(MTP + "sirenAnterieur")) == Literal("245900410")
    link = graph.value(URIRef(f"{BASE}/id/contrat/ct-tlse-mtp"), URIRef(MTP + "lienAuPacte"))
    assert link is not None and "antérieur" in str(link)


def test_organisation_and_territory_are_distinct(graph: Graph) -> None:
    lyon = URIRef(f"{BASE}/id/metropole/200046977")
    territory = graph.value(lyon, URIRef(MTP + "territoire"))
    assert territory == URIRef(f"{BASE}/id/territoire/200046977")
    assert graph.value(territory, URIRef(MTP + "territoireDe")) == lyon


def test_no_blank_nodes_and_a_french_label_everywhere(graph: Graph) -> None:
    for s, _, o in graph:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
    for subject in set(graph.subjects()):
        if not str(subject).startswith(BASE) or "#" in str(subject):
            continue  # a cited page (its kind only); a node of its resource's document (hash IRI)
        labels = [
            label
            for label in graph.objects(subject, RDFS.label)
            if getattr(label, "language", None) == "fr"
        ]
        assert len(labels) == 1, subject


def test_every_source_url_is_kept(graph: Graph) -> None:
    pact = URIRef(f"{BASE}/id/pacte/pem-2016")
    assert len(list(graph.objects(pact, DCTERMS.source))) == 9


def test_validation_covers_the_whole_default_scope(mapped: mapping.Mapped, graph: Graph) -> None:
    # but the memberships through the millésimes, checked by the source rules (test_facts.py
    # validates them against their shape)
    memberships = set(graph.objects(None, URIRef(MTP + "adhesion")))
    described = [s for s, _, _ in graph if s not in memberships]
    assert len(mapping.reachable_description(mapped, f"{BASE}/")) == len(described)
