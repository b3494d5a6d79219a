"""Shared fixtures: one real build of the default scope per test session, and throw-away copies of
data/ and of the publication for tests that break them on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from session_build import SessionBuild

from metropoles.config import PROJECT_DIR, Settings
from metropoles.publish.build import build_publication


@pytest.fixture(scope="session")
def session_build(tmp_path_factory: pytest.TempPathFactory) -> SessionBuild:
    """One real build of data/ (default scope) for the whole session."""
    out = tmp_path_factory.mktemp("publication") / "publication"
    stages: list[str] = []
    result = build_publication(Settings(publication_dir=out), stages.append)
    return SessionBuild(out, result, stages)


@pytest.fixture(scope="session")
def publication_dir(session_build: SessionBuild) -> Path:
    """The publication built once from the real data/ (default scope)."""
    return session_build.publication_dir


@pytest.fixture(scope="session")
def other_base_iri() -> str:
    """Another base IRI than the default: another host, with a path."""
    return "https://data.example.org/lod/metropoles"


@pytest.fixture(scope="session")
def other_base_publication(tmp_path_factory: pytest.TempPathFactory, other_base_iri: str) -> Path:
    """The same data built once under ``other_base_iri``."""
    out = tmp_path_factory.mktemp("other-base") / "publication"
    build_publication(Settings(publication_dir=out, base_iri=other_base_iri))
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
