"""The researched facts on a page: the sources of each fact (mirrors and test hosts marked), a
date with its precision, bounds and disputed alternatives, the signatories of an act, the acts a
person or a body signed, every act an organisation is party to (grouped by family of kinds), the
searches that found nothing, and a métropole's history through the millésimes. Hash-IRI nodes
(``#signature-…``, ``#fait-…``) are shown inside their document, each with its anchor."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.store.base import Store
from metropoles.web.pages.describe import query, select
from metropoles.web.pages.kinds import KEY_FACTS, Fact
from metropoles.web.pages.values import Value, date_text, number, precision
from metropoles.web.pages.view import Labeller, ResourceView, Row

DCT, RDF = PREFIXES["dct"], PREFIXES["rdf"]
REIFICATION = {RDF + "subject", RDF + "object"}
UNCONFIRMED = "Partenaires non confirmés (suggérés par les sources, non établis)"
# Facts of kinds.py that are not in KEY_FACTS: their label on the page -> property
OTHER_FACTS = {
    "Date de signature": f"{DCT}issued",
    "Note sur la date": "noteDate",
    "Montant de l'État": "montantEtat",
    "Note sur le montant": "noteMontant",
    "Métropole depuis le": "dateStatutMetropole",
    UNCONFIRMED: "partenaireNonConfirme",
}
PARTY_NAMES = {"metropole": "porteuse", "partenaire": "partenaire", "non-confirme": "non confirmé"}
NO_FAMILY = "Pactes métropolitains d'innovation"
MIRROR = "copie/miroir"


@dataclass(frozen=True)
class Source:
    """A cited page; ``nature`` names a mirror or test host (a concept of nature-source)."""

    link: Value
    name: str  # the host, or the label of a source of ours
    nature: Value | None = None


@dataclass
class SourcedFact:
    """One reified fact of the resource: its anchor, property, value and sources."""

    anchor: str
    predicate: Value
    value: Value
    sources: list[Source] = field(default_factory=list)


@dataclass
class Signature:
    """A signature of an act: "Nom — rôle, pour (organisme)", with its sources."""

    anchor: str
    agent: Value
    role: str
    acting_for: Value | None
    office: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class SignedAct:
    """An act signed by a person or for a body."""

    act: Value
    date: str
    signatory: Value
    role: str
    acting_for: Value | None
    office: str | None


@dataclass(frozen=True)
class PartyAct:
    """An act an organisation is party to, and in which capacity."""

    act: Value
    date: str
    kind: Value | None
    party: str


@dataclass(frozen=True)
class HistoryRow:
    """A line of a history table: the years it holds and what held."""

    years: str
    values: list[Value]
    anchor: str | None = None


def _names(mtp: str) -> dict[str, str]:
    return PREFIXES | {"mtp": mtp}


def _iri(value: str, mtp: str) -> str:
    return value if "://" in value else mtp + value


def _anchor(iri: str) -> str:
    return iri.partition("#")[2]


def _source(labeller: Labeller, row: ox.QuerySolution) -> Source:
    url, nature = row["source"].value, row["nature"]
    kind = None
    if isinstance(nature, ox.NamedNode):
        label = (_text(row["natureLabel"]) or "").lower()
        text = MIRROR + (f" : {label}" if label and label != "miroir" else "")
        kind = Value(text, href=labeller.paths.href(nature.value), iri=nature.value)
    # a source of ours (a pact backing a métropole's note) reads as its label
    name = _text(row["sourceLabel"]) or urlsplit(url).hostname or url
    return Source(Value(url, href=labeller.paths.href(url), iri=url), name, kind)


def document_quads(store: Store, iri: str, mtp: str) -> list[ox.Quad]:
    """The statements of the hash-IRI nodes that belong to ``iri``'s document (its
    ``#signature-…``, ``#fait-…``, ``#identite-…``, ``#adhesion-…`` nodes)."""
    rows = select(store, query("noeuds_document"), _names(mtp), document=ox.NamedNode(iri))
    nodes = sorted({str(row["s"]) for row in rows if isinstance(row["s"], ox.NamedNode)})
    if not nodes:
        return []
    values = " ".join(nodes)
    text = f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    return [
        ox.Quad(row["s"], row["p"], row["o"], row["g"])
        for row in select(store, text, {})
        if isinstance(row["g"], ox.NamedNode)
    ]


