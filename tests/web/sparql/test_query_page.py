"""The query page: YASGUI served from the package (no CDN) and one tab per example query. (A real
browser running an example is in live/test_query_page_browser.py.)"""

from __future__ import annotations

import re

import httpx

from metropoles.config import DEFAULT_BASE_IRI, PROJECT_DIR
from metropoles.web.sparql.examples import load_examples


def test_query_page_lists_examples_and_uses_local_assets(client: httpx.Client) -> None:
    page = client.get("/query", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for example in load_examples(PROJECT_DIR / "queries" / "examples", DEFAULT_BASE_IRI):
        assert example.name in page.text
    remote = r'src="https?://|<link [^>]*href="https?://'  # scripts, stylesheets (links are fine)
    assert not re.search(remote, page.text), "no CDN or remote asset"
    for asset in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):
        assert client.get(f"/static/yasgui/{asset}").status_code == 200
    assert client.get("/static/yasgui/../../config.py").status_code == 404
