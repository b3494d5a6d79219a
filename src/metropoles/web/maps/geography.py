"""What the maps draw, read once from the store: every published outline (GeoSPARQL
``geo:asWKT`` in CRS84, parsed with shapely), the métropoles with their territory, seat and
member communes, and the contracts with their partners. ``read`` is the only place the maps
query the store (queries/map_*.rq)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pyoxigraph as ox
import shapely
from shapely.geometry.base import BaseGeometry

from metropoles.store.base import Store
from metropoles.web.pages.describe import query, select
from metropoles.web.pages.values import XSD, date_text

CRS84 = "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"


@dataclass(frozen=True)
class Feature:
    """A published outline: longitude/latitude (CRS84) and the centroid the build computed."""

    iri: str
    name: str
    outline: BaseGeometry
    centroid: BaseGeometry


@dataclass(frozen=True)
class Partner:
    """A contract partner and the feature that outlines it, when one is published."""

    iri: str
    name: str
    feature: str | None


@dataclass(frozen=True)
class Signature:
    """A pact and the interval its signature date covers (``None`` when unknown)."""

    iri: str
    name: str
    text: str  # the date in French, as precise as it is known
    span: tuple[date, date] | None  # [first day, day after the last)


@dataclass(frozen=True)
class Contract:
    """A contract: its title, its métropole and its other partners."""

    iri: str
    title: str
    metropole: str
    partners: tuple[Partner, ...]


@dataclass(frozen=True)
class MetropoleArea:
    """A métropole as the maps know it."""

    iri: str
    name: str
    territory: str
    seat: str | None
    communes: tuple[str, ...]


@dataclass(frozen=True)
class Geography:
    """Outlines by feature IRI, métropoles by IRI, contracts' métropole and partners."""

    features: dict[str, Feature]
    metropoles: dict[str, MetropoleArea]
    contracts: dict[str, Contract] = field(default_factory=dict)
    signatures: list[Signature] = field(default_factory=list)

    def partners_of(self, metropole: str) -> list[Partner]:
        """The partners of every contract of a métropole, each once, in contract order."""
        found: dict[str, Partner] = {}
        for contract in self.contracts.values():
            if contract.metropole == metropole:
                found |= {p.iri: p for p in contract.partners if p.iri not in found}
        return list(found.values())


def parse_wkt(literal: str) -> BaseGeometry:
    """A geo:wktLiteral in CRS84 (the only CRS published) as a shapely geometry.

    >>> parse_wkt("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT (4.8 45.7)").x
    4.8
    """
    return shapely.from_wkt(literal.removeprefix(CRS84).strip())


def read(store: Store, prefixes: Mapping[str, str]) -> Geography:
    """Everything the maps and the time axis draw, from the store (four SELECT queries)."""
    return Geography(
        _features(store, prefixes),
        _metropoles(store, prefixes),
        _contracts(store, prefixes),
        _signatures(store, prefixes),
    )


def _features(store: Store, prefixes: Mapping[str, str]) -> dict[str, Feature]:
    found: dict[str, Feature] = {}
    for row in select(store, query("map_features"), prefixes):
        iri = row["f"].value
        if iri in found:
            continue
        name = next((row[k].value for k in ("nom", "label") if row[k] is not None), iri)
        outline = parse_wkt(row["wkt"].value)
        point = parse_wkt(row["point"].value) if row["point"] is not None else outline.centroid
        found[iri] = Feature(iri, name, outline, point)
    return found


def _metropoles(store: Store, prefixes: Mapping[str, str]) -> dict[str, MetropoleArea]:
    areas: dict[str, MetropoleArea] = {}
    for row in select(store, query("map_metropoles"), prefixes):
        iri = row["m"].value
        area = areas.get(iri) or MetropoleArea(
            iri,
            row["label"].value,
            row["territory"].value,
            row["seat"].value if row["seat"] is not None else None,
            (),
        )
        commune = (row["c"].value,) if row["c"] is not None else ()
        areas[iri] = replace(area, communes=area.communes + commune)
    return areas


def _contracts(store: Store, prefixes: Mapping[str, str]) -> dict[str, Contract]:
    found: dict[str, Contract] = {}
    for row in select(store, query("map_contracts"), prefixes):
        iri = row["contract"].value
        title = row["title"].value if row["title"] is not None else iri
        contract = found.get(iri) or Contract(iri, title, row["metropole"].value, ())
        partner = row["partner"]
        if partner is not None and all(p.iri != partner.value for p in contract.partners):
            name = row["label"].value if row["label"] is not None else partner.value
            feature = row["feature"].value if row["feature"] is not None else None
            contract = replace(
                contract, partners=(*contract.partners, Partner(partner.value, name, feature))
            )
        found[iri] = contract
    return found


def _signatures(store: Store, prefixes: Mapping[str, str]) -> list[Signature]:
    """The pacts and their signature dates (queries/timeline.rq)."""
    found: dict[str, Signature] = {}
    for row in select(store, query("timeline"), prefixes):
        iri = row["p"].value
        day = row["date"] if isinstance(row["date"], ox.Literal) else None
        name = row["name"].value if row["name"] is not None else row["label"].value
        found.setdefault(iri, Signature(iri, name, date_text(day), _span(day)))
    return list(found.values())


def _span(literal: ox.Literal | None) -> tuple[date, date] | None:
    """The days a date of any precision covers.

    >>> _span(ox.Literal("2017-01", datatype=ox.NamedNode(XSD + "gYearMonth")))
    (datetime.date(2017, 1, 1), datetime.date(2017, 2, 1))
    """
    if literal is None:
        return None
    kind, text = literal.datatype.value, literal.value
    try:
        if kind == XSD + "date":
            first = date.fromisoformat(text[:10])
            return first, first + timedelta(days=1)
        if kind == XSD + "gYearMonth":
            first = date(int(text[:4]), int(text[5:7]), 1)
            return first, next_month(first)
        if kind == XSD + "gYear":
            return date(int(text[:4]), 1, 1), date(int(text[:4]) + 1, 1, 1)
    except ValueError:
        return None
    return None


def next_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
