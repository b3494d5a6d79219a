"""French labels of the reused terms that the served ontology does not label itself, resource
kinds by rdf:type, and short prefixes for everything else."""

from __future__ import annotations

from metropoles.publication import PREFIXES

MTP = "/def/metropoles#"
IGEO = PREFIXES["igeo"]
ORG = PREFIXES["org"]
SKOS = PREFIXES["skos"]
DCAT = PREFIXES["dcat"]

REUSED_LABELS = {
    "rdf:type": "type",
    "rdfs:label": "libellé",
    "rdfs:comment": "commentaire",
    "rdfs:seeAlso": "voir aussi",
    "rdfs:isDefinedBy": "défini par",
    "dct:source": "source",
    "dct:subject": "thème",
    "dct:issued": "date de signature ou de publication",
    "dct:modified": "date de modification",
    "dct:title": "titre",
    "dct:description": "description",
    "dct:identifier": "identifiant",
    "dct:license": "licence",
    "dct:publisher": "éditeur",
    "dct:creator": "auteur",
    "dct:format": "format",
    "dct:temporal": "période couverte",
    "dct:spatial": "couverture géographique",
    "dct:language": "langue",
    "dct:conformsTo": "conforme à",
    "igeo:codeINSEE": "code INSEE",
    "igeo:nom": "nom",
    "igeo:subdivisionDirecte": "subdivision directe",
    "igeo:subdivisionDirecteDe": "subdivision directe de",
    "org:classification": "catégorie",
    "skos:prefLabel": "libellé préféré",
    "skos:definition": "définition",
    "skos:notation": "notation",
    "skos:inScheme": "schéma",
    "skos:broader": "concept plus large",
    "skos:topConceptOf": "concept de tête de",
    "skos:hasTopConcept": "concept de tête",
    "dcat:distribution": "distribution",
    "dcat:downloadURL": "URL de téléchargement",
    "dcat:accessURL": "URL d'accès",
    "dcat:byteSize": "taille (octets)",
    "dcat:mediaType": "type de média",
    "dcat:dataset": "jeu de données",
    "dcat:service": "service",
    "dcat:landingPage": "page d'accueil",
    "foaf:homepage": "page d'accueil",
    "foaf:name": "nom",
    "void:triples": "triplets",
    "void:entities": "entités",
    "void:class": "classe",
    "void:property": "propriété",
    "prov:wasDerivedFrom": "dérivé de",
}

KINDS = {
    f"{MTP}Metropole": "metropole",
    f"{MTP}PacteMetropolitainInnovation": "pacte",
    f"{MTP}PacteEtatMetropoles": "pacte",
    f"{MTP}ContratDeCooperation": "contrat",
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
