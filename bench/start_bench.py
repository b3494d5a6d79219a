"""Start to first answer of `metropoles serve`, per publication: the seconds from starting the
command in a fresh process until `/sparql?query=ASK{}` answers 200, and until the home page `/`
answers 200 (each polled every 20 ms). The median of the runs is printed as a Markdown table.

Usage: python bench/start_bench.py [--publication DIR ...] [--runs N] [--remote]
(default: build/publication; build a France-scope publication first with
`metropoles build --scope france --out DIR`). With --remote, each publication is also served
with `serve --store` over an Oxigraph server filled by `metropoles load` (the store's own start
and load are not counted).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

# name: (path, Accept)
PROBES = {
    "ASK": ("/sparql?query=ASK%7B%7D", "application/sparql-results+json"),
    "home": ("/", "text/html"),
}
LIMIT = 300.0  # seconds before a start is given up


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str, accept: str) -> bool:
    """Whether ``url`` answers 200 now."""
    try:
        with urlopen(Request(url, headers={"Accept": accept}), timeout=5) as response:
            return bool(response.status == 200)
    except (URLError, OSError):
        return False


def first_answers(
    origin: str, started: float, process: subprocess.Popen[bytes]
) -> dict[str, float]:
    """Seconds from ``started`` until each probe first answers 200 (polled in turn)."""
    found: dict[str, float] = {}
    while len(found) < len(PROBES):
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {process.returncode})")
        if time.monotonic() - started > LIMIT:
            raise RuntimeError(f"{origin} did not answer within {LIMIT:.0f} s")
        for name, (path, accept) in PROBES.items():
            if name not in found and answers(origin + path, accept):
                found[name] = time.monotonic() - started
        time.sleep(0.02)
    return found


def measure(publication: Path, extra: list[str]) -> dict[str, float]:
    """One start of `metropoles serve` on ``publication``: the time to each first answer."""
    port = free_port()
    command = [sys.executable, "-m", "metropoles", "serve", "--publication", str(publication)]
    started = time.monotonic()
    process = subprocess.Popen(
        [*command, "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        return first_answers(f"http://127.0.0.1:{port}", started, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def remote_store(publication: Path) -> Iterator[str]:
    """An Oxigraph server filled with ``publication`` by `metropoles load`; yields its query
    URL."""
    port = free_port()
    oxigraph = Path(sys.executable).parent / "oxigraph"
    with tempfile.TemporaryDirectory() as work:
        process = subprocess.Popen(
            [str(oxigraph), "serve", "--location", work, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            query = f"http://127.0.0.1:{port}/query"
            started = time.monotonic()
            while not answers(query + "?query=ASK%7B%7D", "application/sparql-results+json"):
                if time.monotonic() - started > LIMIT:
                    raise RuntimeError("the Oxigraph server did not start")
                time.sleep(0.05)
            load = [sys.executable, "-m", "metropoles", "load", "--publication", str(publication)]
            subprocess.run([*load, "--to", f"http://127.0.0.1:{port}/store"], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            yield query
        finally:
            process.terminate()
            process.wait(timeout=30)


def scope_of(publication: Path) -> str:
    manifest = json.loads((publication / "publication.json").read_text(encoding="utf-8"))
    return str(manifest.get("scope", "?"))


def row(publication: Path, mode: str, extra: list[str], runs: int) -> str:
    """One Markdown row: the median over ``runs`` starts."""
    times = [measure(publication, extra) for _ in range(runs)]
    ask = statistics.median(t["ASK"] for t in times)
    home = statistics.median(t["home"] for t in times)
    return f"| {scope_of(publication)} | {mode} | {ask:.2f} | {home:.2f} | {runs} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--publication", type=Path, action="append")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--remote", action="store_true", help="also measure `serve --store`")
    args = parser.parse_args()
    print("| scope | store | first ASK (s) | first home page (s) | runs |")
    print("|---|---|---|---|---|")
    for publication in args.publication or [Path("build/publication")]:
        print(row(publication, "embedded", [], args.runs), flush=True)
        if args.remote:
            with remote_store(publication) as query_url:
                print(row(publication, "remote", ["--store", query_url], args.runs), flush=True)


if __name__ == "__main__":
    main()
