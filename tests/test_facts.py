"""Facts a machine can use: signatures, bodies, date bounds, a source per fact, mirror hosts.
Source rules on broken copies of data/; the mapping on the real data; the example queries on the
session's publication, each answer checked against what data/ says."""

from __future__ import annotations

import csv
import io
import json
import tarfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from metropoles.config import PROJECT_DIR
from metropoles.iris import Iris
from metropoles.publish.validation import validate
from metropoles.rdf.facts import NOT_FACTS, span
from metropoles.rdf.mapping import to_graphs
from metropoles.records import Records
from metropoles.sources.history import (
    MILLESIMES,
    history_tables,
    load,
    metropoles_of,
    periods,
    population_tables,
)
from metropoles.sources.read import SourceError, read_all, read_turtle
from metropoles.sources.refdata import RefDataError, read_successors
from metropoles.web.sparql.examples import with_base_prefix

SOURCES = PROJECT_DIR / "data" / "sources"
EXAMPLES = PROJECT_DIR / "queries" / "examples"
BASE = "https://w3id.org/metropoles"
MTP = f"{BASE}/def/metropoles#"
IRIS = Iris(BASE)
YEARS = [m.year for m in MILLESIMES]


def rows(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def records() -> Records:
    return read_all(PROJECT_DIR / "data", "metropoles")


@pytest.fixture(scope="module")
def recherche(records: Records) -> Graph:
    return to_graphs(records, IRIS).recherche


@pytest.fixture(scope="module")
def store(publication_dir: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=publication_dir / "metropoles.nq", format=ox.RdfFormat.N_QUADS)
    return store


def answer(store: ox.Store, example: str) -> list[dict[str, str]]:
    """The rows of an example query, as plain strings (unbound variables left out)."""
    path = next(EXAMPLES.glob(f"{example}*.rq"))
    text = with_base_prefix(path.read_text(encoding="utf-8"), IRIS.base)
    solutions = store.query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    return [
        {name: term.value for name, term in zip(variables, row, strict=True) if term is not None}
        for row in solutions
    ]


# --- source rules ----------------------------------------------------------------------------


def problems_for(project: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_all(project / "data", "metropoles")
    return str(caught.value)


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path``; return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


BROKEN = [  # file, text, replacement, field named, rule named
    ("signatories.csv", "PMI-BORDEAUX,alain", "PMI-BORDO,alain", "act_id", "unknown act_id"),
    ("signatories.csv", "premier-ministre,Premier", "roi,Premier", "role", "unknown role"),
    ("signatories.csv", ":region-bretagne", ":region-bzh", "acting_for", "unknown acting_for"),
    ("signatories.csv", "PPG,jean-luc-moudenc,Jean-Luc", "PPG,jean-luc-moudenc,J.-L.",
     "person_name", "one person id, one name"),
    ("signatories.csv", "243300316,https://innovapresse", "243300316,https://example.org/x",
     "source_urls", "also be cited in the act's row"),
    ("bodies.csv", "region:53", "region:99", "territory", "unknown territory"),
    ("bodies.csv", ",200066355,", ",200066356,", "successor_siren", "Luhn"),
    ("date_alternatives.csv", "2017-01-16", "2017-01-32", "date", "not a real calendar date"),
    ("fact_sources.csv", "LILLE,mtp:montantEtat", "LILLE,mtp:montant", "property", "one of"),
    ("source_hosts.csv", "docplayer.fr,miroir", "docplayer.fr,copie", "kind", "unknown kind"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "field", "rule"), BROKEN)
def test_broken_fact_names_file_line_field_and_rule(
    project_copy: Path, file: str, old: str, new: str, field: str, rule: str
) -> None:
    line = edit(project_copy / "data" / "sources" / file, old, new)
    message = problems_for(project_copy)
    assert f"data/sources/{file}:{line}: field '{field}'" in message, message
    assert rule in message


# --- mapping ---------------------------------------------------------------------------------


def test_every_signature_is_a_qualified_attribution(recherche: Graph) -> None:
    signatures = rows("signatories.csv")
    nodes = set(recherche.objects(None, PROV.qualifiedAttribution))
    assert len(nodes) == len(signatures)
    for row in signatures:
        act = (
            IRIS.pacte(row["act_id"])
            if row["act_id"].startswith("P")
            else IRIS.contrat(row["act_id"])
        )
        agent = IRIS.personne(row["person_id"]) if row["person_id"] else None
        role = IRIS.concept("role-signataire", row["role"])
        found = [
            n
            for n in recherche.objects(act, PROV.qualifiedAttribution)
            if (n, PROV.hadRole, role) in recherche
            and (agent is None or (n, PROV.agent, agent) in recherche)
        ]
        assert len(found) == 1, row
        assert (act, PROV.wasAttributedTo, recherche.value(found[0], PROV.agent)) in recherche


def test_co_signing_collectivites_link_to_their_territory(recherche: Graph) -> None:
    for body in rows("bodies.csv"):
        territory = recherche.value(IRIS.organisation(body["body_id"]), DCTERMS.spatial)
        if body["territory"]:
            kind, code = body["territory"].split(":")
            expected = IRIS.region(code) if kind == "region" else IRIS.departement(code)
            assert territory == expected
        else:
            assert territory is None


def test_every_dated_act_has_bounds_that_contain_every_date_given(recherche: Graph) -> None:
    alternatives: dict[str, list[str]] = {}
    for row in rows("date_alternatives.csv"):
        alternatives.setdefault(row["act_id"], []).append(row["date"])
    acts = [(IRIS.pacte(r["pact_id"]), r["pact_id"], r) for r in rows("pacts.csv")] + [
        (IRIS.contrat(r["contract_id"]), r["contract_id"], r) for r in rows("contracts.csv")
    ]
    checked = 0
    for act, act_id, row in acts:
        earliest = recherche.value(act, URIRef(MTP + "dateAuPlusTot"))
        latest = recherche.value(act, URIRef(MTP + "dateAuPlusTard"))
        if not row["date"]:
            assert earliest is None and latest is None
            continue
        spans = [span(d) for d in [row["date"], *alternatives.get(act_id, [])]]
        assert earliest == Literal(min(s[0] for s in spans), datatype=XSD.date)
        assert latest == Literal(max(s[1] for s in spans), datatype=XSD.date)
        checked += 1
    assert checked == len([a for a, _, r in acts if r["date"]])  # one row per contract partner


def test_month_precise_date_keeps_its_form_and_gains_month_bounds(recherche: Graph) -> None:
    row = next(r for r in rows("pacts.csv") if len(r["date"]) == 7)
    act = IRIS.pacte(row["pact_id"])
    assert recherche.value(act, DCTERMS.issued) == Literal(row["date"], datatype=XSD.gYearMonth)
    first, last = span(row["date"])
    assert (first.day, last.month) == (1, first.month) and last.day >= 28


def facts_of(graph: Graph) -> Iterator[tuple[URIRef, URIRef, object, list[URIRef]]]:
    for node in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert isinstance(s, URIRef) and isinstance(p, URIRef)
        yield s, p, o, list(graph.objects(node, PROV.wasDerivedFrom))


def test_every_researched_fact_has_a_statement_and_a_source(recherche: Graph) -> None:
    facts = {(s, p, o): sources for s, p, o, sources in facts_of(recherche)}
    assert all(sources for sources in facts.values())
    assert all((s, p, o) in recherche for s, p, o in facts)  # a statement reifies a real triple
    researched = [IRIS.pacte(r["pact_id"]) for r in rows("pacts.csv")] + [
        IRIS.metropole(r["siren"]) for r in rows("metropoles.csv")
    ]
    for s in researched:
        for p, o in recherche.predicate_objects(s):
            if p not in NOT_FACTS:
                assert (s, p, o) in facts, (s, p, o)


def test_a_fact_source_narrows_the_row_sources(recherche: Graph) -> None:
    facts = {(s, p): sources for s, p, _, sources in facts_of(recherche)}
    for row in rows("fact_sources.csv"):
        resource = row["resource_id"]
        s = (
            IRIS.metropole(resource)
            if resource.isdigit()
            else IRIS.pacte(resource)
            if resource.startswith("P")
            else IRIS.contrat(resource)
        )
        prefix, local = row["property"].split(":")
        p = URIRef(MTP + local) if prefix == "mtp" else DCTERMS[local]
        expected = {URIRef(u) for u in row["source_urls"].split(" | ")}
        assert set(facts[(s, p)]) == expected, row


def test_partners_that_merged_keep_their_successor(recherche: Graph) -> None:
    merged = [b for b in rows("bodies.csv") if b["successor_siren"]]
    assert merged
    for body in merged:
        partner = IRIS.organisation(body["body_id"])
        successor = recherche.value(partner, DCTERMS.isReplacedBy)
        assert successor is not None and str(successor).endswith(body["successor_siren"])
        assert recherche.value(partner, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))


# --- the example queries, on the publication ------------------------------------------------------


def test_pacts_signed_by_a_prime_minister(store: ox.Store) -> None:
    expected = {
        str(IRIS.pacte(r["act_id"]))
        for r in rows("signatories.csv")
        if r["person_name"] == "Bernard Cazeneuve" and r["role"] == "premier-ministre"
    }
    assert {r["acte"] for r in answer(store, "20-")} == expected and expected


def test_acts_co_signed_by_a_region_or_departement(store: ox.Store) -> None:
    bodies = {
        b["body_id"]: b["territory"].split(":")[1] for b in rows("bodies.csv") if b["territory"]
    }
    expected = {
        (r["act_id"].lower(), bodies[r["acting_for"].split(":")[1]])
        for r in rows("signatories.csv")
        if r["acting_for"].split(":")[1] in bodies
    }
    found = {(r["acte"].rpartition("/")[2], r["codeINSEE"]) for r in answer(store, "21-")}
    assert found == expected
    assert ("pmi-rennes", "53") in found and ("pmi-brest", "53") in found


def test_pacts_signed_before_march_2017_include_month_precise_dates(store: ox.Store) -> None:
    alternatives: dict[str, list[str]] = {}
    for row in rows("date_alternatives.csv"):
        alternatives.setdefault(row["act_id"], []).append(row["date"])
    expected = {
        r["pact_id"].lower()
        for r in rows("pacts.csv")
        if r["pact_type"].startswith("pacte métropolitain")
        and r["date"]
        and max(span(d)[1] for d in [r["date"], *alternatives.get(r["pact_id"], [])])
        < date(2017, 3, 1)
    }
    found = {r["pacte"].rpartition("/")[2] for r in answer(store, "22-")}
    assert found == expected
    assert any(len(r["date"]) == 7 for r in answer(store, "22-"))  # Grand Paris is counted


def test_each_fact_of_a_metropole_names_its_source(store: ox.Store) -> None:
    nice = next(r for r in rows("metropoles.csv") if r["siren"] == "200030195")
    answered = answer(store, "23-")
    siege = {r["source"] for r in answered if r["propriete"] == MTP + "siege"}
    assert siege == set(nice["source_siege"].split(" | "))
    created = {r["source"] for r in answered if r["propriete"] == MTP + "dateStatutMetropole"}
    assert created == set(nice["source_date"].split(" | "))
    hosts = {h["host"] for h in rows("source_hosts.csv")}
    for row in answered:  # a page on a mirror or test host says so; no other page does
        assert ("nature" in row) == (urlsplit(row["source"]).hostname in hosts), row
    assert any("nature" in row for row in answered)


def test_disputed_dates_show_each_date_with_its_source(store: ox.Store) -> None:
    found = {
        (r["acte"].rpartition("/")[2], r["alternative"], r["sourceAlternative"])
        for r in answer(store, "24-")
    }
    expected = {
        (r["act_id"].lower(), r["date"], r["source_urls"]) for r in rows("date_alternatives.csv")
    }
    assert found == expected


def test_merged_partners_answer_with_their_successor(store: ox.Store) -> None:
    found = {
        (r["partenaire"].rpartition("/")[2], r["successeur"].rpartition("/")[2])
        for r in answer(store, "25-")
    }
    expected = {
        (b["body_id"], b["successor_siren"]) for b in rows("bodies.csv") if b["successor_siren"]
    }
    assert found == expected


def test_mirror_share_counts_every_fact(store: ox.Store) -> None:
    (row,) = answer(store, "26-")
    statements = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?f a <{RDF.Statement}> }}"
    solutions = store.query(statements, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    total = int(next(iter(solutions))[0].value)
    assert int(row["faits"]) == total
    assert 0 < int(row["seulementMiroir"]) <= int(row["avecMiroir"]) < total


def test_every_signature_is_listed_with_its_role(store: ox.Store) -> None:
    assert len(answer(store, "27-")) == len(rows("signatories.csv"))


def test_alliance_des_territoires_reaches_its_contracts(store: ox.Store) -> None:
    concept = next(r for r in rows("themes.csv") if r["concept_id"] == "obj-alliance-territoires")
    expected = {a.lower() for a in concept["used_by"].split("; ") if a.startswith("CT-")}
    assert {r["contrat"].rpartition("/")[2] for r in answer(store, "28-")} == expected and expected


def test_pact_note_of_every_metropole_is_published(store: ox.Store) -> None:
    notes = {
        r["siren"]: r["pacte_metropolitain_innovation_2016_2017"] for r in rows("metropoles.csv")
    }
    found = {r["metropole"].rpartition("/")[2]: r["note"] for r in answer(store, "29-")}
    assert found == {siren: note for siren, note in notes.items() if note}
    absent = [n for n in found.values() if n.startswith("aucun pacte métropolitain trouvé")]
    assert len(absent) == 7  # the métropoles created in 2017-2018
    assert any("annonce" in note for note in absent)  # Saint-Étienne's announcement


# --- dumps ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("metropoles.ttl", "turtle"), ("metropoles.nt", "nt"), ("metropoles.rdf", "xml"),
     ("metropoles.jsonld", "json-ld"), ("metropoles.trig", "trig"), ("metropoles.nq", "nquads")],
)  # fmt: skip
def test_sourced_facts_survive_every_dump_format(
    publication_dir: Path, name: str, fmt: str
) -> None:
    dataset = Dataset()
    dataset.parse(publication_dir / name, format=fmt)
    found = {s for s, _, _, _ in dataset.quads((None, RDF.type, RDF.Statement, None))}
    reference = ox.parse(path=publication_dir / "metropoles.nq", format=ox.RdfFormat.N_QUADS)
    statement = ox.NamedNode(str(RDF.Statement))
    rdf_type = ox.NamedNode(str(RDF.type))
    expected = {
        URIRef(q.subject.value)
        for q in reference
        if q.predicate == rdf_type and q.object == statement
    }
    assert expected and found == expected


