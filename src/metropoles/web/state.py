"""The one state of a running site, made once by ``create_app`` and handed to every router:
settings, IRIs, the loaded publication, the pages' indexes and the SPARQL endpoint."""

from __future__ import annotations

from dataclasses import dataclass

from metropoles import __version__
from metropoles.config import Settings
from metropoles.iris import Iris
from metropoles.publication import check_base_iri, graph_names, prefixes
from metropoles.store.base import Publication, Store
from metropoles.web.maps.drawing import Drawing, Figures
from metropoles.web.pages.dereference import Paths
from metropoles.web.pages.site import Site
from metropoles.web.sparql.endpoint import Endpoint


@dataclass(frozen=True)
class State:
    """Everything the routes read; nothing else is shared between requests."""

    settings: Settings
    publication: Publication
    iris: Iris
    prefixes: dict[str, str]  # publication.PREFIXES plus mtp: under this base IRI
    graphs: dict[str, str]  # named graph IRI of each part of the publication
    site: Site
    endpoint: Endpoint
    drawing: Drawing  # the maps and the time axis, drawn when first needed

    @classmethod
    def build(cls, publication: Publication, settings: Settings, root: str | None = None) -> State:
        """Compute, once, everything the routes share, pages linking under ``root`` (default:
        the path of the public URL); refuse a publication built for another base IRI
        (PublicationError), whose pages would all be empty."""
        check_base_iri(publication.directory, settings.base_iri)
        iris = Iris(settings.base_iri)
        names, graphs = prefixes(iris), graph_names(iris)
        paths = Paths(iris.base, settings.public_path if root is None else root)
        return cls(
            settings,
            publication,
            iris,
            names,
            graphs,
            Site.build(publication.store, publication.index, iris, paths, graphs, names),
            Endpoint.build(publication.store, publication.index.graphs, settings, graphs),
            Drawing(publication.store, paths, names),
        )

    @property
    def store(self) -> Store:
        """The publication's store."""
        return self.publication.store

    @property
    def figures(self) -> Figures:
        """The maps and the time axis (drawn on first use)."""
        return self.drawing.figures()

    @property
    def triples(self) -> int:
        """How many statements the store holds (the Service Description's void:triples)."""
        return self.publication.index.triples

    @property
    def mtp(self) -> str:
        """The ontology namespace under this base IRI."""
        return str(self.iris.vocab)

    @property
    def revision(self) -> str:
        """What every ETag starts from: the publication and the software that renders it."""
        return f"{self.publication.etag}-{__version__}"
