"""Typed records read from data/: frozen values that the mapping trusts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a record comes from: a file (relative to the project) and a line (1 = header)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Epci:
    origin: Origin
    siren: str
    nom: str
    type: str
    population_municipale: int | None
    population_totale: int | None


@dataclass(frozen=True)
class Commune:
    origin: Origin
    code: str
    nom: str
    siren: str
    departement: str
    population_municipale: int | None
    population_totale: int | None


@dataclass(frozen=True)
class Departement:
    origin: Origin
    code: str
    nom: str
    region: str


@dataclass(frozen=True)
class Region:
    origin: Origin
    code: str
    nom: str


@dataclass(frozen=True)
class Reference:
    """The official territorial reference (Etalab) of one scope."""

    epci: list[Epci]
    communes: list[Commune]
    departements: list[Departement]
    regions: list[Region]
    membres: list[tuple[str, str]]  # (EPCI SIREN, commune INSEE code)


@dataclass(frozen=True)
class Metropole:
    origin: Origin
    siren: str
    siren_anterieur: str
    nom: str
    statut_juridique: str
    date_statut: str
    fondement_juridique: str
    siege: str
    sources: list[str]
    notes: str


@dataclass(frozen=True)
class Pact:
    origin: Origin
    id: str
    national: bool
    metropole_siren: str
    date: str  # YYYY-MM-DD or YYYY-MM, empty when unknown
    date_note: str
    place: str
    state_signatories: str
    other_signatories: str
    axe_national: str
    themes_text: str
    amount: str
    amount_note: str
    cooperation_note: str
    ordinal: int | None
    sources: list[str]
    notes: str


@dataclass(frozen=True)
class Partner:
    """A party to a contract: kind is 'siren', 'commune', 'departement' (the département as a
    local authority, keyed by its INSEE code) or 'local' (no French official code)."""

    origin: Origin
    kind: str
    key: str
    name: str
    org_type: str
    country: str = ""  # ISO 3166-1 alpha-3 code of a foreign body
    official_code: str = ""  # a foreign body's official code (Italian ISTAT code)
    group_size: int | None = None  # how many unnamed organisations a group stands for
    confirmed: bool = True  # False when sources suggest the party without stating it


@dataclass(frozen=True)
class Contract:
    origin: Origin
    id: str
    metropole_siren: str
    type_code: str
    designation: str
    link_to_pact: str
    pact_id: str
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY, empty when unknown
    date_note: str
    place: str
    context: str
    themes_text: str
    sources: list[str]
    notes: str
    partners: list[Partner] = field(default_factory=list)
    date_deduced: str = ""  # a date the sources imply without writing it (weekday, "dernier")
    partner_notes: list[str] = field(default_factory=list)  # what one partner's row says apart


@dataclass(frozen=True)
class Search:
    """A documented search for a métropole's agreements that found none."""

    origin: Origin
    id: str
    metropole_siren: str
    date: str
    result: str
    searched: list[str]
    closest_findings: str
    sources: list[str]
    notes: str


@dataclass(frozen=True)
class Country:
    """A country of foreign partners (EU Publications Office authority code)."""

    origin: Origin
    code: str
    label_fr: str
    label_en: str


@dataclass(frozen=True)
class Concept:
    origin: Origin
    id: str
    scheme: str
    label_fr: str
    label_en: str
    broader: str
    used_by: tuple[str, ...]
    sources: list[str]
    notes: str


@dataclass(frozen=True)
class Scheme:
    origin: Origin
    id: str
    title_fr: str
    title_en: str
    description_fr: str
    sources: list[str]


@dataclass(frozen=True)
class ContractType:
    origin: Origin
    code: str
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str = ""
    broader: str = ""  # the head concept (cooperation agreement in the pacts' sense or not)


@dataclass(frozen=True)
class OrganisationType:
    origin: Origin
    code: str
    label_fr: str
    label_en: str


