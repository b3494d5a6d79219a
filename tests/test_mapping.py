"""Records → RDF: what a reuser relies on, checked on the real sources."""

from __future__ import annotations

import pytest
import source_counts
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from metropoles.config import PROJECT_DIR
from metropoles.iris import Iris
from metropoles.rdf import mapping
from metropoles.sources import read as sources

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
    assert len(list(graph.objects(pact, DCTERMS.source))) == source_counts.pact_sources("PEM-2016")


def test_validation_covers_the_whole_default_scope(mapped: mapping.Mapped, graph: Graph) -> None:
    # but the memberships through the millésimes and the members' populations hanging off them,
    # checked by the source rules (test_facts.py validates them against their shapes)
    memberships = set(graph.objects(None, URIRef(MTP + "adhesion")))
    populations = URIRef(MTP + "populationMillesime")
    memberships |= {p for m in memberships for p in graph.objects(m, populations)}
    described = [s for s, _, _ in graph if s not in memberships]
    assert len(mapping.reachable_description(mapped, f"{BASE}/")) == len(described)


def contrat(key: str) -> URIRef:
    return URIRef(f"{BASE}/id/contrat/{key}")


def test_a_deduced_date_is_never_a_stated_one(graph: Graph) -> None:
    crte = contrat("ct-rouen-crte-lhsm")
    assert graph.value(crte, DCTERMS.issued) is None
    assert graph.value(crte, URIRef(MTP + "dateDeduite")) == Literal(
        "2021-07-19", datatype=XSD.date
    )
    assert "déduit" in str(graph.value(crte, URIRef(MTP + "noteDate")))


def test_an_entente_of_two_metropoles_is_published_once(graph: Graph) -> None:
    rouen, grand_paris = (URIRef(f"{BASE}/id/metropole/{s}") for s in ("200023414", "200054781"))
    ententes = {
        c
        for c in graph.subjects(URIRef(MTP + "typeContrat"), None)
        if str(graph.value(c, URIRef(MTP + "typeContrat"))).endswith("/entente-intercommunale")
    }
    assert len(ententes) == 1
    (entente,) = ententes
    assert graph.value(entente, URIRef(MTP + "metropole")) == rouen
    assert grand_paris in set(graph.objects(entente, URIRef(MTP + "partenaire")))


def test_partners_of_every_kind(graph: Graph) -> None:
    org, skos_notation = (
        "http://www.w3.org/ns/org#",
        URIRef("http://www.w3.org/2004/02/skos/core#notation"),
    )
    partners = {p for p in graph.objects(None, URIRef(MTP + "partenaire"))}
    kinds = {
        graph.value(graph.value(p, URIRef(org + "classification")), skos_notation) for p in partners
    }
    assert {Literal("DEPARTEMENT"), Literal("PROVINCE-ETRANGERE"), Literal("GROUPE")} <= kinds
    isere = URIRef(f"{BASE}/id/organisation/departement-38")
    assert graph.value(isere, DCTERMS.spatial) == URIRef(f"{BASE}/id/departement/38")
    torino = URIRef(f"{BASE}/id/organisation/citta-metropolitana-di-torino")
    italy = URIRef("http://publications.europa.eu/resource/authority/country/ITA")
    assert graph.value(torino, URIRef(MTP + "pays")) == italy
    assert graph.value(torino, URIRef(MTP + "codeISTAT")) == Literal("201")
    assert Literal("Italie", lang="fr") in set(graph.objects(italy, RDFS.label))
    group = URIRef(f"{BASE}/id/organisation/epci-nord-lorrain-non-nommes")
    assert graph.value(group, URIRef(MTP + "nombreMembres")) == Literal(
        15, datatype=XSD.positiveInteger
    )


def test_unconfirmed_partners_are_not_partners(graph: Graph) -> None:
    unconfirmed = set(graph.subject_objects(URIRef(MTP + "partenaireNonConfirme")))
    assert unconfirmed
    assert all((c, URIRef(MTP + "partenaire"), p) not in graph for c, p in unconfirmed)
