"""Curated facts → RDF, on top of the researched graph:

- each signature is a qualified attribution (PROV-O): the act ``prov:qualifiedAttribution`` a node
  with ``prov:agent`` (the person, or the body when no person is named), ``prov:hadRole`` (a
  concept of ``role-signataire``), ``mtp:auNomDe`` (the body the person acted for) and
  ``mtp:qualite`` (the office as the source words it);
- signing bodies with no official code (State, Région Bretagne...) link to their territory
  (``dct:spatial``) and, for a partner that merged, to its successor (``dct:isReplacedBy``);
- every signature date gains ``xsd:date`` bounds (``mtp:dateAuPlusTot``/``mtp:dateAuPlusTard``)
  that cover its precision and the dates other sources give (``mtp:dateAlternative``);
- every researched fact of a métropole, pact or contract is reified (``rdf:Statement``) and
  ``prov:wasDerivedFrom`` the sources that back it;
- cited pages on a mirror or a test host carry ``mtp:natureSource``.

Hash IRIs (``{act}#signature-…``, ``{resource}#fait-…``) keep these nodes in their resource's
document, and no blank node is created.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import Namespace

from metropoles.iris import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD
from metropoles.records import Body, Code, Signature
from metropoles.sources.facts import split_reference

if TYPE_CHECKING:  # annotations only: mapping imports this module
    from metropoles.rdf.mapping import Mapper

ROLE_SCHEME = "role-signataire"
SOURCE_KIND_SCHEME = "nature-source"
DATATYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
# Statements that are not researched facts, or carry their sources themselves.
NOT_FACTS = frozenset(
    {RDF.type, RDFS.label, DCTERMS.source, PROV.qualifiedAttribution, PROV.wasAttributedTo}
)
Key = tuple[URIRef, URIRef]


def span(value: str) -> tuple[date, date]:
    """The first and last day a date known to the day, month or year may be.

    >>> span("2017-01")
    (datetime.date(2017, 1, 1), datetime.date(2017, 1, 31))
    >>> span("2018")
    (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    """
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def typed_date(value: str) -> Literal:
    """A date literal typed by its precision (xsd:date, xsd:gYearMonth or xsd:gYear)."""
    return Literal(value, datatype=DATATYPES[len(value)])


def add_facts(mapper: Mapper) -> None:
    """Add the curated facts to the researched graph of ``mapper``."""
    FactsMapper(mapper).map()


class FactsMapper:
    """Adds signatures, bodies, date bounds, per-fact sources and source kinds."""

    def __init__(self, mapper: Mapper) -> None:
        self.mapper = mapper
        self.iris = mapper.iris
        self.mtp = Namespace(str(mapper.iris.vocab))
        self.records = mapper.records
        self.facts = mapper.records.facts
        self.graph: Graph = mapper.mapped.recherche
        self.acts = {p.id: self.iris.pacte(p.id) for p in self.records.pacts} | {
            c.id: self.iris.contrat(c.id) for c in self.records.contracts
        }

    def map(self) -> None:
        self.map_codes(ROLE_SCHEME, self.facts.roles)
        self.map_codes(SOURCE_KIND_SCHEME, self.facts.source_kinds)
        for body in self.facts.bodies:
            self.map_body(body)
        for signature in self.facts.signatures:
            self.map_signature(signature)
        self.map_pact_notes()
        self.map_dates()
        self.map_translated_labels()
        self.map_fact_statements()
        self.map_source_kinds()

    # --- code lists -----------------------------------------------------------------------

    def map_codes(self, scheme: str, codes: list[Code]) -> None:
        for code in codes:
            s = self.mapper._concept(scheme, code.code, code.label_fr, code.label_en, code.origin)
            self.mapper._top_concept(scheme, s)
            self.mapper._add(self.graph, s, SKOS.definition, self.mapper._fr(code.definition_fr))

    def map_translated_labels(self) -> None:
        """English labels of our concepts are translations we propose, not official names."""
        by_id = {c.id: c for c in self.records.concepts}
        note = Literal("Libellé anglais proposé (traduction), pas un nom officiel.", lang="fr")
        for concept_id in self.facts.translated_labels:
            concept = by_id.get(concept_id)
            if concept is not None and concept.label_en:
                s = self.iris.concept(concept.scheme, concept.id)
                self.graph.add((s, SKOS.editorialNote, note))

    # --- bodies and signatures ----------------------------------------------------------------

    def agent(self, reference: str) -> URIRef:
        """The IRI of ``organisation:<id>``, ``metropole:<SIREN>`` or ``epci:<SIREN>``."""
        kind, key = split_reference(reference)
        if kind == "organisation":
            return self.iris.organisation(key)
        if kind == "metropole":
            return self.iris.metropole(key)
        return self.mapper.organisation(key)

    def agent_label(self, reference: str) -> str:
        """The name of a body: its Etalab name, or its curated or partner name."""
        kind, key = split_reference(reference)
        if kind in ("metropole", "epci"):
            return self.mapper.epci[key].nom
        names = {b.id: b.label for b in self.facts.bodies} | {
            p.key: p.name for c in self.records.contracts for p in c.partners if p.kind == "local"
        }
        return names[key]

    def map_body(self, body: Body) -> None:
        g, s = self.graph, self.iris.organisation(body.id)
        self.mapper._describe(g, s, [ORG.Organization], body.label, body.origin)
        g.add((s, ORG.classification, self.iris.concept("type-organisation", body.org_type)))
        if body.territory:
            kind, code = split_reference(body.territory)
            territory = self.iris.region(code) if kind == "region" else self.iris.departement(code)
            g.add((s, DCTERMS.spatial, territory))
        if body.successor_siren:
            g.add((s, DCTERMS.isReplacedBy, self.mapper.organisation(body.successor_siren)))
        self.mapper._add(g, s, RDFS.comment, self.mapper._fr(body.notes))
        self.mapper._sources(g, s, body.sources)

    def map_signature(self, sig: Signature) -> None:
        g, act = self.graph, self.acts[sig.act_id]
        body = self.agent(sig.acting_for)
        if sig.person_id:
            agent = self.iris.personne(sig.person_id)
            self.mapper._describe(g, agent, [PROV.Person, FOAF.Person], sig.person_name, sig.origin)
            g.add((agent, FOAF.name, Literal(sig.person_name)))
            key = sig.person_id
        else:
            agent, key = body, sig.acting_for.replace(":", "-")
        node = URIRef(f"{act}#signature-{key}")
        role = next(r.label_fr for r in self.facts.roles if r.code == sig.role)
        name = sig.person_name or self.agent_label(sig.acting_for)
        g.add((node, RDFS.label, Literal(f"Signature de {name} ({role})", lang="fr")))
        g.add((act, PROV.wasAttributedTo, agent))
        g.add((act, PROV.qualifiedAttribution, node))
        g.add((node, RDF.type, PROV.Attribution))
        g.add((node, PROV.agent, agent))
        g.add((node, PROV.hadRole, self.iris.concept(ROLE_SCHEME, sig.role)))
        if sig.person_id:
            g.add((node, self.mtp.auNomDe, body))
        self.mapper._add(g, node, self.mtp.qualite, self.mapper._fr(sig.office))
        self.mapper._sources(g, node, sig.sources)

    def map_pact_notes(self) -> None:
        """What metropoles.csv says of each métropole's innovation pact (or its absence)."""
        for m in self.facts.metropole_sources:
            note = self.mapper._fr(m.pact_note)
            self.mapper._add(
                self.graph, self.iris.metropole(m.siren), self.mtp.notePacteInnovation, note
            )

    # --- dates ----------------------------------------------------------------------------

    def map_dates(self) -> None:
        """Bounds for every dated act, widened to the dates other sources give."""
        alternatives = defaultdict(list)
        for alt in self.facts.date_alternatives:
            alternatives[alt.act_id].append(alt.date)
            self.graph.add((self.acts[alt.act_id], self.mtp.dateAlternative, typed_date(alt.date)))
        dates = {p.id: p.date for p in self.records.pacts} | {
            c.id: c.date for c in self.records.contracts
        }
        for act_id, value in dates.items():
            if not value:
                continue
            spans = [span(v) for v in (value, *alternatives[act_id])]
            earliest, latest = min(s[0] for s in spans), max(s[1] for s in spans)
            s = self.acts[act_id]
            self.graph.add((s, self.mtp.dateAuPlusTot, Literal(earliest, datatype=XSD.date)))
            self.graph.add((s, self.mtp.dateAuPlusTard, Literal(latest, datatype=XSD.date)))

    # --- a source for each fact -------------------------------------------------------------

    def sources_by_fact(self) -> tuple[dict[URIRef, list[URIRef]], dict[Key, list[URIRef]]]:
        """The sources of each researched resource, and of each of its properties where a
        source column or fact_sources.csv is more precise."""
        resource: dict[URIRef, list[URIRef]] = {}
        by_property: dict[Key, list[URIRef]] = {}
        for p in self.records.pacts:
            resource[self.iris.pacte(p.id)] = [URIRef(u) for u in p.sources]
        for c in self.records.contracts:
            resource[self.iris.contrat(c.id)] = [URIRef(u) for u in c.sources]
        pact_of = {p.metropole_siren: self.iris.pacte(p.id) for p in self.records.pacts}
        for m in self.facts.metropole_sources:
            s = self.iris.metropole(m.siren)
            resource[s] = [URIRef(u) for u in m.date_sources + m.seat_sources]
            for prop in ("dateStatutMetropole", "fondementJuridique", "statutJuridique"):
                by_property[(s, self.mtp[prop])] = [URIRef(u) for u in m.date_sources]
            by_property[(s, self.mtp.siege)] = [URIRef(u) for u in m.seat_sources]
            if m.siren in pact_of:  # the note restates what the pact's record says
                by_property[(s, self.mtp.notePacteInnovation)] = [pact_of[m.siren]]
        for f in self.facts.fact_sources:
            s = self.acts.get(f.resource_id) or self.iris.metropole(f.resource_id)
            by_property[(s, self.curie(f.property))] = [URIRef(u) for u in f.sources]
        for alt in self.facts.date_alternatives:
            s = self.acts[alt.act_id]
            issued = by_property.get((s, DCTERMS.issued), resource[s])
            for bound in (self.mtp.dateAuPlusTot, self.mtp.dateAuPlusTard):
                widened = by_property.get((s, bound), issued)
                by_property[(s, bound)] = _unique([*widened, *map(URIRef, alt.sources)])
        return resource, by_property

    def curie(self, value: str) -> URIRef:
        prefix, _, local = value.partition(":")
        return self.mtp[local] if prefix == "mtp" else DCTERMS[local]

    def map_fact_statements(self) -> None:
        """One ``rdf:Statement`` per researched fact, derived from the sources that back it."""
        resource, by_property = self.sources_by_fact()
        alternatives: dict[tuple[URIRef, Node], list[URIRef]] = {
            (self.acts[a.act_id], typed_date(a.date)): [URIRef(u) for u in a.sources]
            for a in self.facts.date_alternatives
        }
        g = self.graph
        for s, sources in sorted(resource.items()):
            for p, o in sorted(g.predicate_objects(s)):
                if p in NOT_FACTS or not sources:
                    continue
                assert isinstance(p, URIRef) and isinstance(o, URIRef | Literal)
                derived = alternatives.get((s, o)) if p == self.mtp.dateAlternative else None
                bounds = p in (self.mtp.dateAuPlusTot, self.mtp.dateAuPlusTard)
                fallback = by_property.get((s, DCTERMS.issued), sources) if bounds else sources
                self.map_statement(s, p, o, derived or by_property.get((s, p), fallback))

    def map_statement(
        self, s: URIRef, p: URIRef, o: URIRef | Literal, sources: list[URIRef]
    ) -> None:
        g = self.graph
        digest = hashlib.sha1(f"{p} {o.n3()}".encode()).hexdigest()[:8]
        local = str(p).rpartition("#")[2].rpartition("/")[2]
        node = URIRef(f"{s}#fait-{local}-{digest}")
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        for source in sources:
            g.add((node, PROV.wasDerivedFrom, source))

    # --- mirrors and test hosts ------------------------------------------------------------------

    def map_source_kinds(self) -> None:
        """Mark every cited page whose host is a known mirror or test host."""
        kinds = {
            h.host: self.iris.concept(SOURCE_KIND_SCHEME, h.kind) for h in self.facts.source_hosts
        }
        cited = set(self.graph.objects(None, DCTERMS.source)) | set(
            self.graph.objects(None, PROV.wasDerivedFrom)
        )
        for url in cited:
            kind = kinds.get(urlsplit(str(url)).hostname or "")
            if isinstance(url, URIRef) and kind is not None:
                self.graph.add((url, self.mtp.natureSource, kind))


def _unique(items: list[URIRef]) -> list[URIRef]:
    return list(dict.fromkeys(items))
