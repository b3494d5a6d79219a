"""SPARQL benchmark: `metropoles serve` (embedded store, or `--store` over an Oxigraph server
filled by `metropoles load`: "metropoles-remote") vs `oxigraph serve-read-only` vs
`rdflib-endpoint` on the same dump, closed-loop load with wrk (one Lua script per query), cold
(every request a distinct query text) and warm (one repeated text), at each concurrency. Writes
raw JSON to bench/results/ and prints Markdown tables.

    .venv/bin/pip install -e '.[bench]' && apt-get install -y wrk
    .venv/bin/python bench/sparql_bench.py [--publication build/publication] [--duration 5]
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

HERE = Path(__file__).resolve().parent
PATHS = {
    "metropoles": "/sparql",
    "metropoles-remote": "/sparql",
    "oxigraph": "/query",
    "rdflib": "/",
}
BIN = Path(sys.executable).parent
LUA = """
local template = [==[%s]==]
local accept = "%s"
local cold = %s
local counter = 0
local function encode(s)
  return (s:gsub("([^%%w%%-%%.%%_%%~])",
    function(c) return string.format("%%%%%%02X", string.byte(c)) end))
end
local warm_path = "%s?query=" .. encode(template:gsub("#NONCE#", "FILTER(0 = 0)"))
request = function()
  local path = warm_path
  if cold then
    counter = counter + 1
    local nonce = "FILTER(" .. counter .. " = " .. counter .. ")"
    path = "%s?query=" .. encode(template:gsub("#NONCE#", nonce))
  end
  return wrk.format("GET", path, {["Accept"] = accept})
end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests":%%d,"duration_us":%%d,"non2xx":%%d,"errors":%%d,"p50_ms":%%.3f,"p99_ms":%%.3f}\\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def first_answer(url: str, started: float, limit: float = 120) -> float:
    """Seconds from ``started`` until the endpoint answers an ASK."""
    probe = f"{url}?query={quote('ASK { ?s ?p ?o }')}"
    while time.monotonic() - started < limit:
        try:
            with urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"{url} never answered")


def commands(name: str, publication: Path, work: Path, port: int) -> list[str]:
    """The command line that starts server ``name`` on ``port``."""
    if name in ("metropoles", "metropoles-remote"):
        serve = [str(BIN / "metropoles"), "serve", "--publication", str(publication)]
        return [*serve, "--port", str(port)]
    if name == "oxigraph":
        store = ["--location", str(work / "oxigraph")]
        return [
            str(BIN / "oxigraph"),
            "serve-read-only",
            *store,
            "--union-default-graph",
            "--bind",
            f"127.0.0.1:{port}",
        ]
    return [
        str(BIN / "rdflib-endpoint"),
        "serve",
        str(publication / "metropoles.nt"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


@contextmanager
def server(name: str, publication: Path, work: Path) -> Iterator[tuple[str, float]]:
    """Start a server; yield its /sparql URL and its start-to-first-answer time."""
    if name == "metropoles-remote":
        with (
            remote_store(publication, work) as query_url,
            _process(name, publication, work, ["--store", query_url]) as found,
        ):
            yield found
        return
    with _process(name, publication, work, []) as found:
        yield found


@contextmanager
def _process(
    name: str, publication: Path, work: Path, extra: list[str]
) -> Iterator[tuple[str, float]]:
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        commands(name, publication, work, port) + extra,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}{PATHS[name]}"
        yield url, first_answer(url, started)
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def remote_store(publication: Path, work: Path) -> Iterator[str]:
    """An Oxigraph server filled by `metropoles load`; yields its query URL."""
    port = free_port()
    command = [str(BIN / "oxigraph"), "serve", "--location", str(work / "remote")]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first_answer(f"http://127.0.0.1:{port}/query", time.monotonic())
        load = [str(BIN / "metropoles"), "load", "--to", f"http://127.0.0.1:{port}/store"]
        subprocess.run([*load, "--publication", str(publication)], check=True, capture_output=True)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=20)


def run_wrk(url: str, query: str, cold: bool, connections: int, seconds: float) -> dict[str, float]:
    """One closed-loop wrk run; returns req/s and latency percentiles."""
    form = query.split("#NONCE#")[0].upper()
    graph = "CONSTRUCT" in form or "DESCRIBE" in form
    accept = "text/turtle" if graph else "application/sparql-results+json"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        path = "/" + url.split("/", 3)[3]
        script.write(LUA % (query, accept, "true" if cold else "false", path, path))
    base = url.split("/", 3)[:3]
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        script.name,
        "/".join(base),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    raw = json.loads(output.strip().splitlines()[-1])
    raw["rps"] = raw["requests"] / (raw["duration_us"] / 1e6)
    return raw


