"""Shared fixtures: one real build of the default scope per test session, and throw-away copies of
data/ and of the publication for tests that break them on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from metropoles.config import PROJECT_DIR, Settings
from metropoles.publish.build import build_publication


@pytest.fixture(scope="session")
def publication_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A publication built once from the real data/ (default scope)."""
    out = tmp_path_factory.mktemp("publication") / "publication"
    build_publication(Settings(publication_dir=out))
    return out


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's inputs (data/, ontology/, shapes/) that a test may break."""
    for name in ("ontology", "shapes"):
        shutil.copytree(PROJECT_DIR / name, tmp_path / name)
    shutil.copytree(PROJECT_DIR / "data" / "sources", tmp_path / "data" / "sources")
    for folder in ("metropoles", "history"):
        shutil.copytree(
            PROJECT_DIR / "data" / "reference" / folder, tmp_path / "data" / "reference" / folder
        )
    shutil.copytree(PROJECT_DIR / "data" / "geo", tmp_path / "data" / "geo")
    shutil.copy(PROJECT_DIR / "data" / "catalog.ttl", tmp_path / "data" / "catalog.ttl")
    return tmp_path


@pytest.fixture
def publication_copy(publication_dir: Path, tmp_path: Path) -> Path:
    """A plain-folder copy of the session's publication that a test may break."""
    copy = tmp_path / "copy"
    shutil.copytree(publication_dir.resolve(), copy)
    return copy
