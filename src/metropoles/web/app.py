"""The application factory: a new FastAPI app over one loaded publication."""

from __future__ import annotations

from fastapi import FastAPI

from metropoles import __version__
from metropoles.config import Settings
from metropoles.store import Publication


def create_app(publication: Publication, settings: Settings) -> FastAPI:
    """Return an app serving ``publication``; routers read it from ``app.state``."""
    app = FastAPI(title="metropoles", version=__version__, docs_url=None, redoc_url=None)
    app.state.publication = publication
    app.state.settings = settings
    return app