def prepare(publication: Path, work: Path) -> None:
    """Load the N-Quads dump into an Oxigraph store; rdflib-endpoint reads the .nt dump."""
    loader = [str(BIN / "oxigraph"), "load", "--location", str(work / "oxigraph")]
    subprocess.run(
        [*loader, "--file", str(publication / "metropoles.nq")], check=True, capture_output=True
    )


def benchmark(args: argparse.Namespace) -> list[dict[str, object]]:
    queries = {p.stem: p.read_text() for p in sorted((HERE / "queries").glob("*.rq"))}
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        prepare(args.publication, Path(tmp))
        for name in args.servers:
            with server(name, args.publication, Path(tmp)) as (url, startup):
                rows.append({"server": name, "startup_s": startup})
                print(f"{name}: first answer after {startup:.2f} s", file=sys.stderr)
                for qname, query in queries.items():
                    for mode in ("cold", "warm"):
                        for c in args.concurrency:
                            result = run_wrk(url, query, mode == "cold", c, args.duration)
                            rows.append(
                                {"server": name, "query": qname, "mode": mode, "c": c, **result}
                            )
                            print(
                                f"  {qname} {mode} c={c}: {result['rps']:.1f} req/s",
                                file=sys.stderr,
                            )
    return rows


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(max(v, 1e-9)) for v in values) / len(values)) if values else 0


def report(rows: list[dict[str, object]], servers: list[str]) -> str:
    """Markdown tables: per query req/s and p50/p99, ratios and geometric means."""
    runs = {(r["server"], r["query"], r["mode"], r["c"]): r for r in rows if "query" in r}
    lines = ["| server | start to first answer (s) |", "|---|---|"]
    lines += [f"| {r['server']} | {r['startup_s']:.2f} |" for r in rows if "startup_s" in r]
    modes = sorted({(k[2], k[3]) for k in runs})
    for mode, c in modes:
        lines += ["", f"### {mode}, concurrency {c}", ""]
        head = " | ".join(f"{s} req/s (p50/p99 ms)" for s in servers)
        lines += [
            f"| query | {head} | ratio vs oxigraph | ratio vs rdflib |",
            "|---" * (len(servers) + 3) + "|",
        ]
        ratios: dict[str, list[float]] = {s: [] for s in servers}
        for q in sorted({k[1] for k in runs}):
            cells, rps = [], {}
            for s in servers:
                r = runs.get((s, q, mode, c))
                if r is None:
                    cells.append("–")
                    continue
                bad = " ⚠" if r["non2xx"] or r["errors"] else ""
                if not r["requests"]:  # nothing finished: count it as one request in the run
                    rps[s] = 1e6 / float(r["duration_us"])  # type: ignore[arg-type]
                    cells.append(f"< {rps[s]:.1f} (none finished)")
                    continue
                rps[s] = float(r["rps"])  # type: ignore[arg-type]
                cells.append(f"{rps[s]:.1f} ({r['p50_ms']:.1f}/{r['p99_ms']:.1f}){bad}")
            ox_ratio = rps.get("metropoles", 0) / rps["oxigraph"] if rps.get("oxigraph") else 0
            rl_ratio = rps.get("metropoles", 0) / rps["rdflib"] if rps.get("rdflib") else 0
            ratios["oxigraph"].append(ox_ratio) if ox_ratio else None
            ratios.setdefault("rdflib", []).append(rl_ratio) if rl_ratio else None
            lines.append(f"| {q} | {' | '.join(cells)} | {ox_ratio:.2f}x | {rl_ratio:.1f}x |")
        lines.append(
            f"| **geometric mean of ratios** | {' | '.join('' for _ in servers)} | "
            f"**{geomean(ratios.get('oxigraph', [])):.2f}x** | "
            f"**{geomean(ratios.get('rdflib', [])):.1f}x** |"
        )
    lines += [
        "",
        "Ratios are metropoles req/s over the other server's; against a cell where no request"
        " finished they are lower bounds.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publication", type=Path, default=HERE.parent / "build" / "publication")
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--servers", nargs="+", default=["metropoles", "oxigraph", "rdflib"])
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--report", type=Path, help="only print the tables of a raw JSON result")
    args = parser.parse_args()
    if args.report:
        print(report(json.loads(args.report.read_text()), args.servers))
        return
    if not (args.publication / "metropoles.nq").exists():
        subprocess.run(
            [str(BIN / "metropoles"), "build", "--out", str(args.publication)], check=True
        )
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install -y wrk")
    rows = benchmark(args)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.out / f"sparql-{stamp}.json").write_text(json.dumps(rows, indent=1))
    table = report(rows, args.servers)
    (args.out / f"sparql-{stamp}.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
