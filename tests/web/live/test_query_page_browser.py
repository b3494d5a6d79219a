"""A real browser on the query page: headless Chromium runs an example query and shows its
results table."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx


def test_browser_runs_an_example_and_shows_results(
    live_server: str, live_client: httpx.Client, chromium_dump_dom: Callable[..., str]
) -> None:
    dom = chromium_dump_dom(f"{live_server}/query?example=01-metropoles&run=1")
    table = re.search(r"<table[^>]*dataTable.*?</table>", dom, re.DOTALL)
    assert table, "YASGUI drew no results table"
    mtp = "https://w3id.org/metropoles/def/metropoles#"
    query = f"SELECT ?siren WHERE {{ ?m <{mtp}siren> ?siren ; a <{mtp}Metropole> }} LIMIT 1"
    siren = live_client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0][
        "siren"
    ]["value"]
    assert siren in table.group()
