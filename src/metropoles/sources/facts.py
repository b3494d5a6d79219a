"""Read the curated facts that make the research machine-usable: signatories and their roles,
signing bodies, disputed dates, per-fact sources, mirror and test hosts. Every reference is
checked against the other sources, so an error names the file, line, field and rule."""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urlsplit

from metropoles.records import (
    Body,
    Code,
    DateAlternative,
    Facts,
    FactSource,
    MetropoleSources,
    Origin,
    Records,
    Signature,
    SourceHost,
)
from metropoles.sources import checks
from metropoles.sources.checks import Problem
from metropoles.sources.csvrows import Reader, Row

# The properties a per-fact source may name (CURIE → full IRI is done by the mapping).
SOURCED_PROPERTIES = frozenset(
    {
        "dct:issued",
        "mtp:lieuSignature",
        "mtp:montantEtat",
        "mtp:rangSignature",
        "mtp:partenaire",
        "mtp:sirenAnterieur",
        "mtp:notePacteInnovation",
    }
)
AGENT_REFERENCE = re.compile(r"^(organisation|metropole|epci):([A-Za-z0-9-]+)$")
TERRITORY_REFERENCE = re.compile(r"^(region|departement):([0-9AB]{2,3})$")


def read_facts(reader: Reader) -> Facts:
    """Every curated fact file of data/sources."""
    return Facts(
        signatures=[_signature(reader, o, r) for o, r in reader.rows(*SIGNATORIES)],
        bodies=[_body(reader, o, r) for o, r in reader.rows(*BODIES)],
        roles=_codes(reader, "sources/roles.csv"),
        date_alternatives=[_alternative(reader, o, r) for o, r in reader.rows(*ALTERNATIVES)],
        fact_sources=[_fact_source(reader, o, r) for o, r in reader.rows(*FACT_SOURCES)],
        metropole_sources=[_metropole(reader, o, r) for o, r in reader.rows(*METROPOLES)],
        source_kinds=_codes(reader, "sources/source_kinds.csv"),
        source_hosts=[_host(reader, o, r) for o, r in reader.rows(*HOSTS)],
        translated_labels=[
            r["concept_id"]
            for _, r in reader.rows("sources/themes.csv", ("concept_id", "en_label_is_translation"))
            if r["en_label_is_translation"].startswith("yes")
        ],
        listed_sources=_listed_sources(reader),
    )


def _listed_sources(reader: Reader) -> list[str]:
    """The URLs SOURCES.md lists, one ``- [KEY] URL — what it supports`` line each."""
    path = reader.root / "sources" / "SOURCES.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return re.findall(r"^- \[[A-Z0-9_]+\] (\S+)", text, re.MULTILINE)


SIGNATORIES = (
    "sources/signatories.csv",
    ("act_id", "person_id", "person_name", "role", "office", "acting_for", "source_urls"),
)
BODIES = (
    "sources/bodies.csv",
    ("body_id", "label_fr", "org_type", "territory", "successor_siren", "notes", "source_urls"),
)
ALTERNATIVES = ("sources/date_alternatives.csv", ("act_id", "date", "source_urls", "notes"))
FACT_SOURCES = ("sources/fact_sources.csv", ("resource_id", "property", "source_urls"))
METROPOLES = (
    "sources/metropoles.csv",
    ("siren", "source_date", "source_siege", "pacte_metropolitain_innovation_2016_2017"),
)
HOSTS = ("sources/source_hosts.csv", ("host", "kind", "original", "notes"))


def _signature(reader: Reader, o: Origin, r: Row) -> Signature:
    person_id = reader.check(o, r, "person_id", checks.local_id)
    return Signature(
        origin=o,
        act_id=reader.check(o, r, "act_id", _act_id, required=True),
        person_id=person_id,
        person_name=reader.check(o, r, "person_name", lambda _: None, required=bool(person_id)),
        role=reader.check(o, r, "role", checks.local_id, required=True),
        office=r["office"],
        acting_for=reader.check(o, r, "acting_for", _agent_reference, required=True),
        sources=reader.urls(o, r, "source_urls", required=True),
    )


