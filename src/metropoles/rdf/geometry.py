"""Outlines as GeoSPARQL 1.1: each commune, métropole territory (the union of its communes),
département, région and coded partner with an outline gets ``geo:hasGeometry`` (a simplified
``geo:asWKT`` polygon in CRS84) and ``geo:hasCentroid`` (a point). Geometries have minted IRIs,
``{BASE}/id/geometrie/{kind}/{code}`` and ``{BASE}/id/centroide/{kind}/{code}``.

Outlines come from data/geo/ (IGN Admin Express COG 2018, see data/geo/SOURCE.md). Each is
simplified (Douglas-Peucker, topology preserved) with the tolerance of its level, in degrees, then
snapped to a 0.0001° grid (which keeps it valid); the centroid is computed on the unsimplified
outline."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
from rdflib import Graph, Literal, Namespace, URIRef
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from metropoles.iris import DCTERMS, RDF, RDFS, Iris
from metropoles.rdf.mapping import data_graph
from metropoles.records import Origin, Records
from metropoles.sources.checks import Problem

GEO = Namespace("http://www.opengis.net/ont/geosparql#")
CRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
SOURCE = URIRef(
    "https://github.com/gregoiredavid/france-geojson/tree/5d34ee6d0140c29f785fdb047d9329f1aab58833"
)
METROPOLE_TYPES = ("METRO", "MET69")
# Simplification tolerance per level, in degrees (0.001° ≈ 111 m north-south, 75 m east-west
# at 47° N): communes stay recognisable on a métropole map; départements and régions are drawn
# at the scale of France.
TOLERANCE = {"commune": 0.001, "territoire": 0.001, "departement": 0.005, "region": 0.005}
GRID = 0.0001  # coordinates snapped to 4 decimals (~10 m), far below the tolerances above


@dataclass(frozen=True)
class Outlines:
    """The outlines of data/geo/, by level and code (partner EPCI by SIREN)."""

    communes: dict[str, BaseGeometry]
    epci: dict[str, BaseGeometry]
    departements: dict[str, BaseGeometry]
    regions: dict[str, BaseGeometry]


class GeometryError(Exception):
    """data/geo/ holds a file that cannot be read; ``problems`` say where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_outlines(geo_dir: Path) -> Outlines:
    """Read data/geo/*.geojson; a missing or broken file is a GeometryError naming it."""
    levels = {name: _read(geo_dir / f"{name}.geojson") for name in Outlines.__dataclass_fields__}
    return Outlines(**levels)


def _read(path: Path) -> dict[str, BaseGeometry]:
    name = f"data/geo/{path.name}"
    if not path.is_file():
        raise GeometryError([Problem(Origin(name, 0), "(file)", "required file is missing", "")])
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as error:
        rule = f"not a GeoJSON FeatureCollection ({error})"
        raise GeometryError([Problem(Origin(name, 0), "(file)", rule, "")]) from error
    found: dict[str, BaseGeometry] = {}
    problems = []
    for line, feature in enumerate(features, start=2):  # one feature per line, after the header
        code = str(feature.get("properties", {}).get("code", ""))
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(Problem(Origin(name, line), "geometry", f"unreadable ({error})", code))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or not code:
            rule = "a feature needs a code and a Polygon or MultiPolygon"
            problems.append(Problem(Origin(name, line), "geometry", rule, code))
            continue
        found[code] = geometry
    if problems:
        raise GeometryError(problems)
    return found


def to_graph(records: Records, outlines: Outlines, iris: Iris) -> Graph:
    """GeoSPARQL statements for every resource of ``records`` that has an outline."""
    graph = data_graph()
    ref = records.reference
    for commune in ref.communes:
        _add_feature(graph, iris, "commune", commune.code, commune.nom, outlines.communes)
    for dep in ref.departements:
        _add_feature(graph, iris, "departement", dep.code, dep.nom, outlines.departements)
    for region in ref.regions:
        _add_feature(graph, iris, "region", region.code, region.nom, outlines.regions)
    territories = _territory_outlines(records, outlines)
    for epci in ref.epci:
        if epci.siren in territories:
            _add_feature(graph, iris, "territoire", epci.siren, epci.nom, territories)
            if epci.type not in METROPOLE_TYPES:
                _link_partner(graph, iris, epci.siren, epci.nom)
    return graph


def _territory_outlines(records: Records, outlines: Outlines) -> dict[str, BaseGeometry]:
    """Each métropole's territory as the union of its member communes (when every member has an
    outline), and the partner EPCI outlines of data/geo/epci.geojson."""
    members: dict[str, list[str]] = defaultdict(list)
    for siren, code in records.reference.membres:
        members[siren].append(code)
    found = dict(outlines.epci)
    for siren, codes in members.items():
        if all(code in outlines.communes for code in codes):
            found[siren] = shapely.union_all([outlines.communes[code] for code in codes])
    return found


def _link_partner(graph: Graph, iris: Iris, siren: str, name: str) -> None:
    """A partner EPCI's perimeter: a feature of its own (its member list is not published, so it
    is not an igeo:Intercommunalite here), reached from the organisation by dct:spatial."""
    territory = iris.territoire(siren)
    graph.add((iris.epci(siren), DCTERMS.spatial, territory))
    graph.add((territory, RDFS.label, Literal(f"Territoire de {name}", lang="fr")))


def _add_feature(
    graph: Graph, iris: Iris, kind: str, code: str, name: str, outlines: dict[str, BaseGeometry]
) -> None:
    outline = outlines.get(code)
    if outline is None:
        return
    feature = URIRef(f"{iris.base}/id/{kind}/{code}")
    geometry = URIRef(f"{iris.base}/id/geometrie/{kind}/{code}")
    centroid = URIRef(f"{iris.base}/id/centroide/{kind}/{code}")
    simplified = shapely.set_precision(outline.simplify(TOLERANCE[kind]), GRID)
    graph.add((feature, RDF.type, GEO.Feature))
    graph.add((feature, GEO.hasGeometry, geometry))
    graph.add((feature, GEO.hasCentroid, centroid))
    _geometry(graph, geometry, f"Contour simplifié — {name}", simplified)
    _geometry(graph, centroid, f"Centroïde — {name}", outline.centroid)


def _geometry(graph: Graph, node: URIRef, label: str, geometry: BaseGeometry) -> None:
    graph.add((node, RDF.type, GEO.Geometry))
    graph.add((node, RDFS.label, Literal(label, lang="fr")))
    graph.add((node, GEO.asWKT, wkt_literal(geometry)))
    graph.add((node, DCTERMS.source, SOURCE))


def wkt_literal(geometry: BaseGeometry) -> Literal:
    """A GeoSPARQL WKT literal in CRS84 (longitude, latitude), 4 decimals."""
    text = shapely.to_wkt(shapely.normalize(geometry), rounding_precision=4, trim=True)
    return Literal(f"{CRS84} {text}", datatype=GEO.wktLiteral)
