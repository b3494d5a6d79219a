"""Router: the publication's files at ``/download/latest/{file}``, where dcat:downloadURL points."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from metropoles.web import caching
from metropoles.web.pages.routes import GET, not_found
from metropoles.web.pages.sitemap import media_type
from metropoles.web.state import State


def router(state: State) -> APIRouter:
    """The download routes over ``state``."""
    routes = APIRouter()

    @routes.api_route("/download/latest/{name}", methods=GET, response_model=None)
    def download(request: Request, name: str) -> Response:
        """A file of the publication, by name (immutable for one publication)."""
        path = state.publication.directory / name
        if "/" in name or name.startswith(".") or not path.is_file():
            return not_found(request, state)
        tag = caching.etag(state.revision, "download", name)
        headers = caching.headers(tag, caching.DOWNLOAD, None)
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        if (unchanged := caching.not_modified(request, headers)) is not None:
            return unchanged
        return FileResponse(path, headers=headers, media_type=media_type(name))

    return routes