# --- history of the métropoles ---------------------------------------------------------------


def history_rows(name: str) -> list[dict[str, str]]:
    path = PROJECT_DIR / "data" / "reference" / "history" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_periods_merge_consecutive_millesimes_only() -> None:
    seen = [(("x",), y) for y in (2019, 2020, 2021, 2024)] + [(("y",), 2026)]
    assert periods(seen, YEARS) == [
        ("x", "2019", "2021"),
        ("x", "2024", "2024"),
        ("y", "2026", "2026"),
    ]


def test_history_tarballs_are_pinned_and_checked(tmp_path: Path) -> None:
    archive = tmp_path / MILLESIMES[0].tarball_name
    archive.write_bytes(b"not the package")
    with pytest.raises(RefDataError, match="sha512 mismatch"):
        load(MILLESIMES[0], tmp_path)
    with pytest.raises(RefDataError, match="missing"):
        load(MILLESIMES[1], tmp_path)


def fake_package(metropoles: list[dict[str, object]]) -> bytes:
    """A tarball shaped like the Etalab package, holding only ``epci.json``."""
    body = json.dumps(metropoles).encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("package/data/epci.json")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def test_history_tables_show_siren_changes_and_membership_years() -> None:
    def lille(siren: str, members: list[str]) -> dict[str, object]:
        membres = [{"code": c, "nom": c, "siren": ""} for c in members]
        return {"code": siren, "nom": "MEL", "type": "METRO", "membres": membres}

    by_year = {
        2019: metropoles_of(fake_package([lille("245900410", ["59350"])])),
        2020: metropoles_of(fake_package([lille("245900410", ["59350"])])),
        2021: metropoles_of(fake_package([lille("200093201", ["59350", "59009"])])),
    }
    identities, memberships = history_tables(by_year)
    assert identities == [
        ("200093201", "MEL", "METRO", "2021", "2021"),
        ("245900410", "MEL", "METRO", "2019", "2020"),
    ]
    assert ("245900410", "59350", "59350", "2019", "2020") in memberships
    assert ("200093201", "59009", "59009", "2021", "2021") in memberships


