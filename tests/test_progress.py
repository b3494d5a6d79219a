"""Progress of long work: plain ``[n/total] stage`` lines when the output is not a terminal, and
the build names each stage of its pipeline."""

from __future__ import annotations

import io
import re

from session_build import SessionBuild

from metropoles.progress import Stages
from metropoles.publish.build import BUILD_STAGES


def test_plain_lines_off_a_terminal() -> None:
    out = io.StringIO()
    stages = Stages(total=2, stream=out)
    stages("read")
    stages("write")
    stages.finish()
    assert re.fullmatch(
        r"\[1/2\] read \(\d+\.\d s\)\n\[2/2\] write \(\d+\.\d s\)\n", out.getvalue()
    )


def test_build_reports_each_stage(session_build: SessionBuild) -> None:
    assert session_build.stages == list(BUILD_STAGES)
