"""Build time and peak memory of `metropoles build`, per scope.

Each build runs in a fresh process (so peak RSS is that build's own), into a temporary folder.
Usage: python bench/build_bench.py [--scope metropoles|france] [--runs N]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(scope: str) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one build of ``scope`` in a child process."""
    with tempfile.TemporaryDirectory() as folder:
        # the build makes --out a symbolic link to a version folder beside it
        out = str(Path(folder) / "publication")
        command = [sys.executable, "-m", "metropoles", "build", "--scope", scope, "--out", out]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scope", choices=["metropoles", "france"], action="append")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print("| scope | run | build time (s) | peak memory (MiB) |")
    print("|---|---|---|---|")
    for scope in args.scope or ["metropoles", "france"]:
        for run in range(1, args.runs + 1):
            elapsed, peak = measure(scope)
            print(f"| {scope} | {run} | {elapsed:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