def test_history_siren_must_be_a_metropole(project_copy: Path) -> None:
    path = project_copy / "data" / "reference" / "history" / "identites.csv"
    line = edit(path, "245900410,", "245900428,")  # Luhn-valid, not a métropole's
    message = problems_for(project_copy)
    assert f"data/reference/history/identites.csv:{line}: field 'siren'" in message
    assert "unknown SIREN" in message


def test_lille_keeps_one_membership_period_across_its_siren_change(records: Records) -> None:
    graph = to_graphs(records, IRIS).reference
    first: dict[str, set[str]] = {}
    for node in graph.objects(IRIS.territoire("200093201"), URIRef(MTP + "adhesion")):
        code = str(graph.value(node, URIRef(MTP + "codeCommune")))
        first.setdefault(code, set()).add(str(graph.value(node, URIRef(MTP + "premierMillesime"))))
    earlier = {
        r["commune_code"] for r in history_rows("adhesions.csv") if r["epci_siren"] == "245900410"
    }
    assert earlier and all(min(first[code]) == str(YEARS[0]) for code in earlier)
    identities = list(graph.objects(IRIS.metropole("200093201"), URIRef(MTP + "identite")))
    sirens = {str(graph.value(n, URIRef(MTP + "siren"))) for n in identities}
    assert sirens == {"245900410", "200093201"}


