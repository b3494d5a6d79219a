"""The command line, through click's runner: errors are one clear line and a non-zero exit."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
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


def break_by_changing_a_byte(folder: Path) -> str:
    dump = folder / "metropoles.nq"
    text = dump.read_text(encoding="utf-8")
    assert "Brest Métropole" in text
    dump.write_text(text.replace("Brest Métropole", "Brest Métropolf", 1), encoding="utf-8")
    return "metropoles.nq does not match its SHA-256 in SHA256SUMS"


def break_by_truncating(folder: Path) -> str:
    dump = folder / "metropoles.nq"
    data = dump.read_bytes()
    dump.write_bytes(data[: len(data) // 2])
    return "metropoles.nq does not match its SHA-256 in SHA256SUMS"


def break_by_emptying(folder: Path) -> str:
    (folder / "metropoles.nq").write_bytes(b"")
    return "not a complete publication: metropoles.nq is empty"


def break_by_removing(name: str) -> Callable[[Path], str]:
    def remove(folder: Path) -> str:
        (folder / name).unlink()
        return f"not a complete publication: {name} is missing"

    return remove


def break_by_resumming(folder: Path) -> str:
    """A changed dump whose line in SHA256SUMS was updated too: publication.json tells."""
    expected = break_by_changing_a_byte(folder)
    assert expected
    sums = folder / "SHA256SUMS"
    digest = hashlib.sha256((folder / "metropoles.nq").read_bytes()).hexdigest()
    lines = [
        f"{digest}  metropoles.nq" if line.endswith("  metropoles.nq") else line
        for line in sums.read_text(encoding="utf-8").splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "SHA256SUMS does not match the identity in publication.json"


def break_by_emptying_the_folder(folder: Path) -> str:
    for path in folder.iterdir():
        path.unlink()
    return "not a complete publication: SHA256SUMS is missing"


BREAKAGES = {
    "changed byte": break_by_changing_a_byte,
    "truncated dump": break_by_truncating,
    "empty dump": break_by_emptying,
    "missing dump": break_by_removing("metropoles.nq"),
    "missing catalogue": break_by_removing("catalog.ttl"),
    "missing SHA256SUMS": break_by_removing("SHA256SUMS"),
    "missing publication.json": break_by_removing("publication.json"),
    "missing listed file": break_by_removing("metropoles.ttl.gz"),
    "SHA256SUMS rewritten": break_by_resumming,
    "empty folder": break_by_emptying_the_folder,
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_serve_refuses_a_broken_publication(
    publication_copy: Path, breakage: Callable[[Path], str]
) -> None:
    rule = breakage(publication_copy)
    result = CliRunner().invoke(main, ["serve", "--publication", str(publication_copy)])
    assert result.exit_code == 1
    assert result.output.startswith("publication not served: ")
    assert result.output.count("\n") == 1, result.output  # one line
    assert rule in result.output


def test_serve_refuses_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "publication"
    link.symlink_to(tmp_path / "publication-0123456789abcdef")
    result = CliRunner().invoke(main, ["serve", "--publication", str(link)])
    assert result.exit_code == 1
    assert (
        result.output == f"publication not served: no publication at {link}: not a folder; "
        "rebuild it with `metropoles build`\n"
    )


def test_serve_refusal_is_one_line_and_no_traceback(publication_copy: Path) -> None:
    """The real command in its own process: one line on stderr, nothing on stdout, exit 1."""
    break_by_changing_a_byte(publication_copy)
    command = [sys.executable, "-m", "metropoles", "serve", "--port", "0"]
    done = subprocess.run(
        [*command, "--publication", str(publication_copy)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{publication_copy / 'metropoles.nq'} does not match" in done.stderr


def test_build_reports_a_file_that_is_not_utf8(project_copy: Path, tmp_path: Path) -> None:
    metropoles = project_copy / "data" / "sources" / "metropoles.csv"
    metropoles.write_bytes(metropoles.read_text(encoding="utf-8").encode("latin-1"))
    env = {"METROPOLES_PROJECT_DIR": str(project_copy)}
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out")], env=env)
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit)  # no traceback: a report
    assert "data/sources/metropoles.csv:" in result.output
    assert "the expected encoding is UTF-8" in result.output