# --- sources of each fact ------------------------------------------------------------------


def sourced_facts(
    store: Store, view: ResourceView, labeller: Labeller, mtp: str
) -> list[SourcedFact]:
    """Every reified fact of the resource with its sources, in the order of the properties."""
    found: dict[str, SourcedFact] = {}
    rows = select(store, query("fait_sources"), _names(mtp), resource=ox.NamedNode(view.iri))
    for row in rows:
        key = row["fait"].value
        if key not in found:
            predicate = labeller.predicate(row["p"].value)
            found[key] = SourcedFact(_anchor(key), predicate, labeller.node(row["o"]))
        source = _source(labeller, row)
        if source not in found[key].sources:
            found[key].sources.append(source)
    return list(found.values())


def sources_by_label(facts: list[SourcedFact], kind: str, mtp: str) -> dict[str, list[Source]]:
    """The sources of each key fact on the page, by its label (every value's sources, once)."""
    by_property: dict[str, list[Source]] = defaultdict(list)
    for fact in facts:
        for source in fact.sources:
            if fact.predicate.iri and source not in by_property[fact.predicate.iri]:
                by_property[fact.predicate.iri].append(source)
    labelled = KEY_FACTS.get(kind, []) + list(OTHER_FACTS.items()) + list(DATE_FACTS.items())
    return {label: by_property[_iri(prop, mtp)] for label, prop in labelled}


# --- dates ---------------------------------------------------------------------------------

DATE_FACTS = {
    "Date déduite": "dateDeduite",
    "Signé au plus tôt le": "dateAuPlusTot",
    "Signé au plus tard le": "dateAuPlusTard",
    "Autres dates données par les sources (non retenues)": "dateAlternative",
}


def date_details(view: ResourceView, labeller: Labeller, mtp: str) -> list[Fact]:
    """A deduced date, the bounds when the date is not a single known day, and the dates other
    sources give."""
    facts = []
    deduced = view.literal(mtp + "dateDeduite")
    if deduced is not None:
        known = precision(deduced)
        text = date_text(deduced) + (f" (précision : {known})" if known else "")
        facts.append(Fact("Date déduite", [Value(text)]))
    earliest, latest = view.literal(mtp + "dateAuPlusTot"), view.literal(mtp + "dateAuPlusTard")
    if earliest is not None and latest is not None and earliest.value != latest.value:
        facts.append(Fact("Signé au plus tôt le", [Value(date_text(earliest))]))
        facts.append(Fact("Signé au plus tard le", [Value(date_text(latest))]))
    others = view.objects.get(mtp + "dateAlternative", [])
    if others:
        label = "Autres dates données par les sources (non retenues)"
        facts.append(Fact(label, [labeller.node(t) for t in others]))
    return facts


def insert_after(facts: list[Fact], anchors: tuple[str, ...], extra: list[Fact]) -> list[Fact]:
    """The facts with ``extra`` after the first of ``anchors`` found (labels), else at the end."""
    labels = [f.label for f in facts]
    at = next((labels.index(a) + 1 for a in anchors if a in labels), len(facts))
    return facts[:at] + extra + facts[at:]


def outside_document(view: ResourceView) -> list[Row]:
    """What links to the resource, without its own hash-IRI nodes (shown in the page) and
    without the reified facts of other resources (their resource's own link is listed)."""
    own = view.iri + "#"
    rows = []
    for row in view.referrers:
        if row.predicate.iri in REIFICATION:
            continue
        values = [v for v in row.values if not (v.iri or "").startswith(own)]
        if values:
            rows.append(Row(row.predicate, values))
    return rows


