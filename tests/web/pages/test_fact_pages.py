"""The researched facts on the pages, in process, checked against data/sources: each fact's
sources next to it (mirrors and test hosts marked), dates with their bounds and disputed
alternatives, signatories linked to person pages, hash-IRI nodes anchored in their document,
person and body pages, every act of a métropole by family (partner acts included), searches that
found nothing, and a métropole's history."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
import pytest
import rdflib

from metropoles.config import PROJECT_DIR
from metropoles.web.pages.values import day, month, number

SOURCES = PROJECT_DIR / "data" / "sources"
BASE = "https://w3id.org/metropoles"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/sources/<name>.csv``."""
    with (SOURCES / f"{name}.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def urls(cell: str) -> list[str]:
    """The URLs of a ``source_urls`` cell (`` | ``-separated)."""
    return [u.strip() for u in cell.split("|") if u.strip()]


def pact_ids() -> set[str]:
    return {r["pact_id"] for r in rows("pacts")}


def act_path(act_id: str) -> str:
    kind = "pacte" if act_id in pact_ids() else "contrat"
    return f"/doc/{kind}/{act_id.lower()}"


def french_date(value: str) -> str:
    """A date of data/ as the pages write it."""
    if len(value) == 10:
        return day(value)
    return month(value) if len(value) == 7 else value


class Elements(HTMLParser):
    """The ids of the elements of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids |= {v for k, v in attrs if k == "id" and v}


def ids(html: str) -> set[str]:
    parser = Elements()
    parser.feed(html)
    return parser.ids


def fact(html: str, label: str) -> str:
    """The ``<dd>`` of the key fact labelled ``label`` (inner HTML, unescaped)."""
    pattern = rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>"
    found = re.search(pattern, unescape(html), re.DOTALL)
    assert found, label
    return found.group(1)


def element(html: str, anchor: str) -> str:
    """The element carrying ``id="anchor"`` up to its end tag (li or tr), unescaped."""
    found = re.search(rf'<(li|tr) id="{re.escape(anchor)}">(.*?)</\1>', html, re.DOTALL)
    assert found, anchor
    return unescape(found.group(2))


def href(url: str) -> str:
    return f'href="{url}"'


@pytest.fixture(scope="module")
def pages(client: httpx.Client) -> dict[str, str]:
    """The HTML of every pact and contract page (fetched once)."""
    acts = pact_ids() | {r["contract_id"] for r in rows("contracts")}
    found = {}
    for act in sorted(acts):
        answer = client.get(act_path(act), headers={"Accept": "text/html"})
        assert answer.status_code == 200, act
        found[act] = answer.text
    return found


def test_every_act_cites_each_of_its_sources_next_to_a_fact(pages: dict[str, str]) -> None:
    cited = {r["pact_id"]: urls(r["source_urls"]) for r in rows("pacts")}
    for r in rows("contracts"):
        cited.setdefault(r["contract_id"], [])
        cited[r["contract_id"]] += [
            u for u in urls(r["source_urls"]) if u not in cited[r["contract_id"]]
        ]
    for act, sources in cited.items():
        table = pages[act].partition('id="sources-par-fait"')[2]
        assert table, act
        assert all(href(u) in unescape(table) for u in sources), act


def test_a_per_fact_source_is_given_next_to_that_fact(pages: dict[str, str]) -> None:
    labels = {"dct:issued": "Date de signature", "mtp:lieuSignature": "Lieu de signature",
              "mtp:montantEtat": "Montant de l'État"}  # fmt: skip
    checked = 0
    for r in rows("fact_sources"):
        if r["property"] not in labels or r["resource_id"] not in pages:
            continue
        dd = fact(pages[r["resource_id"]], labels[r["property"]])
        assert all(href(u) in dd for u in urls(r["source_urls"])), r
        checked += 1
    assert checked


def test_mirrors_and_test_hosts_are_marked(pages: dict[str, str]) -> None:
    hosts = {r["host"] for r in rows("source_hosts")}
    marked = 0
    for act, html in pages.items():
        text = unescape(html)
        cited = '" rel="external" title='  # a source cited next to a fact
        for link in set(re.findall(rf'<a href="(https?://[^"]+){cited}', text)):
            after = text.partition(href(link) + cited[1:])[2][:400]
            is_marked = re.match(r'[^<]*>[^<]*</a> <small class="source-nature">\[<a', after)
            assert bool(is_marked) == (urlsplit(link).hostname in hosts), (act, link)
            marked += bool(is_marked)
    every = {u for r in rows("contracts") + rows("pacts") for u in urls(r["source_urls"])}
    assert bool(marked) == any(urlsplit(u).hostname in hosts for u in every)


def test_dates_show_precision_bounds_and_disputed_alternatives(pages: dict[str, str]) -> None:
    alternatives = defaultdict(list)
    for r in rows("date_alternatives"):
        alternatives[r["act_id"]].append(r)
    assert alternatives
    for act, alts in alternatives.items():
        html = pages[act]
        assert "(précision :" in fact(html, "Date de signature")
        disputed = fact(html, "Autres dates données par les sources (non retenues)")
        for alt in alts:
            assert french_date(alt["date"]) in disputed
            assert all(href(u) in disputed for u in urls(alt["source_urls"]))
        assert fact(html, "Signé au plus tôt le") and fact(html, "Signé au plus tard le")


def test_signatories_are_listed_and_link_to_their_person_page(
    pages: dict[str, str], client: httpx.Client
) -> None:
    roles = {r["code"]: r["label_fr"] for r in rows("roles")}
    signed = [r for r in rows("signatories") if r["person_id"]]
    assert signed
    for r in signed:
        item = element(pages[r["act_id"]], f"signature-{r['person_id']}")
        person = f"/doc/personne/{r['person_id']}"
        assert href(person) in item and r["person_name"] in item
        assert f"— {roles[r['role']]}, pour " in item
        assert all(href(u) in item for u in urls(r["source_urls"]))
        answer = client.get(person)
        assert answer.status_code == 200
        assert href(act_path(r["act_id"])) in answer.text and roles[r["role"]] in unescape(
            answer.text
        )


def test_hash_iri_links_land_on_an_anchor_of_their_document(
    pages: dict[str, str], client: httpx.Client
) -> None:
    persons = {f"/doc/personne/{r['person_id']}" for r in rows("signatories") if r["person_id"]}
    metropoles = {f"/doc/metropole/{r['siren']}" for r in rows("metropoles")}
    documents = {act_path(act): html for act, html in pages.items()}
    documents |= {p: client.get(p).text for p in sorted(persons | metropoles)}
    checked = 0
    for html in list(documents.values()):
        for path, fragment in re.findall(r'href="(/doc/[^"#]+)#([^"]+)"', html):
            if path not in documents:
                documents[path] = client.get(path).text
            assert fragment in ids(documents[path]), (path, fragment)
            checked += 1
    assert checked


def test_body_pages_list_the_acts_signed_for_them(client: httpx.Client) -> None:
    for_body = defaultdict(set)
    for r in rows("signatories"):
        kind, _, key = r["acting_for"].partition(":")
        if kind == "organisation":
            for_body[key].add(r["act_id"])
    for body in rows("bodies"):
        answer = client.get(f"/doc/organisation/{body['body_id']}")
        assert answer.status_code == 200 and body["label_fr"] in unescape(answer.text)
        assert all(href(act_path(a)) in answer.text for a in for_body[body["body_id"]])


def metropole_acts() -> dict[str, dict[str, str]]:
    """SIREN -> {act path: how the métropole is party to it} from data/sources."""
    sirens = {r["siren"] for r in rows("metropoles")}
    acts: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows("pacts"):
        if r["metropole_siren"]:
            acts[r["metropole_siren"]][act_path(r["pact_id"])] = "porteuse"
    for r in rows("contracts"):
        path = act_path(r["contract_id"])
        acts[r["metropole_siren"]][path] = "porteuse"
        if r["partner_code"] in sirens and r["partner_code"] != r["metropole_siren"]:
            confirmed = r["partner_status"] != "non confirmé"
            acts[r["partner_code"]][path] = "partenaire" if confirmed else "non confirmé"
    return acts


def test_metropole_pages_list_every_act_they_hold_or_partner_by_family(
    client: httpx.Client,
) -> None:
    families = {r["code"]: r["broader"] for r in rows("contract_types")}
    heads = {r["code"]: r["label_fr"] for r in rows("contract_types") if not r["broader"]}
    family_of = {act_path(r["contract_id"]): heads[families[r["contract_type_code"]]]
                 for r in rows("contracts")}  # fmt: skip
    partner_acts = 0
    for siren, acts in metropole_acts().items():
        html = unescape(client.get(f"/doc/metropole/{siren}").text)
        section = html.partition('id="actes"')[2].partition("</section>")[0]
        for path, party in acts.items():
            item = re.search(rf'<li><a href="{re.escape(path)}">.*?</li>', section, re.DOTALL)
            assert item and f"({party})" in item.group(0), (siren, path)
            if path in family_of:
                heading = section[: item.start()].rpartition("<h3>")[2]
                assert heading.startswith(family_of[path]), (siren, path)
            partner_acts += party != "porteuse"
    assert partner_acts  # Grand Paris in the Axe Seine entente, Lyon in Saint-Étienne's accord


def test_contract_page_marks_unconfirmed_partners(client: httpx.Client) -> None:
    unconfirmed = [r for r in rows("contracts") if r["partner_status"] == "non confirmé"]
    for r in unconfirmed:
        dd = fact(client.get(act_path(r["contract_id"])).text, "Partenaires non confirmés "
                  "(suggérés par les sources, non établis)")  # fmt: skip
        assert r["partner_code"] in dd or r["partner_id"] in dd, r["contract_id"]


def test_searches_with_no_result_are_on_the_metropole_page_and_their_own(
    client: httpx.Client,
) -> None:
    searches = rows("searches")
    assert searches
    for r in searches:
        path = f"/doc/recherche/{r['search_id'].lower()}"
        metropole = client.get(f"/doc/metropole/{r['metropole_siren']}").text
        assert href(path) in metropole
        page = client.get(path)
        assert page.status_code == 200
        text = unescape(page.text)
        assert day(r["search_date"]) in fact(page.text, "Date de la recherche")
        assert all(item.strip() in text for item in r["searched"].split("|"))
        assert r["closest_findings"] in text and r["result"] in text


def test_metropole_page_shows_its_history_and_pact_note(client: httpx.Client) -> None:
    renamed = [r for r in rows("metropoles") if r["siren_2018_if_different"]]
    for r in rows("metropoles"):
        html = unescape(client.get(f"/doc/metropole/{r['siren']}").text)
        history = html.partition('id="historique"')[2].partition("</section>")[0]
        assert f"<td>{r['siren']}</td>" in history
        if r["pacte_metropolitain_innovation_2016_2017"]:
            assert fact(html, "Pacte métropolitain d'innovation")
    for r in renamed:  # an earlier SIREN has its own line, when the millésimes list it
        history = client.get(f"/doc/metropole/{r['siren']}").text.partition('id="historique"')[2]
        assert history.count("<tr>") >= 2


def test_metropole_page_shows_its_population_per_millesime(client: httpx.Client) -> None:
    """Each millésime's populations (data/reference/history/populations.csv) in the history
    table, under the métropole's current SIREN; its row links to the territory's node."""
    current = {r["siren_2018_if_different"]: r["siren"] for r in rows("metropoles")}
    path = PROJECT_DIR / "data" / "reference" / "history" / "populations.csv"
    with path.open(encoding="utf-8") as file:
        populations = list(csv.DictReader(file))
    pages: dict[str, str] = {}
    for r in populations:
        siren = current.get(r["siren"], r["siren"])
        if siren not in pages:
            html = unescape(client.get(f"/doc/metropole/{siren}").text)
            pages[siren] = html.partition('id="historique"')[2].partition("</section>")[0]
        node = f"/doc/territoire/{siren}#population-{r['millesime']}"
        cells = "".join(
            f'<td class="num">{number(r[k])}</td>'
            for k in ("population_municipale", "population_totale")
        )
        assert f'<a href="{node}">{r["millesime"]}</a></th>{cells}' in pages[siren]
    territory = client.get(f"/doc/territoire/{populations[0]['siren']}").text
    assert f'id="population-{populations[0]["millesime"]}"' in territory


def test_territory_document_describes_its_members_populations(client: httpx.Client) -> None:
    """A member's population hangs off its membership, two links from the territory: the
    territory's RDF document still describes it (its IRI is a fragment of that document)."""
    path = PROJECT_DIR / "data" / "reference" / "history" / "populations_communes.csv"
    with path.open(encoding="utf-8") as file:
        first = next(csv.DictReader(file))
    territory = f"{BASE}/id/territoire/{first['epci_siren']}"
    turtle = client.get(
        f"/doc/territoire/{first['epci_siren']}", headers={"Accept": "text/turtle"}
    ).text
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    node = rdflib.URIRef(f"{territory}#population-{first['commune_code']}-{first['millesime']}")
    municipale = rdflib.URIRef(f"{BASE}/def/metropoles#populationMunicipale")
    assert graph.value(node, municipale) == rdflib.Literal(int(first["population_municipale"]))


def test_rdf_document_of_an_act_describes_its_hash_iri_nodes(client: httpx.Client) -> None:
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    signed = [r for r in rows("signatories") if r["person_id"]]
    for r in signed[:: max(1, len(signed) // 5)]:
        act = BASE + act_path(r["act_id"]).replace("/doc/", "/id/")
        turtle = client.get(act_path(r["act_id"]), headers={"Accept": "text/turtle"}).text
        graph = rdflib.Graph().parse(data=turtle, format="turtle")
        signature = rdflib.URIRef(f"{act}#signature-{r['person_id']}")
        person = rdflib.URIRef(f"{BASE}/id/personne/{r['person_id']}")
        assert (signature, prov.agent, person) in graph
        facts = set(graph.subjects(rdflib.RDF.subject, rdflib.URIRef(act)))
        assert facts and all(str(f).startswith(act + "#fait-") for f in facts)
        assert all(graph.value(f, prov.wasDerivedFrom) is not None for f in facts)
