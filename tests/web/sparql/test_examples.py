"""Every example query in queries/examples runs on the live server and answers its question."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from geo_answers import check_touching_partners, check_within_20_km

from metropoles.config import DEFAULT_BASE_IRI as DEFAULT_BASE
from metropoles.config import PROJECT_DIR
from metropoles.domain import COMMUNE_CODE
from metropoles.web.sparql.examples import Example, load_examples

MTP = f"{DEFAULT_BASE}/def/metropoles#"
EXAMPLES = load_examples(PROJECT_DIR / "queries" / "examples", DEFAULT_BASE)
Rows = list[dict[str, str]]


def select(client: httpx.Client, query: str) -> Rows:
    response = client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def scalar(client: httpx.Client, query: str) -> int:
    return int(select(client, query)[0]["n"])


def metropoles(client: httpx.Client) -> int:
    return scalar(client, f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a <{MTP}Metropole> }}")


def check_metropoles(client: httpx.Client, rows: Rows) -> None:
    assert len(rows) == metropoles(client)
    assert all(re.fullmatch(r"\d{9}", r["siren"]) for r in rows)


def check_members(client: httpx.Client, rows: Rows) -> None:
    assert all(COMMUNE_CODE.match(r["code"]) for r in rows)
    assert all(int(r["population"]) > 0 for r in rows if "population" in r)


def check_months(client: httpx.Client, rows: Rows) -> None:
    assert all(re.fullmatch(r"\d{4}-\d{2}", r["mois"]) for r in rows)
    dated = (
        f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{MTP}PacteMetropolitainInnovation> ;"
        " <http://purl.org/dc/terms/issued> ?d }"
    )
    assert sum(int(r["pactes"]) for r in rows) == scalar(client, dated)


def check_without_pact(client: httpx.Client, rows: Rows) -> None:
    for row in rows:
        pact = f"?p a <{MTP}PacteMetropolitainInnovation> ; <{MTP}metropole> <{row['metropole']}>"
        ask = f"ASK {{ {pact} }}"
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False


def check_imprecise_dates(client: httpx.Client, rows: Rows) -> None:
    assert rows and all(re.fullmatch(r"\d{4}(-\d{2})?", r["date"]) for r in rows)


def check_per_metropole(client: httpx.Client, rows: Rows) -> None:
    assert len(rows) == metropoles(client)
    contracts = scalar(
        client, f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c a <{MTP}ContratDeCooperation> }}"
    )
    assert sum(int(r["contrats"]) for r in rows) == contracts


def contracts_with_partner(client: httpx.Client, partner: str) -> int:
    query = (
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a <{MTP}ContratDeCooperation> ;"
        f" <{MTP}partenaire> ?p . {partner} }}"
    )
    return scalar(client, query)


def check_cross_border(client: httpx.Client, rows: Rows) -> None:
    assert all(r["pays"] and r["pays"] != "France" for r in rows)
    foreign = contracts_with_partner(client, f"?p <{MTP}pays> ?country")
    assert len({r["accord"] for r in rows}) == foreign


def check_departements(client: httpx.Client, rows: Rows) -> None:
    assert all(re.fullmatch(r"\d{2}|2[AB]|97\d", r["code"]) for r in rows)
    notation = (
        "<http://www.w3.org/ns/org#classification>/<http://www.w3.org/2004/02/skos/core#notation>"
    )
    departements = contracts_with_partner(client, f'?p {notation} "DEPARTEMENT"')
    assert len({r["accord"] for r in rows}) == departements


def check_kinds_per_metropole(client: httpx.Client, rows: Rows) -> None:
    pairs = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?c ?m WHERE {{"
        f" ?c a <{MTP}ContratDeCooperation> ; <{MTP}metropole>|<{MTP}partenaire> ?m ."
        f" ?m a <{MTP}Metropole> }} }}"
    )
    assert sum(int(r["accords"]) for r in rows) == scalar(client, pairs)


def check_none_found(client: httpx.Client, rows: Rows) -> None:
    for row in rows:
        agreement = (
            f"?c a <{MTP}ContratDeCooperation> ; <{MTP}metropole>|<{MTP}partenaire>"
            f" <{row['metropole']}>"
        )
        ask = f"ASK {{ {agreement} }}"
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    searches = f"SELECT (COUNT(?r) AS ?n) WHERE {{ ?r a <{MTP}RechercheSansResultat> }}"
    assert len(rows) == scalar(client, searches)


CHECKS: dict[str, Callable[[httpx.Client, Rows], None]] = {
    "01-metropoles": check_metropoles,
    "02-communes-membres": check_members,
    "03-pactes-par-mois": check_months,
    "07-metropoles-sans-pacte": check_without_pact,
    "08-dates-imprecises": check_imprecise_dates,
    "09-contrats-par-metropole": check_per_metropole,
    "12-accords-transfrontaliers": check_cross_border,
    "13-accords-cosignes-departement": check_departements,
    "14-accords-par-type-et-metropole": check_kinds_per_metropole,
    "15-metropoles-sans-accord-trouve": check_none_found,
    "16-communes-a-20-km-du-siege": check_within_20_km,
    "17-partenaires-limitrophes": check_touching_partners,
}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_answers(client: httpx.Client, example: Example) -> None:
    assert example.title and example.description
    if example.form == "CONSTRUCT":
        response = client.post("/sparql", data={"query": example.query, "format": "ttl"})
        assert response.status_code == 200
        assert list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
        return
    rows = select(client, example.query)
    assert rows, f"{example.name} answered nothing"
    CHECKS.get(example.name, lambda client, rows: None)(client, rows)


def test_examples_are_published_sib_style(client: httpx.Client) -> None:
    response = client.get("/.well-known/sparql-examples", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    executables = {
        t.subject
        for t in triples
        if t.object.value == "http://www.w3.org/ns/shacl#SPARQLExecutable"
    }
    assert (
        len(executables)
        == len(EXAMPLES)
        == len(list(Path(PROJECT_DIR / "queries" / "examples").glob("*.rq")))
    )


@pytest.mark.parametrize("name", [e.name for e in EXAMPLES])
def test_example_answers_the_same_under_another_base(
    client: httpx.Client, other_base: tuple[str, httpx.Client], name: str
) -> None:
    """The files name no base: under another base IRI each example gives the same answer, its
    IRIs under that base."""
    base, other = other_base
    example = next(e for e in EXAMPLES if e.name == name)
    moved_examples = load_examples(PROJECT_DIR / "queries" / "examples", base)
    again = next(e for e in moved_examples if e.name == name)
    assert DEFAULT_BASE not in again.query
    if example.form == "CONSTRUCT":
        here, there = (
            c.post("/sparql", data={"query": q, "format": "nt"}).text
            for c, q in ((client, example.query), (other, again.query))
        )
        assert there
        assert sorted(there.replace(base, DEFAULT_BASE).splitlines()) == sorted(here.splitlines())
        return
    rows = select(other, again.query)
    assert rows, f"{name} answered nothing under {base}"
    moved = [{k: unordered(v.replace(base, DEFAULT_BASE)) for k, v in r.items()} for r in rows]
    assert moved == [{k: unordered(v) for k, v in r.items()} for r in select(client, example.query)]


def unordered(value: str) -> str:
    """A GROUP_CONCAT's parts in a fixed order (stores concatenate in any order)."""
    return " ; ".join(sorted(value.split(" ; ")))