def _body(reader: Reader, o: Origin, r: Row) -> Body:
    return Body(
        origin=o,
        id=reader.check(o, r, "body_id", checks.local_id, required=True),
        label=reader.text(o, r, "label_fr"),
        org_type=reader.text(o, r, "org_type"),
        territory=reader.check(o, r, "territory", _territory_reference),
        successor_siren=reader.check(o, r, "successor_siren", checks.siren),
        notes=r["notes"],
        sources=reader.urls(o, r, "source_urls", required=True),
    )


def _alternative(reader: Reader, o: Origin, r: Row) -> DateAlternative:
    return DateAlternative(
        origin=o,
        act_id=reader.check(o, r, "act_id", _act_id, required=True),
        date=reader.check(o, r, "date", checks.partial_date, required=True),
        sources=reader.urls(o, r, "source_urls", required=True),
        notes=r["notes"],
    )


def _fact_source(reader: Reader, o: Origin, r: Row) -> FactSource:
    return FactSource(
        origin=o,
        resource_id=reader.check(o, r, "resource_id", _resource_id, required=True),
        property=reader.check(o, r, "property", _sourced_property, required=True),
        sources=reader.urls(o, r, "source_urls", required=True),
    )


def _metropole(reader: Reader, o: Origin, r: Row) -> MetropoleSources:
    return MetropoleSources(
        origin=o,
        siren=r["siren"],
        date_sources=reader.urls(o, r, "source_date"),
        seat_sources=reader.urls(o, r, "source_siege"),
        pact_note=r["pacte_metropolitain_innovation_2016_2017"],
    )


def _host(reader: Reader, o: Origin, r: Row) -> SourceHost:
    return SourceHost(
        origin=o,
        host=reader.check(o, r, "host", _host_name, required=True),
        kind=reader.check(o, r, "kind", checks.local_id, required=True),
        original=reader.check(o, r, "original", checks.url_list),
        notes=r["notes"],
    )


def _codes(reader: Reader, relative: str) -> list[Code]:
    required = ("code", "label_fr", "label_en", "definition_fr")
    return [
        Code(
            o,
            reader.check(o, r, "code", checks.local_id, required=True),
            reader.text(o, r, "label_fr"),
            r["label_en"],
            r["definition_fr"],
        )
        for o, r in reader.rows(relative, required)
    ]


# --- field rules -----------------------------------------------------------------------------


def _act_id(value: str) -> str | None:
    return None if checks.is_act_id(value) else "an act id is PEM-…, PMI-… or CT-…"


def _resource_id(value: str) -> str | None:
    if checks.is_act_id(value) or checks.siren(value) is None:
        return None
    return "a resource id is an act id (PEM-…, PMI-…, CT-…) or a métropole SIREN"


def _agent_reference(value: str) -> str | None:
    ok = AGENT_REFERENCE.match(value)
    return None if ok else "a body is organisation:<id>, metropole:<SIREN> or epci:<SIREN>"


def _territory_reference(value: str) -> str | None:
    ok = TERRITORY_REFERENCE.match(value)
    return None if ok else "a territory is region:<code> or departement:<code>"


def _sourced_property(value: str) -> str | None:
    if value in SOURCED_PROPERTIES:
        return None
    return f"the property is one of {sorted(SOURCED_PROPERTIES)}"


def _host_name(value: str) -> str | None:
    ok = urlsplit(f"https://{value}/").hostname == value
    return None if ok else "a host is a bare domain name, e.g. docplayer.fr"


# --- references between files --------------------------------------------------------------


def cross_references(records: Records) -> list[Problem]:
    """Every act, body, role, territory, successor and kind a fact names must exist, and a
    fact's sources must be among the sources its act already cites."""
    facts = records.facts
    acts = {p.id: p.sources for p in records.pacts} | {c.id: c.sources for c in records.contracts}
    return [
        *_signature_references(records, acts),
        *_body_references(records),
        *_source_subsets(facts.date_alternatives, acts),
        *_fact_source_references(records, acts),
        *[
            p
            for h in facts.source_hosts
            for p in _unknown(h.origin, "kind", h.kind, {k.code for k in facts.source_kinds})
        ],
    ]


