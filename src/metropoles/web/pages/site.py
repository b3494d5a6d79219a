"""What the pages share, made once per app from the loaded publication (part of the app's
State): IRI mapping, templates, the label index and minted IRIs (from the publication's site
index), the home page's lists, the ontology documentation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from starlette.templating import Jinja2Templates

from metropoles.iris import Iris
from metropoles.store.base import Store
from metropoles.store.index import SiteIndex
from metropoles.web.pages import ontology_doc
from metropoles.web.pages.dereference import Paths
from metropoles.web.pages.describe import query, select
from metropoles.web.pages.search import LabelIndex
from metropoles.web.pages.values import Value, date_text, domain, number, sort_key

TEMPLATES = Path(__file__).parents[1] / "templates"


@dataclass(frozen=True)
class Item:
    """A line of a list on the home page."""

    link: Value
    detail: str
    key: str = ""


@dataclass(frozen=True)
class Site:
    """Shared, read-only indexes of the pages."""

    paths: Paths
    templates: Jinja2Templates
    index: LabelIndex
    ontology: ontology_doc.OntologyDoc
    counts: dict[str, int]
    metropoles: list[Item]
    pactes: list[Item]
    downloads: list[Item]
    minted: frozenset[str]  # every IRI under the base the publication uses
    dataset_text: tuple[str, str]

    @classmethod
    def build(
        cls,
        store: Store,
        index: SiteIndex,
        iris: Iris,
        paths: Paths,
        graphs: dict[str, str],
        prefixes: dict[str, str],
    ) -> Site:
        """Everything the pages share: the publication's site index, and a few small queries."""
        templates = Jinja2Templates(directory=TEMPLATES)
        templates.env.filters["domain"] = domain
        templates.env.globals["root"] = paths.root  # every link a template writes starts so
        return cls(
            paths,
            templates,
            LabelIndex.build(index),
            ontology_doc.build(store, paths, graphs["ontology"], graphs["shapes"]),
            _counts(store, prefixes),
            _metropoles(store, paths, prefixes),
            _pactes(store, paths, prefixes),
            _downloads(store, paths, prefixes),
            index.minted,
            _dataset_text(store, str(iris.dataset), prefixes),
        )


def _dataset_text(store: Store, dataset: str, prefixes: dict[str, str]) -> tuple[str, str]:
    rows = select(store, query("dataset"), prefixes, dataset=ox.NamedNode(dataset))
    if not rows:
        return ("Métropoles", "")
    return (rows[0]["title"].value, rows[0]["description"].value)


def _counts(store: Store, prefixes: dict[str, str]) -> dict[str, int]:
    counts = {row["class"].value.rpartition("#")[2]: int(row["n"].value)
              for row in select(store, query("counts"), prefixes)}  # fmt: skip
    counts["Pacte"] = counts.pop("PacteMetropolitainInnovation", 0)
    counts["Pacte"] += counts.pop("PacteEtatMetropoles", 0)
    return counts


def _metropoles(store: Store, paths: Paths, prefixes: dict[str, str]) -> list[Item]:
    items = []
    for row in select(store, query("metropoles"), prefixes):
        pop = f"{number(row['pop'].value)} hab." if row["pop"] is not None else ""
        link = Value(row["label"].value, href=paths.href(row["m"].value), iri=row["m"].value)
        items.append(Item(link, pop, row["siren"].value))
    return items


def _pactes(store: Store, paths: Paths, prefixes: dict[str, str]) -> list[Item]:
    items = []
    for row in select(store, query("pactes"), prefixes):
        date = row["date"] if isinstance(row["date"], ox.Literal) else None
        link = Value(row["label"].value, href=paths.href(row["p"].value), iri=row["p"].value)
        items.append(Item(link, date_text(date), sort_key(date)))
    return sorted(items, key=lambda i: (i.key, i.link.text))


def _downloads(store: Store, paths: Paths, prefixes: dict[str, str]) -> list[Item]:
    items = []
    for row in select(store, query("downloads"), prefixes):
        url = row["url"].value
        size = _size(int(row["size"].value)) if row["size"] is not None else ""
        kind = row["type"].value.rpartition("media-types/")[2] if row["type"] is not None else ""
        items.append(Item(Value(url.rpartition("/")[2], href=paths.href(url), iri=url), size, kind))
    return items


def _size(octets: int) -> str:
    """A byte size in French units.

    >>> _size(2511264)
    '2,4\u00a0Mo'
    """
    for unit, scale in (("Go", 1 << 30), ("Mo", 1 << 20), ("ko", 1 << 10)):
        if octets >= scale:
            return f"{octets / scale:.1f}\u00a0{unit}".replace(".", ",")
    return f"{octets}\u00a0o"
