"""Router: the publication's files, from the version folder the server loaded (a rebuild while
serving changes nothing here until a restart). ``/download/latest/{file}``, where
dcat:downloadURL points, is revalidated (short max-age, ETag from the publication's identity);
``/download/{version}/{file}`` names one version's bytes, so it is immutable."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from metropoles.publish.staging import VERSION_DIGITS
from metropoles.web import caching
from metropoles.web.pages.routes import GET, not_found
from metropoles.web.pages.sitemap import media_type
from metropoles.web.state import State

LATEST = "latest"


def router(state: State) -> APIRouter:
    """The download routes over ``state``."""
    routes = APIRouter()
    version = state.publication.identity[:VERSION_DIGITS]

    @routes.api_route("/download/latest/{name}", methods=GET, response_model=None)
    def latest(request: Request, name: str) -> Response:
        """A file of the publication this server loaded; its versioned URL is in the headers."""
        headers = {"Content-Location": state.site.paths.link(f"/download/{version}/{name}")}
        return _file(request, state, name, caching.LATEST_DOWNLOAD, headers)

    @routes.api_route("/download/{version_}/{name}", methods=GET, response_model=None)
    def versioned(request: Request, version_: str, name: str) -> Response:
        """A file of one version: only the version loaded is here, and it never changes."""
        if version_ != version:
            return not_found(request, state)
        return _file(request, state, name, caching.DOWNLOAD, {})

    return routes


def _file(
    request: Request, state: State, name: str, cache_control: str, extra: dict[str, str]
) -> Response:
    path = state.publication.directory / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return not_found(request, state)
    tag = caching.etag(state.publication.identity, "download", name)
    headers = caching.headers(tag, cache_control, None) | extra
    headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if (unchanged := caching.not_modified(request, headers)) is not None:
        return unchanged
    return FileResponse(path, headers=headers, media_type=media_type(name))
