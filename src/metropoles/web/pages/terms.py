"""French labels of the reused terms that the served ontology does not label itself (data:
``terms.csv``), resource kinds by rdf:type, and short prefixes for everything else."""

from __future__ import annotations

import csv
import io
from importlib.resources import files
from types import MappingProxyType

from metropoles.publication import PREFIXES

MTP = "/def/metropoles#"
IGEO = PREFIXES["igeo"]
ORG = PREFIXES["org"]
SKOS = PREFIXES["skos"]
PROV = PREFIXES["prov"]
DCAT = PREFIXES["dcat"]


def _read_labels() -> dict[str, str]:
    text = files(__package__).joinpath("terms.csv").read_text(encoding="utf-8")
    return {row["term"]: row["label"] for row in csv.DictReader(io.StringIO(text))}


REUSED_LABELS = MappingProxyType(_read_labels())  # terms.csv: prefixed name -> French label

KINDS = {
    f"{MTP}Metropole": "metropole",
    f"{MTP}PacteMetropolitainInnovation": "pacte",
    f"{MTP}PacteEtatMetropoles": "pacte",
    f"{MTP}ContratDeCooperation": "contrat",
    f"{MTP}RechercheSansResultat": "recherche",
    f"{PROV}Person": "personne",
    f"{IGEO}Intercommunalite": "territoire",
    f"{IGEO}Commune": "commune",
    f"{IGEO}Departement": "departement",
    f"{IGEO}Region": "region",
    f"{ORG}FormalOrganization": "organisation",
    f"{ORG}Organization": "organisation",
    f"{SKOS}Concept": "concept",
    f"{SKOS}ConceptScheme": "schema",
    f"{DCAT}Dataset": "dataset",
    f"{DCAT}Catalog": "dataset",
}
KIND_NAMES = {
    "metropole": "Métropole",
    "pacte": "Pacte",
    "contrat": "Contrat de coopération",
    "territoire": "Territoire",
    "commune": "Commune",
    "departement": "Département",
    "region": "Région",
    "organisation": "Organisation partenaire",
    "personne": "Signataire",
    "recherche": "Recherche sans résultat",
    "concept": "Concept",
    "schema": "Liste de codes",
    "dataset": "Jeu de données",
    "ressource": "Ressource",
}


def curie(iri: str, base: str) -> str:
    """A short name for an IRI: ``mtp:siren``, ``dct:source``; else the IRI itself.

    >>> curie("http://purl.org/dc/terms/source", "https://w3id.org/metropoles")
    'dct:source'
    """
    if iri.startswith(base + MTP):
        return "mtp:" + iri[len(base + MTP) :]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def kind_of(types: list[str], base: str) -> str:
    """The page kind of a resource from its rdf:types (mtp terms under any base)."""
    for iri in types:
        key = MTP + iri[len(base + MTP) :] if iri.startswith(base + MTP) else iri
        if key in KINDS:
            return KINDS[key]
    return "ressource"
