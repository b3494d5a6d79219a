"""Switching publications: whatever stops a build (kill -9 while writing, a crash between two steps
of the switch), the publication path shows the old or the new publication, whole; what a dead
build left behind is removed by the next one; old versions do not pile up."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from metropoles.config import Settings
from metropoles.publication import MANIFEST_FILE, SUMS_FILE, verify, write_manifest
from metropoles.publish.build import build_publication
from metropoles.publish.dumps import DumpFile, write_checksums
from metropoles.publish.staging import publish, staging
from metropoles.store.base import Publication

BUILD_DEADLINE = 300  # seconds: a bound, not a measure


def variant(source: Path, folder: Path, marker: str) -> Path:
    """A valid publication that differs from ``source`` by a comment in its catalogue."""
    shutil.copytree(source, folder)
    with (folder / "catalog.ttl").open("a", encoding="utf-8") as handle:
        handle.write(f"# {marker}\n")
    reseal(folder)
    return folder


def reseal(folder: Path) -> None:
    """Rewrite SHA256SUMS and publication.json after a deliberate change."""
    import hashlib

    listed = [line.split("  ")[1] for line in (folder / SUMS_FILE).read_text().splitlines() if line]
    files = [
        DumpFile(name, "", None, False, 0, hashlib.sha256((folder / name).read_bytes()).hexdigest())
        for name in listed
    ]
    write_checksums(files, folder)
    write_manifest(folder, generator="test", scope="metropoles", base_iri="https://example.org")


def identity(folder: Path) -> str:
    return str(json.loads((folder / MANIFEST_FILE).read_text())["identity"])


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def versions(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("publication-"))


def writing(stage: Path) -> bool:
    """True once the build has written a first file into its staging folder."""
    try:
        return any(stage.iterdir())
    except FileNotFoundError:
        return False


@pytest.fixture
def published(publication_copy: Path, tmp_path: Path) -> Path:
    """``out/publication``: the session's publication installed as the current version."""
    target = tmp_path / "out" / "publication"
    target.parent.mkdir()
    publish(publication_copy, target)
    return target


def test_the_publication_is_a_link_to_its_version(published: Path) -> None:
    assert published.is_symlink()
    assert os.readlink(published) == f"publication-{identity(published)[:16]}"
    assert verify(published) == identity(published)


def test_killed_build_leaves_the_old_publication_and_the_next_build_cleans_up(
    published: Path,
) -> None:
    old = identity(published)
    command = [sys.executable, "-m", "metropoles", "build", "--out", str(published)]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stage = published.parent / f".publication.staging-{build.pid}"
    deadline = time.monotonic() + BUILD_DEADLINE
    while not writing(stage):
        assert build.poll() is None, "the build ended before it could be killed while writing"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)
    os.kill(build.pid, signal.SIGKILL)
    assert build.wait() == -signal.SIGKILL
    assert stage.is_dir()  # what a killed build leaves
    assert verify(published) == old

    build_publication(Settings(publication_dir=published))
    assert leftovers(published.parent) == []
    assert verify(published) == identity(published)


CRASH_POINTS = {
    # after the new version folder is in place, before the link is made
    "before the switch": ("_switch", "old"),
    # after the new link is made, before it is renamed over the old one
    "during the switch": ("os.replace", "old"),
    # after the switch, before old versions are removed
    "after the switch": ("_remove_old_versions", "new"),
}

CRASHING_SWITCH = """
import os, shutil, sys
from pathlib import Path
from metropoles.publish import staging

where, source, target = sys.argv[1:]
if where == "os.replace":
    os.replace = lambda *args, **kwargs: os._exit(70)
else:
    setattr(staging, where, lambda *args, **kwargs: os._exit(70))
with staging.staging(Path(target)) as out:
    for path in Path(source).iterdir():
        shutil.copy(path, out / path.name)
"""


@pytest.mark.parametrize("point", CRASH_POINTS.values(), ids=CRASH_POINTS.keys())
def test_a_crash_during_the_switch_leaves_a_whole_publication(
    published: Path, tmp_path: Path, point: tuple[str, str]
) -> None:
    where, expected = point
    old = identity(published)
    new = variant(published.resolve(), tmp_path / "new", "second version")
    crash = [sys.executable, "-c", CRASHING_SWITCH, where, str(new), str(published)]
    assert subprocess.run(crash, check=False).returncode == 70
    assert verify(published) == {"old": old, "new": identity(new)}[expected]

    third = variant(new, tmp_path / "third", "third version")
    with staging(published) as out:
        shutil.copytree(third, out, dirs_exist_ok=True)
    assert verify(published) == identity(third)
    assert leftovers(published.parent) == []
    assert len(versions(published.parent)) == 2


def test_old_versions_are_bounded_to_the_previous_one(published: Path, tmp_path: Path) -> None:
    first = identity(published)
    second_folder = variant(published.resolve(), tmp_path / "v2", "v2")
    publish(second_folder, published)
    assert versions(published.parent) == sorted(
        f"publication-{i[:16]}" for i in (first, identity(published))
    )
    second = identity(published)
    publish(variant(published.resolve(), tmp_path / "v3", "v3"), published)
    assert versions(published.parent) == sorted(
        f"publication-{i[:16]}" for i in (second, identity(published))
    )


def test_a_server_keeps_the_version_it_loaded(published: Path, tmp_path: Path) -> None:
    """The loaded publication's folder is its version's, untouched by the next build."""
    loaded = Publication.load(published)
    assert loaded.identity == identity(published)
    assert loaded.directory == published.resolve()
    before = (loaded.directory / "catalog.ttl").read_bytes()
    publish(variant(loaded.directory, tmp_path / "next", "next"), published)
    assert identity(published) != loaded.identity
    assert verify(loaded.directory) == loaded.identity
    assert (loaded.directory / "catalog.ttl").read_bytes() == before


def test_a_plain_publication_folder_becomes_a_link(publication_copy: Path, tmp_path: Path) -> None:
    """A publication written by an older version is a plain folder: it is replaced whole."""
    target = tmp_path / "old-layout" / "publication"
    shutil.copytree(publication_copy, target)
    new = variant(publication_copy, tmp_path / "new", "new")
    with staging(target) as out:
        shutil.copytree(new, out, dirs_exist_ok=True)
    assert target.is_symlink()
    assert verify(target) == identity(new)
    assert leftovers(target.parent) == []
