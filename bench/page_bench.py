"""Render time of pages with maps, in process (the app as ``metropoles serve`` makes it, under
Starlette's TestClient: no network), the time the app takes to be made (the pages' indexes come
from the publication's site index) and the time the first page with a map waits for the
geography to be read (then each map is drawn when its page is first asked for).

Usage: python bench/page_bench.py [--publication DIR] [--runs N]
(builds the publication first when DIR does not exist)
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from starlette.testclient import TestClient

from metropoles.config import Settings
from metropoles.publish.build import build_publication
from metropoles.store.base import Publication
from metropoles.web.app import create_app

PAGES = [
    "/",
    "/doc/metropole/200046977",  # Lyon: 58 communes
    "/doc/metropole/200054781",  # Grand Paris: the most communes
    "/doc/metropole/243500139",  # Rennes: the most partners with an outline
    "/doc/contrat/ct-rennes-coop",
    "/doc/commune/69266",
    "/doc/metropole/200046977.geojson",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--publication", type=Path, default=Path("build/publication"))
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    settings = Settings(publication_dir=args.publication)
    if not args.publication.exists():
        build_publication(settings)
    publication = Publication.load(args.publication)
    start = time.perf_counter()
    app = create_app(publication, settings)
    print(f"app creation (site index, home page lists): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    app.state.metropoles.figures  # noqa: B018 (drawn on first use)
    print(f"geography, home map and time axis (first use): {time.perf_counter() - start:.2f} s")
    print("| page | median (ms) | slowest (ms) |")
    print("|---|---|---|")
    with TestClient(app) as client:
        for path in PAGES:
            times = []
            for _ in range(args.runs):
                begin = time.perf_counter()
                client.get(path, headers={"Accept": "text/html"}).raise_for_status()
                times.append((time.perf_counter() - begin) * 1000)
            print(f"| {path} | {statistics.median(times):.1f} | {max(times):.1f} |", flush=True)


if __name__ == "__main__":
    main()
