"""A small fake of the udata API 1 routes that ``metropoles publish`` uses, served by a real
uvicorn server on 127.0.0.1, with faults to inject (a status on one route, a slow answer, a size
limit). It keeps every write request and the bytes of every uploaded file."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

Json = dict[str, Any]


@dataclass
class Fault:
    """Answer ``status`` (or wait ``delay`` seconds) to requests whose method and path match."""

    method: str
    path_contains: str
    status: int = 0
    delay: float = 0.0


@dataclass
class FakeUdata:
    key: str
    dataset_id: str
    dataset: Json = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # resource id → uploaded bytes
    writes: list[str] = field(default_factory=list)  # "METHOD path" of each accepted write
    faults: list[Fault] = field(default_factory=list)
    max_bytes: int | None = None
    in_flight: int = 0  # requests still being answered (a timed-out client does not wait)

    def settle(self, limit: float = 30.0) -> None:
        """Wait until every request has been answered, as a real server finishes its work."""
        deadline = time.monotonic() + limit
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)

    def reset(self) -> None:
        self.dataset = {"id": self.dataset_id, "title": "brouillon", "resources": []}
        self.files.clear()
        self.writes.clear()
        self.faults.clear()
        self.max_bytes = None

    def resource(self, resource_id: str) -> Json | None:
        found: list[Json] = self.dataset["resources"]
        return next((r for r in found if r["id"] == resource_id), None)


def _multipart_file(content_type: str, body: bytes) -> tuple[str, bytes]:
    """The (file name, bytes) of the ``file`` part of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return str(part.get_filename()), payload
    raise ValueError("no file part")


def create_app(state: FakeUdata) -> FastAPI:
    app = FastAPI()

    @app.middleware("http")
    async def faults_and_auth(request: Request, call_next: Any) -> Response:
        state.in_flight += 1
        try:
            return await _answer(request, call_next)
        finally:
            state.in_flight -= 1

    async def _answer(request: Request, call_next: Any) -> Response:
        for fault in state.faults:
            if request.method == fault.method and fault.path_contains in request.url.path:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.status:
                    return JSONResponse({"message": "injected"}, status_code=fault.status)
        if f"/datasets/{state.dataset_id}/" not in request.url.path:
            return JSONResponse({"message": "Not found"}, status_code=404)
        if request.method != "GET" and request.headers.get("x-api-key") != state.key:
            return JSONResponse({"message": "Invalid API Key"}, status_code=401)
        response: Response = await call_next(request)
        if request.method != "GET" and response.status_code < 400:
            state.writes.append(f"{request.method} {request.url.path}")
        return response

    prefix = "/api/1/datasets/{dataset_id}"

    @app.get(prefix + "/")
    def get_dataset(dataset_id: str) -> Json:
        return state.dataset

    @app.put(prefix + "/")
    async def put_dataset(dataset_id: str, request: Request) -> Json:
        state.dataset.update(await request.json())
        return state.dataset

    async def store(request: Request, resource: Json) -> Response:
        name, data = _multipart_file(request.headers["content-type"], await request.body())
        if state.max_bytes is not None and len(data) > state.max_bytes:
            return JSONResponse({"message": "Request Entity Too Large"}, status_code=413)
        state.files[resource["id"]] = data
        resource.update(
            url=f"https://static.example.org/{resource['id']}/{name}",
            filetype="file",
            filesize=len(data),
            checksum={"type": "sha256", "value": hashlib.sha256(data).hexdigest()},
        )
        return JSONResponse(resource, status_code=201)

    @app.post(prefix + "/upload/")
    async def upload(dataset_id: str, request: Request) -> Response:
        resource: Json = {"id": f"r{len(state.dataset['resources']) + 1}", "type": "main"}
        answer = await store(request, resource)
        if answer.status_code < 400:
            resource["title"] = resource["url"].rsplit("/", 1)[1]  # udata titles it by file name
            state.dataset["resources"].append(resource)
        return answer

    @app.post(prefix + "/resources/{resource_id}/upload/")
    async def replace(dataset_id: str, resource_id: str, request: Request) -> Response:
        resource = state.resource(resource_id)
        if resource is None:
            return JSONResponse({"message": "Not found"}, status_code=404)
        return await store(request, resource)

    @app.put(prefix + "/resources/{resource_id}/")
    async def describe(dataset_id: str, resource_id: str, request: Request) -> Response:
        resource = state.resource(resource_id)
        if resource is None:
            return JSONResponse({"message": "Not found"}, status_code=404)
        resource.update(await request.json())
        return JSONResponse(resource)

    @app.post(prefix + "/resources/")
    async def add_remote(dataset_id: str, request: Request) -> Response:
        resource = {"id": f"r{len(state.dataset['resources']) + 1}", **(await request.json())}
        state.dataset["resources"].append(resource)
        return JSONResponse(resource, status_code=201)

    return app


@contextmanager
def serve(state: FakeUdata) -> Iterator[str]:
    """Run the fake on a free port of 127.0.0.1; yield its API base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(state), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/api/1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
