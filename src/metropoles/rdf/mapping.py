"""Records → RDF. Pure functions, one per entity kind; IRIs come from iris.py and no blank node is
ever created, so two runs give the same triples."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import Namespace

from metropoles.iris import DCTERMS, IGEO, ORG, RDF, RDFS, SKOS, XSD, Iris
from metropoles.rdf.facts import add_facts
from metropoles.rdf.history import add_history
from metropoles.records import (
    Commune,
    Concept,
    Contract,
    ContractType,
    Country,
    Departement,
    Epci,
    Metropole,
    Origin,
    Pact,
    Partner,
    Records,
    Region,
    Scheme,
    Search,
)

ETALAB = "https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/"
# Countries are the EU Publications Office authority table's (ISO 3166-1 alpha-3 codes).
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
METROPOLE_TYPES = ("METRO", "MET69")


@dataclass
class Mapped:
    """The data graphs by source, and where each subject came from (for error reports)."""

    reference: Graph
    recherche: Graph
    origins: dict[URIRef, Origin] = field(default_factory=dict)


def data_graph() -> Graph:
    """An empty graph for mapped triples: rdflib's store without named-graph bookkeeping, which
    adds and lists triples twice as fast (each data graph is one named graph of the dumps)."""
    return Graph(store="SimpleMemory")


def reachable_description(mapped: Mapped, base: str) -> Graph:
    """The researched facts plus every reference resource they lead to (métropole → territory →
    communes → département → région, partners, concepts): the part of the graph that SHACL
    validates. In the default scope that is the whole graph; in the France scope the other
    Etalab resources are checked by the source rules only (pySHACL would take an hour on them)."""
    graphs = (mapped.reference, mapped.recherche)
    seen: set[URIRef] = set()
    frontier = {s for s in mapped.recherche.subjects() if isinstance(s, URIRef)}
    # The memberships through the millésimes (a thousand Etalab rows) are checked by the source
    # rules, like the France scope's reference; their shape is tested on the real data.
    not_followed = URIRef(base + "def/metropoles#adhesion")
    while frontier:
        seen |= frontier
        linked = {
            o
            for g in graphs
            for s in frontier
            for p, o in g.predicate_objects(s)
            if p != not_followed
        }
        frontier = {
            o for o in linked if isinstance(o, URIRef) and str(o).startswith(base) and o not in seen
        }
    subgraph = Graph()
    for graph in graphs:
        for subject in seen:
            for p, o in graph.predicate_objects(subject):
                subgraph.add((subject, p, o))
    return subgraph


def to_graphs(records: Records, iris: Iris) -> Mapped:
    """Map every record to triples: Etalab facts in ``reference``, researched facts in
    ``recherche``."""
    mapper = Mapper(iris, records)
    mapper.map_reference()
    add_history(mapper)
    mapper.map_research()
    add_facts(mapper)
    return mapper.mapped


class Mapper:
    """Holds the lookups the per-entity functions need; adds triples to two graphs."""

    def __init__(self, iris: Iris, records: Records) -> None:
        self.iris = iris
        self.mtp = Namespace(str(iris.vocab))
        self.records = records
        self.epci = {e.siren: e for e in records.reference.epci}
        self.members: dict[str, list[str]] = defaultdict(list)
        for siren, code in records.reference.membres:
            self.members[siren].append(code)
        self.mapped = Mapped(data_graph(), data_graph())

    # --- helpers --------------------------------------------------------------------------

    def _add(self, graph: Graph, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None and str(o) != "":
            graph.add((s, p, o))

    def _fr(self, text: str) -> Literal | None:
        return Literal(text, lang="fr") if text else None

    def _describe(
        self, graph: Graph, s: URIRef, types: Iterable[URIRef], label: str, origin: Origin
    ) -> None:
        for type_ in types:
            graph.add((s, RDF.type, type_))
        self._add(graph, s, RDFS.label, self._fr(label))
        self.mapped.origins.setdefault(s, origin)

    def _sources(self, graph: Graph, s: URIRef, urls: Iterable[str]) -> None:
        for url in urls:
            graph.add((s, DCTERMS.source, URIRef(url)))

    def organisation(self, siren: str) -> URIRef:
        """The organisation IRI of an EPCI: a métropole IRI for métropoles."""
        epci = self.epci.get(siren)
        is_metropole = epci is not None and epci.type in METROPOLE_TYPES
        return self.iris.metropole(siren) if is_metropole else self.iris.epci(siren)

    # --- reference (Etalab) -------------------------------------------------------------

    def map_reference(self) -> None:
        ref = self.records.reference
        for epci in ref.epci:
            self.map_epci(epci)
        for commune in ref.communes:
            self.map_commune(commune)
        for departement in ref.departements:
            self.map_departement(departement)
        for region in ref.regions:
            self.map_region(region)

    def map_epci(self, epci: Epci) -> None:
        g, org = self.mapped.reference, self.organisation(epci.siren)
        kind = self.mtp.Metropole if epci.type in METROPOLE_TYPES else ORG.FormalOrganization
        self._describe(g, org, [kind], epci.nom, epci.origin)
        g.add((org, self.mtp.siren, Literal(epci.siren)))
        g.add((org, ORG.classification, self.iris.concept("type-organisation", epci.type)))
        g.add((org, DCTERMS.source, URIRef(ETALAB + "epci.json")))
        if self.members.get(epci.siren):
            self.map_territory(epci, org)

    def map_territory(self, epci: Epci, org: URIRef) -> None:
        g, territory = self.mapped.reference, self.iris.territoire(epci.siren)
        self._describe(
            g, territory, [IGEO.Intercommunalite], f"Territoire de {epci.nom}", epci.origin
        )
        g.add((org, self.mtp.territoire, territory))
        g.add((territory, self.mtp.territoireDe, org))
        g.add((territory, IGEO.codeINSEE, Literal(epci.siren)))
        g.add((territory, IGEO.nom, Literal(epci.nom, lang="fr")))
        self._population(g, territory, epci.population_municipale, epci.population_totale)
        for code in sorted(self.members[epci.siren]):
            g.add((territory, IGEO.subdivisionDirecte, self.iris.commune(code)))
        g.add((territory, DCTERMS.source, URIRef(ETALAB + "epci.json")))

    def _population(self, g: Graph, s: URIRef, municipale: int | None, totale: int | None) -> None:
        if municipale is not None:
            g.add((s, self.mtp.populationMunicipale, Literal(municipale, datatype=XSD.integer)))
        if totale is not None:
            g.add((s, self.mtp.populationTotale, Literal(totale, datatype=XSD.integer)))

    def map_commune(self, commune: Commune) -> None:
        g, s = self.mapped.reference, self.iris.commune(commune.code)
        self._describe(g, s, [IGEO.Commune], commune.nom, commune.origin)
        g.add((s, IGEO.codeINSEE, Literal(commune.code)))
        g.add((s, IGEO.nom, Literal(commune.nom, lang="fr")))
        self._add(g, s, self.mtp.siren, Literal(commune.siren) if commune.siren else None)
        self._population(g, s, commune.population_municipale, commune.population_totale)
        g.add((s, IGEO.subdivisionDirecteDe, self.iris.departement(commune.departement)))
        g.add((s, DCTERMS.source, URIRef(ETALAB + "communes.json")))

    def map_departement(self, dep: Departement) -> None:
        g, s = self.mapped.reference, self.iris.departement(dep.code)
        self._describe(g, s, [IGEO.Departement], dep.nom, dep.origin)
        g.add((s, IGEO.codeINSEE, Literal(dep.code)))
        g.add((s, IGEO.nom, Literal(dep.nom, lang="fr")))
        g.add((s, IGEO.subdivisionDirecteDe, self.iris.region(dep.region)))
        g.add((s, DCTERMS.source, URIRef(ETALAB + "departements.json")))

    def map_region(self, region: Region) -> None:
        g, s = self.mapped.reference, self.iris.region(region.code)
        self._describe(g, s, [IGEO.Region], region.nom, region.origin)
        g.add((s, IGEO.codeINSEE, Literal(region.code)))
        g.add((s, IGEO.nom, Literal(region.nom, lang="fr")))
        g.add((s, DCTERMS.source, URIRef(ETALAB + "regions.json")))

    # --- researched facts ------------------------------------------------------------------

    def map_research(self) -> None:
        for metropole in self.records.metropoles:
            self.map_metropole(metropole)
        subjects = self._subjects_by_act()
        national = next(p for p in self.records.pacts if p.national)
        for pact in self.records.pacts:
            self.map_pact(pact, national, subjects[pact.id])
        for contract in self.records.contracts:
            self.map_contract(contract, subjects[contract.id])
        for search in self.records.searches:
            self.map_search(search)
        self.map_vocabularies()
        self.map_countries()

    def map_metropole(self, m: Metropole) -> None:
        g, s = self.mapped.recherche, self.iris.metropole(m.siren)
        self.mapped.origins[s] = m.origin  # the curated row explains more than Etalab's
        self._add(
            g, s, self.mtp.sirenAnterieur, Literal(m.siren_anterieur) if m.siren_anterieur else None
        )
        self._add(g, s, self.mtp.statutJuridique, self._fr(m.statut_juridique))
        if m.date_statut:
            g.add((s, self.mtp.dateStatutMetropole, Literal(m.date_statut, datatype=XSD.date)))
        self._add(g, s, self.mtp.fondementJuridique, self._fr(m.fondement_juridique))
        self._add(g, s, self.mtp.siege, self.iris.commune(m.siege) if m.siege else None)
        self._add(g, s, RDFS.comment, self._fr(m.notes))
        self._sources(g, s, m.sources)

    def _subjects_by_act(self) -> dict[str, list[URIRef]]:
        """Concepts per pact or contract id, from the ``used_by`` column of themes.csv."""
        subjects: dict[str, list[URIRef]] = defaultdict(list)
        for concept in self.records.concepts:
            for act in concept.used_by:
                subjects[act].append(self.iris.concept(concept.scheme, concept.id))
        return subjects

    def map_pact(self, p: Pact, national: Pact, subjects: list[URIRef]) -> None:
        g, s = self.mapped.recherche, self.iris.pacte(p.id)
        if p.national:
            self._describe(g, s, [self.mtp.PacteEtatMetropoles], "Pacte État-métropoles", p.origin)
            g.add((s, RDFS.label, Literal("State–métropoles pact", lang="en")))
        else:
            self.map_innovation_pact(p, national)
        self._signature(g, s, p.date, p.date_note, p.place)
        self._add(g, s, self.mtp.signataireEtat, self._fr(p.state_signatories))
        self._add(g, s, self.mtp.autreSignataire, self._fr(p.other_signatories))
        if p.amount:
            g.add((s, self.mtp.montantEtat, Literal(p.amount, datatype=XSD.decimal)))
        self._add(g, s, self.mtp.noteMontant, self._fr(p.amount_note))
        self._add(g, s, self.mtp.descriptionThemes, self._fr(p.themes_text))
        self._add(g, s, self.mtp.voletCooperation, self._fr(p.cooperation_note))
        if p.ordinal is not None:
            g.add((s, self.mtp.rangSignature, Literal(p.ordinal, datatype=XSD.positiveInteger)))
        self._add(g, s, RDFS.comment, self._fr(p.notes))
        for subject in subjects:
            g.add((s, DCTERMS.subject, subject))
        self._sources(g, s, p.sources)

    def map_innovation_pact(self, p: Pact, national: Pact) -> None:
        g, s = self.mapped.recherche, self.iris.pacte(p.id)
        name = self.epci[p.metropole_siren].nom
        self._describe(
            g,
            s,
            [self.mtp.PacteMetropolitainInnovation],
            f"Pacte métropolitain d'innovation — {name}",
            p.origin,
        )
        g.add((s, RDFS.label, Literal(f"Metropolitan innovation pact — {name}", lang="en")))
        g.add((s, self.mtp.metropole, self.iris.metropole(p.metropole_siren)))
        g.add((s, self.mtp.pacteNational, self.iris.pacte(national.id)))
        if p.axe_national:
            axis = self.iris.concept("axes-nationaux-juillet-2016", p.axe_national)
            g.add((s, self.mtp.axeNational, axis))

    def _signature(self, g: Graph, s: URIRef, date: str, note: str, place: str) -> None:
        """The signature date, typed by what is known: a day, a month or only a year."""
        if date:
            datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(date)]
            g.add((s, DCTERMS.issued, Literal(date, datatype=datatype)))
        self._add(g, s, self.mtp.noteDate, self._fr(note))
        self._add(g, s, self.mtp.lieuSignature, self._fr(place))

    def map_contract(self, c: Contract, subjects: list[URIRef]) -> None:
        g, s = self.mapped.recherche, self.iris.contrat(c.id)
        self._describe(g, s, [self.mtp.ContratDeCooperation], self._contract_label(c), c.origin)
        g.add((s, self.mtp.metropole, self.iris.metropole(c.metropole_siren)))
        g.add((s, self.mtp.typeContrat, self.iris.concept("type-contrat", c.type_code)))
        g.add((s, self.mtp.designation, Literal(c.designation, lang="fr")))
        g.add((s, self.mtp.lienAuPacte, Literal(c.link_to_pact, lang="fr")))
        self._add(g, s, self.mtp.pacte, self.iris.pacte(c.pact_id) if c.pact_id else None)
        self._signature(g, s, c.date, c.date_note, c.place)
        self._deduced_date(g, s, c.date_deduced)
        self._add(g, s, self.mtp.contexte, self._fr(c.context))
        self._add(g, s, self.mtp.descriptionThemes, self._fr(c.themes_text))
        self._add(g, s, RDFS.comment, self._fr(c.notes))
        for note in c.partner_notes:
            g.add((s, RDFS.comment, Literal(note, lang="fr")))
        for partner in c.partners:
            g.add((s, self._partner_link(partner), self.map_partner(partner, c)))
        for subject in subjects:
            g.add((s, DCTERMS.subject, subject))
        self._sources(g, s, c.sources)

    def _deduced_date(self, g: Graph, s: URIRef, date: str) -> None:
        """A date the sources imply (a weekday, "dernier") without writing it: kept apart from
        dct:issued so that a reuser never mistakes it for a stated date."""
        if date:
            datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(date)]
            g.add((s, self.mtp.dateDeduite, Literal(date, datatype=datatype)))

    def _partner_link(self, partner: Partner) -> URIRef:
        """mtp:partenaire, or mtp:partenaireNonConfirme when sources only suggest the party."""
        return self.mtp.partenaire if partner.confirmed else self.mtp.partenaireNonConfirme

    def _contract_label(self, c: Contract) -> str:
        metropole = self.epci[c.metropole_siren].nom
        confirmed = [p for p in c.partners if p.confirmed]
        partners = (
            self._partner_name(confirmed[0])
            if len(confirmed) == 1
            else f"{len(confirmed)} partenaires"
        )
        return f"{c.designation[0].upper()}{c.designation[1:]} — {metropole} et {partners}"

    def _partner_name(self, partner: Partner) -> str:
        if partner.kind == "siren":
            return self.epci[partner.key].nom
        return partner.name

    def map_partner(self, partner: Partner, contract: Contract) -> URIRef:
        """The partner's IRI; uncoded partners are described here, coded ones by Etalab."""
        if partner.kind == "siren":
            return self.organisation(partner.key)
        if partner.kind == "commune":
            return self.iris.commune(partner.key)
        if partner.kind == "departement":
            return self.map_departement_partner(partner, contract)
        g, s = self.mapped.recherche, self.iris.organisation(partner.key)
        self._describe(g, s, [ORG.Organization], partner.name, partner.origin)
        if partner.org_type:
            g.add((s, ORG.classification, self.iris.concept("type-organisation", partner.org_type)))
        self._partner_details(g, s, partner)
        self._sources(g, s, contract.sources)
        return s

    def map_departement_partner(self, partner: Partner, contract: Contract) -> URIRef:
        """The département as a local authority (the co-signer), linked to its territory; its
        IRI comes from the INSEE code, its label from the first row that names it."""
        g, s = self.mapped.recherche, self.iris.organisation(f"departement-{partner.key}")
        if s not in self.mapped.origins:
            self._describe(g, s, [ORG.Organization], partner.name, partner.origin)
            g.add((s, ORG.classification, self.iris.concept("type-organisation", "DEPARTEMENT")))
            g.add((s, DCTERMS.spatial, self.iris.departement(partner.key)))
        self._sources(g, s, contract.sources)
        return s

    def _partner_details(self, g: Graph, s: URIRef, partner: Partner) -> None:
        """Country and official code of a foreign body; size of a group of unnamed members."""
        if partner.country:
            g.add((s, self.mtp.pays, URIRef(EU_COUNTRY + partner.country)))
        if partner.official_code:
            g.add((s, self.mtp.codeISTAT, Literal(partner.official_code)))
        if partner.group_size is not None:
            size = Literal(partner.group_size, datatype=XSD.positiveInteger)
            g.add((s, self.mtp.nombreMembres, size))

    # --- searches that found nothing ---------------------------------------------------------

    def map_search(self, search: Search) -> None:
        """A search for a métropole's agreements that found none: "no agreement found" is then
        an answer, distinct from "not researched"."""
        g, s = self.mapped.recherche, self.iris.recherche(search.id)
        name = self.epci[search.metropole_siren].nom
        label = f"Recherche d'accords sans résultat — {name} ({search.date})"
        self._describe(g, s, [self.mtp.RechercheSansResultat], label, search.origin)
        g.add((s, RDFS.label, Literal(f"Search for agreements, none found — {name}", lang="en")))
        g.add((s, self.mtp.metropoleRecherchee, self.iris.metropole(search.metropole_siren)))
        g.add((s, DCTERMS.date, Literal(search.date, datatype=XSD.date)))
        g.add((s, self.mtp.resultatRecherche, Literal(search.result, lang="fr")))
        for searched in search.searched:
            g.add((s, self.mtp.elementRecherche, Literal(searched, lang="fr")))
        self._add(g, s, self.mtp.elementsProches, self._fr(search.closest_findings))
        self._add(g, s, RDFS.comment, self._fr(search.notes))
        self._sources(g, s, search.sources)

    def map_countries(self) -> None:
        """Labels for the EU authority country IRIs that foreign partners point to."""
        used = {p.country for c in self.records.contracts for p in c.partners if p.country}
        for country in self.records.countries:
            if country.code in used:
                self.map_country(country)

    def map_country(self, country: Country) -> None:
        g, s = self.mapped.recherche, URIRef(EU_COUNTRY + country.code)
        g.add((s, RDFS.label, Literal(country.label_fr, lang="fr")))
        g.add((s, RDFS.label, Literal(country.label_en, lang="en")))

    # --- vocabularies (SKOS) ---------------------------------------------------------------

    def map_vocabularies(self) -> None:
        for scheme in self.records.schemes:
            self.map_scheme(scheme)
        for concept in self.records.concepts:
            self.map_concept(concept)
        for t in self.records.contract_types:
            self.map_contract_type(t)
        for o in self.records.organisation_types:
            s = self._concept("type-organisation", o.code, o.label_fr, o.label_en, o.origin)
            self._top_concept("type-organisation", s)

    def map_contract_type(self, t: ContractType) -> None:
        """A family of acts under its head concept, or a head concept (top of the scheme)."""
        g = self.mapped.recherche
        s = self._concept("type-contrat", t.code, t.label_fr, t.label_en, t.origin)
        if t.broader:
            g.add((s, SKOS.broader, self.iris.concept("type-contrat", t.broader)))
        else:
            self._top_concept("type-contrat", s)
        self._add(g, s, SKOS.definition, self._fr(t.definition_fr))
        if t.definition_en:
            g.add((s, SKOS.definition, Literal(t.definition_en, lang="en")))

    def map_scheme(self, scheme: Scheme) -> None:
        g, s = self.mapped.recherche, self.iris.scheme(scheme.id)
        self._describe(g, s, [SKOS.ConceptScheme], scheme.title_fr, scheme.origin)
        g.add((s, SKOS.prefLabel, Literal(scheme.title_fr, lang="fr")))
        g.add((s, DCTERMS.title, Literal(scheme.title_fr, lang="fr")))
        if scheme.title_en:
            g.add((s, SKOS.prefLabel, Literal(scheme.title_en, lang="en")))
            g.add((s, DCTERMS.title, Literal(scheme.title_en, lang="en")))
        g.add((s, DCTERMS.description, Literal(scheme.description_fr, lang="fr")))
        self._sources(g, s, scheme.sources)

    def _concept(
        self, scheme_id: str, notation: str, label_fr: str, label_en: str, origin: Origin
    ) -> URIRef:
        g, s = self.mapped.recherche, self.iris.concept(scheme_id, notation)
        scheme = self.iris.scheme(scheme_id)
        self._describe(g, s, [SKOS.Concept], label_fr, origin)
        g.add((s, SKOS.prefLabel, Literal(label_fr, lang="fr")))
        if label_en:
            g.add((s, SKOS.prefLabel, Literal(label_en, lang="en")))
        g.add((s, SKOS.notation, Literal(notation)))
        g.add((s, SKOS.inScheme, scheme))
        return s

    def _top_concept(self, scheme_id: str, concept: URIRef) -> None:
        g, scheme = self.mapped.recherche, self.iris.scheme(scheme_id)
        g.add((concept, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, concept))

    def map_concept(self, c: Concept) -> None:
        g = self.mapped.recherche
        s = self._concept(c.scheme, c.id, c.label_fr, c.label_en, c.origin)
        broader = next((b for b in self.records.concepts if b.id == c.broader), None)
        if broader is not None:
            g.add((s, SKOS.broader, self.iris.concept(broader.scheme, broader.id)))
        if broader is None or broader.scheme != c.scheme:
            self._top_concept(c.scheme, s)
        self._add(g, s, RDFS.comment, self._fr(c.notes))
        self._sources(g, s, c.sources)
