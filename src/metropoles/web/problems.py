"""Errors as ``application/problem+json`` (RFC 9457)."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """A problem+json response; ``extra`` adds members (e.g. line, column)."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = {"Retry-After": "5"} if status in (429, 503) else {}
    return Response(json.dumps(body, ensure_ascii=False), status, headers, PROBLEM)
