"""Soak test: a real `metropoles serve` under mixed load at a fixed concurrency for a fixed time,
with hostile requests mixed in (memory-hungry queries, unique large queries, oversized bodies, slow
clients, `kill -9` of a query worker or of the zygote), and /health asked every 7 seconds.
Samples the memory of the whole server (parent, zygote and workers, proportional set size so
that copy-on-write pages are counted once) and counts answers by status.
Writes raw JSON to bench/results/ and prints a Markdown summary.

    .venv/bin/python bench/soak.py [--publication DIR] [--minutes 10] [--concurrency 16]

Pass/fail is for the reader: the summary lists every status seen, the peak and last memory samples
and the drift between the first and last minute.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
NORMAL = sorted((HERE / "queries").glob("*.rq"))
HOSTILE = {
    "cross-join-order": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c",
    "group-by-3": (
        "SELECT ?a ?b ?c (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?x ?y ?c } GROUP BY ?a ?b ?c"
    ),
}
SLOW_CLIENTS = 6


@dataclass
class Tally:
    """What the load saw: answers by kind and status, transport errors, memory samples."""

    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    memory: list[tuple[float, int]] = field(default_factory=list)  # (seconds, PSS bytes)
    parent: list[tuple[float, int]] = field(default_factory=list)  # the server process alone


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if task.exists() else []
            todo.extend(int(child) for child in children)
    return found


def pss(pid: int) -> int:
    """Proportional set size of one process in bytes (0 once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def start(publication: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "metropoles", "serve", "--port", str(port)]
    return subprocess.Popen([*command, "--publication", str(publication)])


async def wait_ready(client: httpx.AsyncClient, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if (await client.get("/sparql", params={"query": "ASK {}"})).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("server never answered")


def pick_request(rng: random.Random, counter: int) -> tuple[str, dict[str, object]]:
    """One request of the mix: mostly the benchmark queries, about 1 in 10 hostile."""
    roll = rng.random()
    if roll < 0.04:
        name = rng.choice(sorted(HOSTILE))
        return name, {"data": {"query": HOSTILE[name]}}
    if roll < 0.08:  # a unique ~30 KB query: grows a cache keyed by text
        padding = "#" + "x" * 30_000 + f"{counter}\n"
        return "unique-30k", {"data": {"query": padding + "ASK { ?s ?p ?o }"}}
    if roll < 0.09:  # an oversized body, refused while it is read
        return "oversized-body", {
            "content": b"query=" + b"x" * 8_000_000,
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        }
    path = rng.choice(NORMAL)
    nonce = f"FILTER({counter} = {counter})"
    return path.stem, {"data": {"query": path.read_text().replace("#NONCE#", nonce)}}


async def load(client: httpx.AsyncClient, until: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    counter = seed * 1_000_000
    while time.monotonic() < until:
        counter += 1
        kind, request = pick_request(rng, counter)
        headers = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
        headers.update(request.pop("headers", {}))  # type: ignore[arg-type]
        try:
            answer = await client.post("/sparql", headers=headers, **request)  # type: ignore[arg-type]
            tally.statuses[f"{kind}|{answer.status_code}"] += 1
        except httpx.HTTPError as error:
            tally.errors[f"{kind}|{type(error).__name__}"] += 1


async def slow_client(port: int, until: float, tally: Tally) -> None:
    """A slowloris: sends a header line every few seconds and never finishes the request."""
    while time.monotonic() < until:
        opened = time.monotonic()
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")
            while time.monotonic() < until:
                await asyncio.sleep(3)
                writer.write(b"X-Slow: 1\r\n")
                await writer.drain()
            held = "held to the end" if until - opened > 30 else "opened < 30 s before the end"
            tally.statuses[f"slowloris|{held}"] += 1
        except (ConnectionError, OSError):
            tally.statuses[f"slowloris|closed after {int(time.monotonic() - opened)}s"] += 1
        await asyncio.sleep(1)


async def killer(server: int, until: float, tally: Tally, every: float = 30) -> None:
    """Every ``every`` seconds, kill -9 one worker process of the server."""
    while time.monotonic() + every < until:
        await asyncio.sleep(every)
        workers = tree(server)[1:]
        if workers:
            victim = random.choice(workers)
            try:
                os.kill(victim, signal.SIGKILL)
                tally.statuses["kill -9 of a worker|sent"] += 1
            except ProcessLookupError:
                pass


async def health(client: httpx.AsyncClient, until: float, tally: Tally) -> None:
    """Every 7 seconds, what /health says (503 while every worker is busy is expected)."""
    while time.monotonic() < until:
        try:
            answer = await client.get("/health")
            tally.statuses[f"/health|{answer.status_code}"] += 1
        except httpx.HTTPError as error:
            tally.errors[f"/health|{type(error).__name__}"] += 1
        await asyncio.sleep(7)


async def sampler(server: int, started: float, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        now = time.monotonic() - started
        tally.memory.append((now, sum(pss(p) for p in tree(server))))
        tally.parent.append((now, pss(server)))
        await asyncio.sleep(1)


async def soak(publication: Path, seconds: float, concurrency: int) -> Tally:
    port = free_port()
    server = start(publication, port)
    tally = Tally()
    limits = httpx.Limits(max_connections=concurrency + 4)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60,
                                     limits=limits) as client:  # fmt: skip
            await wait_ready(client)
            started = time.monotonic()
            until = started + seconds
            tasks = [load(client, until, seed, tally) for seed in range(concurrency)]
            tasks += [slow_client(port, until, tally) for _ in range(SLOW_CLIENTS)]
            tasks += [killer(server.pid, until, tally), sampler(server.pid, started, until, tally)]
            tasks += [health(client, until, tally)]
            await asyncio.gather(*tasks)
            answer = await client.get("/sparql", params={"query": "ASK {}"})
            tally.statuses[f"ASK after the soak|{answer.status_code}"] += 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    return tally


def summary(tally: Tally, seconds: float, concurrency: int) -> str:
    mib = [bytes_ / 2**20 for _, bytes_ in tally.memory]
    own = [bytes_ / 2**20 for _, bytes_ in tally.parent]
    minute = max(1, min(60, len(mib) // 3))
    lines = [
        f"## Soak: {seconds / 60:.0f} min at c={concurrency}",
        "",
        f"- memory (PSS, server and workers): peak {max(mib):.0f} MiB, last {mib[-1]:.0f} MiB, "
        f"mean of first minute {sum(mib[:minute]) / minute:.0f} MiB, "
        f"of last minute {sum(mib[-minute:]) / minute:.0f} MiB",
        f"- of which the server process alone: peak {max(own):.0f} MiB, first minute "
        f"{sum(own[:minute]) / minute:.0f} MiB, last minute {sum(own[-minute:]) / minute:.0f} MiB",
        "",
        "| request | status | count |",
        "|---|---|---|",
    ]
    for key, count in sorted(tally.statuses.items()):
        kind, _, status = key.partition("|")
        lines.append(f"| {kind} | {status} | {count} |")
    for key, count in sorted(tally.errors.items()):
        kind, _, error = key.partition("|")
        lines.append(f"| {kind} | {error} | {count} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--publication", type=Path, default=Path("build/publication"))
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    seconds = args.minutes * 60
    tally = asyncio.run(soak(args.publication, seconds, args.concurrency))
    out = HERE / "results" / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    raw = {"statuses": tally.statuses, "errors": tally.errors, "memory": tally.memory}
    raw["parent"] = tally.parent
    out.write_text(json.dumps(raw, indent=1))
    print(summary(tally, seconds, args.concurrency))
    print(f"\nraw: {out}")


if __name__ == "__main__":
    main()
