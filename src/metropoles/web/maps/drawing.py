"""Maps drawn on the server from the published outlines: inline SVG paths (no tiles, no script)
and the same features as GeoJSON (RFC 7946). Every map is drawn once, when a page first needs
one (``Drawing``), then kept: outlines are projected (equirectangular, longitudes scaled by the
cosine of the map's mean latitude), simplified to the drawing's resolution and written as SVG
path data.

Maps: France (the métropoles' territories over the régions), each métropole (its communes, its
seat, its contract partners), each contract (the métropole and the partners), each member
commune (among the communes of its métropole)."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from metropoles.iris import LICENCE_OUVERTE
from metropoles.store.base import Store
from metropoles.web.maps import timeline
from metropoles.web.maps.geography import Contract, Feature, Geography, MetropoleArea, Partner
from metropoles.web.maps.geography import read as read_geography
from metropoles.web.maps.timeline import Timeline
from metropoles.web.pages.dereference import Paths

CREDIT = "Contours : IGN Admin Express COG 2018, simplifiés — Licence Ouverte"
BOX = (760.0, 640.0)  # the largest drawing, in SVG user units
MARGIN = 6.0
RESOLUTION = 0.4  # simplification tolerance in user units: under a pixel at full width
GEOJSON = "application/geo+json"
# What each kind of drawn feature is, in French (legend, GeoJSON ``role`` property)
ROLES = {
    "fond": "région",
    "territoire": "territoire de la métropole",
    "commune": "commune membre",
    "siege": "commune siège",
    "selection": "commune de cette page",
    "partenaire": "partenaire d'un contrat",
    "point": "métropole (centre du territoire)",
    "point-siege": "siège (centre de la commune)",
}


@dataclass(frozen=True)
class Shape:
    """One drawn feature: SVG path data in the map's frame, its outline in longitude/latitude."""

    iri: str
    name: str
    role: str
    d: str
    outline: BaseGeometry

    @property
    def classes(self) -> str:
        """CSS classes: member communes share ``commune`` whatever else they are."""
        return f"commune {self.role}" if self.role in ("siege", "selection") else self.role


@dataclass(frozen=True)
class Dot:
    """A point drawn as a circle (a seat, the centre of a territory)."""

    iri: str
    name: str
    role: str
    x: float
    y: float
    point: BaseGeometry