def test_real_memberships_conform_to_their_shape(records: Records) -> None:
    """The memberships, and the members' populations hanging off them, are checked by the source
    rules in the build; here the shapes check them too, with what they link to."""
    graph = to_graphs(records, IRIS).reference
    members = Graph()
    for territory, _, node in graph.triples((None, URIRef(MTP + "adhesion"), None)):
        members.add((territory, URIRef(MTP + "adhesion"), node))
        for p, o in graph.predicate_objects(node):
            members.add((node, p, o))
            if p == URIRef(MTP + "populationMillesime"):
                for q, v in graph.predicate_objects(o):
                    members.add((o, q, v))
    # the communes they link to, with their départements and régions, as the shapes require
    subdivision = URIRef("http://rdf.insee.fr/def/geo#subdivisionDirecteDe")
    linked = set(members.objects(None, URIRef(MTP + "communeMembre")))
    linked |= set(members.objects(None, URIRef(MTP + "communeActuelle")))
    linked |= {d for c in linked for d in graph.objects(c, subdivision)}
    linked |= {r for d in linked for r in graph.objects(d, subdivision)}
    for subject in linked:
        for p, o in graph.predicate_objects(subject):
            members.add((subject, p, o))
    assert len(set(members.subjects(RDF.type, URIRef(MTP + "Adhesion")))) == len(
        history_rows("adhesions.csv")
    ) - sum(1 for r in history_rows("adhesions.csv") if r["epci_siren"] == "245900410")
    shapes = read_turtle((PROJECT_DIR / "shapes").glob("*.ttl"), BASE)
    ontology = read_turtle((PROJECT_DIR / "ontology").glob("*.ttl"), BASE)
    report = validate(members, ontology, shapes)
    assert report.violations == []


