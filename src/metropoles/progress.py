"""Progress of long work, by stage: a bar on a terminal (standard error, erased when done), one
plain line per stage otherwise (logs, CI: on standard output, so that a failure stays one line
on standard error)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Report = Callable[[str], None]  # called with each stage's name as it starts


def silent(_: str) -> None:
    """No progress shown (library use, tests)."""


class Stages:
    """Reports ``total`` named stages on ``stream``: ``[n/total] name`` lines, or a bar."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.bar = stream.isatty() if stream else sys.stderr.isatty()
        self.stream = stream or (sys.stderr if self.bar else sys.stdout)
        self.done = 0
        self.started = time.monotonic()

    def __call__(self, name: str) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.started
        if self.bar:
            width = 30
            filled = width * (self.done - 1) // max(1, self.total)
            line = f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name}"
            self.stream.write(f"{line[:100]:<100}")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {name} ({elapsed:.1f} s)\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line (plain lines need nothing)."""
        if self.bar:
            self.stream.write(f"\r{' ' * 100}\r")
            self.stream.flush()
