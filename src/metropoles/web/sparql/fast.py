"""A lean ASGI path for SPARQL queries at /sparql and /query (GET, POST form, POST direct), in
front of the FastAPI app: parse, screen, negotiate, then answer from the cache of finished
answers, in this process when the query is known to be cheap, or from a worker. Anything else
(the service description, the query page, HEAD, refused or unacceptable requests) goes to the
full app, which answers it as before, with the body replayed. Same headers, validators and
problem answers as routes.py.

Cheap, in this process: a query with no aggregate, grouping, ordering, sub-query or ``*``/``+``
path (screened by ``simple``) whose shape (its text with literals and numbers blanked) ran in a
worker within the budget (the engine's own time, see engine.Answer.seconds). It then runs here
without the worker hop; if it ever takes longer than the budget, its shape goes back to the
workers for good. So a query runs here only after a query of its shape proved cheap."""

from __future__ import annotations

import asyncio
import gzip
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from metropoles.web import caching
from metropoles.web.sparql import routes
from metropoles.web.sparql.choice import result_type
from metropoles.web.sparql.engine import Answer, Job, execute
from metropoles.web.sparql.pool import QueryTimeout, QueryTooLarge, Saturated, WorkerLost
from metropoles.web.sparql.protocol import DIRECT, FORM, _from_params, strict_params
from metropoles.web.sparql.screening import Refusal, screen
from metropoles.web.sparql.service import TRUNCATED
from metropoles.web.state import State

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PATHS = frozenset({"/sparql", "/query"})
BUDGET = 0.003  # seconds a query may take in this process
SHAPES = 4096  # shapes remembered
REPLIES = 16 << 20  # bytes of whole replies remembered
GZIP_FROM = 1024  # bytes, as the app's GZipMiddleware
EXPOSED = ", ".join(["Link", "ETag", "Content-Location", "Content-Profile", TRUNCATED])

_STRING = re.compile(r"\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                     r"|\"(?:[^\"\\\n\r]|\\.)*\"|'(?:[^'\\\n\r]|\\.)*'")  # fmt: skip
_NUMBER = re.compile(r"(?<![\w?$:])[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w:])")
_COMMENT = re.compile(r"(?m)(^|\s)#[^\n\r]*")
_SPACE = re.compile(r"\s+")
_COSTLY = re.compile(
    r"\b(?:GROUP|ORDER|HAVING|COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT|SERVICE|MINUS|NOT)\b"
    r"|[)>\w][*+]\s*[?$<(\w:]|\{\s*SELECT\b",
    re.IGNORECASE,
)


def normalised(text: str) -> str:
    """A query's text with comments dropped and white space collapsed outside strings, so that
    the same query written twice finds the same cached answer.

    >>> normalised("SELECT *  # all\\nWHERE { ?s ?p 'a  b' }")
    "SELECT * WHERE { ?s ?p 'a  b' }"
    """
    out, last = [], 0
    for match in _STRING.finditer(text):
        out.append(_collapse(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_collapse(text[last:]))
    return "".join(out).strip()


def _collapse(code: str) -> str:
    return _SPACE.sub(" ", _COMMENT.sub(r"\1", code.replace("<#", "< #")).replace("< #", "<#"))


def shape(normal: str) -> str:
    """A normalised query's text with its literals and numbers blanked: queries that differ
    only there cost about the same.

    >>> shape('ASK { ?m mtp:siren "200046977" FILTER(3 = 3) }')
    'ASK { ?m mtp:siren "" FILTER(0 = 0) }'
    """
    return _NUMBER.sub("0", _STRING.sub('""', normal))


def simple(form: str) -> bool:
    """Whether a query shape has none of what makes evaluation costly before its first answer.

    >>> simple('ASK { ?m a mtp:Metropole ; mtp:siren "" }')
    True
    >>> simple("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), simple("SELECT ?x { ?x mtp:p+ ?y }")
    (False, False)
    """
    return _COSTLY.search(form) is None


class CostMemory:
    """What each query shape cost when it last ran (True: within the budget), least recently
    used shapes forgotten first; and the queries running in workers right now, so that the same
    query asked again meanwhile waits for that answer instead of taking another worker."""

    def __init__(self, size: int = SHAPES) -> None:
        self._cheap: OrderedDict[str, bool] = OrderedDict()
        self._size = size
        self.running: dict[tuple[object, ...], asyncio.Future[Answer]] = {}  # in workers now

    def cheap(self, key: str) -> bool:
        found = self._cheap.get(key, False)
        if found:
            self._cheap.move_to_end(key)
        return found

    def record(self, key: str, seconds: float) -> None:
        if self._cheap.get(key) is False and key in self._cheap:
            return  # once costly, always costly
        self._cheap[key] = seconds <= BUDGET
        self._cheap.move_to_end(key)
        while len(self._cheap) > self._size:
            self._cheap.popitem(last=False)


class Replies:
    """Whole 200 replies by raw request (path, query string, body, Accept...), up to ``budget``
    bytes, least recently used forgotten first: a repeated request is answered before any
    parsing."""

    def __init__(self, budget: int = REPLIES, largest: int = 256 << 10) -> None:
        self._entries: OrderedDict[tuple[object, ...], Reply] = OrderedDict()
        self._budget = budget
        self._largest = largest
        self._size = 0

    def get(self, key: tuple[object, ...]) -> Reply | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: tuple[object, ...], reply: Reply) -> None:
        if len(reply.body) > self._largest or key in self._entries:
            return
        self._entries[key] = reply
        self._size += len(reply.body)
        while self._size > self._budget:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old.body)


@dataclass(frozen=True)
class Reply:
    """A finished 200 reply: its ETag and raw headers and body, as sent."""

    etag: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


