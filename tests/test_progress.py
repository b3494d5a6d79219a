"""Progress of long work: plain ``[n/total] stage`` lines when the output is not a terminal, and
the build names each stage of its pipeline."""

from __future__ import annotations

import io
import re
from pathlib import Path

from metropoles.config import Settings
from metropoles.progress import Stages
from metropoles.publish.build import BUILD_STAGES, build_publication


def test_plain_lines_off_a_terminal() -> None:
    out = io.StringIO()
    stages = Stages(total=2, stream=out)
    stages("read")
    stages("write")
    stages.finish()
    assert re.fullmatch(
        r"\[1/2\] read \(\d+\.\d s\)\n\[2/2\] write \(\d+\.\d s\)\n", out.getvalue()
    )


def test_build_reports_each_stage(project_copy: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    settings = Settings(project_dir=project_copy, publication_dir=tmp_path / "out")
    build_publication(settings, seen.append)
    assert seen == list(BUILD_STAGES)