@dataclass(frozen=True)
class Map:
    """A map ready to draw (SVG) and to download (GeoJSON)."""

    title: str
    description: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    dots: tuple[Dot, ...]
    geojson: str  # local URL of the download

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(role, French text) of each kind of feature drawn, in drawing order."""
        roles = dict.fromkeys([s.role for s in self.shapes] + [d.role for d in self.dots])
        return [(role, ROLES[role]) for role in roles]

    def feature_collection(self) -> dict[str, object]:
        """The map as a GeoJSON FeatureCollection (RFC 7946: CRS84, counterclockwise outer rings),
        with the title, the source's credit and licence as foreign members."""
        features = [_feature(s.outline, s.iri, s.name, s.role) for s in self.shapes]
        features += [_feature(d.point, d.iri, d.name, d.role) for d in self.dots]
        return {
            "type": "FeatureCollection",
            "title": self.title,
            "attribution": CREDIT,
            "license": LICENCE_OUVERTE,
            "features": features,
        }

    def geojson_bytes(self) -> bytes:
        """The GeoJSON document, UTF-8."""
        text = json.dumps(self.feature_collection(), ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8")


def _feature(geometry: BaseGeometry, iri: str, name: str, role: str) -> dict[str, object]:
    oriented = shapely.orient_polygons(geometry)  # exterior counterclockwise, holes clockwise
    properties = {"iri": iri, "nom": name, "role": ROLES[role]}
    return {"type": "Feature", "id": iri, "geometry": mapping(oriented), "properties": properties}


@dataclass(frozen=True)
class Frame:
    """An equirectangular projection fitted to a box: x grows east, y grows south."""

    west: float
    north: float
    scale: float  # user units per degree of latitude
    squeeze: float  # cosine of the mean latitude: a degree of longitude is that much shorter
    width: float
    height: float

    @classmethod
    def around(cls, geometries: Iterable[BaseGeometry]) -> Frame:
        """The frame that fits ``geometries`` in BOX, margins included."""
        west, south, east, north = shapely.total_bounds(list(geometries))
        squeeze = math.cos(math.radians((south + north) / 2))
        span_x, span_y = max((east - west) * squeeze, 1e-6), max(north - south, 1e-6)
        scale = min((BOX[0] - 2 * MARGIN) / span_x, (BOX[1] - 2 * MARGIN) / span_y)
        width = round(span_x * scale + 2 * MARGIN, 1)
        height = round(span_y * scale + 2 * MARGIN, 1)
        return cls(west, north, scale, squeeze, width, height)

    def project(self, geometry: BaseGeometry) -> BaseGeometry:
        """A longitude/latitude geometry in this frame's user units."""
        a = self.scale * self.squeeze
        matrix = [a, 0, 0, -self.scale, MARGIN - a * self.west, MARGIN + self.scale * self.north]
        return shapely.affinity.affine_transform(geometry, matrix)

    def path(self, outline: BaseGeometry) -> str:
        """SVG path data of a polygon outline, simplified to the drawing's resolution."""
        drawn = self.project(outline).simplify(RESOLUTION, preserve_topology=True)
        rings = [
            ring
            for polygon in getattr(drawn, "geoms", [drawn])
            for ring in (polygon.exterior, *polygon.interiors)
        ]
        return "".join(_ring(shapely.get_coordinates(ring)) for ring in rings)

    def dot(self, point: BaseGeometry) -> tuple[float, float]:
        """A point's position in this frame."""
        drawn = self.project(point)
        return round(drawn.x, 1), round(drawn.y, 1)


def _ring(coordinates: Iterable[Iterable[float]]) -> str:
    """One closed ring as ``M x y x y … Z`` (coordinates after M are implicit line-tos).

    >>> _ring([(0, 0), (10, 0.04), (10, 10), (0, 0)])
    'M0 0 10 0 10 10Z'
    """
    points = [f"{_short(x)} {_short(y)}" for x, y in coordinates]
    return "M" + " ".join(points[:-1] if len(points) > 3 else points) + "Z"


def _short(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Figures:
    """Every map of the site from the published geometry: the home page's map and the time axis
    at once, each other map when a page first asks for it (then kept)."""

    def __init__(self, geography: Geography, paths: Paths) -> None:
        self._geography, self._paths = geography, paths
        self.home = _home_map(geography, paths)
        self.timeline: Timeline | None = timeline.build(geography.signatures)
        drawn = [a for a in geography.metropoles.values() if _has_outlines(geography, a)]
        self._metropoles = {a.iri: a for a in drawn}
        self._territories = {a.territory: a for a in drawn}
        self._communes = {c: a for a in drawn for c in a.communes}  # member -> its métropole
        self._contracts = {
            c.iri: (owner, c)
            for c in geography.contracts.values()
            if (owner := geography.metropoles.get(c.metropole)) is not None
            and owner.territory in geography.features
        }
        self._maps: dict[str, Map] = {}
        self._lock = threading.RLock()  # pages render in a thread pool: draw each map once

    @classmethod
    def draw(cls, store: Store, paths: Paths, prefixes: Mapping[str, str]) -> Figures:
        """The figures of what the store publishes."""
        return cls(read_geography(store, prefixes), paths)

    def for_resource(self, iri: str, paths: Paths) -> Map | None:
        """The map of a resource's page, if it has one."""
        if iri in self._communes:
            view = self._kept("view:" + self._communes[iri].iri)
            return _select(view, iri, paths.href(iri) + ".geojson")
        if iri in self._metropoles or iri in self._territories or iri in self._contracts:
            return self._kept(iri)
        return None

    def _kept(self, key: str) -> Map:
        with self._lock:
            if key not in self._maps:
                self._maps[key] = self._draw(key)
            return self._maps[key]

    def _draw(self, key: str) -> Map:
        geography, paths = self._geography, self._paths
        if key.startswith("view:"):  # a métropole's communes, none selected, no partner
            return _metropole_map(geography, self._metropoles[key[5:]], [], "")
        if key in self._metropoles:
            area = self._metropoles[key]
            partners = geography.partners_of(area.iri)
            return _metropole_map(geography, area, partners, paths.href(area.iri))
        if key in self._territories:
            drawn = self._kept(self._territories[key].iri)  # the métropole's own map
            return replace(drawn, geojson=paths.href(key) + ".geojson")
        owner, contract = self._contracts[key]
        return _contract_map(geography, owner, contract, paths)


class Drawing:
    """The figures, made on first use and kept. Not at start: the France scope takes about a
    second to read and draw them, and the endpoint need not wait for the maps."""

    def __init__(self, store: Store, paths: Paths, prefixes: Mapping[str, str]) -> None:
        self._store, self._paths, self._prefixes = store, paths, dict(prefixes)
        self._lock = threading.Lock()  # pages render in a thread pool: read once
        self._figures: Figures | None = None

    def figures(self) -> Figures:
        """The figures (made by the first caller; the others wait for it)."""
        if self._figures is None:
            with self._lock:
                if self._figures is None:
                    self._figures = Figures.draw(self._store, self._paths, self._prefixes)
        return self._figures


def _has_outlines(geography: Geography, area: MetropoleArea) -> bool:
    return bool(area.communes) and all(c in geography.features for c in area.communes)


def _home_map(geography: Geography, paths: Paths) -> Map | None:
    areas = [a for a in geography.metropoles.values() if a.territory in geography.features]
    if not areas:
        return None
    features = geography.features
    regions = [f for iri, f in sorted(features.items()) if "/id/region/" in iri]
    territories = [features[a.territory] for a in areas]
    frame = Frame.around(f.outline for f in regions + territories)
    shapes = [_shape(frame, f, "fond") for f in regions]
    shapes += [replace(_shape(frame, features[a.territory], "territoire"), name=a.name)
               for a in areas]  # fmt: skip
    dots = [_dot(frame, a.iri, a.name, "point", features[a.territory].centroid) for a in areas]
    description = (
        f"Les {len(areas)} métropoles : le territoire de chacune (avec un point en son centre) "
        f"sur le fond des {len(regions)} régions dont le contour est publié. "
        "La liste des métropoles suit la carte."
    )
    return Map(
        f"Carte des {len(areas)} métropoles",
        description,
        frame.width,
        frame.height,
        tuple(shapes),
        tuple(dots),
        paths.link("/index.geojson"),
    )


def _metropole_map(
    geography: Geography, area: MetropoleArea, partners: list[Partner], href: str
) -> Map:
    features = geography.features
    outlined = _outlined(geography, partners, exclude=set(area.communes))
    communes = [features[c] for c in area.communes]
    drawn = [features[str(p.feature)] for p in outlined]
    frame = Frame.around([f.outline for f in communes + drawn])
    shapes = [_shape(frame, f, "partenaire", p) for f, p in zip(drawn, outlined, strict=True)]
    shapes += [_shape(frame, f, "siege" if f.iri == area.seat else "commune") for f in communes]
    dots = []
    if area.seat in features:
        seat = features[str(area.seat)]
        dots.append(_dot(frame, seat.iri, seat.name, "point-siege", seat.centroid))
    description = f"Les {len(communes)} communes membres de {area.name}"
    if area.seat in features:
        description += f", dont le siège, {features[str(area.seat)].name} (point rouge)"
    description += "." + _partner_text(partners, outlined)
    return Map(
        f"Carte : {area.name}",
        description,
        frame.width,
        frame.height,
        tuple(shapes),
        tuple(dots),
        href + ".geojson" if href else "",
    )


def _contract_map(
    geography: Geography, area: MetropoleArea, contract: Contract, paths: Paths
) -> Map:
    features = geography.features
    outlined = _outlined(geography, list(contract.partners), exclude=set())
    territory = replace(features[area.territory], name=area.name)
    frame = Frame.around([territory.outline] + [features[str(p.feature)].outline for p in outlined])
    shapes = [_shape(frame, features[str(p.feature)], "partenaire", p) for p in outlined]
    shapes.append(_shape(frame, territory, "territoire"))
    description = f"Le territoire de {area.name}." + _partner_text(
        list(contract.partners), outlined
    )
    return Map(
        f"Carte : {contract.title}",
        description,
        frame.width,
        frame.height,
        tuple(shapes),
        (),
        paths.href(contract.iri) + ".geojson",
    )


def _outlined(geography: Geography, partners: list[Partner], exclude: set[str]) -> list[Partner]:
    """The partners drawn: those with a published outline, each outline once."""
    seen: set[str] = set(exclude)
    found = []
    for partner in partners:
        if partner.feature in geography.features and partner.feature not in seen:
            seen.add(partner.feature)
            found.append(partner)
    return found


def _partner_text(partners: list[Partner], outlined: list[Partner]) -> str:
    if not partners:
        return ""
    drawn = {p.iri for p in outlined}
    shown = [p.name for p in partners if p.iri in drawn]
    missing = [p.name for p in partners if p.iri not in drawn]
    text = ""
    if shown:
        text += f" Partenaires de contrats dessinés ({len(shown)}) : {', '.join(shown)}."
    if missing:
        text += f" Partenaires sans contour publié ({len(missing)}) : {', '.join(missing)}."
    return text


def _shape(frame: Frame, feature: Feature, role: str, partner: Partner | None = None) -> Shape:
    name = partner.name if partner is not None else feature.name
    iri = partner.iri if partner is not None else feature.iri
    return Shape(iri, name, role, frame.path(feature.outline), feature.outline)


def _dot(frame: Frame, iri: str, name: str, role: str, point: BaseGeometry) -> Dot:
    x, y = frame.dot(point)
    return Dot(iri, name, role, x, y, point)


def _select(view: Map, commune: str, geojson: str) -> Map:
    """A métropole's communes with one of them picked out."""
    shapes = tuple(replace(s, role="selection") if s.iri == commune else s for s in view.shapes)
    name = next(s.name for s in shapes if s.iri == commune)
    metropole = view.title.removeprefix("Carte : ")
    description = f"{name} (en bleu foncé) parmi les {len(shapes)} communes de {metropole}."
    return Map(f"Carte : {name} dans {metropole}", description, view.width, view.height,
               shapes, (), geojson)  # fmt: skip
