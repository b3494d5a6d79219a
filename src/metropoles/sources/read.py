"""Read data/ into typed records. Every identifier, date and reference is checked here, so an error
names the file, the line, the field and the rule broken. No RDF here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Graph

from metropoles.config import DEFAULT_BASE_IRI
from metropoles.records import (
    Commune,
    Concept,
    Contract,
    ContractType,
    Country,
    Departement,
    Epci,
    Metropole,
    OrganisationType,
    Origin,
    Pact,
    Partner,
    Records,
    Reference,
    Region,
    Scheme,
    Search,
)
from metropoles.sources import checks, copies, facts, history
from metropoles.sources.checks import Problem
from metropoles.sources.csvrows import Reader, Row
from metropoles.sources.refdata import (
    COMMUNES_HEADER,
    DEPARTEMENTS_HEADER,
    EPCI_HEADER,
    MEMBRES_HEADER,
    REGIONS_HEADER,
)


class SourceError(Exception):
    """The sources break one or more rules; nothing is built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the source data:\n{lines}")


def read_all(data_dir: Path, scope: str) -> Records:
    """Read and check every source file; raise SourceError listing all problems."""

    reader = Reader(data_dir)
    reference = read_reference(reader, f"reference/{scope}")
    records = Records(
        scope=scope,
        reference=reference,
        metropoles=read_metropoles(reader),
        pacts=read_pacts(reader),
        contracts=read_contracts(reader),
        concepts=read_concepts(reader),
        schemes=read_schemes(reader),
        contract_types=read_contract_types(reader),
        organisation_types=read_organisation_types(reader),
        searches=read_searches(reader),
        countries=read_countries(reader),
        facts=facts.read_facts(reader),
        history=history.read_history(reader),
    )
    reader.problems.extend(checks.duplicates(records))
    reader.problems.extend(checks.known_partners(records, read_known_partners(reader)))
    if not reader.problems:
        reader.problems.extend(checks.cross_references(records))
        reader.problems.extend(facts.cross_references(records))
        reader.problems.extend(history.cross_references(records))
    if not reader.problems:
        reader.problems.extend(copies.check(data_dir, records))
    if reader.problems:
        raise SourceError(reader.problems)
    return records


# --- official reference (Etalab) -------------------------------------------------------------


def read_reference(reader: Reader, folder: str) -> Reference:
    """The Etalab territorial reference of one scope."""
    epci = [_epci(reader, o, r) for o, r in reader.rows(f"{folder}/epci.csv", EPCI_HEADER)]
    communes = [
        _commune(reader, o, r) for o, r in reader.rows(f"{folder}/communes.csv", COMMUNES_HEADER)
    ]
    return Reference(
        epci=epci,
        communes=communes,
        departements=[
            _departement(reader, o, r)
            for o, r in reader.rows(f"{folder}/departements.csv", DEPARTEMENTS_HEADER)
        ],
        regions=[
            _region(reader, o, r) for o, r in reader.rows(f"{folder}/regions.csv", REGIONS_HEADER)
        ],
        membres=_membres(reader, f"{folder}/membres.csv", epci, communes),
    )


def _membres(
    reader: Reader, relative: str, epci: list[Epci], communes: list[Commune]
) -> list[tuple[str, str]]:
    """(EPCI SIREN, commune code) pairs, each checked on its own line against the same scope's
    epci.csv and communes.csv."""
    sirens, codes = {e.siren for e in epci}, {c.code for c in communes}
    pairs: dict[tuple[str, str], Origin] = {}
    for o, r in reader.rows(relative, MEMBRES_HEADER):
        siren = reader.check(o, r, "epci_siren", _siren_in(sirens), required=True)
        code = reader.check(o, r, "commune_code", _commune_in(codes), required=True)
        if (siren, code) in pairs:
            rule = f"duplicate: the same pair is on line {pairs[siren, code].line}"
            reader.problem(o, "commune_code", rule, code)
        pairs.setdefault((siren, code), o)
    return list(pairs)