def test_history_of_a_metropole_answers(store: ox.Store) -> None:
    rows = answer(store, "30-")
    sirens = {(r["nom"], r["siren"]) for r in rows if r.get("siren")}
    identities = {(r["nom"], r["siren"]) for r in history_rows("identites.csv")}
    assert sirens <= identities and ("Métropole Européenne de Lille", "245900410") in sirens


def test_population_tables_keep_each_millesime_and_never_fill_a_gap() -> None:
    def brest(counts: dict[str, int], member: dict[str, int]) -> bytes:
        membres = [{"code": "29019", "nom": "Brest", "siren": "212900195", **member}]
        metropole = {"code": "242900314", "nom": "BM", "type": "METRO", "membres": membres}
        return fake_package([metropole | counts])

    both = {"populationMunicipale": 7, "populationTotale": 9}
    by_year = {
        2020: metropoles_of(brest({"populationMunicipale": 5}, {})),  # members: no population
        2021: metropoles_of(brest(both, both)),
    }
    metropoles, communes = population_tables(by_year)
    assert metropoles == [("242900314", "2020", "5", ""), ("242900314", "2021", "7", "9")]
    assert communes == [("242900314", "29019", "2021", "7", "9")]  # no row for 2020


BROKEN_POPULATIONS = [  # file, text, replacement, field named, rule named
    ("populations.csv", "242900314,2021,210047,214290", "242900314,2021,214291,214290",
     "population_municipale", "larger than the total"),
    ("populations.csv", "242900314,2021,210047,214290", "242900314,2021,,",
     "population_municipale", "at least one population"),
    ("populations.csv", "242900314,2021,210047,214290", "242900314,2018,210047,214290",
     "millesime", "a millésime is one of"),
    ("populations.csv", "242900314,2021,210047,214290", "242900314,2021,210047.5,214290",
     "population_municipale", "whole number"),
    ("populations.csv", "245900410,2020,", "245900410,2021,",
     "millesime", "no identity of this SIREN in this millésime"),
    ("populations.csv", "242900314,2022,211156,215367", "242900314,2021,210047,214290",
     "millesime", "a second population for the same métropole and millésime"),
    ("populations.csv", "242900314,2021,210047,214290", "242900314,2021,210048,214290",
     "population_municipale", "add up to 210047"),
    ("populations_communes.csv", "242900314,29019,2021,", "242900314,29019,2018,",
     "millesime", "a millésime is one of"),
    ("populations_communes.csv", "242900314,29019,2021,", "242900314,69123,2021,",
     "commune_code", "not a member of this métropole in this millésime"),
    ("populations_communes.csv", "242900314,29019,2021,", "242900315,29019,2021,",
     "epci_siren", "SIREN"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "rule"),
    BROKEN_POPULATIONS,
    ids=[b[4] for b in BROKEN_POPULATIONS],
)
def test_population_rules_name_file_line_and_field(
    project_copy: Path, name: str, old: str, new: str, field: str, rule: str
) -> None:
    line = edit(project_copy / "data" / "reference" / "history" / name, old, new)
    message = problems_for(project_copy)
    assert f"data/reference/history/{name}:{line}: field '{field}'" in message
    assert rule in message


