"""``metropoles export-site``: the whole site as static files, for any static host or CDN. The
app runs in process (the same routes as ``serve``) and every page is written in every format
(``doc/x.html``, ``doc/x.ttl``…), with the stylesheet, the sitemap, the VoID description and the
publication's files, plus ``nginx.conf``: the content negotiation (``Accept`` → file extension)
and the 303 from ``/id/…`` to ``/doc/…`` that ``serve`` does. The SPARQL endpoint and the search
need a server: they are not in the mirror."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.testclient import TestClient

from metropoles.config import Settings
from metropoles.progress import Report, silent
from metropoles.publication import PublicationError
from metropoles.store.base import Publication
from metropoles.web.app import create_app
from metropoles.web.pages import sitemap
from metropoles.web.pages.dereference import EXTENSIONS
from metropoles.web.state import State

EXTRAS = ("/static/site.css", "/sitemap.xml", "/robots.txt")
NO_STATIC_PAGE = ("/recherche",)  # needs a server: the label search
NGINX_FILE = "nginx.conf"


def export_site(
    publication_dir: Path, out: Path, settings: Settings, report: Report = silent
) -> int:
    """Write the site of the publication in ``publication_dir`` to ``out``; return the number
    of files written."""
    if settings.public_path:
        raise PublicationError(
            f"the static mirror is written for the root of its host, not under "
            f"{settings.public_path} (public URL {settings.public_url}): serve it with "
            "`metropoles serve` behind the proxy instead"
        )
    report("load the publication")
    # Absolute URLs (sitemap, page data) on the public URL, else on the base IRI itself (a
    # redirector such as w3id.org sends its paths to the mirror's root); links from the root.
    settings = settings.replace(
        access_log=False, public_url=settings.public_url or settings.base_iri
    )
    app = create_app(Publication.load(publication_dir), settings, root="")
    state: State = app.state.metropoles
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with TestClient(app, follow_redirects=False) as client:
        pages = sitemap.pages(state.site.minted, state.site.paths)
        report(f"render {len(pages)} pages in {len(EXTENSIONS)} formats")
        for page in pages:
            if page in NO_STATIC_PAGE:
                continue
            stem = "/index" if page == "/" else page
            for ext in EXTENSIONS:
                written += _save(client, f"{stem}.{ext}", out / f"{stem.lstrip('/')}.{ext}")
            if state.figures.for_resource(state.site.paths.iri(page), state.site.paths):
                geojson = f"{stem}.geojson"  # the download of the page's map
                written += _save(client, geojson, out / geojson.lstrip("/"))
        written += _save(client, "/index.geojson", out / "index.geojson")
        report("write the stylesheet, sitemap, VoID and the publication's files")
        for path in EXTRAS:
            written += _save(client, path, out / path.lstrip("/"))
        written += _save(client, "/.well-known/void?format=ttl", out / ".well-known" / "void.ttl")
    downloads = out / "download" / "latest"
    downloads.mkdir(parents=True, exist_ok=True)
    for name in (p.name for p in state.publication.directory.iterdir() if p.is_file()):
        shutil.copyfile(state.publication.directory / name, downloads / name)
        written += 1
    (out / NGINX_FILE).write_text(nginx_config(out.resolve()), encoding="utf-8")
    return written + 1


def _save(client: TestClient, path: str, target: Path) -> int:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} while exporting the site")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    return 1


def nginx_config(root: Path) -> str:
    """An nginx ``server`` block (include it in ``http {}``) serving the mirror at ``root``:
    ``Accept`` chooses the file's extension, ``/id/x`` answers 303 to ``/doc/x``."""
    types = "\n".join(f"    {media} {ext};" for ext, media in EXTENSIONS.items())
    choices = "\n".join(
        f'    "~*{media.replace("+", "[+]")}" {ext};'
        for ext, media in EXTENSIONS.items()
        if ext != "html"
    )
    return f"""# The static mirror of the metropoles site: include this file inside http {{ }}.
# Accept -> representation (the first RDF media type named wins; browsers get HTML).
map $http_accept $metropoles_ext {{
    default html;
{choices}
}}

server {{
    listen 8080;
    root {root};
    charset utf-8;
    types {{
{types}
    text/css css;
    application/geo+json geojson;
    application/xml xml;
    text/plain txt;
    }}
    default_type application/octet-stream;
    add_header Access-Control-Allow-Origin "*" always;

    location ~ ^/id/(.*)$ {{
        add_header Vary Accept always;
        return 303 /doc/$1$is_args$args;
    }}
    location = / {{
        add_header Vary Accept always;
        try_files /index.$metropoles_ext =404;
    }}
    location = /robots.txt {{ types {{ }} default_type text/plain; }}
    location = /sitemap.xml {{ }}
    location = /.well-known/void {{
        default_type text/turtle;
        try_files /.well-known/void.ttl =404;
    }}
    location /static/ {{ }}
    location /download/ {{
        types {{ }}
        default_type application/octet-stream;
        add_header Content-Disposition "attachment";
    }}
    location / {{
        add_header Vary Accept always;
        try_files $uri $uri.$metropoles_ext =404;
    }}
}}
"""
