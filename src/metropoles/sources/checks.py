"""The rules a source value must follow. Each field check returns None when the value is valid,
else the rule it breaks, in words a person can act on."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from metropoles.records import Origin, Partner, Records

COMMUNE_CODE = re.compile(r"^(?:[0-9]{2}|2[AB])[0-9]{3}$")
# Overseas collectivités (975, 977, 978, 984, 986-989) carry their own code as département and
# région in the Etalab reference.
DEPARTEMENT_CODE = re.compile(r"^(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
REGION_CODE = re.compile(r"^(?:[0-9]{2}|97[5-8]|98[4-9])$")
LOCAL_ID = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
ACT_ID = re.compile(r"^(?:PEM|PMI|CT)-[A-Z0-9-]+$")
SEARCH_ID = re.compile(r"^RECH-[A-Z0-9-]+$")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
ISTAT_CODE = re.compile(r"^[0-9]{3}(?:[0-9]{3})?$")
PARTNER_STATUSES = ("", "non confirmé")
PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
EPCI_TYPES = {"METRO", "MET69", "CU", "CA", "CC", "EPT"}


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell of one source file."""

    origin: Origin
    field: str
    rule: str
    value: str

    def __str__(self) -> str:
        return f"{self.origin}: field '{self.field}': {self.rule} (value: {self.value!r})"


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum used by SIREN numbers.

    >>> luhn_valid("200046977"), luhn_valid("200046978")
    (True, False)
    """
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siren(value: str) -> str | None:
    """A SIREN is 9 digits and passes the Luhn check.

    >>> siren("200046977") is None, siren("20004697")
    (True, 'a SIREN is 9 digits')
    """
    if not re.fullmatch(r"[0-9]{9}", value):
        return "a SIREN is 9 digits"
    if not luhn_valid(value):
        return "a SIREN must pass the Luhn check (mistyped digit?)"
    return None


def commune_code(value: str) -> str | None:
    """INSEE commune code: 5 characters, département 2A/2B allowed for Corsica."""
    return None if COMMUNE_CODE.match(value) else "an INSEE commune code is 5 characters (2A/2B)"


def departement_code(value: str) -> str | None:
    ok = DEPARTEMENT_CODE.match(value)
    return None if ok else "an INSEE département code is 01-95, 2A, 2B, 971-978 or 984-989"


def region_code(value: str) -> str | None:
    return (
        None
        if REGION_CODE.match(value)
        else "an INSEE région code is 2 digits (or an overseas collectivité code)"
    )


def epci_type(value: str) -> str | None:
    return None if value in EPCI_TYPES else f"an EPCI type is one of {sorted(EPCI_TYPES)}"


def local_id(value: str) -> str | None:
    ok = LOCAL_ID.match(value)
    return None if ok else "an identifier is letters and digits separated by single hyphens"


def is_act_id(value: str) -> bool:
    """True for a pact or contract identifier (PEM-..., PMI-..., CT-...)."""
    return bool(ACT_ID.match(value))


def search_id(value: str) -> str | None:
    """A search record identifier: RECH- then capitals, digits and hyphens."""
    return None if SEARCH_ID.match(value) else "a search identifier is RECH- then A-Z, 0-9, -"


def country_code(value: str) -> str | None:
    """A country as the EU Publications Office authority code (ISO 3166-1 alpha-3), e.g. ITA."""
    return None if COUNTRY_CODE.match(value) else "a country code is 3 capital letters (ITA)"


def istat_code(value: str) -> str | None:
    """An Italian ISTAT code: 3 digits (province, città metropolitana) or 6 (comune)."""
    return None if ISTAT_CODE.match(value) else "an ISTAT code is 3 or 6 digits"


def partner_status(value: str) -> str | None:
    ok = value in PARTNER_STATUSES
    return None if ok else "a partner status is empty (confirmed) or 'non confirmé'"


def positive_integer(value: str) -> str | None:
    return None if value.isdigit() and int(value) > 0 else "must be a whole number of 1 or more"


def non_negative_integer(value: str) -> str | None:
    return None if value.isdigit() else "must be a whole number of 0 or more"


def amount(value: str) -> str | None:
    """An amount in euros: a plain decimal number, no unit, no thousands separator."""
    try:
        ok = Decimal(value) >= 0 and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", value)
    except InvalidOperation:
        ok = False
    return None if ok else "an amount is a decimal number of euros, e.g. 7400000"


def full_date(value: str) -> str | None:
    """A calendar date YYYY-MM-DD."""
    if len(value) != 10:
        return "a date is written YYYY-MM-DD"
    return partial_date(value)


def partial_date(value: str) -> str | None:
    """A date known to the day, the month or the year: YYYY-MM-DD, YYYY-MM or YYYY.

    >>> partial_date("2017-01"), partial_date("2017-02-30")
    (None, 'not a real calendar date')
    """
    match = PARTIAL_DATE.match(value)
    if not match:
        return "a date is written YYYY-MM-DD, YYYY-MM (month only) or YYYY (year only)"
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return "not a real calendar date"
    return None


def url_list(value: str) -> str | None:
    """One or more absolute http(s) URLs separated by ' | '."""
    for url in value.split(" | "):
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url.strip():
            return "sources are absolute http(s) URLs separated by ' | '"
    return None


def cross_references(records: Records) -> list[Problem]:
    """Every code a record points to must exist in the reference or the curated lists."""
    return [
        *_reference_integrity(records),
        *_metropole_references(records),
        *_pact_references(records),
        *_contract_references(records),
        *_concept_references(records),
        *_search_references(records),
        *_contract_type_references(records),
    ]


def _reference_integrity(records: Records) -> list[Problem]:
    """The Etalab tables point at each other: départements and régions must exist (members are
    checked on their own line as membres.csv is read)."""
    ref = records.reference
    departements = {d.code for d in ref.departements}
    regions = {r.code for r in ref.regions}
    problems = [
        Problem(
            c.origin, "departement", "unknown département: not in departements.csv", c.departement
        )
        for c in ref.communes
        if c.departement not in departements
    ]
    problems += [
        Problem(d.origin, "region", "unknown région: not in regions.csv", d.region)
        for d in ref.departements
        if d.region not in regions
    ]
    return problems


def duplicates(records: Records) -> list[Problem]:
    """Each métropole, pact, concept, scheme, type and reference entry is on one row only, and a
    contract names each partner once."""
    ref = records.reference
    keyed: list[tuple[str, list[tuple[Origin, str]]]] = [
        ("siren", [(m.origin, m.siren) for m in records.metropoles]),
        ("pact_id", [(p.origin, p.id) for p in records.pacts]),
        ("concept_id", [(c.origin, c.id) for c in records.concepts]),
        ("scheme_id", [(s.origin, s.id) for s in records.schemes]),
        ("code", [(t.origin, t.code) for t in records.contract_types]),
        ("code", [(t.origin, t.code) for t in records.organisation_types]),
        ("siren", [(e.origin, e.siren) for e in ref.epci]),
        ("code", [(c.origin, c.code) for c in ref.communes]),
        ("code", [(d.origin, d.code) for d in ref.departements]),
        ("code", [(r.origin, r.code) for r in ref.regions]),
    ]
    keyed += [
        ("partner", [(p.origin, f"{p.kind} {p.key}") for p in c.partners])
        for c in records.contracts
    ]
    return [problem for field, items in keyed for problem in _repeated(field, items)]


def _repeated(field: str, items: list[tuple[Origin, str]]) -> list[Problem]:
    first: dict[str, Origin] = {}
    problems = []
    for origin, key in items:
        if key.strip() and key in first:
            rule = f"duplicate: the same {field} is on line {first[key].line}"
            problems.append(Problem(origin, field, rule, key))
        first.setdefault(key, origin)
    return problems


def known_partners(records: Records, known: Mapping[str, tuple[Origin, str]]) -> list[Problem]:
    """A partner with no official code is one of sources/partners.csv (a mistyped id would mint
    a new organisation), with the organisation type given there."""
    problems = []
    for p in (p for c in records.contracts for p in c.partners if p.kind == "local" and p.key):
        if p.key not in known:
            rule = "unknown partner: not in sources/partners.csv (mistyped?)"
            problems.append(Problem(p.origin, "partner_id", rule, p.key))
        elif p.org_type != known[p.key][1]:
            line = known[p.key][0].line
            rule = f"not the organisation type of this partner in sources/partners.csv:{line}"
            problems.append(Problem(p.origin, "partner_org_type", rule, p.org_type))
    return problems


def _unknown(
    origin: Origin, field: str, value: str, known: Collection[str], rule: str
) -> list[Problem]:
    """A problem when a non-empty ``value`` is not among the ``known`` codes."""
    return [Problem(origin, field, rule, value)] if value and value not in known else []


def _metropole_references(records: Records) -> list[Problem]:
    metropoles = {e.siren for e in records.reference.epci if e.type in ("METRO", "MET69")}
    communes = {c.code for c in records.reference.communes}
    problems = []
    for m in records.metropoles:
        problems += _unknown(
            m.origin,
            "siren",
            m.siren,
            metropoles,
            "unknown SIREN: not a métropole (METRO/MET69) of the Etalab reference",
        )
        problems += _unknown(
            m.origin,
            "siege_insee",
            m.siege,
            communes,
            "unknown INSEE code: not a commune of the Etalab reference",
        )
    return problems


def _pact_references(records: Records) -> list[Problem]:
    metropoles = {m.siren for m in records.metropoles}
    axes = {c.id for c in records.concepts if c.scheme == "axes-nationaux-juillet-2016"}
    problems = []
    for p in records.pacts:
        problems += _unknown(
            p.origin,
            "metropole_siren",
            p.metropole_siren,
            metropoles,
            "unknown SIREN: not in sources/metropoles.csv",
        )
        problems += _unknown(
            p.origin,
            "axe_national_id",
            p.axe_national,
            axes,
            "unknown concept of axes-nationaux-juillet-2016 in themes.csv",
        )
    national = sum(p.national for p in records.pacts)
    if national != 1:
        problems.append(
            Problem(
                Origin("data/sources/pacts.csv", 1),
                "pact_type",
                "exactly one national pact (pacte État-métropoles) is expected",
                str(national),
            )
        )
    return problems


def _contract_references(records: Records) -> list[Problem]:
    metropoles = {m.siren for m in records.metropoles}
    pacts = {p.id for p in records.pacts if not p.national}
    families = {t.code for t in records.contract_types if t.broader}
    problems = []
    for c in records.contracts:
        problems += _unknown(
            c.origin,
            "metropole_siren",
            c.metropole_siren,
            metropoles,
            "unknown SIREN: not in sources/metropoles.csv",
        )
        problems += _unknown(
            c.origin,
            "contract_type_code",
            c.type_code,
            families,
            "unknown code: not a family (with a broader head) in sources/contract_types.csv",
        )
        problems += _unknown(c.origin, "pact_id", c.pact_id, pacts, "unknown innovation pact id")
        for partner in c.partners:
            problems += _partner_references(records, partner)
    return problems


def _partner_references(records: Records, p: Partner) -> list[Problem]:
    """A SIREN partner is an Etalab EPCI, a commune partner an Etalab commune."""
    if p.kind == "siren":
        return _unknown(
            p.origin,
            "partner_code",
            p.key,
            {e.siren for e in records.reference.epci},
            "unknown SIREN: not an EPCI of the Etalab reference",
        )
    if p.kind == "commune":
        return _unknown(
            p.origin,
            "partner_code",
            p.key,
            {c.code for c in records.reference.communes},
            "unknown INSEE code: not a commune of the Etalab reference",
        )
    if p.kind == "departement":
        return _unknown(
            p.origin,
            "partner_code",
            p.key,
            {d.code for d in records.reference.departements},
            "unknown INSEE code: not a département of the Etalab reference",
        )
    return _unknown(
        p.origin,
        "partner_org_type",
        p.org_type,
        {t.code for t in records.organisation_types},
        "unknown code: not in sources/organisation_types.csv",
    ) + _unknown(
        p.origin,
        "partner_country",
        p.country,
        {c.code for c in records.countries},
        "unknown code: not in sources/countries.csv",
    )


def _concept_references(records: Records) -> list[Problem]:
    schemes = {s.id for s in records.schemes}
    concepts = {c.id for c in records.concepts}
    acts = {p.id for p in records.pacts} | {c.id for c in records.contracts}
    problems = []
    for c in records.concepts:
        problems += _unknown(
            c.origin,
            "concept_scheme",
            c.scheme,
            schemes,
            "unknown scheme: not in sources/schemes.csv",
        )
        problems += _unknown(c.origin, "broader", c.broader, concepts, "unknown concept id")
        for act in c.used_by:
            problems += _unknown(c.origin, "used_by", act, acts, "unknown pact or contract id")
    return problems


def _search_references(records: Records) -> list[Problem]:
    metropoles = {m.siren for m in records.metropoles}
    problems = []
    for s in records.searches:
        problems += _unknown(
            s.origin,
            "metropole_siren",
            s.metropole_siren,
            metropoles,
            "unknown SIREN: not in sources/metropoles.csv",
        )
    return problems


def _contract_type_references(records: Records) -> list[Problem]:
    """A family sits under a head concept; a head concept has none."""
    heads = {t.code for t in records.contract_types if not t.broader}
    return [
        problem
        for t in records.contract_types
        for problem in _unknown(
            t.origin, "broader", t.broader, heads, "unknown head concept in contract_types.csv"
        )
    ]
