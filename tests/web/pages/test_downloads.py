"""The publication's files and the sitemap, in process."""

from __future__ import annotations

import re

import httpx

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"


def test_download_serves_publication_files(client: httpx.Client) -> None:
    answer = client.get("/download/latest/metropoles.nq.gz")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="metropoles.nq.gz"'
    assert "immutable" in answer.headers["cache-control"]
    tag = answer.headers["etag"]
    again = client.get("/download/latest/metropoles.nq.gz", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert client.get("/download/latest/..%2Fmetropoles.nq").status_code == 404
    assert client.get("/download/latest/nothing.ttl").status_code == 404


def test_sitemap_lists_pages_that_answer(client: httpx.Client, document_paths: set[str]) -> None:
    answer = client.get("/sitemap.xml")
    assert answer.headers["content-type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", answer.text)
    paths = [httpx.URL(loc).path for loc in locations]
    assert "/" in paths and LYON in paths and "/def/metropoles" in paths
    assert document_paths <= set(paths)
    for path in paths[:: max(1, len(paths) // 40)]:
        assert client.head(path).status_code == 200, path
