"""Refresh data/geo/ from a folder of IGN Admin Express outlines (GeoJSON, WGS 84), keeping only
what the publication draws: the communes of the default scope, the outlines of the partner EPCI
(the union of their member communes, when every member has an outline), every département and
région. The build never reads that folder, only data/geo/."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

GEO_FILES = ("communes", "epci", "departements", "regions")
METROPOLE_TYPES = ("METRO", "MET69")
DECIMALS = 5  # ~1 m: the precision of the source files

Feature = dict[str, Any]


class GeoDataError(Exception):
    """The source folder lacks a file or holds a broken outline."""


def refresh(source: Path, data_dir: Path) -> list[Path]:
    """Write data/geo/{communes,epci,departements,regions}.geojson from ``source``."""
    outlines = _commune_outlines(source)
    scope = data_dir / "reference" / "metropoles"
    communes = [r["code"] for r in _rows(scope / "communes.csv")]
    partners = [r for r in _rows(scope / "epci.csv") if r["type"] not in METROPOLE_TYPES]
    members = _members(data_dir / "reference" / "france" / "membres.csv")
    written = {
        "communes": [_feature(c, *outlines[c]) for c in communes if c in outlines],
        "epci": list(_partner_outlines(partners, members, outlines)),
        "departements": _level(source / "departements-version-simplifiee.geojson"),
        "regions": _level(source / "regions-version-simplifiee.geojson"),
    }
    out = data_dir / "geo"
    out.mkdir(exist_ok=True)
    return [_write(out / f"{name}.geojson", features) for name, features in written.items()]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _members(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in _rows(path):
        found.setdefault(row["epci_siren"], []).append(row["commune_code"])
    return found


def _features(path: Path) -> list[Feature]:
    if not path.is_file():
        raise GeoDataError(f"{path}: file not found")
    try:
        features: list[Feature] = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as error:
        raise GeoDataError(f"{path}: not a GeoJSON FeatureCollection ({error})") from error
    return features


def _commune_outlines(source: Path) -> dict[str, tuple[str, Any]]:
    """Every commune outline of the source's per-département files: code → (name, geometry)."""
    files = sorted((source / "communes").glob("communes-*.geojson"))
    if not files:
        raise GeoDataError(f"{source / 'communes'}: no communes-*.geojson file")
    return {
        f["properties"]["code"]: (f["properties"]["nom"], f["geometry"])
        for path in files
        for f in _features(path)
    }


def _partner_outlines(
    partners: Iterable[dict[str, str]],
    members: dict[str, list[str]],
    outlines: dict[str, tuple[str, Any]],
) -> Iterator[Feature]:
    """The union of the member outlines of each partner EPCI; none when a member has none (an
    outline with a hole where a commune is missing would be wrong)."""
    for epci in partners:
        codes = members.get(epci["siren"], [])
        if codes and all(c in outlines for c in codes):
            union = shapely.union_all([shape(outlines[c][1]) for c in codes])
            yield _feature(epci["siren"], epci["nom"], _geojson(union))


def _geojson(geometry: BaseGeometry) -> Any:
    rounded = shapely.set_precision(geometry, 10**-DECIMALS)
    return json.loads(shapely.to_geojson(shapely.normalize(rounded)))


def _level(path: Path) -> list[Feature]:
    return [
        _feature(f["properties"]["code"], f["properties"]["nom"], f["geometry"])
        for f in _features(path)
    ]


def _feature(code: str, name: str, geometry: Any) -> Feature:
    return {
        "type": "Feature",
        "properties": {"code": code, "nom": name},
        "geometry": _round(geometry),
    }


def _round(value: Any) -> Any:
    """Coordinates rounded to the source's precision (set_precision leaves float noise)."""
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def _write(path: Path, features: list[Feature]) -> Path:
    """One feature per line, sorted by code: small diffs when the source changes."""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":"))
        for f in sorted(features, key=lambda f: str(f["properties"]["code"]))
    ]
    body = ",\n".join(lines)
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )
    return path
