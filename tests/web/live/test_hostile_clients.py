"""What a hostile or careless client does to a real ``metropoles serve``, and the clear answer it
gets: a query that needs too much memory (507), workers and the zygote killed with ``kill -9``
(the next query is served), a pool that cannot answer (/health says 503), a body far past the
size limit (413 while it is still being sent), a slowloris (cut), an oversized head (refused).
Each test ends with a query served. The only time measured is the query time limit."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

QUERY_TIMEOUT = 4.0
CLIENT_TIMEOUT = 2.0
MEMORY_MIB = 128
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c"
POOL_GROWTH = 4  # endpoint.POOL_GROWTH: the pool of one worker grows to four


@pytest.fixture(scope="module")
def server(
    start_live_server: Callable[..., tuple[subprocess.Popen[bytes], str]],
) -> tuple[int, str]:
    """A server of one warm worker, small limits; its pid and URL."""
    process, url = start_live_server(
        workers=1,
        query_timeout=QUERY_TIMEOUT,
        client_timeout=CLIENT_TIMEOUT,
        max_query_memory=MEMORY_MIB,
    )
    return process.pid, url


def served(url: str) -> bool:
    answer = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "json"})
    return answer.status_code == 200 and answer.json()["boolean"] is True


def children(pid: int) -> list[int]:
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").glob("*")
        for child in (task / "children").read_text().split()
    ]


def kill_and_wait(pid: int) -> None:
    """``kill -9`` and wait until the process is dead (a zombie or gone)."""
    os.kill(pid, signal.SIGKILL)
    for _ in range(500):
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0] in "ZX":
                return
        except OSError:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} survived kill -9")


def zygote_and_workers(server_pid: int) -> tuple[int, list[int]]:
    """The zygote (the server's one child) and the workers it forked."""
    (zygote,) = children(server_pid)
    return zygote, children(zygote)


def test_query_needing_too_much_memory_is_507_and_the_next_is_served(
    server: tuple[int, str],
) -> None:
    _, url = server
    started = time.monotonic()
    answer = httpx.post(f"{url}/sparql", data={"query": CROSS_JOIN}, timeout=30)
    elapsed = time.monotonic() - started
    assert answer.status_code == 507
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["title"] == "Query needs too much memory"
    assert f"{MEMORY_MIB} MiB" in answer.json()["detail"]
    assert elapsed < QUERY_TIMEOUT
    assert served(url)


def test_idle_workers_killed_are_replaced_before_use(server: tuple[int, str]) -> None:
    pid, url = server
    assert served(url)
    _, workers = zygote_and_workers(pid)
    assert workers
    for worker in workers:
        kill_and_wait(worker)
    assert served(url)
    assert httpx.get(f"{url}/health").status_code == 200


def test_killed_zygote_is_forked_again(server: tuple[int, str]) -> None:
    pid, url = server
    zygote, workers = zygote_and_workers(pid)
    host, port = httpx.URL(url).host, httpx.URL(url).port
    with socket.create_connection((host, port)) as idle:  # open while the zygote is forked
        for process in [zygote, *workers]:  # nothing left to run a query on
            kill_and_wait(process)
        assert served(url)
        idle.settimeout(30)  # the server cuts it after client_timeout; the new zygote must not
        received = b""  # hold it open
        while chunk := idle.recv(4096):
            received += chunk
    assert received.startswith(b"HTTP/1.1 408 ")
    assert httpx.get(f"{url}/health").status_code == 200
    assert served(url)
    assert zygote not in children(pid) or len(children(pid)) > 1


def test_body_far_past_the_limit_is_refused_while_it_is_sent(server: tuple[int, str]) -> None:
    _, url = server
    host, port = httpx.URL(url).host, httpx.URL(url).port
    chunk = b"x" * 65_536
    total = 200 << 20
    sent = 0
    with socket.create_connection((host, port)) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
        )
        try:
            while sent < total and not select.select([sock], [], [], 0)[0]:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 413 ")
    assert sent < total // 10
    assert served(url)


def test_slowloris_is_cut(server: tuple[int, str]) -> None:
    _, url = server
    host, port = httpx.URL(url).host, httpx.URL(url).port
    lines = 0
    with socket.create_connection((host, port)) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")
        answer = b""
        while lines < 60:  # 30 s of a header line every half second, if never cut
            if select.select([sock], [], [], 0.5)[0]:
                answer = sock.recv(4096)
                break
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            lines += 1
    assert lines < 60
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 ")
    assert served(url)


@pytest.mark.parametrize("path", ["/sparql", "/"])
def test_body_trickled_is_cut(server: tuple[int, str], path: str) -> None:
    """A body sent a byte at a time, to a route that reads it and to one that never does."""
    _, url = server
    host, port = httpx.URL(url).host, httpx.URL(url).port
    lines = 0
    with socket.create_connection((host, port)) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n".encode()
            + b"Content-Type: application/sparql-query\r\n\r\nASK"
        )
        while lines < 60:  # 30 s of a byte every half second, if never cut
            if select.select([sock], [], [], 0.5)[0] and not sock.recv(4096):
                break  # closed (an answer, if any, came first)
            try:
                sock.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                break
            lines += 1
    assert lines < 60
    assert served(url)


def test_oversized_head_is_refused(server: tuple[int, str]) -> None:
    _, url = server
    whole = httpx.get(f"{url}/sparql", headers={"X-Big": "x" * 200_000})
    assert whole.status_code == 431
    assert whole.headers["content-type"] == "application/problem+json"
    assert served(url)
    host, port = httpx.URL(url).host, httpx.URL(url).port
    with socket.create_connection((host, port)) as sock:  # a head that never ends
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            for _ in range(100):  # 6.4 MB
                sock.sendall(b"x" * 65_536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        head = sock.recv(4096)
    assert head == b"" or head.startswith(b"HTTP/1.1 400 ")
    assert served(url)
