"""Expected answers of the GeoSPARQL example queries, computed without SPARQL: from the outlines of
data/geo/ (before simplification) with shapely, and the sources' member lists and seats."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import httpx
import shapely
from shapely.geometry.base import BaseGeometry

from metropoles.config import PROJECT_DIR
from metropoles.rdf.geometry import read_outlines

DATA = PROJECT_DIR / "data"
NICE = "200030195"  # the métropole of 16-communes-a-20-km-du-siege.rq
EARTH_RADIUS_KM = 6371.0
MARGIN_KM = 0.2  # geof:distance is geodesic on the ellipsoid, this check on a sphere
Rows = list[dict[str, str]]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _members() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in _rows(DATA / "reference" / "metropoles" / "membres.csv"):
        found.setdefault(row["epci_siren"], []).append(row["commune_code"])
    return found


def _km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Great-circle distance between two points given as (longitude, latitude)."""
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def check_within_20_km(client: httpx.Client, rows: Rows) -> None:
    communes = read_outlines(DATA / "geo").communes
    seat = next(r["siege_insee"] for r in _rows(DATA / "sources" / "metropoles.csv")
                if r["siren"] == NICE)  # fmt: skip
    distance = {c: _km(communes[c].centroid, communes[seat].centroid) for c in _members()[NICE]}
    answered = {r["code"]: float(r["distance_km"]) for r in rows}
    assert {c for c, d in distance.items() if d < 20 - MARGIN_KM} <= answered.keys()
    assert answered.keys() <= {c for c, d in distance.items() if d < 20 + MARGIN_KM}
    assert all(abs(km - distance[c]) < MARGIN_KM for c, km in answered.items())
    assert len(answered) < len(distance)  # the filter keeps some communes out


def check_touching_partners(client: httpx.Client, rows: Rows) -> None:
    outlines = read_outlines(DATA / "geo")
    members = _members()
    territories = {s: shapely.union_all([outlines.communes[c] for c in cs])
                   for s, cs in members.items()}  # fmt: skip
    shapes = outlines.communes | outlines.epci | territories
    expected = set()
    for row in _rows(DATA / "sources" / "contracts.csv"):
        code, key = row["partner_code"], row["partner_code"]
        if row["partner_code_type"].startswith("code département"):  # co-signing département
            partner, key = outlines.departements.get(code), f"departement-{code}"
        else:
            partner = shapes.get(code)
        if partner is None or row["partner_status"]:  # no outline, or only suggested
            continue
        border = partner.intersection(territories[row["metropole_siren"]])
        if border.length > 0:  # a shared border, not a corner
            expected.add((row["contract_id"].lower(), key))
    answered = {(r["contrat"].rsplit("/", 1)[1], r["partenaire"].rsplit("/", 1)[1]) for r in rows}
    assert answered == expected
