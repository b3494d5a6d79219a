"""Worker processes that hold the store: a zygote forked once after the store is loaded, which
forks one worker per request from the pool (copy-on-write memory, no reload). A worker is a plain
loop over a socket: read a pickled Job, run it, write back a pickled Answer. Killing a worker is
the only way to stop a pyoxigraph query (no cancellation: oxigraph issue 1926)."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import struct
from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.web.sparql.engine import Job, execute

_HEADER = struct.Struct("!Q")


@dataclass(frozen=True)
class Zygote:
    """The process that forks workers; ``channel`` asks it for one, ``pid`` is its id."""

    pid: int
    channel: socket.socket

    @classmethod
    def start(cls, store: ox.Store) -> Zygote:
        """Fork the zygote; call before the parent runs any thread that touches the store."""
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            parent_end.close()
            _zygote_main(child_end, store)
        child_end.close()
        return cls(pid=pid, channel=parent_end)

    def spawn(self) -> tuple[int, socket.socket]:
        """Ask for a new worker; return its pid and the socket to talk to it (blocking, ~ms)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.channel, [b"w"], [theirs.fileno()])
            pid_bytes = _recv_exactly(self.channel, 8)
        finally:
            theirs.close()
        return _HEADER.unpack(pid_bytes)[0], ours

    def stop(self) -> None:
        """Stop the zygote; its workers stop when their sockets close."""
        self.channel.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def kill(pid: int) -> None:
    """Kill a worker now (the zygote reaps it)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _zygote_main(channel: socket.socket, store: ox.Store) -> None:  # pragma: no cover
    """Fork a worker for each request on ``channel``; exit when the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(channel, 1, 1)
        except OSError:
            os._exit(0)
        if not fds:
            os._exit(0)
        pid = os.fork()
        if pid == 0:
            channel.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _worker_main(socket.socket(fileno=fds[0]), store)
        os.close(fds[0])
        channel.sendall(_HEADER.pack(pid))


def _worker_main(conn: socket.socket, store: ox.Store) -> None:  # pragma: no cover
    """Answer jobs until the socket closes."""
    while True:
        try:
            job = pickle.loads(read_frame(conn))
        except (OSError, EOFError):
            os._exit(0)
        assert isinstance(job, Job)
        conn.sendall(frame(pickle.dumps(execute(store, job))))


def frame(payload: bytes) -> bytes:
    """Length-prefixed message."""
    return _HEADER.pack(len(payload)) + payload


def read_frame(conn: socket.socket) -> bytes:
    """Read one length-prefixed message (blocking)."""
    (size,) = _HEADER.unpack(_recv_exactly(conn, _HEADER.size))
    return _recv_exactly(conn, size)


def _recv_exactly(conn: socket.socket, size: int) -> bytes:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = conn.recv(min(size - len(buffer), 1 << 20))
        if not chunk:
            raise EOFError("peer closed")
        buffer += chunk
    return bytes(buffer)