def _siren_in(sirens: set[str]) -> Callable[[str], str | None]:
    def test(value: str) -> str | None:
        broken = checks.siren(value)
        return broken or _known(value, sirens, "unknown SIREN: not in the same scope's epci.csv")

    return test


def _commune_in(codes: set[str]) -> Callable[[str], str | None]:
    def test(value: str) -> str | None:
        broken = checks.commune_code(value)
        return broken or _known(value, codes, "unknown code: not in the same scope's communes.csv")

    return test


def _known(value: str, codes: set[str], rule: str) -> str | None:
    return None if value in codes else rule


def _epci(reader: Reader, origin: Origin, row: Row) -> Epci:
    return Epci(
        origin=origin,
        siren=reader.check(origin, row, "siren", checks.siren, required=True),
        nom=reader.text(origin, row, "nom"),
        type=reader.check(origin, row, "type", checks.epci_type, required=True),
        population_municipale=_integer(reader, origin, row, "population_municipale"),
        population_totale=_integer(reader, origin, row, "population_totale"),
    )


def _commune(reader: Reader, origin: Origin, row: Row) -> Commune:
    return Commune(
        origin=origin,
        code=reader.check(origin, row, "code", checks.commune_code, required=True),
        nom=reader.text(origin, row, "nom"),
        siren=reader.check(origin, row, "siren", checks.siren),
        departement=reader.check(
            origin, row, "departement", checks.departement_code, required=True
        ),
        population_municipale=_integer(reader, origin, row, "population_municipale"),
        population_totale=_integer(reader, origin, row, "population_totale"),
    )


def _departement(reader: Reader, origin: Origin, row: Row) -> Departement:
    return Departement(
        origin=origin,
        code=reader.check(origin, row, "code", checks.departement_code, required=True),
        nom=reader.text(origin, row, "nom"),
        region=reader.check(origin, row, "region", checks.region_code, required=True),
    )


def _region(reader: Reader, origin: Origin, row: Row) -> Region:
    return Region(
        origin=origin,
        code=reader.check(origin, row, "code", checks.region_code, required=True),
        nom=reader.text(origin, row, "nom"),
    )


def _integer(reader: Reader, origin: Origin, row: Row, field_: str) -> int | None:
    value = reader.check(origin, row, field_, checks.non_negative_integer)
    return int(value) if value.isdigit() else None


# --- researched facts ----------------------------------------------------------------------


def read_metropoles(reader: Reader) -> list[Metropole]:
    """The 22 métropoles: status, dates, seat and sources."""
    required = (
        "siren",
        "siren_2018_if_different",
        "nom_officiel_etalab_2026",
        "statut_juridique",
        "date_statut_metropole",
        "base_juridique_date",
        "source_date",
        "siege_insee",
        "source_siege",
        "notes",
    )
    return [
        Metropole(
            origin=o,
            siren=reader.check(o, r, "siren", checks.siren, required=True),
            siren_anterieur=reader.check(o, r, "siren_2018_if_different", checks.siren),
            nom=reader.text(o, r, "nom_officiel_etalab_2026"),
            statut_juridique=r["statut_juridique"],
            date_statut=reader.check(o, r, "date_statut_metropole", checks.full_date),
            fondement_juridique=r["base_juridique_date"],
            siege=reader.check(o, r, "siege_insee", checks.commune_code),
            sources=reader.urls(o, r, "source_date", required=True)
            + reader.urls(o, r, "source_siege"),
            notes=r["notes"],
        )
        for o, r in reader.rows("sources/metropoles.csv", required)
    ]


def read_pacts(reader: Reader) -> list[Pact]:
    """The national pact and the 15 innovation pacts."""
    required = (
        "pact_id",
        "pact_type",
        "metropole_siren",
        "date",
        "date_confidence",
        "place",
        "state_signatories",
        "other_signatories",
        "axe_national_id",
        "innovation_themes",
        "state_amount_eur",
        "amount_notes",
        "cooperation_volet_notes",
        "ordinal_signature",
        "source_urls",
        "notes",
    )
    return [_pact(reader, o, r) for o, r in reader.rows("sources/pacts.csv", required)]