def test_each_millesime_population_is_published_where_it_belongs(records: Records) -> None:
    graph = to_graphs(records, IRIS).reference
    mtp = MTP
    populations = URIRef(mtp + "populationMillesime")

    def published(holder: URIRef) -> dict[str, tuple[int, int]]:
        return {
            str(graph.value(n, URIRef(mtp + "millesime"))): (
                int(graph.value(n, URIRef(mtp + "populationMunicipale"))),  # type: ignore[arg-type]
                int(graph.value(n, URIRef(mtp + "populationTotale"))),  # type: ignore[arg-type]
            )
            for n in graph.objects(holder, populations)
        }

    for row in history_rows("populations.csv"):
        siren = "200093201" if row["siren"] == "245900410" else row["siren"]  # Lille before 2021
        by_year = published(IRIS.territoire(siren))
        expected = (int(row["population_municipale"]), int(row["population_totale"]))
        assert by_year[row["millesime"]] == expected
    brest = [
        r
        for r in history_rows("populations_communes.csv")
        if (r["epci_siren"], r["commune_code"]) == ("242900314", "29019")
    ]
    (membership,) = [
        n
        for n in graph.objects(IRIS.territoire("242900314"), URIRef(mtp + "adhesion"))
        if str(graph.value(n, URIRef(mtp + "codeCommune"))) == "29019"
    ]
    assert published(membership) == {
        r["millesime"]: (int(r["population_municipale"]), int(r["population_totale"]))
        for r in brest
    }
    assert "2019" not in published(membership)  # the 2019 version gives members no population
    node = next(graph.objects(membership, populations))
    assert str(graph.value(node, DCTERMS.source)).startswith(
        "https://unpkg.com/@etalab/decoupage-administratif@"
    )


def test_population_by_millesime_answers(store: ox.Store) -> None:
    rows = answer(store, "31-")
    found = {(r["siren"], r["millesime"], r["populationMunicipale"]) for r in rows}
    current = {"245900410": "200093201"}
    expected = {
        (current.get(r["siren"], r["siren"]), r["millesime"], r["population_municipale"])
        for r in history_rows("populations.csv")
    }
    assert found == expected
    lyon = [r for r in rows if r["siren"] == "200046977"]
    assert [r["millesime"] for r in lyon] == [str(m.year) for m in MILLESIMES]
    assert all("variation" in r for r in lyon)


def test_successors_of_merged_partners_stay_in_the_reference(tmp_path: Path) -> None:
    successors = read_successors(SOURCES / "bodies.csv")
    with (PROJECT_DIR / "data/reference/metropoles/epci.csv").open(encoding="utf-8") as handle:
        epci = {r["siren"] for r in csv.DictReader(handle)}
    assert successors and successors <= epci  # metropoles reference keeps them
    broken = tmp_path / "bodies.csv"
    broken.write_text("body_id,successor_siren\nx,12345\n", encoding="utf-8")
    with pytest.raises(RefDataError, match="bodies.csv:2"):
        read_successors(broken)


def test_a_commune_that_merged_links_to_its_commune_nouvelle(records: Records) -> None:
    graph = to_graphs(records, IRIS).reference
    absorbed = dict(records.history.communes_nouvelles)
    assert absorbed
    nodes = {
        str(graph.value(n, URIRef(MTP + "codeCommune"))): n
        for n in graph.subjects(RDF.type, URIRef(MTP + "Adhesion"))
    }
    for former, current in absorbed.items():
        node = nodes[former]
        assert graph.value(node, URIRef(MTP + "communeActuelle")) == IRIS.commune(current)
        assert graph.value(node, URIRef(MTP + "communeMembre")) is None
