"""Resource pages by kind, in process: unknown facts read as unknown, identifiers, member communes,
schema.org JSON-LD, contracts and their parties, the ontology documentation."""

from __future__ import annotations

import json
import re

import httpx
import rdflib
import source_counts

from metropoles.config import PROJECT_DIR

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"


def test_month_only_date_and_unknown_facts_read_as_unknown(client: httpx.Client) -> None:
    pact = client.get("/doc/pacte/pmi-grandparis").text
    assert "janvier 2017" in pact and "2017-01" not in _visible(pact)
    query = f"""SELECT ?p WHERE {{ ?p a <{MTP}PacteMetropolitainInnovation>
        FILTER NOT EXISTS {{ ?p <{MTP}montantEtat> ?m }} }} LIMIT 1"""
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    if rows:
        path = rows[0]["p"]["value"].replace(f"{BASE}/id/", "/doc/")
        assert "montant non connu" in client.get(path).text
    home = client.get("/").text
    assert "janvier 2017" in home and "6 juillet 2016" in home


def test_metropole_page_has_identifiers_communes_and_schema_org(client: httpx.Client) -> None:
    page = client.get(LYON).text
    assert 'lang="fr"' in page and 'class="skip"' in page
    assert "https://annuaire-entreprises.data.gouv.fr/entreprise/200046977" in page
    assert re.search(r'<th scope="col"[^>]*>Population municipale</th>', page)
    assert "Référencé par" in page and "Sources" in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert script
    data = json.loads(script.group(1))
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "GovernmentOrganization"
    assert {"@type": "PropertyValue", "propertyID": "SIREN", "value": "200046977"} in data[
        "identifier"
    ]


def test_contract_page_links_its_pact_and_parties(client: httpx.Client) -> None:
    page = client.get("/doc/contrat/ct-tlse-ppg").text
    for text in (
        "Partenaires",
        "/doc/pacte/pmi-toulouse",
        "/doc/metropole/243100518",
        "10 juillet 2017",
    ):
        assert text in page


def test_ontology_is_documented_with_anchors_and_shapes(client: httpx.Client) -> None:
    page = client.get("/def/metropoles", headers={"Accept": "text/html"}).text
    for anchor in ("Metropole", "Pacte", "ContratDeCooperation", "siren", "partenaire"):
        assert f'id="{anchor}"' in page
    assert "MetropoleShape" in page and "1..1" in page and "Classes réutilisées" in page
    turtle = client.get("/def/metropoles", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    classes = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    source = rdflib.Graph().parse(PROJECT_DIR / "ontology" / "metropoles.ttl", format="turtle")
    declared = set(source.subjects(rdflib.RDF.type, rdflib.OWL.Class))
    assert rdflib.URIRef(MTP + "Metropole") in classes and declared <= classes
    for ext, fmt in (("jsonld", "json-ld"), ("rdf", "xml")):
        other = client.get(f"/def/metropoles.{ext}")
        assert len(rdflib.Graph().parse(data=other.text, format=fmt)) == len(graph)


def _visible(html: str) -> str:
    """The text outside tags and scripts."""
    without_scripts = re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", without_scripts)


def test_home_counts_the_member_communes_only(client: httpx.Client) -> None:
    """A commune that is only a contract partner is in the graph, but not a member."""
    home = client.get("/", headers={"Accept": "text/html"}).text
    assert f"<strong>{source_counts.metropole_members()}</strong> communes membres" in home


def test_a_commune_page_says_what_it_is_in_words(client: httpx.Client) -> None:
    """The first member commune of the reference: a commune, its métropole, its population."""
    reference = PROJECT_DIR / "data" / "reference" / "metropoles"
    member = source_counts.rows(reference / "membres.csv")[0]
    commune = next(
        row
        for row in source_counts.rows(reference / "communes.csv")
        if row["code"] == member["commune_code"]
    )
    metropole = next(
        row
        for row in source_counts.rows(PROJECT_DIR / "data" / "sources" / "metropoles.csv")
        if member["epci_siren"] in (row["siren"], row["siren_2018_if_different"])
    )
    page = client.get(f"/doc/commune/{commune['code']}", headers={"Accept": "text/html"}).text
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.DOTALL)
    assert lead, "no sentence opens the commune page"
    text = re.sub(r"<[^>]+>", "", lead.group(1))
    assert f"{commune['nom']} est une commune" in text
    assert f"métropole « {metropole['nom_officiel_etalab_2026']} »" in text
    population = f"{int(commune['population_municipale']):,}".replace(",", "\u202f")
    assert f"{population} habitants" in text
    assert f'href="/doc/metropole/{metropole["siren"]}"' in lead.group(1)