def _pact(reader: Reader, o: Origin, r: Row) -> Pact:
    national = r["pact_type"].startswith("pacte État-métropoles")
    return Pact(
        origin=o,
        id=reader.check(o, r, "pact_id", checks.local_id, required=True),
        national=national,
        metropole_siren=reader.check(o, r, "metropole_siren", checks.siren, required=not national),
        date=reader.check(o, r, "date", checks.partial_date),
        date_note=r["date_confidence"],
        place=r["place"],
        state_signatories=r["state_signatories"],
        other_signatories=r["other_signatories"],
        axe_national=r["axe_national_id"],
        themes_text=r["innovation_themes"],
        amount=reader.check(o, r, "state_amount_eur", checks.amount),
        amount_note=r["amount_notes"],
        cooperation_note=r["cooperation_volet_notes"],
        ordinal=_integer(reader, o, r, "ordinal_signature"),
        sources=reader.urls(o, r, "source_urls", required=True),
        notes=r["notes"],
    )


def read_contracts(reader: Reader) -> list[Contract]:
    """Cooperation contracts; the CSV has one row per partner, grouped here by contract_id."""
    required = (
        "contract_id",
        "metropole_siren",
        "contract_type",
        "contract_type_code",
        "link_to_pacte_2016_2017",
        "pact_id",
        "partner_name",
        "partner_code",
        "partner_code_type",
        "partner_id",
        "partner_org_type",
        "other_parties_or_context",
        "cooperation_themes",
        "date",
        "date_precision",
        "place",
        "source_urls",
        "notes",
        *PARTNER_DETAIL_COLUMNS,
        "date_deduced",
    )
    contracts: dict[str, Contract] = {}
    first_rows: dict[str, Row] = {}
    for o, r in reader.rows("sources/contracts.csv", required):
        contract_id = reader.check(o, r, "contract_id", checks.local_id, required=True)
        partner = _partner(reader, o, r)
        if contract_id in contracts:
            _same_contract(reader, o, r, contracts[contract_id].origin, first_rows[contract_id])
            contracts[contract_id].partners.append(partner)
            contracts[contract_id].partner_notes.extend(_partner_notes(r, first_rows[contract_id]))
            _add_new(contracts[contract_id].sources, reader.urls(o, r, "source_urls"))
        else:
            contracts[contract_id] = _contract(reader, o, r, contract_id, partner)
            first_rows[contract_id] = r
    return list(contracts.values())


# Columns that describe the contract itself: every row of a contract (one per partner) must agree
# on them. The researchers' other columns (designation, raw date, precision, place, notes, sources)
# may say something about one partner only (an entente joined later, a role as associate).
CONTRACT_COLUMNS = (
    "metropole_siren",
    "metropole_nom",
    "link_to_pacte_2016_2017",
    "cooperation_themes",
    "contract_type_code",
    "pact_id",
    "date",
    "date_deduced",
)
PARTNER_NOTE_COLUMNS = ("contract_type", "date_precision", "notes")


def _same_contract(reader: Reader, o: Origin, r: Row, first_origin: Origin, first: Row) -> None:
    """The rows of one contract agree on every column that describes the contract."""
    for column in CONTRACT_COLUMNS:
        if r[column] != first[column]:
            rule = f"duplicate contract_id with another value than line {first_origin.line}"
            reader.problem(o, column, rule, r[column])


def _partner_notes(r: Row, first: Row) -> list[str]:
    """What a partner's row says that the contract's first row does not, prefixed by the partner."""
    extra = [r[c] for c in PARTNER_NOTE_COLUMNS if r[c] and r[c] != first[c]]
    return [f"{r['partner_name']} : {text}" for text in extra]


