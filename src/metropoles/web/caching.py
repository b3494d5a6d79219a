"""HTTP caching, one way for every route (RFC 9110 §8.8.3 and §13.1.2, RFC 9111 §5.2): the ETag
is a digest of the revision served (publication and software) and of what shapes the
representation; ``If-None-Match`` is read here; each kind of response has one Cache-Control.

>>> tag = etag("rev-1", "/doc/x", "text/turtle")
>>> tag == etag("rev-1", "/doc/x", "text/turtle") != etag("rev-2", "/doc/x", "text/turtle")
True
>>> matches('"abc", W/"def"', 'W/"def"'), matches("*", tag), matches(None, tag)
(True, True, False)
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

# Cache-Control, by what the response is
PUBLICATION = "public, max-age=3600"  # a representation of the loaded publication
TOOL = "public, max-age=600"  # the query page and its examples
ASSET = "public, max-age=86400"  # a stylesheet or vendored script of this release
DOWNLOAD = "public, max-age=31536000, immutable"  # a file of one version of the publication
LATEST_DOWNLOAD = "public, max-age=300"  # the file of the version served, whichever it is
UNCACHED = "no-store"  # what the server's state is now (/health)


def etag(revision: str, *representation: object) -> str:
    """A weak validator (gzip may re-encode the body) for one representation of one revision;
    a stable digest, never Python's per-process ``hash()``."""
    text = "\x1f".join([revision, *(repr(part) for part in representation)])
    return f'W/"{hashlib.sha256(text.encode()).hexdigest()[:24]}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (weak comparison, RFC 9110 §13.1.2)."""
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or tag.removeprefix("W/") in tags


def headers(tag: str, cache_control: str, vary: str | None = "Accept") -> dict[str, str]:
    """The caching headers of a 200 answer (and of its 304)."""
    found = {"ETag": tag, "Cache-Control": cache_control}
    return found | {"Vary": vary} if vary else found


def not_modified(request: Request, answer_headers: dict[str, str]) -> Response | None:
    """A 304 carrying the 200's headers when the client already holds this representation."""
    if matches(request.headers.get("if-none-match"), answer_headers["ETag"]):
        return Response(status_code=304, headers=answer_headers)
    return None
