"""The ontology parses, documents every own term in French and English, and passes its checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILES = sorted((ROOT / "ontology").glob("*.ttl"))
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
ONTOLOGY_IRI = URIRef("https://w3id.org/metropoles/def/metropoles")
NS = str(ONTOLOGY_IRI) + "#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
EXPECTED_TERMS = {
    "Metropole", "Accord", "Pacte", "PacteEtatMetropoles", "PacteMetropolitainInnovation",
    "ContratDeCooperation", "siren", "sirenAnterieur", "territoire", "territoireDe", "siege",
    "dateStatutMetropole", "fondementJuridique", "statutJuridique", "populationMunicipale",
    "populationTotale", "metropole", "partenaire", "pacte", "pacteNational", "lienAuPacte",
    "typeContrat", "designation", "noteDate", "lieuSignature", "signataireEtat", "autreSignataire",
    "montantEtat", "noteMontant", "descriptionThemes", "voletCooperation", "rangSignature",
    "contexte", "axeNational",
    # partners of every kind, deduced dates, searches that found nothing
    "partenaireNonConfirme", "dateDeduite", "pays", "codeISTAT", "nombreMembres",
    "RechercheSansResultat", "metropoleRecherchee", "elementRecherche", "resultatRecherche",
    "elementsProches",
    "dateAuPlusTot", "dateAuPlusTard", "dateAlternative", "auNomDe",
    "qualite", "notePacteInnovation", "natureSource", "Identite", "Adhesion", "identite",
    "adhesion", "nomOfficiel", "codeCommune", "nomCommune", "communeMembre", "premierMillesime",
    "dernierMillesime", "communeActuelle", "PopulationMillesime", "populationMillesime",
    "millesime",
}  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def own_terms(graph: Graph) -> list[URIRef]:
    terms = {t for k in KINDS for t in graph.subjects(RDF.type, k) if str(t).startswith(NS)}
    return sorted(t for t in terms if isinstance(t, URIRef))


def languages(graph: Graph, term: URIRef, *predicates: URIRef) -> set[str]:
    values = [o for p in predicates for o in graph.objects(term, p)]
    return {o.language for o in values if isinstance(o, Literal) and o.language}


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    version = URIRef(str(ONTOLOGY_IRI) + "/1.0.0")
    assert (ONTOLOGY_IRI, OWL.versionIRI, version) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None


def test_declares_every_term_of_the_model(ontology: Graph) -> None:
    assert {str(t)[len(NS) :] for t in own_terms(ontology)} == EXPECTED_TERMS


def test_every_term_has_french_and_english_label_and_definition(ontology: Graph) -> None:
    for term in own_terms(ontology):
        assert languages(ontology, term, RDFS.label) >= {"fr", "en"}, term
        assert languages(ontology, term, SKOS.definition, RDFS.comment) >= {"fr", "en"}, term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_check_query_returns_no_rows(ontology: Graph, query: Path) -> None:
    assert list(ontology.query(query.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("query", "predicate"),
    [("missing-label-fr", RDFS.label), ("missing-definition", SKOS.definition)],
)
def test_check_query_detects_a_broken_term(ontology: Graph, query: str, predicate: URIRef) -> None:
    broken = Graph() + ontology
    term = URIRef(NS + "Metropole")
    broken.remove((term, predicate, None))
    text = (ROOT / "ontology" / "queries" / f"{query}.rq").read_text(encoding="utf-8")
    assert {row[0] for row in broken.query(text)} == {term}  # type: ignore[index]
