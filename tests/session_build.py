"""What the session's one build of data/ leaves for the tests (the ``session_build`` fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from metropoles.publish.build import BuildResult


@dataclass(frozen=True)
class SessionBuild:
    """Where the build published, what it returned, the stages it reported."""

    publication_dir: Path
    result: BuildResult
    stages: list[str]
