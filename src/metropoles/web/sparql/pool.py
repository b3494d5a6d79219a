"""An asyncio pool of query workers with a hard per-query time limit and memory limit: a query
that overruns either has its worker killed and replaced, so the limit really stops the work and
the server stays up. The pool heals: a worker found dead is replaced before a query is sent to
it, a query whose worker dies is tried once more on another, a dead zygote is forked again."""

from __future__ import annotations

import asyncio
import contextlib
import pickle
import socket
from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.store.remote import RemoteStore
from metropoles.web.sparql import workers
from metropoles.web.sparql.engine import Answer, Job, execute

WATCH_EVERY = 0.02  # seconds between two looks at a busy worker's resident memory
HEALTH_QUERY = "ASK {}"


class QueryTimeout(Exception):
    """The query ran past its time limit and was stopped."""


class QueryTooLarge(Exception):
    """The query needed more memory than one query may use, and was stopped."""


class Saturated(Exception):
    """Every worker stayed busy for longer than the caller could wait."""


class WorkerLost(Exception):
    """The worker died while running the query (e.g. the engine crashed on it)."""


@dataclass(frozen=True)
class _Worker:
    pid: int
    sock: socket.socket
    baseline: int  # resident bytes when it was forked, before any query


class WorkerPool:
    """``size`` warm workers, growing up to ``limit`` when all are busy; a query may add
    ``memory`` bytes to its worker's resident memory (0: no limit)."""

    def __init__(self, store: ox.Store, size: int, limit: int, memory: int = 0) -> None:
        self._store = store
        self._zygote: workers.Zygote | None = None
        self._size = size
        self._limit = max(size, limit)
        self._memory = memory
        self._count = 0
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._spawning = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Fork the zygote from the store and warm ``size`` workers (when the app starts)."""
        self._zygote = workers.Zygote.start(self._store, 2 * self._memory)
        for _ in range(self._size):
            self._count += 1
            self._idle.put_nowait(await self._spawn())

    async def run(self, job: Job, timeout: float) -> Answer:
        """Run ``job``; raise QueryTimeout, QueryTooLarge, Saturated or WorkerLost instead of
        answering late, big or wrong. A worker that dies under the query (killed from outside,
        say) is replaced and the query tried once more within the same time limit."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            return await self._run_once(job, timeout)
        except WorkerLost:
            left = deadline - loop.time()
            if left <= 0:
                raise QueryTimeout(f"stopped after {timeout:g} s") from None
            return await self._run_once(job, left)

    async def healthy(self, timeout: float) -> bool:
        """Whether a trivial query runs through the pool now (a dead zygote is forked again)."""
        async with self._spawning:
            if self._zygote is not None and not self._zygote.alive():
                with contextlib.suppress(OSError):
                    self._restart_zygote()
        job = Job(HEALTH_QUERY, "application/sparql-results+json")
        try:
            answer = await self.run(job, timeout)
        except (QueryTimeout, QueryTooLarge, Saturated, WorkerLost, OSError):
            return False
        return answer.status == 200

    async def close(self) -> None:
        """Stop every worker and the zygote."""
        # a replacement being forked is let finish (a cancelled one would leave its socket
        # open, its worker running), then stopped with the others
        await asyncio.gather(*self._tasks, return_exceptions=True)
        while not self._idle.empty():
            self._discard(self._idle.get_nowait(), replace=False)
        if self._zygote is not None:
            self._zygote.stop()
            self._zygote = None

    async def _run_once(self, job: Job, timeout: float) -> Answer:
        worker = await self._acquire(timeout)
        try:
            answer = await asyncio.wait_for(self._watched(worker, job), timeout)
        except BaseException as error:  # the worker's state is unknown: replace it
            self._discard(worker)
            if isinstance(error, TimeoutError):
                raise QueryTimeout(f"stopped after {timeout:g} s") from None
            if isinstance(error, EOFError | OSError):
                raise WorkerLost("the query worker died while running this query") from None
            raise
        if self._memory and self._grown(worker) > self._memory // 2:
            self._discard(worker)  # what it kept would count against the next query
        else:
            self._idle.put_nowait(worker)
        return answer

    async def _watched(self, worker: _Worker, job: Job) -> Answer:
        """The worker's answer, unless its resident memory grows past the limit first (or it
        dies past half of it: stopped by its address-space backstop)."""
        exchange = asyncio.ensure_future(_exchange(worker, job))
        peak = 0
        try:
            while not exchange.done():
                await asyncio.wait([exchange], timeout=WATCH_EVERY)
                peak = max(peak, self._grown(worker))
                died = exchange.done() and exchange.exception() is not None
                if self._memory and (peak > self._memory or (died and peak > self._memory // 2)):
                    limit = self._memory >> 20
                    raise QueryTooLarge(f"the query needed more than {limit} MiB of memory")
            return exchange.result()
        finally:
            exchange.cancel()

    def _grown(self, worker: _Worker) -> int:
        return workers.resident(worker.pid) - worker.baseline

    async def _acquire(self, wait: float) -> _Worker:
        while True:
            worker = await self._take(wait)
            if workers.idle_and_open(worker.sock):
                return worker
            self._discard(worker)  # killed while idle: never send it a query

    async def _take(self, wait: float) -> _Worker:
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
        async with self._spawning:
            if self._zygote is None:
                raise WorkerLost("the worker pool is not started")
            try:
                pid, sock = await asyncio.to_thread(self._zygote.spawn)
            except (OSError, EOFError):  # the zygote died: fork another, once
                self._restart_zygote()
                pid, sock = await asyncio.to_thread(self._zygote.spawn)
        sock.setblocking(False)
        return _Worker(pid, sock, workers.resident(pid))

    def _restart_zygote(self) -> None:
        if self._zygote is not None:
            self._zygote.stop()
        self._zygote = workers.Zygote.start(self._store, 2 * self._memory)

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


# --- over a remote store: the same interface (start, run with a time limit, close), but the
# queries run on the remote SPARQL server, so nothing is forked; a query is sent from a thread.

MAX_IN_FLIGHT = 32  # queries sent to the store at once by one web process


class RemotePool:
    """Runs jobs on ``store`` (a RemoteStore) with at most MAX_IN_FLIGHT at a time."""

    def __init__(self, store: RemoteStore) -> None:
        self._store = store
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def start(self) -> None:
        """Nothing to start: the store is already open."""

    async def run(self, job: Job, timeout: float) -> Answer:
        """Run ``job``; raise QueryTimeout or Saturated instead of answering late."""
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout)
        except TimeoutError:
            raise Saturated(f"{MAX_IN_FLIGHT} queries in flight for {timeout:g} s") from None
        try:
            answer = await asyncio.wait_for(asyncio.to_thread(execute, self._store, job), timeout)
        except TimeoutError:
            raise QueryTimeout(f"stopped waiting after {timeout:g} s") from None
        finally:
            self._slots.release()
        if answer.status == 500 and answer.body.startswith(b"TimeoutError"):
            raise QueryTimeout("the store did not answer in time")
        return answer

    async def healthy(self, timeout: float) -> bool:
        """Whether a trivial query runs on the store now."""
        try:
            answer = await self.run(Job(HEALTH_QUERY, "application/sparql-results+json"), timeout)
        except (QueryTimeout, Saturated):
            return False
        return answer.status == 200

    async def close(self) -> None:
        """Close the store's connections."""
        self._store.close()
