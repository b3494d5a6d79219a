"""``metropoles serve``: build the publication when there is none, load it, serve it."""

from __future__ import annotations

import uvicorn

from metropoles.config import Settings
from metropoles.publication import DUMP_FILE
from metropoles.store import Publication
from metropoles.web.app import create_app


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
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
