"""Request path <-> IRI mapping and content negotiation for dereferenced IRIs (Cool URIs for the
Semantic Web, https://www.w3.org/TR/cooluris/): ``/id/x`` answers 303 to ``/doc/x``, every other
minted path answers 200 itself; representations by ``Accept`` (RFC 9110 §12.5.1) or extension.

>>> paths = Paths("https://w3id.org/metropoles")
>>> paths.href("https://w3id.org/metropoles/id/commune/69123")
'/doc/commune/69123'
>>> paths.href("https://w3id.org/metropoles/def/metropoles#Pacte")
'/def/metropoles#Pacte'
>>> paths.href("https://example.org/x")
'https://example.org/x'
>>> Paths("https://w3id.org/metropoles", root="/lod").href("https://w3id.org/metropoles/catalog")
'/lod/catalog'
"""

from __future__ import annotations

from dataclasses import dataclass

from metropoles.formats import RDF_FORMATS, RdfFormat
from metropoles.iris import LICENCE_OUVERTE
from metropoles.web import caching
from metropoles.web.negotiation import best_match

HTML = "text/html"
XHTML = "application/xhtml+xml"
OFFERED = [HTML, *(f.media_type for f in RDF_FORMATS)]
# Older names of the formats offered, as clients still send them (rdflib asks for N-Triples as
# text/plain, for N3 as text/n3): each is answered in the format it names, under that format's type.
ALIASES = {
    "text/plain": "application/n-triples",
    "text/n3": "text/turtle",  # Turtle is N3
    "text/rdf+n3": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
}
EXTENSIONS = {"html": HTML} | {f.extension: f.media_type for f in RDF_FORMATS}


@dataclass(frozen=True)
class Paths:
    """Maps IRIs under ``base`` to local paths, so any host can serve the same publication; links
    in pages and headers are under ``root``, the path the site sits under on its public URL
    (a proxy in front strips it, so requests arrive without it)."""

    base: str
    root: str = ""

    def iri(self, path: str) -> str:
        """The IRI a request path names (``/doc/x`` names the document of ``/id/x``)."""
        if path.startswith("/doc/"):
            path = "/id/" + path[len("/doc/") :]
        return self.base + path

    def href(self, iri: str) -> str:
        """A link for an IRI under the base (things link to their document); else the IRI."""
        local = self.local(iri)
        return self.root + local if local.startswith("/") else local

    def local(self, iri: str) -> str:
        """The path an IRI under the base is served at here (no root); else the IRI."""
        if iri == self.base or iri == self.base + "/":
            return "/"
        if not iri.startswith(self.base + "/"):
            return iri
        return self.document(iri[len(self.base) :])

    def link(self, path: str) -> str:
        """A local path as pages and headers link to it (under the root)."""
        return self.root + path

    def document(self, path: str) -> str:
        """The document path of a request path: ``/id/x`` -> ``/doc/x``, others unchanged."""
        return "/doc/" + path[len("/id/") :] if path.startswith("/id/") else path


@dataclass(frozen=True)
class Choice:
    """The representation chosen for one request: media type and the URL that names it."""

    media_type: str
    location: str

    @property
    def rdf(self) -> RdfFormat | None:
        """The RDF format chosen, or None for HTML."""
        return next((f for f in RDF_FORMATS if f.media_type == self.media_type), None)


def split_extension(path: str) -> tuple[str, str | None]:
    """Split a known format extension off a path.

    >>> split_extension("/doc/pacte/pem-2016.ttl")
    ('/doc/pacte/pem-2016', 'text/turtle')
    >>> split_extension("/doc/pacte/pem-2016")
    ('/doc/pacte/pem-2016', None)
    """
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in EXTENSIONS:
        return stem, EXTENSIONS[ext]
    return path, None


def choose(path: str, accept: str | None, forced: str | None) -> Choice | None:
    """The representation of ``path`` (no extension) for this Accept header or extension.

    >>> choose("/doc/x", "text/plain, */*;q=0.1", None)
    Choice(media_type='application/n-triples', location='/doc/x.nt')
    """
    media_type = forced or best_match(_html_alias(accept), [*OFFERED, *ALIASES])
    if media_type is None:
        return None
    media_type = ALIASES.get(media_type, media_type)
    return Choice(media_type, f"{path}.{_extension(media_type)}")


def _html_alias(accept: str | None) -> str | None:
    return accept.replace(XHTML, HTML) if accept else accept


def _extension(media_type: str) -> str:
    return next(ext for ext, mt in EXTENSIONS.items() if mt == media_type)


def link_header(path: str, canonical: str) -> str:
    """``Link``: each alternate format, the canonical URL and the licence (RFC 8288)."""
    links = [f'<{path}.{ext}>; rel="alternate"; type="{mt}"' for ext, mt in EXTENSIONS.items()]
    links.append(f'<{canonical}>; rel="canonical"')
    links.append(f'<{LICENCE_OUVERTE}>; rel="license"')
    return ", ".join(links)


def headers(path: str, choice: Choice, canonical: str, tag: str, root: str) -> dict[str, str]:
    """Headers of a negotiated answer: Vary, Content-Location, Link, ETag, Cache-Control (local
    paths under ``root``, see Paths)."""
    return {
        "Content-Location": root + choice.location,
        "Link": link_header(root + path, root + canonical),
    } | caching.headers(tag, caching.PUBLICATION, "Accept")
