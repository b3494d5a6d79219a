"""What uvicorn does not do itself: cut a client that sends a request too slowly (a slowloris,
or a body trickled to a route that never reads it), and refuse a head too large or with too many
header fields. uvicorn's own limits do the rest (see server.py): the size of a head still
arriving (h11), idle keep-alive connections, connections at once."""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from metropoles.web.problems import problem

TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


def request_deadline(seconds: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol where a request (head and body) must arrive whole within
    ``seconds`` of its first byte (of the connection, for the first request). A client that
    takes longer has its connection closed, with a 408 when its head never came whole; the time
    a query runs does not count."""

    class RequestDeadline(H11Protocol):
        _timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self.conn.their_state is h11.IDLE:  # a request begins, or its head goes on
                self._arm()
            super().data_received(data)
            if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):  # received whole
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._timer is None:
                self._timer = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            self._timer = None
            if self.transport.is_closing():
                return
            if self.conn.their_state is h11.IDLE:  # no response can have started
                self.transport.write(TIMED_OUT)
            self.transport.close()

    return RequestDeadline


class HeadLimits:
    """ASGI middleware: 431 for a request with more than ``fields`` header fields or a head
    (request target and header fields) of more than ``size`` bytes. uvicorn's h11 limit bounds
    only a head still arriving; one that arrives whole in one read is measured here."""

    def __init__(self, app: ASGIApp, fields: int, size: int) -> None:
        self.app = app
        self.fields = fields
        self.size = size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (detail := self._excess(scope)):
            await problem(431, "Request header fields too large", detail)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _excess(self, scope: Scope) -> str | None:
        headers = scope["headers"]
        if len(headers) > self.fields:
            return f"{len(headers)} header fields, the limit is {self.fields}"
        size = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
        size += sum(len(name) + len(value) + 4 for name, value in headers)
        if size > self.size:
            return f"the request's head is {size} bytes, the limit is {self.size}"
        return None
