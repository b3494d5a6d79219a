"""``/sitemap.xml`` (https://www.sitemaps.org/protocol.html): one URL per page, and the media
types of downloadable files."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from metropoles.formats import RDF_FORMATS
from metropoles.web.pages.dereference import Paths

FILE_TYPES = {f".{f.extension}": f.media_type for f in RDF_FORMATS} | {
    ".gz": "application/gzip",
    ".csv": "text/csv",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
}
NOT_PAGES = ("/sparql", "/download/")


def pages(iris: Iterable[str], paths: Paths) -> list[str]:
    """The local path of each minted IRI's page (documents, not things or fragments), sorted.

    >>> pages(["https://x.org/b/id/a/1", "https://x.org/b/def/o#T"], Paths("https://x.org/b"))
    ['/', '/doc/a/1', '/recherche']
    """
    found = {"/", "/recherche"}
    for iri in iris:
        path = paths.local(iri)
        if path.startswith("/") and "#" not in path and not path.startswith(NOT_PAGES):
            found.add(path)
    return sorted(found)


def render(origin: str, locations: list[str]) -> str:
    """The sitemap XML of these local paths under ``origin``."""
    urls = "".join(f"<url><loc>{escape(origin + loc)}</loc></url>\n" for loc in locations)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def media_type(name: str) -> str:
    """The media type of a publication file, by its extension.

    >>> media_type("metropoles.nq.gz")
    'application/gzip'
    """
    suffix = "." + name.rpartition(".")[2]
    return FILE_TYPES.get(suffix, "text/plain; charset=utf-8")
