"""The publication's files and the sitemap, in process."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import httpx
from starlette.testclient import TestClient

from metropoles.config import Settings
from metropoles.publish.staging import VERSION_DIGITS
from metropoles.store.base import Publication
from metropoles.web.app import create_app

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"


def test_download_serves_publication_files(client: httpx.Client, publication_dir: Path) -> None:
    answer = client.get("/download/latest/metropoles.nq.gz")
    assert answer.status_code == 200
    assert answer.content == (publication_dir / "metropoles.nq.gz").read_bytes()
    assert answer.headers["content-disposition"] == 'attachment; filename="metropoles.nq.gz"'
    assert "immutable" not in answer.headers["cache-control"]
    assert "max-age" in answer.headers["cache-control"]
    tag = answer.headers["etag"]
    again = client.get("/download/latest/metropoles.nq.gz", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert client.get("/download/latest/..%2Fmetropoles.nq").status_code == 404
    assert client.get("/download/latest/nothing.ttl").status_code == 404


def test_a_version_is_immutable_and_only_the_loaded_one_is_served(
    client: httpx.Client, publication_dir: Path
) -> None:
    identity = json.loads((publication_dir / "publication.json").read_text())["identity"]
    latest = client.get("/download/latest/metropoles.ttl")
    versioned_url = latest.headers["content-location"]
    assert versioned_url == f"/download/{identity[:VERSION_DIGITS]}/metropoles.ttl"
    versioned = client.get(versioned_url)
    assert versioned.status_code == 200 and versioned.content == latest.content
    assert "immutable" in versioned.headers["cache-control"]
    assert client.get("/download/0123456789abcdef/metropoles.ttl").status_code == 404


def test_a_rebuild_while_serving_changes_no_download(
    publication_dir: Path, settings: Settings, tmp_path: Path
) -> None:
    """The link is switched to another version after the app loaded: the app keeps serving
    the bytes, validators and version it loaded."""
    loaded, other = tmp_path / "publication-a", tmp_path / "publication-b"
    shutil.copytree(publication_dir.resolve(), loaded)
    shutil.copytree(publication_dir.resolve(), other)
    (other / "metropoles.ttl").write_text("# another build\n")
    link = tmp_path / "publication"
    link.symlink_to(loaded.name)
    app = create_app(Publication.load(link), settings.replace(publication_dir=link))
    with TestClient(app) as session:
        before = session.get("/download/latest/metropoles.ttl")
        (tmp_path / "next").symlink_to(other.name)
        (tmp_path / "next").rename(link)  # what a build does
        after = session.get("/download/latest/metropoles.ttl")
    assert after.content == before.content == (loaded / "metropoles.ttl").read_bytes()
    assert after.headers["etag"] == before.headers["etag"]
    assert after.headers["content-location"] == before.headers["content-location"]


def test_sitemap_lists_pages_that_answer(client: httpx.Client, document_paths: set[str]) -> None:
    answer = client.get("/sitemap.xml")
    assert answer.headers["content-type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", answer.text)
    paths = [httpx.URL(loc).path for loc in locations]
    assert "/" in paths and LYON in paths and "/def/metropoles" in paths
    assert document_paths <= set(paths)
    for path in paths[:: max(1, len(paths) // 40)]:
        assert client.head(path).status_code == 200, path
