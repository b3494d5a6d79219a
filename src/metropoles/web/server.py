"""``metropoles serve``: build the publication when there is none, load it, serve it, with
limits on what clients may send (see connections.py and README "Operating it")."""

from __future__ import annotations

import uvicorn

from metropoles.config import Settings
from metropoles.publication import DUMP_FILE
from metropoles.store import Publication
from metropoles.web.app import create_app
from metropoles.web.connections import request_deadline

# seconds an idle keep-alive connection stays open: longer than clients' own expiry (httpx and
# others: 5 s), so that a client never sends on a connection the server is closing
KEEP_ALIVE = 15


def run(settings: Settings) -> None:
    """Serve ``settings.publication_dir`` on ``settings.host``:``settings.port`` until stopped."""
    if not (settings.publication_dir / DUMP_FILE).exists():
        from metropoles.build import BuildError, build_publication

        try:
            build_publication(settings)
        except BuildError as error:
            raise SystemExit(f"no publication to serve, and the build failed:\n{error}") from None
    publication = Publication.load(settings.publication_dir)
    app = create_app(publication, settings)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        http=request_deadline(settings.client_timeout),
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=settings.max_connections,
    )