class FastSparql:
    """ASGI middleware: the lean SPARQL path over ``state``, the app behind it for the rest."""

    def __init__(self, app: ASGIApp, state: State) -> None:
        self.app = app
        self.state = state
        self.costs = CostMemory()
        self.replies = Replies()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] not in PATHS
            or scope["method"] not in ("GET", "POST")
        ):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        body = b""
        if scope["method"] == "POST":
            length = headers.get("content-length", "")
            if not length.isdigit() or int(length) > self.state.settings.max_query_bytes * 4:
                return await self.app(scope, receive, send)  # the app reads and judges it
            body = await _read_body(receive)
        key = (
            scope["path"],
            scope["query_string"],
            body,
            headers.get("content-type"),
            headers.get("accept"),
            "gzip" in headers.get("accept-encoding", ""),
        )
        reply = self.replies.get(key)
        if reply is not None:
            await _send_reply(reply, headers, send)
            return
        sent = await _answer(self.state, self.costs, headers, scope, body, send)
        if sent is None:
            await self.app(scope, _replay(body), send)
        elif isinstance(sent, Reply):
            self.replies.put(key, sent)


async def _send_reply(reply: Reply, headers: dict[str, str], send: Send) -> None:
    if caching.matches(headers.get("if-none-match"), reply.etag):
        raw = [(k, v) for k, v in reply.headers if k not in (b"content-length", b"content-type")]
        await send({"type": "http.response.start", "status": 304, "headers": raw})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": reply.headers})
    await send({"type": "http.response.body", "body": reply.body})


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _answer(
    state: State,
    costs: CostMemory,
    headers: dict[str, str],
    scope: Scope,
    body: bytes,
    send: Send,
) -> Reply | bool | None:
    """Answer the request (a 200 returns its Reply, to keep; anything else True), or return
    None to hand it to the app."""
    query = None
    try:  # strict UTF-8: anything else is the app's to refuse with 400
        params = strict_params(scope["query_string"])
        if body:
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == FORM:
                params += strict_params(body)
            elif content_type == DIRECT:
                query = body.decode("utf-8")
            else:
                return None
        protocol = _from_params(params, query)
        if protocol.query is None:
            return None
        settings = state.settings
        screened = screen(
            protocol.query,
            settings.max_query_bytes,
            settings.max_query_depth,
            state.endpoint.max_chain,
        )
    except (Refusal, UnicodeDecodeError):
        return None
    media_type = result_type(screened.form, headers.get("accept"), protocol.formats)
    if media_type is None:
        return None
    job = routes._job(state, protocol, screened, media_type)
    answer_headers = caching.headers(caching.etag(state.revision, *job.key), caching.PUBLICATION)
    if caching.matches(headers.get("if-none-match"), answer_headers["ETag"]):
        await _send(send, 304, answer_headers, b"", None)
        return True
    try:
        found = await _run(state, costs, job, routes._timeout(state, protocol))
    except (QueryTimeout, QueryTooLarge, Saturated, WorkerLost) as error:
        await _send_response(routes._failure(error), scope, send)
        return True
    if found.status != 200:
        await _send_response(routes._respond(found, answer_headers), scope, send)
        return True
    if found.truncated:
        answer_headers = answer_headers | {TRUNCATED: "true"}
    return await _send(send, 200, answer_headers, found.body, found.media_type, headers)


async def _run(state: State, costs: CostMemory, job: Job, timeout: float) -> Answer:
    """The answer from the cache, this process or a worker (whose failures are raised)."""
    endpoint = state.endpoint
    normal = normalised(job.query)
    key = (normal, *job.key[1:])
    found = endpoint.answers.get(key)
    if found is not None:
        return found
    running = costs.running.get(key)
    if running is not None:  # the same query is on its way: share its answer
        await asyncio.wait([running])
        if not running.cancelled():  # (cancelled: its client left; run it here after all)
            return running.result()
    form = shape(normal)
    if costs.cheap(form) and simple(form):
        found = execute(state.store, job)
    else:
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        costs.running[key] = future
        try:
            found = await endpoint.pool.run(job, timeout)
        except Exception as error:
            future.set_exception(error)
            future.exception()  # retrieved here, so an unshared failure is not reported
            raise
        except BaseException:
            future.cancel()
            raise
        else:
            future.set_result(found)
        finally:
            del costs.running[key]
    costs.record(form, found.seconds)  # the engine's own time, not the queue's or the hop's
    endpoint.answers.put(key, found)
    return found


async def _send_response(response: Response, scope: Scope, send: Send) -> None:
    """A problem (or other Starlette response) from routes.py, with the CORS headers."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    await response(scope, _replay(b""), send)


async def _send(
    send: Send,
    status: int,
    headers: dict[str, str],
    body: bytes,
    media_type: str | None,
    request: dict[str, str] | None = None,
) -> Reply:
    out = dict(headers)
    if media_type is not None:
        charset = "; charset=utf-8" if media_type.startswith("text/") else ""  # as Starlette
        out["Content-Type"] = media_type + charset
    gzipped = request is not None and "gzip" in request.get("accept-encoding", "")
    if gzipped and len(body) >= GZIP_FROM:
        body = gzip.compress(body, 6)
        out["Content-Encoding"] = "gzip"
        out["Vary"] = out.get("Vary", "Accept") + ", Accept-Encoding"
    out["Content-Length"] = str(len(body))
    out["Access-Control-Allow-Origin"] = "*"  # as the app's CORS middleware, for simple requests
    out["Access-Control-Expose-Headers"] = EXPOSED
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in out.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
    return Reply(headers["ETag"], raw, body)
