"""The query page: YASGUI served from the package (no CDN), example tabs, and a real browser that
runs an example query and shows its results table."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from metropoles.config import PROJECT_DIR
from metropoles.web.examples import load_examples


def test_query_page_lists_examples_and_uses_local_assets(client: httpx.Client) -> None:
    page = client.get("/query")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for example in load_examples(PROJECT_DIR / "queries" / "examples"):
        assert example.name in page.text
    assert not re.search(r'(src|href)="https?://', page.text), "no CDN or remote asset"
    for asset in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):
        assert client.get(f"/static/yasgui/{asset}").status_code == 200
    assert client.get("/static/yasgui/../../config.py").status_code == 404


def test_browser_runs_an_example_and_shows_results(
    live_server: str, client: httpx.Client, chromium_dump_dom: Callable[[str], str]
) -> None:
    dom = chromium_dump_dom(f"{live_server}/query?example=01-metropoles&run=1")
    table = re.search(r"<table[^>]*dataTable.*?</table>", dom, re.DOTALL)
    assert table, "YASGUI drew no results table"
    mtp = "https://w3id.org/metropoles/def/metropoles#"
    query = f"SELECT ?siren WHERE {{ ?m <{mtp}siren> ?siren ; a <{mtp}Metropole> }} LIMIT 1"
    siren = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0][
        "siren"
    ]["value"]
    assert siren in table.group()
