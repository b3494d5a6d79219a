"""Outlines as GeoSPARQL: every commune, territory, département and région of the scope that has an
outline in data/geo/ gets one valid CRS84 geometry and one centroid; the outlines refresh from a
folder in the source's layout; a broken outline file stops the build with its name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import shapely
from click.testing import CliRunner

from metropoles.cli import main
from metropoles.config import PROJECT_DIR, Settings
from metropoles.publish.build import BuildError, build_publication
from metropoles.rdf.geometry import CRS84, TOLERANCE, read_outlines
from metropoles.sources.geodata import refresh

BASE = "https://w3id.org/metropoles"
GEO = "http://www.opengis.net/ont/geosparql#"
REFERENCE = PROJECT_DIR / "data" / "reference" / "metropoles"


@pytest.fixture(scope="module")
def store(publication_dir: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(publication_dir / "metropoles.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    results = store.query(query, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in results]


def outlines_of(store: ox.Store, kind: str) -> dict[str, str]:
    query = f"""SELECT ?f ?wkt WHERE {{
      ?f <{GEO}hasGeometry>/<{GEO}asWKT> ?wkt FILTER(STRSTARTS(STR(?f), "{BASE}/id/{kind}/")) }}"""
    return {r["f"].rsplit("/", 1)[1]: r["wkt"] for r in rows(store, query)}


def scope_codes(file: str, column: str) -> set[str]:
    with (REFERENCE / file).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_every_scope_resource_with_an_outline_has_one(store: ox.Store) -> None:
    outlines = read_outlines(PROJECT_DIR / "data" / "geo")
    expected = {
        "commune": scope_codes("communes.csv", "code") & outlines.communes.keys(),
        "departement": scope_codes("departements.csv", "code") & outlines.departements.keys(),
        "region": scope_codes("regions.csv", "code") & outlines.regions.keys(),
    }
    for kind, codes in expected.items():
        assert set(outlines_of(store, kind)) == codes, kind
    metropoles = scope_codes("membres.csv", "epci_siren")
    partners = scope_codes("epci.csv", "siren") & outlines.epci.keys()
    assert set(outlines_of(store, "territoire")) == metropoles | partners


def test_outlines_are_valid_crs84_polygons_and_centroids_points(store: ox.Store) -> None:
    query = f"""SELECT ?g ?wkt ?c WHERE {{ ?f <{GEO}hasGeometry> ?g ; <{GEO}hasCentroid> ?cg .
      ?g <{GEO}asWKT> ?wkt . ?cg <{GEO}asWKT> ?c }}"""
    found = rows(store, query)
    assert found
    for row in found:
        assert row["wkt"].startswith(CRS84 + " ") and row["c"].startswith(CRS84 + " ")
        outline = shapely.from_wkt(row["wkt"].removeprefix(CRS84))
        assert outline.geom_type in ("Polygon", "MultiPolygon") and outline.is_valid, row["g"]
        assert shapely.from_wkt(row["c"].removeprefix(CRS84)).geom_type == "Point"
        lon, lat = outline.centroid.x, outline.centroid.y
        assert -6 < lon < 10 and 41 < lat < 52  # metropolitan France, longitude first


def test_a_territory_is_the_union_of_its_communes(store: ox.Store) -> None:
    communes = {
        code: shapely.from_wkt(wkt.removeprefix(CRS84))
        for code, wkt in outlines_of(store, "commune").items()
    }
    territories = outlines_of(store, "territoire")
    members: dict[str, list[str]] = {}
    with (REFERENCE / "membres.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["epci_siren"], []).append(row["commune_code"])
    slack = 2 * TOLERANCE["commune"]
    for siren, codes in members.items():
        territory = shapely.from_wkt(territories[siren].removeprefix(CRS84))
        union = shapely.union_all([communes[c] for c in codes])
        assert territory.buffer(slack).contains(union), siren
        assert union.buffer(slack).contains(territory), siren


def test_geometry_iris_are_minted_and_credit_their_source(store: ox.Store) -> None:
    query = f"""SELECT ?g ?source WHERE {{ ?f <{GEO}hasGeometry>|<{GEO}hasCentroid> ?g .
      OPTIONAL {{ ?g <http://purl.org/dc/terms/source> ?source }} }}"""
    for row in rows(store, query):
        assert row["g"].startswith((f"{BASE}/id/geometrie/", f"{BASE}/id/centroide/"))
        assert "france-geojson" in row.get("source", ""), row["g"]


def square(x: float, y: float) -> dict[str, object]:
    ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def collection(features: list[tuple[str, str, dict[str, object]]]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"code": c, "nom": n}, "geometry": g}
                for c, n, g in features
            ],
        }
    )


def write_csv(path: Path, header: list[str], lines: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *lines])


def test_refresh_keeps_the_scope_and_unions_partner_members(tmp_path: Path) -> None:
    source, data = tmp_path / "source", tmp_path / "data"
    (source / "communes").mkdir(parents=True)
    (source / "communes" / "communes-35-ille-et-vilaine.geojson").write_text(
        collection(
            [
                ("35238", "Rennes", square(1.6, 48.1)),
                ("35001", "Acigné", square(1.7, 48.1)),
                ("35002", "Amanlis", square(1.8, 48.1)),
                ("35003", "Andouillé", square(1.9, 48.1)),
            ]
        )
    )
    (source / "departements-version-simplifiee.geojson").write_text(
        collection([("35", "Ille-et-Vilaine", square(1.0, 48.0))])
    )
    (source / "regions-version-simplifiee.geojson").write_text(
        collection([("53", "Bretagne", square(0.0, 47.0))])
    )
    scope = data / "reference" / "metropoles"
    write_csv(scope / "communes.csv", ["code", "nom"], [["35238", "Rennes"]])
    epci_header = ["siren", "nom", "type"]
    write_csv(
        scope / "epci.csv",
        epci_header,
        [["243500139", "Rennes Métropole", "METRO"], ["200000001", "CC d'exemple", "CC"],
         ["200000002", "CC incomplète", "CC"]],
    )  # fmt: skip
    write_csv(
        data / "reference" / "france" / "membres.csv",
        ["epci_siren", "commune_code"],
        [["200000001", "35001"], ["200000001", "35002"], ["200000002", "35003"],
         ["200000002", "99999"]],
    )  # fmt: skip
    refresh(source, data)
    read = read_outlines(data / "geo")
    assert set(read.communes) == {"35238"}
    assert set(read.epci) == {"200000001"}  # the other one has a member without an outline
    assert read.epci["200000001"].equals(shapely.box(1.7, 48.1, 1.9, 48.2).normalize())
    assert set(read.departements) == {"35"} and set(read.regions) == {"53"}


def test_geo_command_reports_a_missing_folder_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["geo", "--from", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "communes" in result.output


def test_broken_outline_file_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    broken = project_copy / "data" / "geo" / "regions.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"properties": {"code": "53"},'
                      ' "geometry": {"type": "Point", "coordinates": [0, 0]}}]}')  # fmt: skip
    settings = Settings(project_dir=project_copy, publication_dir=tmp_path / "pub")
    with pytest.raises(BuildError, match=r"data/geo/regions.geojson:2: field 'geometry'"):
        build_publication(settings)
    assert not (tmp_path / "pub").exists()
