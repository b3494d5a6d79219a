"""The command line, through click's runner: errors are one clear line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from metropoles.cli import main


def test_reference_refuses_a_tarball_with_the_wrong_checksum(tmp_path: Path) -> None:
    tarball = tmp_path / "fake.tgz"
    tarball.write_bytes(b"not the Etalab package")
    env = {"METROPOLES_PROJECT_DIR": str(tmp_path)}  # never the real data/, whatever happens
    result = CliRunner().invoke(main, ["reference", "--tarball", str(tarball)], env=env)
    assert result.exit_code == 1
    assert "reference data not regenerated" in result.output
    assert "fake.tgz" in result.output


def test_build_reports_source_errors(project_copy: Path, tmp_path: Path) -> None:
    metropoles = project_copy / "data" / "sources" / "metropoles.csv"
    metropoles.write_text(
        metropoles.read_text(encoding="utf-8").replace("243300316,", "243300317,", 1),
        encoding="utf-8",
    )
    env = {"METROPOLES_PROJECT_DIR": str(project_copy)}
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out")], env=env)
    assert result.exit_code == 1
    assert "data/sources/metropoles.csv" in result.output and "Luhn" in result.output
    assert not (tmp_path / "out").exists()