def unconfirmed_partners(view: ResourceView, labeller: Labeller, mtp: str) -> list[Fact]:
    """The parties the sources suggest without stating them, said so."""
    values = [labeller.node(t) for t in view.objects.get(mtp + "partenaireNonConfirme", [])]
    return [Fact(UNCONFIRMED, values)] if values else []


# --- signatures ------------------------------------------------------------------------------


def signatures(store: Store, view: ResourceView, labeller: Labeller, mtp: str) -> list[Signature]:
    """The signatories of an act: person (or body), role, the body signed for, sources."""
    found: dict[str, Signature] = {}
    for row in select(store, query("signatures"), _names(mtp), act=ox.NamedNode(view.iri)):
        key = row["sig"].value
        if key not in found:
            found[key] = Signature(
                _anchor(key),
                _linked(labeller, row["agent"], row["agentLabel"]),
                _text(row["roleLabel"]) or "",
                _linked(labeller, row["pour"], row["pourLabel"]) if row["pour"] else None,
                _office(row),
            )
        if isinstance(row["source"], ox.NamedNode):
            source = _source(labeller, row)
            if source not in found[key].sources:
                found[key].sources.append(source)
    return list(found.values())


def signed_acts(store: Store, view: ResourceView, labeller: Labeller, mtp: str) -> list[SignedAct]:
    """The acts a person signed, or that were signed by or for a body, oldest first."""
    rows = select(store, query("signatures_de"), _names(mtp), agent=ox.NamedNode(view.iri))
    acts: dict[str, SignedAct] = {}
    for row in rows:
        date = row["date"] if isinstance(row["date"], ox.Literal) else None
        acts.setdefault(
            row["sig"].value,
            SignedAct(
                _linked(labeller, row["act"], row["actLabel"]),
                date_text(date),
                _linked(labeller, row["signataire"], row["signataireLabel"]),
                _text(row["roleLabel"]) or "",
                _linked(labeller, row["pour"], row["pourLabel"]) if row["pour"] else None,
                _office(row),
            ),
        )
    return list(acts.values())


# --- acts of an organisation -----------------------------------------------------------------