def _contract(reader: Reader, o: Origin, r: Row, contract_id: str, partner: Partner) -> Contract:
    return Contract(
        origin=o,
        id=contract_id,
        metropole_siren=reader.check(o, r, "metropole_siren", checks.siren, required=True),
        type_code=reader.text(o, r, "contract_type_code"),
        designation=reader.text(o, r, "contract_type"),
        link_to_pact=reader.text(o, r, "link_to_pacte_2016_2017"),
        pact_id=r["pact_id"],
        date=reader.check(o, r, "date", checks.partial_date),
        date_note="" if r["date_precision"] == "jour" else r["date_precision"],
        place=r["place"],
        context=r["other_parties_or_context"],
        themes_text=r["cooperation_themes"],
        sources=reader.urls(o, r, "source_urls", required=True),
        notes=r["notes"],
        partners=[partner],
        date_deduced=reader.check(o, r, "date_deduced", checks.partial_date),
    )


# Curated partner columns added with the second research pass (see data/sources/README.md).
PARTNER_DETAIL_COLUMNS = ("partner_country", "partner_status", "partner_group_size")
UNCONFIRMED = "non confirmé"


def _partner(reader: Reader, o: Origin, r: Row) -> Partner:
    """A partner is keyed by SIREN, by INSEE commune or département code, or else by a curated
    local id (which may carry a foreign official code)."""
    code_type = r["partner_code_type"]
    if code_type.startswith("SIREN"):
        return Partner(
            o,
            "siren",
            reader.check(o, r, "partner_code", checks.siren, required=True),
            r["partner_name"],
            "",
            confirmed=_confirmed(reader, o, r),
        )
    if code_type.startswith("INSEE commune"):
        code = reader.check(o, r, "partner_code", checks.commune_code, required=True)
        return Partner(
            o, "commune", code, r["partner_name"], "", confirmed=_confirmed(reader, o, r)
        )
    if code_type.startswith("code département"):
        return _departement_partner(reader, o, r)
    return _local_partner(reader, o, r)


def _departement_partner(reader: Reader, o: Origin, r: Row) -> Partner:
    """A département as a local authority (co-signer), keyed by its INSEE code."""
    code = reader.check(o, r, "partner_code", checks.departement_code, required=True)
    return Partner(
        o, "departement", code, reader.text(o, r, "partner_name"), "DEPARTEMENT",
        confirmed=_confirmed(reader, o, r),
    )  # fmt: skip


def _local_partner(reader: Reader, o: Origin, r: Row) -> Partner:
    """A partner with no French official code: PETR, pays, PNR, foreign body, unnamed group."""
    official = ""
    if r["partner_code_type"].startswith("code ISTAT"):
        official = reader.check(o, r, "partner_code", checks.istat_code, required=True)
    size = reader.check(o, r, "partner_group_size", checks.positive_integer)
    return Partner(
        o,
        "local",
        reader.check(o, r, "partner_id", checks.local_id, required=True),
        reader.text(o, r, "partner_name"),
        r["partner_org_type"],
        country=reader.check(o, r, "partner_country", checks.country_code),
        official_code=official,
        group_size=int(size) if size.isdigit() else None,
        confirmed=_confirmed(reader, o, r),
    )


def _confirmed(reader: Reader, o: Origin, r: Row) -> bool:
    """False when the curated status says the sources only suggest this partner."""
    status = reader.check(o, r, "partner_status", checks.partner_status)
    return status != UNCONFIRMED


def read_known_partners(reader: Reader) -> dict[str, tuple[Origin, str]]:
    """The curated partners with no official code: id → (line, organisation type)."""
    required = ("partner_id", "partner_name", "partner_org_type")
    known: dict[str, tuple[Origin, str]] = {}
    for o, r in reader.rows("sources/partners.csv", required):
        partner_id = reader.check(o, r, "partner_id", checks.local_id, required=True)
        reader.text(o, r, "partner_name")
        if partner_id in known:
            rule = f"duplicate: the same partner_id is on line {known[partner_id][0].line}"
            reader.problem(o, "partner_id", rule, partner_id)
        known.setdefault(partner_id, (o, r["partner_org_type"]))
    return known


