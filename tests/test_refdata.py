"""Reference data: tables from a synthetic Etalab tarball, integrity check, committed files."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from metropoles.sources.refdata import (
    PINNED_INTEGRITY,
    RefDataError,
    integrity_of,
    regenerate,
    write_reference,
)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

EPCI = [
    {
        "code": "200046977",
        "nom": "Métropole de Lyon",
        "type": "MET69",
        "populationMunicipale": 300,
        "populationTotale": 310,
        "membres": [
            {"code": "69123", "siren": "216901231", "nom": "Lyon", "populationTotale": 210},
            {"code": "69266", "siren": "216902668", "nom": "Villeurbanne", "populationTotale": 100},
        ],
    },
    {
        "code": "242000354",
        "nom": "CA du Pays Ajaccien",
        "type": "CA",
        "populationMunicipale": 90,
        "populationTotale": 95,
        "membres": [
            {"code": "2A004", "siren": "212000046", "nom": "Ajaccio", "populationTotale": 95},
        ],
    },
    {
        "code": "200000172",
        "nom": "CC Faucigny - Glières",
        "type": "CC",
        "populationMunicipale": 5,
        "populationTotale": 6,
        "membres": [
            {"code": "74042", "siren": "217400423", "nom": "Bonneville", "populationTotale": 6},
        ],
    },
]
COMMUNES = [
    {"code": "69123", "nom": "Lyon", "type": "commune-actuelle", "siren": "216901231",
     "departement": "69", "region": "84", "population": 200},
    {"code": "69381", "nom": "Lyon 1er Arrondissement", "type": "arrondissement-municipal",
     "commune": "69123", "departement": "69", "region": "84", "population": 30},
    {"code": "69266", "nom": "Villeurbanne", "type": "commune-actuelle", "siren": "216902668",
     "departement": "69", "region": "84", "population": 100},
    {"code": "2A004", "nom": "Ajaccio", "type": "commune-actuelle", "siren": "212000046",
     "departement": "2A", "region": "94", "population": 90},
    {"code": "74042", "nom": "Bonneville", "type": "commune-actuelle", "siren": "217400423",
     "departement": "74", "region": "84", "population": 5},
    {"code": "97502", "nom": "Saint-Pierre", "type": "commune-actuelle", "zone": "com",
     "departement": "975", "region": "975", "population": 5194},
    {"code": "74001", "nom": "Ancienne", "type": "commune-deleguee", "departement": "74",
     "region": "84"},
]  # fmt: skip
DEPARTEMENTS = [
    {"code": "69", "nom": "Rhône", "region": "84", "chefLieu": "69123"},
    {"code": "2A", "nom": "Corse-du-Sud", "region": "94", "chefLieu": "2A004"},
    {"code": "74", "nom": "Haute-Savoie", "region": "84", "chefLieu": "74010"},
    {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "region": "975", "chefLieu": "97502"},
]
REGIONS = [
    {"code": "84", "nom": "Auvergne-Rhône-Alpes", "chefLieu": "69123"},
    {"code": "94", "nom": "Corse", "chefLieu": "2A004"},
    {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "chefLieu": "97502"},
]
CONTRACTS = (
    "contract_id,partner_name,partner_code,partner_code_type\n"
    "CT-1,CA du Pays Ajaccien,242000354,SIREN (Etalab 2026)\n"
    "CT-2,Saint-Pierre,97502,INSEE commune (Etalab 2026)\n"
    "CT-3,PETR sans code,,—\n"
)


def _tarball(files: dict[str, bytes]) -> bytes:
    """A gzipped tarball holding ``package/<name>`` for each entry, byte-for-byte reproducible."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return gzip.compress(buffer.getvalue(), mtime=0)


def _synthetic() -> bytes:
    """The synthetic Etalab package."""
    data = {"epci": EPCI, "communes": COMMUNES, "departements": DEPARTEMENTS, "regions": REGIONS}
    files = {f"data/{k}.json": json.dumps(v).encode() for k, v in data.items()}
    return _tarball({**files, "LICENSE": b"MIT License\n"})


def _rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file, header included."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a tiny contracts.csv, regenerated from the synthetic tarball."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "contracts.csv").write_text(CONTRACTS, encoding="utf-8")
    write_reference(tmp_path, _synthetic())
    return tmp_path