def party_acts(
    store: Store, view: ResourceView, labeller: Labeller, mtp: str
) -> dict[str, list[PartyAct]]:
    """Every act the organisation is party to (held, partner, unconfirmed partner), grouped by
    the family of its kind; the innovation pacts first."""
    groups: dict[str, list[PartyAct]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for row in select(store, query("actes_partie"), _names(mtp), partie=ox.NamedNode(view.iri)):
        act, party = row["act"].value, row["qualite"].value
        if (act, party) in seen:
            continue
        seen.add((act, party))
        family = _text(row["familleLabel"]) or NO_FAMILY
        groups[family].append(
            PartyAct(
                _linked(labeller, row["act"], row["actLabel"]),
                _act_date(row),
                _linked(labeller, row["type"], row["typeLabel"]) if row["type"] else None,
                PARTY_NAMES.get(party, party),
            )
        )
    pacts = {NO_FAMILY: groups.pop(NO_FAMILY)} if NO_FAMILY in groups else {}
    return pacts | dict(sorted(groups.items()))


def _act_date(row: ox.QuerySolution) -> str:
    if isinstance(row["date"], ox.Literal):
        return date_text(row["date"])
    if isinstance(row["deduite"], ox.Literal):
        return date_text(row["deduite"]) + " (déduite)"
    return date_text(None)


def searches(store: Store, view: ResourceView, labeller: Labeller, mtp: str) -> list[Fact]:
    """The documented searches that found no agreement for this métropole."""
    rows = select(store, query("recherches"), _names(mtp), metropole=ox.NamedNode(view.iri))
    facts = []
    for row in rows:
        date = row["date"] if isinstance(row["date"], ox.Literal) else None
        link = _linked(labeller, row["recherche"], row["label"])
        facts.append(
            Fact(f"{_text(row['resultat']) or ''} (recherche du {date_text(date)})", [link])
        )
    return facts


# --- history ---------------------------------------------------------------------------------


def identities(store: Store, view: ResourceView, mtp: str) -> list[HistoryRow]:
    """A métropole's SIREN, name and category per range of millésimes."""
    rows = select(store, query("identites"), _names(mtp), metropole=ox.NamedNode(view.iri))
    return [
        HistoryRow(
            _years(row),
            [
                Value(row["siren"].value),
                Value(row["nom"].value),
                Value(_text(row["categorie"]) or ""),
            ],
            _anchor(row["identite"].value),
        )
        for row in rows
    ]


def membership_changes(
    store: Store, territory: str, labeller: Labeller, mtp: str
) -> list[HistoryRow]:
    """The memberships that did not hold over every millésime: communes that joined, left or
    merged into a commune nouvelle."""
    rows = select(store, query("adhesions"), _names(mtp), territoire=ox.NamedNode(territory))
    if not rows:
        return []
    first = min(r["premier"].value for r in rows)
    last = max(r["dernier"].value for r in rows)
    changes = []
    for row in rows:
        if row["premier"].value == first and row["dernier"].value == last:
            continue
        commune = Value(f"{row['nom'].value} ({row['code'].value})")
        if isinstance(row["membre"], ox.NamedNode):
            commune = Value(commune.text, href=labeller.paths.href(row["membre"].value))
        values = [commune]
        if isinstance(row["actuelle"], ox.NamedNode):
            name = _text(row["actuelleNom"]) or row["actuelle"].value
            href = labeller.paths.href(row["actuelle"].value)
            values.append(Value(f"fusionnée dans {name}", href=href))
        changes.append(HistoryRow(_years(row), values))
    return changes


def populations(
    store: Store, territory: str, labeller: Labeller, mtp: str, *, here: bool
) -> list[HistoryRow]:
    """The populations of a territory per millésime (municipale, totale, source); ``here`` when
    the page is the territory's own document, whose rows carry the nodes' anchors."""
    rows = select(store, query("populations"), _names(mtp), territoire=ox.NamedNode(territory))
    return [_population(labeller, row, here) for row in rows]


def _population(labeller: Labeller, row: ox.QuerySolution, here: bool) -> HistoryRow:
    node = row["population"].value
    year = Value(row["millesime"].value, href=None if here else labeller.paths.href(node))
    counts = [Value(number(_text(row[key]) or "")) for key in ("municipale", "totale")]
    source = row["source"]
    link = Value(_package(source.value), href=source.value) if source else Value("")
    return HistoryRow(year.text, [year, *counts, link], _anchor(node) if here else None)


def _package(url: str) -> str:
    """The package version a source URL of the reference names.

    >>> _package("https://unpkg.com/@etalab/decoupage-administratif@0.7.0/data/epci.json")
    'decoupage-administratif@0.7.0 (epci.json)'
    """
    parts = url.rstrip("/").split("/")
    return f"{parts[-3]} ({parts[-1]})" if len(parts) >= 3 else url


def _years(row: ox.QuerySolution) -> str:
    first, last = row["premier"].value, row["dernier"].value
    return first if first == last else f"{first}–{last}"


def _linked(labeller: Labeller, term: object, label: object) -> Value:
    if not isinstance(term, ox.NamedNode):
        return Value("inconnu")
    text = _text(label) or labeller.labels.get(term.value) or term.value
    return Value(text, href=labeller.paths.href(term.value), iri=term.value)


def _office(row: ox.QuerySolution) -> str | None:
    """The office in the source's words, unless it only repeats the role."""
    office, role = _text(row["qualite"]), _text(row["roleLabel"]) or ""
    return office if office and office.casefold() != role.casefold() else None


def _text(term: object) -> str | None:
    return term.value if isinstance(term, ox.Literal) else None
