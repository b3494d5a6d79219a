"""One line per request in the Common Log Format (the NCSA format Apache and nginx write by
default, so log tools read it as is), plus the time taken in milliseconds at the end.

>>> common_line("127.0.0.1", "GET", "/sparql?query=ASK%7B%7D", "HTTP/1.1", 200, 42, 0.0, 1.5)
'127.0.0.1 - - [01/Jan/1970:00:00:00 +0000] "GET /sparql?query=ASK%7B%7D HTTP/1.1" 200 42 1.5ms'
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOGGER = "metropoles.access"


class AccessLog:
    """ASGI middleware writing one Common Log Format line per HTTP request to ``LOGGER``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = logging.getLogger(LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, wall = time.perf_counter(), time.time()
        seen: dict[str, Any] = {"status": 500, "size": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["size"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client")
            target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
            if scope.get("query_string"):
                target += "?" + scope["query_string"].decode("latin-1")
            line = common_line(
                client[0] if client else "-",
                scope["method"],
                target,
                f"HTTP/{scope.get('http_version', '1.1')}",
                seen["status"],
                seen["size"],
                wall,
                (time.perf_counter() - started) * 1000,
            )
            self.logger.info(line)


def common_line(
    host: str,
    method: str,
    target: str,
    protocol: str,
    status: int,
    size: int,
    when: float,
    milliseconds: float,
) -> str:
    """One Common Log Format line (``-`` for an empty body), with the duration appended."""
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(when))
    request = f"{method} {target} {protocol}".replace('"', "%22")
    return f'{host} - - [{stamp}] "{request}" {status} {size or "-"} {milliseconds:.1f}ms'


def to_stdout() -> None:
    """Send the access log to standard output, one line per request."""
    logger = logging.getLogger(LOGGER)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
