"""Read data/ into typed records. Every identifier, date and reference is checked here, so an error
names the file, the line, the field and the rule broken. No RDF here."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from metropoles import checks
from metropoles.checks import Problem
from metropoles.config import DEFAULT_BASE_IRI
from metropoles.records import (
    Commune,
    Concept,
    Contract,
    ContractType,
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
)
from metropoles.refdata import (
    COMMUNES_HEADER,
    DEPARTEMENTS_HEADER,
    EPCI_HEADER,
    MEMBRES_HEADER,
    REGIONS_HEADER,
)

Row = dict[str, str]


class SourceError(Exception):
    """The sources break one or more rules; nothing is built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the source data:\n{lines}")


@dataclass
class Reader:
    """Reads CSV rows and collects every problem instead of stopping at the first."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rows(self, relative: str, required: tuple[str, ...]) -> Iterator[tuple[Origin, Row]]:
        """Yield (origin, row) for each data row; a missing file or column is a problem."""
        path, name = self.root / relative, f"{self.root.name}/{relative}"
        if not path.exists():
            self.problem(Origin(name, 0), "(file)", "required file is missing", relative)
            return
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            for column in missing:
                self.problem(Origin(name, 1), column, "required column is missing", "")
            if missing:
                return
            for row in reader:
                yield Origin(name, reader.line_num), {k: (v or "").strip() for k, v in row.items()}

    def problem(self, origin: Origin, field_: str, rule: str, value: str) -> None:
        self.problems.append(Problem(origin, field_, rule, value))

    def check(
        self,
        origin: Origin,
        row: Row,
        field_: str,
        test: Callable[[str], str | None],
        *,
        required: bool = False,
    ) -> str:
        """Return the cell; record a problem when it is required and empty or fails ``test``."""
        value = row.get(field_, "")
        if not value:
            if required:
                self.problem(origin, field_, "required value is empty", value)
            return ""
        broken = test(value)
        if broken:
            self.problem(origin, field_, broken, value)
        return value

    def text(self, origin: Origin, row: Row, field_: str) -> str:
        """A required free-text cell."""
        return self.check(origin, row, field_, lambda _: None, required=True)


def read_all(data_dir: Path, scope: str) -> Records:
    """Read and check every source file; raise SourceError listing all problems."""
    from metropoles import facts, history  # both read with this module's Reader

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
        facts=facts.read_facts(reader),
        history=history.read_history(reader),
    )
    if not reader.problems:
        reader.problems.extend(checks.cross_references(records))
        reader.problems.extend(facts.cross_references(records))
        reader.problems.extend(history.cross_references(records))
    if reader.problems:
        raise SourceError(reader.problems)
    return records


# --- official reference (Etalab) -------------------------------------------------------------


def read_reference(reader: Reader, folder: str) -> Reference:
    """The Etalab territorial reference of one scope."""
    return Reference(
        epci=[_epci(reader, o, r) for o, r in reader.rows(f"{folder}/epci.csv", EPCI_HEADER)],
        communes=[
            _commune(reader, o, r)
            for o, r in reader.rows(f"{folder}/communes.csv", COMMUNES_HEADER)
        ],
        departements=[
            _departement(reader, o, r)
            for o, r in reader.rows(f"{folder}/departements.csv", DEPARTEMENTS_HEADER)
        ],
        regions=[
            _region(reader, o, r) for o, r in reader.rows(f"{folder}/regions.csv", REGIONS_HEADER)
        ],
        membres=[
            (
                reader.check(o, r, "epci_siren", checks.siren, required=True),
                reader.check(o, r, "commune_code", checks.commune_code, required=True),
            )
            for o, r in reader.rows(f"{folder}/membres.csv", MEMBRES_HEADER)
        ],
    )


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
            sources=_urls(reader, o, r, "source_date", required=True)
            + _urls(reader, o, r, "source_siege"),
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
        sources=_urls(reader, o, r, "source_urls", required=True),
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
    )
    contracts: dict[str, Contract] = {}
    for o, r in reader.rows("sources/contracts.csv", required):
        contract_id = reader.check(o, r, "contract_id", checks.local_id, required=True)
        partner = _partner(reader, o, r)
        if contract_id in contracts:
            contracts[contract_id].partners.append(partner)
        else:
            contracts[contract_id] = _contract(reader, o, r, contract_id, partner)
    return list(contracts.values())


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
        sources=_urls(reader, o, r, "source_urls", required=True),
        notes=r["notes"],
        partners=[partner],
    )


def _partner(reader: Reader, o: Origin, r: Row) -> Partner:
    """A partner is keyed by SIREN, by INSEE commune code, or else by a curated local id."""
    code_type = r["partner_code_type"]
    if code_type.startswith("SIREN"):
        return Partner(
            o,
            "siren",
            reader.check(o, r, "partner_code", checks.siren, required=True),
            r["partner_name"],
            "",
        )
    if code_type.startswith("INSEE commune"):
        code = reader.check(o, r, "partner_code", checks.commune_code, required=True)
        return Partner(o, "commune", code, r["partner_name"], "")
    local_id = reader.check(o, r, "partner_id", checks.local_id, required=True)
    return Partner(o, "local", local_id, reader.text(o, r, "partner_name"), r["partner_org_type"])


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
            sources=_urls(reader, o, r, "source_urls", required=True),
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
            _urls(reader, o, r, "source_urls"),
        )
        for o, r in reader.rows("sources/schemes.csv", required)
    ]


def read_contract_types(reader: Reader) -> list[ContractType]:
    """The curated families of cooperation acts."""
    required = ("code", "label_fr", "label_en", "definition_fr")
    return [
        ContractType(
            o,
            reader.check(o, r, "code", checks.local_id, required=True),
            reader.text(o, r, "label_fr"),
            r["label_en"],
            r["definition_fr"],
        )
        for o, r in reader.rows("sources/contract_types.csv", required)
    ]


def read_organisation_types(reader: Reader) -> list[OrganisationType]:
    """EPCI types of the Etalab file and forms of uncoded partners."""
    return [
        OrganisationType(o, reader.text(o, r, "code"), reader.text(o, r, "label_fr"), r["label_en"])
        for o, r in reader.rows("sources/organisation_types.csv", ("code", "label_fr", "label_en"))
    ]


def _urls(reader: Reader, o: Origin, r: Row, field_: str, *, required: bool = False) -> list[str]:
    value = reader.check(o, r, field_, checks.url_list, required=required)
    return _split(value, " | ") if value and not checks.url_list(value) else []


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
