"""An asyncio pool of query workers with a hard per-query time limit: a query that overruns has
its worker killed and replaced, so the limit really stops the work and the server stays up."""

from __future__ import annotations

import asyncio
import contextlib
import pickle
import socket
from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.web.sparql import workers
from metropoles.web.sparql.engine import Answer, Job


class QueryTimeout(Exception):
    """The query ran past its time limit and was stopped."""


class Saturated(Exception):
    """Every worker stayed busy for longer than the caller could wait."""


class WorkerLost(Exception):
    """The worker died while running the query (e.g. the engine crashed on it)."""


@dataclass(frozen=True)
class _Worker:
    pid: int
    sock: socket.socket


class WorkerPool:
    """``size`` warm workers, growing up to ``limit`` when all are busy."""

    def __init__(self, store: ox.Store, size: int, limit: int) -> None:
        self._store = store
        self._zygote: workers.Zygote | None = None
        self._size = size
        self._limit = max(size, limit)
        self._count = 0
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._spawning = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Fork the zygote from the store and warm ``size`` workers (when the app starts)."""
        self._zygote = workers.Zygote.start(self._store)
        for _ in range(self._size):
            self._count += 1
            self._idle.put_nowait(await self._spawn())

    async def run(self, job: Job, timeout: float) -> Answer:
        """Run ``job``; raise QueryTimeout, Saturated or WorkerLost instead of answering late."""
        worker = await self._acquire(timeout)
        try:
            answer = await asyncio.wait_for(_exchange(worker, job), timeout)
        except BaseException as error:  # the worker's state is unknown: replace it
            self._discard(worker)
            if isinstance(error, TimeoutError):
                raise QueryTimeout(f"stopped after {timeout:g} s") from None
            if isinstance(error, EOFError | OSError):
                raise WorkerLost("the query worker died while running this query") from None
            raise
        self._idle.put_nowait(worker)
        return answer

    async def close(self) -> None:
        """Stop every worker and the zygote."""
        while not self._idle.empty():
            self._discard(self._idle.get_nowait(), replace=False)
        for task in list(self._tasks):
            task.cancel()
        if self._zygote is not None:
            self._zygote.stop()
            self._zygote = None

    async def _acquire(self, wait: float) -> _Worker:
        with contextlib.suppress(asyncio.QueueEmpty):
            return self._idle.get_nowait()
        if self._count < self._limit:
            self._count += 1
            try:
                return await self._spawn()
            except BaseException:
                self._count -= 1
                raise
        try:
            return await asyncio.wait_for(self._idle.get(), wait)
        except TimeoutError:
            raise Saturated(f"all {self._limit} workers busy for {wait:g} s") from None

    async def _spawn(self) -> _Worker:
        if self._zygote is None:
            raise WorkerLost("the worker pool is not started")
        async with self._spawning:
            pid, sock = await asyncio.to_thread(self._zygote.spawn)
        sock.setblocking(False)
        return _Worker(pid, sock)

    def _discard(self, worker: _Worker, replace: bool = True) -> None:
        workers.kill(worker.pid)
        worker.sock.close()
        self._count -= 1
        if replace and self._count < self._size:
            task = asyncio.get_running_loop().create_task(self._replenish())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _replenish(self) -> None:
        self._count += 1
        try:
            self._idle.put_nowait(await self._spawn())
        except BaseException:
            self._count -= 1
            raise


async def _exchange(worker: _Worker, job: Job) -> Answer:
    loop = asyncio.get_running_loop()
    await loop.sock_sendall(worker.sock, workers.frame(pickle.dumps(job)))
    header = await _read(loop, worker.sock, 8)
    answer = pickle.loads(await _read(loop, worker.sock, int.from_bytes(header, "big")))
    assert isinstance(answer, Answer)
    return answer


async def _read(loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = await loop.sock_recv_into(sock, view[received:])
        if count == 0:
            raise EOFError("worker closed its socket")
        received += count
    return bytes(buffer)
