"""The reference history → RDF (reference graph): for each métropole, its identities through the
millésimes (``mtp:identite``: SIREN, official name, type, first and last millésime) and, on its
territory, each commune's membership (``mtp:adhesion``: code and name as listed, the current
commune when it still exists, first and last millésime). A membership listed under an earlier
SIREN of the same métropole (Lille before 2021) joins the same period. The populations of each
millésime hang off the territory (the métropole's) and off the membership that holds that year
(a member's), one ``mtp:PopulationMillesime`` each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import Namespace

from metropoles.iris import DCTERMS, ORG, RDF, XSD
from metropoles.records import Period
from metropoles.sources.history import MILLESIMES, current_sirens, periods

if TYPE_CHECKING:  # annotations only: mapping imports this module
    from metropoles.rdf.mapping import Mapper

EPCI_URLS = {m.year: URIRef(m.epci_url) for m in MILLESIMES}
YEARS = [m.year for m in MILLESIMES]


def add_history(mapper: Mapper) -> None:
    """Add the identities, memberships and populations of the métropoles to the reference
    graph."""
    history = mapper.records.history
    if not history.identities:
        return
    current = current_sirens(mapper.records)
    mtp = Namespace(str(mapper.iris.vocab))
    for period in history.identities:
        add_identity(mapper, mtp, current[period.siren], period)
    communes = {c.code for c in mapper.records.reference.communes}
    absorbed = dict(history.communes_nouvelles)
    held: dict[tuple[str, str, int], URIRef] = {}  # (SIREN, code, year) -> its membership
    for siren, code, name, first, last in merged_memberships(history.memberships, current):
        node = add_membership(mapper, mtp, siren, (code, name, first, last), code in communes)
        held.update({(siren, code, year): node for year in range(int(first), int(last) + 1)})
        if code not in communes and absorbed.get(code) in communes:
            commune_nouvelle = mapper.iris.commune(absorbed[code])
            mapper.mapped.reference.add((node, mtp.communeActuelle, commune_nouvelle))
    add_populations(mapper, mtp, current, held)
    for siren in sorted(set(current.values())):
        territory = mapper.iris.territoire(siren)
        for url in EPCI_URLS.values():
            mapper.mapped.reference.add((territory, DCTERMS.source, url))


YEAR_LITERALS = {year: Literal(str(year), datatype=XSD.gYear) for year in YEARS}


def _year(value: int) -> Literal:
    return YEAR_LITERALS.get(value) or Literal(str(value), datatype=XSD.gYear)


def add_identity(mapper: Mapper, mtp: Namespace, siren: str, period: Period) -> None:
    g, metropole = mapper.mapped.reference, mapper.iris.metropole(siren)
    node = URIRef(f"{metropole}#identite-{period.siren}-{period.first}")
    g.add((metropole, mtp.identite, node))
    g.add((node, RDF.type, mtp.Identite))
    g.add((node, mtp.siren, Literal(period.siren)))
    g.add((node, mtp.nomOfficiel, Literal(period.key, lang="fr")))
    g.add((node, ORG.classification, mapper.iris.concept("type-organisation", period.label)))
    g.add((node, mtp.premierMillesime, _year(period.first)))
    g.add((node, mtp.dernierMillesime, _year(period.last)))
    for year in {period.first, period.last}:
        g.add((node, DCTERMS.source, EPCI_URLS[year]))


def merged_memberships(memberships: list[Period], current: dict[str, str]) -> list[tuple[str, ...]]:
    """(current SIREN, commune code, commune name, first, last): periods listed under the
    métropole's earlier SIREN merged with those under its current one."""
    observations = [
        ((current[p.siren], p.key, p.label), year)
        for p in memberships
        for year in YEARS
        if p.first <= year <= p.last
    ]
    return periods(observations, YEARS)


def add_membership(
    mapper: Mapper, mtp: Namespace, siren: str, member: tuple[str, ...], exists: bool
) -> URIRef:
    code, name, first, last = member
    g, territory = mapper.mapped.reference, mapper.iris.territoire(siren)
    node = URIRef(f"{territory}#adhesion-{code}-{first}")
    g.add((territory, mtp.adhesion, node))
    g.add((node, RDF.type, mtp.Adhesion))
    g.add((node, mtp.codeCommune, Literal(code)))
    g.add((node, mtp.nomCommune, Literal(name, lang="fr")))
    if exists:
        g.add((node, mtp.communeMembre, mapper.iris.commune(code)))
    g.add((node, mtp.premierMillesime, Literal(first, datatype=XSD.gYear)))
    g.add((node, mtp.dernierMillesime, Literal(last, datatype=XSD.gYear)))
    return node


def add_populations(
    mapper: Mapper,
    mtp: Namespace,
    current: dict[str, str],
    held: dict[tuple[str, str, int], URIRef],
) -> None:
    """Each millésime's populations: of the territory, or of the membership that holds the
    commune that year (``held``). Six thousand nodes: the terms are looked up once."""
    g = mapper.mapped.reference
    link, kind, year_of = mtp.populationMillesime, mtp.PopulationMillesime, mtp.millesime
    counts = (mtp.populationMunicipale, mtp.populationTotale)
    for p in mapper.records.history.populations:
        siren = current[p.siren]
        territory = mapper.iris.territoire(siren)
        commune = f"{p.commune}-" if p.commune else ""
        node = URIRef(f"{territory}#population-{commune}{p.year}")
        g.add((held[(siren, p.commune, p.year)] if p.commune else territory, link, node))
        g.add((node, RDF.type, kind))
        g.add((node, year_of, _year(p.year)))
        for prop, count in zip(counts, (p.municipale, p.totale), strict=True):
            if count is not None:
                g.add((node, prop, Literal(count, datatype=XSD.integer)))
        g.add((node, DCTERMS.source, EPCI_URLS[p.year]))


__all__ = ["add_history", "merged_memberships"]