def read_concepts(reader: Reader) -> list[Concept]:
    """Themes, objectives and axes (SKOS concepts)."""
    required = (
        "concept_id",
        "concept_scheme",
        "prefLabel_fr",
        "prefLabel_en",
        "broader",
        "used_by",
        "source_urls",
        "notes",
    )
    return [
        Concept(
            origin=o,
            id=reader.check(o, r, "concept_id", checks.local_id, required=True),
            scheme=reader.text(o, r, "concept_scheme"),
            label_fr=reader.text(o, r, "prefLabel_fr"),
            label_en=r["prefLabel_en"],
            broader=r["broader"],
            used_by=tuple(t for t in _split(r["used_by"], "; ") if checks.is_act_id(t)),
            sources=reader.urls(o, r, "source_urls", required=True),
            notes=r["notes"],
        )
        for o, r in reader.rows("sources/themes.csv", required)
    ]


def read_schemes(reader: Reader) -> list[Scheme]:
    """The concept schemes and their titles."""
    required = ("scheme_id", "title_fr", "title_en", "description_fr", "source_urls")
    return [
        Scheme(
            o,
            reader.check(o, r, "scheme_id", checks.local_id, required=True),
            reader.text(o, r, "title_fr"),
            r["title_en"],
            reader.text(o, r, "description_fr"),
            reader.urls(o, r, "source_urls"),
        )
        for o, r in reader.rows("sources/schemes.csv", required)
    ]


def read_contract_types(reader: Reader) -> list[ContractType]:
    """The curated families of acts, each under one of two head concepts."""
    required = ("code", "label_fr", "label_en", "definition_fr", "definition_en", "broader")
    return [
        ContractType(
            o,
            reader.check(o, r, "code", checks.local_id, required=True),
            reader.text(o, r, "label_fr"),
            r["label_en"],
            reader.text(o, r, "definition_fr"),
            reader.text(o, r, "definition_en"),
            r["broader"],
        )
        for o, r in reader.rows("sources/contract_types.csv", required)
    ]


def read_searches(reader: Reader) -> list[Search]:
    """Documented searches that found no agreement for a métropole."""
    required = (
        "search_id",
        "metropole_siren",
        "search_date",
        "result",
        "searched",
        "closest_findings",
        "source_urls",
        "notes",
    )
    return [
        Search(
            origin=o,
            id=reader.check(o, r, "search_id", checks.search_id, required=True),
            metropole_siren=reader.check(o, r, "metropole_siren", checks.siren, required=True),
            date=reader.check(o, r, "search_date", checks.full_date, required=True),
            result=reader.text(o, r, "result"),
            searched=_split(reader.text(o, r, "searched"), " | "),
            closest_findings=r["closest_findings"],
            sources=reader.urls(o, r, "source_urls"),
            notes=r["notes"],
        )
        for o, r in reader.rows("sources/searches.csv", required)
    ]


def read_countries(reader: Reader) -> list[Country]:
    """Countries of foreign partners."""
    return [
        Country(
            o,
            reader.check(o, r, "code", checks.country_code, required=True),
            reader.text(o, r, "label_fr"),
            reader.text(o, r, "label_en"),
        )
        for o, r in reader.rows("sources/countries.csv", ("code", "label_fr", "label_en"))
    ]


def read_organisation_types(reader: Reader) -> list[OrganisationType]:
    """EPCI types of the Etalab file and forms of uncoded partners."""
    return [
        OrganisationType(o, reader.text(o, r, "code"), reader.text(o, r, "label_fr"), r["label_en"])
        for o, r in reader.rows("sources/organisation_types.csv", ("code", "label_fr", "label_en"))
    ]


def _add_new(known: list[str], more: list[str]) -> None:
    """Append the URLs of a further partner row that the first row did not cite."""
    known.extend(url for url in more if url not in known)


def _split(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def read_turtle(paths: Iterable[Path], base_iri: str) -> Graph:
    """Parse Turtle files written under the default base IRI, rebased onto ``base_iri``."""
    graph = Graph()
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        if base_iri != DEFAULT_BASE_IRI:
            text = text.replace(DEFAULT_BASE_IRI, base_iri)
        try:
            graph.parse(data=text, format="turtle")
        except Exception as error:  # rdflib raises several unrelated types for bad syntax
            raise SourceError(
                [Problem(Origin(str(path), 0), "(file)", f"not valid Turtle: {error}", "")]
            ) from error
    return graph
