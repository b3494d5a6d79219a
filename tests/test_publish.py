"""``metropoles publish`` against a fake udata API (never the real site): the first run uploads
every file with the metadata of the catalogue, a second run writes nothing, a changed file is
replaced in place, and each API error stops the run with one line and a state the next run
completes."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fake_udata import FakeUdata, Fault, serve
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

from metropoles.cli import main
from metropoles.publish.datagouv import API_KEY_VARIABLE
from metropoles.publish.exports import EXCEL_SUFFIX, EXPORTS

KEY = "test-key"
DATASET_ID = "5bc04b2cff66bd680e499f4a"


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[FakeUdata, str]]:
    state = FakeUdata(KEY, DATASET_ID)
    with serve(state) as api:
        yield state, api


@pytest.fixture
def udata(fake: tuple[FakeUdata, str]) -> tuple[FakeUdata, str]:
    fake[0].reset()
    return fake


def run(api: str, publication: Path, *extra: str, key: str | None = KEY) -> Result:
    env = {API_KEY_VARIABLE: key} if key else {API_KEY_VARIABLE: ""}
    arguments = ["publish", "--api", api, "--dataset", DATASET_ID, "--publication"]
    return CliRunner().invoke(main, [*arguments, str(publication), *extra], env=env)


def sums(publication: Path) -> dict[str, str]:
    lines = (publication / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: sha for sha, _, name in (line.partition("  ") for line in lines)}


def uploaded(state: FakeUdata) -> dict[str, str]:
    """File name → SHA-256 of the bytes the fake received, for each file resource."""
    return {
        r["url"].rsplit("/", 1)[1]: hashlib.sha256(state.files[r["id"]]).hexdigest()
        for r in state.dataset["resources"]
        if r.get("filetype") == "file"
    }


def test_first_run_uploads_every_file_with_its_metadata(
    udata: tuple[FakeUdata, str], publication_dir: Path
) -> None:
    state, api = udata
    result = run(api, publication_dir)
    assert result.exit_code == 0, result.output
    expected = sums(publication_dir)
    received = uploaded(state)
    assert {k: v for k, v in received.items() if k != "SHA256SUMS"} == expected
    assert (
        received["SHA256SUMS"]
        == hashlib.sha256((publication_dir / "SHA256SUMS").read_bytes()).hexdigest()
    )
    catalog = Graph().parse(publication_dir / "catalog.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/metropoles/dataset/metropoles")
    titles = {str(t) for t in catalog.objects(dataset, DCTERMS.title) if t.language == "fr"}
    assert {state.dataset["title"]} == titles
    assert state.dataset["license"] == "lov2"
    resources = {r.get("url", "").rsplit("/", 1)[-1]: r for r in state.dataset["resources"]}
    for name in EXPORTS:
        for file in (f"{name}.csv", f"{name}{EXCEL_SUFFIX}"):
            schema = resources[file]["schema"]["url"]
            assert schema.endswith(f"/download/latest/{name}.schema.json"), file
            assert resources[file]["description"], file
    remote = [r for r in state.dataset["resources"] if r.get("filetype") == "remote"]
    endpoints = {str(o) for o in catalog.objects(None, DCAT.endpointURL)}
    assert {r["url"] for r in remote if r["type"] == "api"} == endpoints
    assert any(r["type"] == "documentation" for r in remote)


def test_second_run_writes_nothing(udata: tuple[FakeUdata, str], publication_dir: Path) -> None:
    state, api = udata
    assert run(api, publication_dir).exit_code == 0
    state.writes.clear()
    result = run(api, publication_dir)
    assert result.exit_code == 0, result.output
    assert state.writes == []
    assert "uploaded 0 new and 0 changed file(s)" in result.output


def test_a_changed_file_is_replaced_in_place(
    udata: tuple[FakeUdata, str], publication_dir: Path, tmp_path: Path
) -> None:
    state, api = udata
    assert run(api, publication_dir).exit_code == 0
    changed = tmp_path / "publication"
    shutil.copytree(publication_dir, changed)
    csv = changed / "pactes.csv"
    old = hashlib.sha256(csv.read_bytes()).hexdigest()
    csv.write_text(csv.read_text(encoding="utf-8").replace("Lyon", "Lyon ", 1), encoding="utf-8")
    new = hashlib.sha256(csv.read_bytes()).hexdigest()
    checksums = changed / "SHA256SUMS"
    checksums.write_text(checksums.read_text(encoding="utf-8").replace(old, new))
    state.writes.clear()
    result = run(api, changed)
    assert result.exit_code == 0, result.output
    replaced = sorted(w for w in state.writes if w.endswith("/upload/"))
    ids = {
        r["url"].rsplit("/", 1)[1]: r["id"]
        for r in state.dataset["resources"]
        if r.get("filetype") == "file"
    }
    prefix = f"POST /api/1/datasets/{DATASET_ID}/resources"
    assert replaced == sorted(
        f"{prefix}/{ids[name]}/upload/" for name in ("pactes.csv", "SHA256SUMS")
    )  # the changed file and the checksums that list it, nothing else
    assert uploaded(state)["pactes.csv"] == new


def test_dry_run_writes_nothing(udata: tuple[FakeUdata, str], publication_dir: Path) -> None:
    state, api = udata
    result = run(api, publication_dir, "--dry-run", key=None)
    assert result.exit_code == 0, result.output
    assert state.writes == []
    assert "upload metropoles.nq" in result.output and "would upload" in result.output


ERRORS = {
    "401": (None, "401 Unauthorized: the API refused the key"),
    "413": (None, "413 Payload Too Large: the API refused the size of"),
    "500": (Fault("POST", "/upload/", status=500), "500 server error"),
    "503": (Fault("PUT", "/resources/", status=503), "503 server error"),
    "timeout": (Fault("POST", "/upload/", delay=3.0), "no answer within 0.5 s"),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_api_errors_stop_with_one_line_and_the_next_run_completes(
    udata: tuple[FakeUdata, str], publication_dir: Path, case: str
) -> None:
    state, api = udata
    fault, message = ERRORS[case]
    key = "not-the-key" if case == "401" else KEY
    if fault is not None:
        state.faults.append(fault)
    elif case == "413":
        state.max_bytes = 100_000  # smaller than the dumps
    result = run(api, publication_dir, "--timeout", "0.5", key=key)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("publish stopped: ")
    assert message in result.stderr
    state.settle()  # a timed-out upload may still complete on the server
    state.faults.clear()
    state.max_bytes = None
    assert run(api, publication_dir).exit_code == 0
    files = len(sums(publication_dir)) + 1  # and SHA256SUMS itself
    assert len([r for r in state.dataset["resources"] if r.get("filetype") == "file"]) == files
    assert {k: v for k, v in uploaded(state).items() if k != "SHA256SUMS"} == sums(publication_dir)


def test_unknown_dataset_is_a_404_line(udata: tuple[FakeUdata, str], publication_dir: Path) -> None:
    _, api = udata
    result = CliRunner().invoke(
        main,
        ["publish", "--api", api, "--dataset", "nope", "--publication", str(publication_dir)],
        env={API_KEY_VARIABLE: KEY},
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "404 Not Found" in result.stderr
    assert "nothing was changed" in result.stderr


def test_the_key_comes_from_the_environment_only(
    udata: tuple[FakeUdata, str], publication_dir: Path
) -> None:
    state, api = udata
    result = run(api, publication_dir, key=None)
    assert result.exit_code == 1 and API_KEY_VARIABLE in result.stderr
    assert state.writes == []
    assert "--key" not in CliRunner().invoke(main, ["publish", "--help"]).output
