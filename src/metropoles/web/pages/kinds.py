"""What each kind of resource shows first: its key facts (unknown ones said so), external
registry links, and related lists (member communes, pacts, contracts)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.pages.describe import labels, query, select
from metropoles.web.pages.values import Term, Value, date_text, euros, number, precision
from metropoles.web.pages.view import Labeller, ResourceView

ANNUAIRE = "https://annuaire-entreprises.data.gouv.fr/entreprise/{}"
INSEE_STATS = "https://www.insee.fr/fr/statistiques/1405599?geo={}-{}"
INSEE_LEVEL = {"commune": "COM", "territoire": "EPCI", "departement": "DEP", "region": "REG"}
DCT, FOAF, IGEO, ORG, SKOS = (PREFIXES[p] for p in ("dct", "foaf", "igeo", "org", "skos"))

# (label, property local name or full IRI) shown first for each kind
KEY_FACTS: dict[str, list[tuple[str, str]]] = {
    "metropole": [
        ("Catégorie", f"{ORG}classification"),
        ("Statut juridique", "statutJuridique"),
        ("Fondement juridique", "fondementJuridique"),
        ("Siège", "siege"),
        ("Territoire", "territoire"),
        ("Pacte métropolitain d'innovation", "notePacteInnovation"),
    ],
    "pacte": [
        ("Métropole", "metropole"),
        ("Pacte national", "pacteNational"),
        ("Lieu de signature", "lieuSignature"),
        ("Signataires pour l'État", "signataireEtat"),
        ("Autres signataires", "autreSignataire"),
        ("Axe national", "axeNational"),
        ("Thèmes", f"{DCT}subject"),
        ("Description des thèmes", "descriptionThemes"),
        ("Volet coopération", "voletCooperation"),
    ],
    "contrat": [
        ("Désignation", "designation"),
        ("Type", "typeContrat"),
        ("Métropole", "metropole"),
        ("Partenaires", "partenaire"),
        ("Lieu de signature", "lieuSignature"),
        ("Pacte lié", "pacte"),
        ("Lien au pacte", "lienAuPacte"),
        ("Thèmes", f"{DCT}subject"),
        ("Description des thèmes", "descriptionThemes"),
        ("Contexte", "contexte"),
    ],
    "territoire": [("Nom", f"{IGEO}nom"), ("Organisation", "territoireDe")],
    "commune": [
        ("Nom", f"{IGEO}nom"),
        ("Département", f"{IGEO}subdivisionDirecteDe"),
        ("Population municipale", "populationMunicipale"),
    ],
    "departement": [("Nom", f"{IGEO}nom"), ("Région", f"{IGEO}subdivisionDirecteDe")],
    "region": [("Nom", f"{IGEO}nom")],
    "organisation": [("Catégorie", f"{ORG}classification"), ("Territoire", "territoire")],
    "personne": [("Nom", f"{FOAF}name")],
    "recherche": [
        ("Métropole recherchée", "metropoleRecherchee"),
        ("Date de la recherche", f"{DCT}date"),
        ("Résultat", "resultatRecherche"),
        ("Éléments recherchés", "elementRecherche"),
        ("Ce qui s'en approchait le plus", "elementsProches"),
    ],
    "concept": [
        ("Notation", f"{SKOS}notation"),
        ("Liste", f"{SKOS}inScheme"),
        ("Concept plus large", f"{SKOS}broader"),
    ],
}


@dataclass(frozen=True)
class Fact:
    """A labelled fact on a page (values may say 'inconnu')."""

    label: str
    values: list[Value]


@dataclass(frozen=True)
class CommuneRow:
    """A member commune in a table."""

    commune: Value
    code: str
    population: str


def key_facts(view: ResourceView, labeller: Labeller, mtp: str) -> list[Fact]:
    """The facts shown first for this kind, dates and amounts included even when unknown."""
    facts = _identifiers(view, mtp) + _dates(view, mtp)
    for label, prop in KEY_FACTS.get(view.kind, []):
        iri = prop if "://" in prop else mtp + prop
        values = [labeller.node(t) for t in view.objects.get(iri, [])]
        if values:
            facts.append(Fact(label, values))
    if view.kind == "pacte":
        facts.append(Fact("Montant de l'État", [Value(euros(view.literal(mtp + "montantEtat")))]))
        facts += _optional(view, "Note sur le montant", mtp + "noteMontant")
    return facts


def _identifiers(view: ResourceView, mtp: str) -> list[Fact]:
    facts = []
    for label, iri in (("SIREN", mtp + "siren"), ("SIREN antérieur", mtp + "sirenAnterieur")):
        siren = view.literal(iri)
        if siren is not None:
            facts.append(Fact(label, [Value(siren.value, href=ANNUAIRE.format(siren.value))]))
    code = view.literal(IGEO + "codeINSEE")
    if code is not None:
        level = INSEE_LEVEL.get(view.kind)
        href = INSEE_STATS.format(level, code.value) if level else None
        facts.append(Fact("Code INSEE", [Value(code.value, href=href)]))
    return facts


def _dates(view: ResourceView, mtp: str) -> list[Fact]:
    if view.kind == "metropole":
        text = date_text(view.literal(mtp + "dateStatutMetropole"))
        return [Fact("Métropole depuis le", [Value(text)])]
    if view.kind not in ("pacte", "contrat"):
        return []
    issued = view.literal(DCT + "issued")
    known = precision(issued)
    text = date_text(issued) + (f" (précision : {known})" if known else "")
    return [
        Fact("Date de signature", [Value(text)]),
        *_optional(view, "Note sur la date", mtp + "noteDate"),
    ]


def _optional(view: ResourceView, label: str, iri: str) -> list[Fact]:
    literal = view.literal(iri)
    return [Fact(label, [Value(literal.value, lang="fr")])] if literal is not None else []


def member_communes(
    store: Store, view: ResourceView, labeller: Labeller, mtp: str
) -> list[CommuneRow]:
    """The member communes of a métropole's territory (or of a territory), largest first."""
    territory = view.iri if view.kind == "territoire" else _iri(view.first(mtp + "territoire"))
    if territory is None:
        return []
    names = PREFIXES | {"mtp": mtp}
    rows = select(store, query("communes"), names, territory=ox.NamedNode(territory))
    return [
        CommuneRow(
            Value(r["nom"].value, href=labeller.paths.href(r["c"].value), iri=r["c"].value),
            r["code"].value,
            number(r["pop"].value) if r["pop"] is not None else "inconnue",
        )
        for r in rows
    ]


@dataclass(frozen=True)
class CommuneSummary:
    """What a commune page says first, in words: a commune, of which département and
    métropole, with how many inhabitants."""

    name: str
    departement: Value | None
    metropoles: list[Value]
    population: str | None  # population municipale, formatted; None when unknown


def commune_summary(
    store: Store, view: ResourceView, labeller: Labeller, mtp: str
) -> CommuneSummary:
    """The sentence a commune page opens with."""
    names = PREFIXES | {"mtp": mtp}
    rows = select(store, query("commune"), names, commune=ox.NamedNode(view.iri))
    found = [row["metropole"].value for row in rows]
    named = labels(store, found)
    metropoles = [Value(named.get(m, m), href=labeller.paths.href(m), iri=m) for m in found]
    departement = view.first(IGEO + "subdivisionDirecteDe")
    population = view.literal(mtp + "populationMunicipale")
    return CommuneSummary(
        view.label,
        labeller.node(departement) if departement is not None else None,
        metropoles,
        number(population.value) if population is not None else None,
    )


def _iri(term: Term | None) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None
