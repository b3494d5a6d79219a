"""Worker processes that hold the store: a zygote forked once after the store is loaded, which
forks one worker per request from the pool (copy-on-write memory, no reload). A worker is a plain
loop over a socket: read a pickled Job, run it, write back a pickled Answer. Killing a worker is
the only way to stop a pyoxigraph query (no cancellation: oxigraph issue 1926)."""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import signal
import socket
import struct
from dataclasses import dataclass

import pyoxigraph as ox

from metropoles.web.sparql.engine import Job, execute

_HEADER = struct.Struct("!Q")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Zygote:
    """The process that forks workers; ``channel`` asks it for one, ``pid`` is its id."""

    pid: int
    channel: socket.socket

    @classmethod
    def start(cls, store: ox.Store, address_space: int) -> Zygote:
        """Fork the zygote (the store is only read after it is loaded, so a later fork, to
        replace a zygote that died, finds it whole too); each worker it forks may grow its
        address space by ``address_space`` bytes at most (0: no limit)."""
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            _close_inherited(keep=child_end.fileno())
            _zygote_main(child_end, store, address_space)
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

    def alive(self) -> bool:
        """Whether the zygote still listens (a killed one leaves its channel at end of file)."""
        return idle_and_open(self.channel)

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


def idle_and_open(sock: socket.socket) -> bool:
    """Whether the process at the other end of an idle socket is still there: a dead one leaves
    the socket at end of file, a live idle one has nothing to say."""
    try:
        sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False  # end of file, or a message nobody asked for: either way not usable


def resident(pid: int) -> int:
    """Resident memory of a process in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _zygote_main(channel: socket.socket, store: ox.Store, space: int) -> None:  # pragma: no cover
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
            _limit_address_space(space)
            _worker_main(socket.socket(fileno=fds[0]), store)
        os.close(fds[0])
        channel.sendall(_HEADER.pack(pid))


def _close_inherited(keep: int) -> None:  # pragma: no cover - runs in the zygote
    """Release every descriptor but stdio and ``keep``: a zygote forked while serving would
    otherwise hold the server's sockets (its clients' connections would never see a close).
    Each is pointed at /dev/null rather than closed, so that its number is never reused under a
    Python object of the parent that may still close it."""
    null = os.open(os.devnull, os.O_RDWR)
    for name in os.listdir("/proc/self/fd"):
        if int(name) not in (0, 1, 2, keep, null):
            with contextlib.suppress(OSError):
                os.dup2(null, int(name))


def _limit_address_space(extra: int) -> None:  # pragma: no cover - runs in a worker
    """A backstop under the pool's watch on resident memory: allocations past the worker's
    present address space plus ``extra`` fail, so a query that outruns the watch dies alone."""
    if extra <= 0:
        return
    with open("/proc/self/statm", "rb") as statm:
        size = int(statm.read().split()[0]) * _PAGE
    resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker stopped there dumps no core


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
