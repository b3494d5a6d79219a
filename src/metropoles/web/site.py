"""What the pages share, computed once per app from the loaded publication and kept on
``app.state.site``: IRI mapping, templates, the label index, the home page's lists, the ontology
documentation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from metropoles.config import Settings
from metropoles.iris import Iris
from metropoles.publication import graph_names
from metropoles.store import Publication
from metropoles.web import ontology_doc
from metropoles.web.dereference import Paths
from metropoles.web.describe import select
from metropoles.web.search import LabelIndex
from metropoles.web.values import Value, date_text, number, sort_key

TEMPLATES = Path(__file__).parent / "templates"

_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  VALUES ?class {{ <{mtp}Metropole> <{mtp}PacteMetropolitainInnovation> <{mtp}PacteEtatMetropoles>
    <{mtp}ContratDeCooperation> <http://rdf.insee.fr/def/geo#Commune> }}
  ?s a ?class }} GROUP BY ?class"""

_METROPOLES = """
SELECT ?m ?label ?siren ?pop WHERE {{
  ?m a <{mtp}Metropole> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <{mtp}siren> ?siren
  FILTER(LANG(?label) = "fr")
  OPTIONAL {{ ?m <{mtp}territoire>/<{mtp}populationMunicipale> ?pop }}
}} ORDER BY ?label"""

_PACTES = """
SELECT ?p ?label ?date WHERE {{
  ?p a ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = "fr")
  FILTER(?t IN (<{mtp}PacteMetropolitainInnovation>, <{mtp}PacteEtatMetropoles>))
  OPTIONAL {{ ?p <http://purl.org/dc/terms/issued> ?date }}
}}"""

_DOWNLOADS = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
SELECT ?d ?url ?size ?type WHERE {
  ?d a dcat:Distribution ; dcat:downloadURL ?url .
  OPTIONAL { ?d dcat:byteSize ?size } OPTIONAL { ?d dcat:mediaType ?type }
} ORDER BY ?url"""

_MINTED = """
SELECT DISTINCT ?x WHERE {{
  {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} UNION {{ ?s ?x ?o }}
  FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{base}"))
}}"""

_DATASET = """
SELECT ?title ?description WHERE {{
  <{dataset}> <http://purl.org/dc/terms/title> ?title ;
    <http://purl.org/dc/terms/description> ?description
  FILTER(LANG(?title) = "fr" && LANG(?description) = "fr")
}} LIMIT 1"""


@dataclass(frozen=True)
class Item:
    """A line of a list on the home page."""

    link: Value
    detail: str
    key: str = ""


@dataclass(frozen=True)
class Site:
    """Shared, read-only state of the pages."""

    settings: Settings
    publication: Publication
    paths: Paths
    iris: Iris
    graphs: dict[str, str]
    templates: Jinja2Templates
    index: LabelIndex
    ontology: ontology_doc.OntologyDoc
    counts: dict[str, int]
    metropoles: list[Item]
    pactes: list[Item]
    downloads: list[Item]
    index_iris: frozenset[str]
    dataset_text: tuple[str, str]

    @property
    def store(self) -> ox.Store:
        """The publication's store."""
        return self.publication.store

    @property
    def mtp(self) -> str:
        """The ontology namespace under this base IRI."""
        return str(self.iris.vocab)

    @classmethod
    def build(cls, publication: Publication, settings: Settings) -> Site:
        """Compute everything the pages share."""
        iris = Iris(settings.base_iri)
        paths, store, mtp = Paths(iris.base), publication.store, str(iris.vocab)
        graphs = graph_names(iris)
        return cls(
            settings, publication, paths, iris, graphs,
            Jinja2Templates(directory=TEMPLATES),
            LabelIndex.build(store, iris.base),
            ontology_doc.build(store, paths, graphs["ontology"], graphs["shapes"]),
            _counts(store, mtp), _metropoles(store, paths, mtp), _pactes(store, paths, mtp),
            _downloads(store, paths), _minted(store, iris.base),
            _dataset_text(store, str(iris.dataset)),
        )  # fmt: skip


def site(request: Request) -> Site:
    """The app's Site, built by create_app."""
    found: Site = request.app.state.site
    return found


def _minted(store: ox.Store, base: str) -> frozenset[str]:
    """Every IRI under the base used in the store, and each one's fragment-less document."""
    query = _MINTED.format(base=base)
    found = {row["x"].value for row in select(store, query)}
    return frozenset(found | {iri.partition("#")[0] for iri in found})


def _dataset_text(store: ox.Store, dataset: str) -> tuple[str, str]:
    rows = select(store, _DATASET.format(dataset=dataset))
    if not rows:
        return ("Métropoles", "")
    return (rows[0]["title"].value, rows[0]["description"].value)


def _counts(store: ox.Store, mtp: str) -> dict[str, int]:
    counts = {row["class"].value.rpartition("#")[2]: int(row["n"].value)
              for row in select(store, _COUNTS.format(mtp=mtp))}  # fmt: skip
    counts["Pacte"] = counts.pop("PacteMetropolitainInnovation", 0)
    counts["Pacte"] += counts.pop("PacteEtatMetropoles", 0)
    return counts


def _metropoles(store: ox.Store, paths: Paths, mtp: str) -> list[Item]:
    items = []
    for row in select(store, _METROPOLES.format(mtp=mtp)):
        pop = f"{number(row['pop'].value)} hab." if row["pop"] is not None else ""
        link = Value(row["label"].value, href=paths.href(row["m"].value), iri=row["m"].value)
        items.append(Item(link, pop, row["siren"].value))
    return items


def _pactes(store: ox.Store, paths: Paths, mtp: str) -> list[Item]:
    items = []
    for row in select(store, _PACTES.format(mtp=mtp)):
        date = row["date"] if isinstance(row["date"], ox.Literal) else None
        link = Value(row["label"].value, href=paths.href(row["p"].value), iri=row["p"].value)
        items.append(Item(link, date_text(date), sort_key(date)))
    return sorted(items, key=lambda i: (i.key, i.link.text))


def _downloads(store: ox.Store, paths: Paths) -> list[Item]:
    items = []
    for row in select(store, _DOWNLOADS):
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