@dataclass(frozen=True)
class Signature:
    """One party's signature of a pact or contract: a named person acting for a body, or a body
    whose signing person the source does not name (``person_id`` empty)."""

    origin: Origin
    act_id: str
    person_id: str
    person_name: str
    role: str
    office: str
    acting_for: str  # "<kind>:<key>": organisation:<id>, metropole:<SIREN>, epci:<SIREN>
    sources: list[str]


@dataclass(frozen=True)
class Body:
    """A signing body with no official code in the reference (State, région, département as
    collectivités, a partner as it was before a merger)."""

    origin: Origin
    id: str
    label: str
    org_type: str
    territory: str  # "region:<code>" or "departement:<code>", empty when none
    successor_siren: str
    notes: str
    sources: list[str]


@dataclass(frozen=True)
class DateAlternative:
    """A signature date given by one source but not retained."""

    origin: Origin
    act_id: str
    date: str
    sources: list[str]
    notes: str


@dataclass(frozen=True)
class FactSource:
    """The sources that back one property of one resource (an act id or a métropole SIREN)."""

    origin: Origin
    resource_id: str
    property: str  # a CURIE: dct:issued, mtp:montantEtat...
    sources: list[str]


@dataclass(frozen=True)
class MetropoleSources:
    """The per-fact source columns of metropoles.csv."""

    origin: Origin
    siren: str
    date_sources: list[str]
    seat_sources: list[str]
    pact_note: str


@dataclass(frozen=True)
class SourceHost:
    """A web host whose pages are copies (mirror) or not the publisher's public site (test)."""

    origin: Origin
    host: str
    kind: str
    original: str
    notes: str


@dataclass(frozen=True)
class Code:
    """A concept of a small curated code list: code, labels, definition."""

    origin: Origin
    code: str
    label_fr: str
    label_en: str
    definition_fr: str


@dataclass(frozen=True)
class Facts:
    """Who signed, in which role, for which body; dates as the sources disagree on them; which
    source backs which fact; which cited hosts are mirrors or test hosts."""

    signatures: list[Signature] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    roles: list[Code] = field(default_factory=list)
    date_alternatives: list[DateAlternative] = field(default_factory=list)
    fact_sources: list[FactSource] = field(default_factory=list)
    metropole_sources: list[MetropoleSources] = field(default_factory=list)
    source_kinds: list[Code] = field(default_factory=list)
    source_hosts: list[SourceHost] = field(default_factory=list)
    translated_labels: list[str] = field(default_factory=list)  # concept ids
    listed_sources: list[str] = field(default_factory=list)  # URLs of SOURCES.md


@dataclass(frozen=True)
class Period:
    """A value of the reference history and the first and last millésime that list it."""

    origin: Origin
    siren: str  # the métropole's SIREN that year
    key: str  # identities: the name; memberships: the commune code
    label: str  # identities: the type; memberships: the commune name that year
    first: int
    last: int


@dataclass(frozen=True)
class Population:
    """The populations one millésime gives a métropole, or one of its member communes."""

    origin: Origin
    siren: str  # the métropole's SIREN that year
    commune: str  # the member commune's code; empty for the métropole itself
    year: int
    municipale: int | None
    totale: int | None


@dataclass(frozen=True)
class History:
    """The métropoles through the Etalab millésimes (data/reference/history/)."""

    identities: list[Period] = field(default_factory=list)
    memberships: list[Period] = field(default_factory=list)
    communes_nouvelles: list[tuple[str, str]] = field(default_factory=list)  # (former, current)
    populations: list[Population] = field(default_factory=list)  # métropoles and members


@dataclass(frozen=True)
class Records:
    """Everything read from data/ for one scope."""

    scope: str
    reference: Reference
    metropoles: list[Metropole]
    pacts: list[Pact]
    contracts: list[Contract]
    concepts: list[Concept]
    schemes: list[Scheme]
    contract_types: list[ContractType]
    organisation_types: list[OrganisationType]
    searches: list[Search] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    history: History = field(default_factory=History)
