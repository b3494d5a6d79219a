"""Maps and the time axis, in process: each SVG parses as XML, is an accessible image (title,
text alternative, IGN credit), draws one path per member commune as data/ lists them, and its
GeoJSON download is RFC 7946 (CRS84 longitude/latitude, counterclockwise outer rings)."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter

import httpx
import pytest
from shapely.geometry import shape
from source_counts import REFERENCE, SOURCES, rows

SVG = "{http://www.w3.org/2000/svg}"
CREDIT = "Contours : IGN Admin Express COG 2018, simplifiés"
LYON = "200046977"
MEMBERS = Counter(row["epci_siren"] for row in rows(REFERENCE / "membres.csv"))
SEATS = {row["siren"]: row["siege_insee"] for row in rows(SOURCES / "metropoles.csv")}
FRANCE = (-5.5, 41.0, 10.0, 51.5)  # west, south, east, north: metropolitan France in CRS84


def drawing(page: str, kind: str = "map-drawing") -> ET.Element:
    """The page's SVG of one kind, parsed by an XML parser."""
    found = re.search(rf'<svg class="{kind}".*?</svg>', page, re.DOTALL)
    assert found, f"no {kind} on the page"
    return ET.fromstring(found.group(0))


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def assert_accessible(svg: ET.Element, page: str) -> None:
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text and svg.get("aria-labelledby") == title.get("id")
    described = svg.get("aria-describedby")
    assert described and re.search(rf'id="{described}"[^>]*>[^<]+', page)


@pytest.mark.parametrize("siren", sorted(MEMBERS))
def test_metropole_map_draws_each_member_commune(client: httpx.Client, siren: str) -> None:
    page = client.get(f"/doc/metropole/{siren}").text
    svg = drawing(page)
    assert_accessible(svg, page)
    communes = [p for p in svg.iter(f"{SVG}path") if "commune" in classes(p)]
    assert len(communes) == MEMBERS[siren]
    seats = [p for p in communes if "siege" in classes(p)]
    assert len(seats) == 1 and [c for c in svg.iter(f"{SVG}circle") if "point-siege" in classes(c)]
    assert CREDIT in page and "Licence Ouverte" in page
    assert f'href="/doc/metropole/{siren}.geojson"' in page


def test_metropole_map_draws_partners_with_an_outline(client: httpx.Client) -> None:
    page = client.get("/doc/metropole/243500139").text  # Rennes: EPCI partners with outlines
    partners = [p for p in drawing(page).iter(f"{SVG}path") if "partenaire" in classes(p)]
    names = {p.findtext(f"{SVG}title") for p in partners}
    assert partners and all(name and name in html.unescape(page) for name in names)


def test_contract_map_shows_the_metropole_and_its_partners(client: httpx.Client) -> None:
    page = client.get("/doc/contrat/ct-rennes-coop").text
    svg = drawing(page)
    assert_accessible(svg, page)
    paths = Counter(p.get("class") for p in svg.iter(f"{SVG}path"))
    assert paths["territoire"] == 1 and paths["partenaire"] >= 1
    facts = page[: page.index('id="carte-section"')]  # the partners listed above the map
    for path in svg.iter(f"{SVG}path"):
        assert f">{path.findtext(f'{SVG}title')}</a>" in html.unescape(facts)
    assert CREDIT in page


def test_commune_map_picks_the_commune_out_among_its_metropole(client: httpx.Client) -> None:
    code = SEATS[LYON]
    page = client.get(f"/doc/commune/{code}").text
    svg = drawing(page)
    assert_accessible(svg, page)
    communes = [p for p in svg.iter(f"{SVG}path") if "commune" in classes(p)]
    picked = [p for p in communes if "selection" in classes(p)]
    assert len(communes) == MEMBERS[LYON] and len(picked) == 1
    assert picked[0].findtext(f"{SVG}title") == "Lyon"


def test_home_map_draws_every_metropole_over_the_regions(client: httpx.Client) -> None:
    page = client.get("/").text
    svg = drawing(page)
    assert_accessible(svg, page)
    kinds = Counter(p.get("class") for p in svg.iter(f"{SVG}path"))
    assert kinds["territoire"] == len(MEMBERS) and kinds["fond"] >= 1
    assert len([c for c in svg.iter(f"{SVG}circle") if "point" in classes(c)]) == len(MEMBERS)
    assert CREDIT in page and 'href="/index.geojson"' in page


def test_geojson_is_rfc_7946(client: httpx.Client) -> None:
    answer = client.get(f"/doc/metropole/{LYON}.geojson")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/geo+json"
    data = json.loads(answer.content)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert data["attribution"].startswith(CREDIT)
    roles = Counter(f["properties"]["role"] for f in data["features"])
    assert roles["commune membre"] + roles["commune siège"] == MEMBERS[LYON]
    for feature in data["features"]:
        geometry = shape(feature["geometry"])
        west, south, east, north = geometry.bounds
        assert FRANCE[0] < west <= east < FRANCE[2] and FRANCE[1] < south <= north < FRANCE[3]
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons if geometry.geom_type != "Point" else []:
            assert polygon.exterior.is_ccw
            assert not any(ring.is_ccw for ring in polygon.interiors)


@pytest.mark.parametrize(
    "path", ["/index.geojson", "/doc/contrat/ct-rennes-coop.geojson", "/doc/commune/69266.geojson"]
)
def test_every_map_downloads(client: httpx.Client, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/geo+json"
    assert json.loads(answer.content)["features"]
    assert "attachment" in answer.headers["content-disposition"]


def test_a_page_without_a_map_has_no_geojson(client: httpx.Client) -> None:
    assert client.get("/doc/pacte/pmi-lyon.geojson").status_code == 404
    assert client.get("/doc/metropole/000000000.geojson").status_code == 404


def test_time_axis_draws_each_dated_pact_and_lists_the_others(client: httpx.Client) -> None:
    pacts = rows(SOURCES / "pacts.csv")
    by_day = sum(1 for p in pacts if len(p["date"]) == 10)
    by_month = sum(1 for p in pacts if len(p["date"]) == 7)
    unknown = [p for p in pacts if not p["date"]]
    page = client.get("/").text
    svg = drawing(page, "timeline-drawing")
    assert_accessible(svg, page)
    marks = [g for g in svg.iter(f"{SVG}g") if "mark" in classes(g)]
    assert len(marks) == by_day + by_month
    assert sum(1 for g in marks if g.find(f"{SVG}circle") is not None) == by_day
    assert sum(1 for g in marks if g.find(f"{SVG}rect") is not None) == by_month
    texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
    assert ("Date inconnue :" in texts) == bool(unknown)
    for pact in unknown:
        assert pact["metropole_nom"] in texts
    assert "juil. 2016" in texts