def _unknown(origin: Origin, field: str, value: str, known: Collection[str]) -> list[Problem]:
    rule = f"unknown {field}: not defined in the curated files or the reference"
    return [Problem(origin, field, rule, value)] if value and value not in known else []


def _agents(records: Records) -> set[str]:
    """Every body a signature may name, as ``kind:key``."""
    epci = {e.siren: e.type for e in records.reference.epci}
    return (
        {f"organisation:{b.id}" for b in records.facts.bodies}
        | {f"metropole:{s}" for s, t in epci.items() if t in ("METRO", "MET69")}
        | {f"epci:{s}" for s, t in epci.items() if t not in ("METRO", "MET69")}
        | {
            f"organisation:{p.key}"
            for c in records.contracts
            for p in c.partners
            if p.kind == "local"
        }
    )


def _signature_references(records: Records, acts: dict[str, list[str]]) -> list[Problem]:
    agents, roles = _agents(records), {r.code for r in records.facts.roles}
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for s in records.facts.signatures:
        problems += _unknown(s.origin, "act_id", s.act_id, acts)
        problems += _unknown(s.origin, "role", s.role, roles)
        problems += _unknown(s.origin, "acting_for", s.acting_for, agents)
        if s.person_id and names.setdefault(s.person_id, s.person_name) != s.person_name:
            rule = "one person id, one name: another row spells it differently"
            problems.append(Problem(s.origin, "person_name", rule, s.person_name))
    return problems + _source_subsets(records.facts.signatures, acts)


def _body_references(records: Records) -> list[Problem]:
    ref = records.reference
    territories = {f"region:{r.code}" for r in ref.regions} | {
        f"departement:{d.code}" for d in ref.departements
    }
    types = {t.code for t in records.organisation_types}
    epci = {e.siren for e in ref.epci}
    problems: list[Problem] = []
    for b in records.facts.bodies:
        problems += _unknown(b.origin, "org_type", b.org_type, types)
        problems += _unknown(b.origin, "territory", b.territory, territories)
        problems += _unknown(b.origin, "successor_siren", b.successor_siren, epci)
    return problems


def _fact_source_references(records: Records, acts: dict[str, list[str]]) -> list[Problem]:
    """A fact source names a known act or métropole and cites a source of that act's row; a
    métropole fact may also cite a source of any act (the pacts' sources speak of métropoles) or
    one that SOURCES.md lists."""
    acts_cited = {url for urls in acts.values() for url in urls}
    acts_cited |= set(records.facts.listed_sources)
    allowed = dict(acts) | {
        m.siren: [*m.date_sources, *m.seat_sources, *acts_cited]
        for m in records.facts.metropole_sources
    }
    problems: list[Problem] = []
    for f in records.facts.fact_sources:
        problems += _unknown(f.origin, "resource_id", f.resource_id, allowed)
        rule = "a fact's source must be cited by its row (source_urls, source_date, source_siege)"
        problems += [
            Problem(f.origin, "source_urls", rule, url)
            for url in f.sources
            if f.resource_id in allowed and url not in allowed[f.resource_id]
        ]
    return problems


def _source_subsets(
    items: list[Signature] | list[DateAlternative], acts: dict[str, list[str]]
) -> list[Problem]:
    """A curated fact may only cite sources its act's row already cites."""
    rule = "a source here must also be cited in the act's row (source_urls)"
    return [
        Problem(item.origin, "source_urls", rule, url)
        for item in items
        if item.act_id in acts
        for url in item.sources
        if url not in acts[item.act_id]
    ]


def split_reference(reference: str) -> tuple[str, str]:
    """``metropole:243100518`` → (``metropole``, ``243100518``)."""
    kind, _, key = reference.partition(":")
    return kind, key


__all__ = ["cross_references", "read_facts", "split_reference"]
