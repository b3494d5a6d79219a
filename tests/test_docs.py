"""The README documents what exists: every setting, every command, every example query."""

from __future__ import annotations

import dataclasses

from metropoles.cli import main
from metropoles.config import PROJECT_DIR, Settings

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for setting in dataclasses.fields(Settings):
        assert f"`{setting.name}`" in README, setting.name


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"`metropoles {name}" in README, name


def test_every_example_query_is_listed() -> None:
    for path in sorted((PROJECT_DIR / "queries" / "examples").glob("*.rq")):
        assert f"`{path.name}`" in README, path.name