def test_metropoles_scope(data_dir: Path) -> None:
    folder = data_dir / "reference" / "metropoles"
    assert _rows(folder / "epci.csv") == [
        ["siren", "nom", "type", "population_municipale", "population_totale"],
        ["200046977", "Métropole de Lyon", "MET69", "300", "310"],
        ["242000354", "CA du Pays Ajaccien", "CA", "90", "95"],
    ]
    assert _rows(folder / "membres.csv") == [
        ["epci_siren", "commune_code"],
        ["200046977", "69123"],
        ["200046977", "69266"],
    ]
    assert _rows(folder / "communes.csv") == [
        ["code", "nom", "siren", "departement", "region", "population_municipale",
         "population_totale"],
        ["69123", "Lyon", "216901231", "69", "84", "200", "210"],
        ["69266", "Villeurbanne", "216902668", "69", "84", "100", "100"],
        ["97502", "Saint-Pierre", "", "975", "975", "5194", ""],
    ]  # fmt: skip
    assert [r[0] for r in _rows(folder / "departements.csv")] == ["code", "69", "975"]
    assert [r[0] for r in _rows(folder / "regions.csv")] == ["code", "84", "975"]


def test_france_scope(data_dir: Path) -> None:
    folder = data_dir / "reference" / "france"
    assert [r[0] for r in _rows(folder / "epci.csv")][1:] == ["200000172", "200046977", "242000354"]
    assert len(_rows(folder / "membres.csv")) == 1 + 4
    communes = {r[0]: r for r in _rows(folder / "communes.csv")[1:]}
    assert sorted(communes) == ["2A004", "69123", "69266", "74042", "97502"]
    assert communes["2A004"] == ["2A004", "Ajaccio", "212000046", "2A", "94", "90", "95"]
    assert _rows(folder / "departements.csv")[1:] == [
        ["2A", "Corse-du-Sud", "94", "2A004"],
        ["69", "Rhône", "84", "69123"],
        ["74", "Haute-Savoie", "84", "74010"],
        ["975", "Saint-Pierre-et-Miquelon", "975", "97502"],
    ]
    assert len(_rows(folder / "regions.csv")) == 1 + 3


def test_files_are_deterministic_and_lf(data_dir: Path, tmp_path: Path) -> None:
    reference = data_dir / "reference"
    before = {p: p.read_bytes() for p in sorted(reference.rglob("*")) if p.is_file()}
    write_reference(data_dir, _synthetic())
    assert {p: p.read_bytes() for p in before} == before
    assert all(b"\r" not in content for content in before.values())
    assert (reference / "LICENSE-etalab.txt").read_bytes() == b"MIT License\n"
    assert integrity_of(_synthetic()) in (reference / "SOURCE.md").read_text(encoding="utf-8")


def test_regenerate_with_matching_digest(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "contracts.csv").write_text(CONTRACTS, encoding="utf-8")
    tarball = tmp_path / "pkg.tgz"
    tarball.write_bytes(_synthetic())
    written = regenerate(tmp_path, tarball, expected_integrity=integrity_of(_synthetic()))
    assert len(written) == 12 and all(p.is_file() for p in written)


def test_wrong_checksum_is_refused(tmp_path: Path) -> None:
    tarball = tmp_path / "pkg.tgz"
    tarball.write_bytes(_synthetic())
    with pytest.raises(RefDataError) as error:
        regenerate(tmp_path, tarball)
    message = str(error.value)
    assert str(tarball) in message
    assert PINNED_INTEGRITY in message and integrity_of(_synthetic()) in message
    assert not (tmp_path / "reference").exists()


def test_unknown_partner_siren_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "contracts.csv").write_text(
        CONTRACTS + "CT-4,Inconnue,999999999,SIREN (Etalab 2026)\n", encoding="utf-8"
    )
    with pytest.raises(RefDataError, match="999999999"):
        write_reference(tmp_path, _synthetic())


def _records(path: Path) -> list[dict[str, str]]:
    """All rows of a CSV file as dictionaries keyed by the header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_metropoles_scope() -> None:
    folder = DATA_DIR / "reference" / "metropoles"
    epci = {r["siren"]: r for r in _records(folder / "epci.csv")}
    types = sorted(r["type"] for r in epci.values() if r["type"] in {"METRO", "MET69"})
    assert types == ["MET69"] + ["METRO"] * 21
    contracts = _records(DATA_DIR / "sources" / "contracts.csv")
    partners = {
        r["partner_code"].strip() for r in contracts if r["partner_code_type"].startswith("SIREN")
    }
    assert partners and partners <= set(epci)
    communes = {r["code"] for r in _records(folder / "communes.csv")}
    assert {r["commune_code"] for r in _records(folder / "membres.csv")} <= communes
