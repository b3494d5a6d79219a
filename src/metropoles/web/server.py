"""``metropoles serve``: build the publication when there is none, load it, say what is served
and where, then serve it until stopped, with limits on what clients may send (see connections.py
and README "Operating it")."""

from __future__ import annotations

import uvicorn

from metropoles.config import Settings
from metropoles.publication import DUMP_FILE
from metropoles.store.base import Publication
from metropoles.web import access_log
from metropoles.web.app import create_app
from metropoles.web.connections import request_deadline
from metropoles.web.state import State

# seconds an idle keep-alive connection stays open: longer than clients' own expiry (httpx and
# others: 5 s), so that a client never sends on a connection the server is closing
KEEP_ALIVE = 15


def run(settings: Settings) -> None:
    """Serve ``settings.publication_dir`` on ``settings.host``:``settings.port`` until stopped."""
    if not (settings.publication_dir / DUMP_FILE).exists():
        from metropoles.publish.build import BuildError, build_publication

        try:
            build_publication(settings)
        except BuildError as error:
            raise SystemExit(f"no publication to serve, and the build failed:\n{error}") from None
    publication = (
        Publication.remote(settings.publication_dir, settings.store_url)
        if settings.store_url
        else Publication.load(settings.publication_dir)
    )
    app = create_app(publication, settings)
    print(banner(app.state.metropoles), flush=True)
    if settings.access_log:
        access_log.to_stdout()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,  # web/access_log.py writes its own, with the duration
        http=request_deadline(settings.client_timeout),
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=settings.max_connections,
    )


def banner(state: State) -> str:
    """What is served (identity, base IRI, counts), where, and how to stop it."""
    settings, counts = state.settings, state.site.counts
    listen = f"http://{settings.host}:{settings.port}"
    where = f"read at {settings.store_url}" if settings.store_url else "in an embedded store"
    public = f" (public URL {settings.public_url})" if settings.public_url else ""
    return "\n".join(
        [
            f"metropoles: publication {state.publication.identity[:16]} "
            f"from {state.publication.directory}, {where}",
            f"  base IRI {settings.base_iri}: {state.triples} triples, "
            f"{counts.get('Metropole', 0)} métropoles, {counts.get('Pacte', 0)} pactes, "
            f"{counts.get('ContratDeCooperation', 0)} contrats, "
            f"{counts.get('Commune', 0)} communes",
            f"  listening on {listen}{public}; SPARQL at {listen}/sparql",
            "  press Ctrl+C to stop (or send SIGTERM)",
        ]
    )
