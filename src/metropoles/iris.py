"""Namespaces and IRI minting. Every instance IRI is built from an official code (SIREN, INSEE)
or from a curated stable identifier, never from a name.

>>> iris = Iris("https://example.org/m")
>>> iris.metropole("200046977")
rdflib.term.URIRef('https://example.org/m/id/metropole/200046977')
>>> iris.commune("2A004")
rdflib.term.URIRef('https://example.org/m/id/commune/2A004')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

IGEO = Namespace("http://rdf.insee.fr/def/geo#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
IANA_MEDIA = "https://www.iana.org/assignments/media-types/"
LICENCE_OUVERTE = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence")

__all__ = [
    "ADMS",
    "DCAT",
    "DCTERMS",
    "EU_FILE_TYPE",
    "FOAF",
    "IANA_MEDIA",
    "IGEO",
    "LICENCE_OUVERTE",
    "LOCN",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SH",
    "SKOS",
    "SPDX",
    "VANN",
    "VCARD",
    "VOID",
    "XSD",
    "Iris",
]


class Iris:
    """All IRIs minted under one base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.ontology = URIRef(f"{self.base}/def/metropoles")
        self.vocab = Namespace(f"{self.base}/def/metropoles#")
        self.shapes = URIRef(f"{self.base}/def/metropoles/shapes")
        self.shape = Namespace(f"{self.base}/def/metropoles/shapes#")
        self.dataset = URIRef(f"{self.base}/dataset/metropoles")
        self.catalog = URIRef(f"{self.base}/catalog")
        self.sparql = URIRef(f"{self.base}/sparql")

    def _id(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}/id/{kind}/{key}")

    def metropole(self, siren: str) -> URIRef:
        """The métropole as an organisation (legal person)."""
        return self._id("metropole", siren)

    def epci(self, siren: str) -> URIRef:
        """An EPCI that is not a métropole, as an organisation."""
        return self._id("epci", siren)

    def territoire(self, siren: str) -> URIRef:
        """The territory (perimeter) of an EPCI or métropole."""
        return self._id("territoire", siren)

    def commune(self, cog: str) -> URIRef:
        return self._id("commune", cog)

    def departement(self, code: str) -> URIRef:
        return self._id("departement", code)

    def region(self, code: str) -> URIRef:
        return self._id("region", code)

    def organisation(self, local_id: str) -> URIRef:
        """A partner with no official code (PETR, pays, foreign region): curated stable id."""
        return self._id("organisation", local_id)

    def recherche(self, search_id: str) -> URIRef:
        """A documented search for agreements that found none."""
        return self._id("recherche", search_id.lower())

    def personne(self, person_id: str) -> URIRef:
        """A signatory: curated stable id (no official code exists for a person)."""
        return self._id("personne", person_id)

    def pacte(self, pact_id: str) -> URIRef:
        return self._id("pacte", pact_id.lower())

    def contrat(self, contract_id: str) -> URIRef:
        return self._id("contrat", contract_id.lower())

    def scheme(self, scheme_id: str) -> URIRef:
        return URIRef(f"{self.base}/code/{scheme_id}")

    def concept(self, scheme_id: str, notation: str) -> URIRef:
        return URIRef(f"{self.base}/code/{scheme_id}/{notation}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/graph/{name}")

    def distribution(self, file_name: str) -> URIRef:
        return URIRef(f"{self.dataset}/distribution/{file_name}")

    def download(self, file_name: str) -> URIRef:
        return URIRef(f"{self.base}/download/latest/{file_name}")
