"""Regenerate ``data/reference/`` from the Etalab package ``@etalab/decoupage-administratif``.

The npm tarball is read in memory (never extracted) after its sha512 has been checked against the
pinned value; the JSON files become sorted, deterministic CSV files in two scopes: ``metropoles``
(the 22 métropoles, their contract partners and what they need) and ``france`` (everything).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import tarfile
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
TARBALL_URL = (
    "https://registry.npmjs.org/@etalab/decoupage-administratif/-/"
    f"decoupage-administratif-{VERSION}.tgz"
)
PINNED_INTEGRITY = "sha512-" + (
    "XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
)
DOWNLOAD_TIMEOUT = 120.0
MAX_TARBALL_BYTES = 64 * 1024 * 1024
METROPOLE_TYPES = frozenset({"METRO", "MET69"})
CURRENT_COMMUNE = "commune-actuelle"
SIREN_PATTERN = re.compile(r"^[0-9]{9}$")
COMMUNE_PATTERN = re.compile(r"^([013-9][0-9]|2[AB0-9])[0-9]{3}$")
SIREN_CODE_TYPE = "SIREN"
COMMUNE_CODE_TYPE = "INSEE commune"

EPCI_HEADER = ("siren", "nom", "type", "population_municipale", "population_totale")
MEMBRES_HEADER = ("epci_siren", "commune_code")
COMMUNES_HEADER = (
    "code",
    "nom",
    "siren",
    "departement",
    "region",
    "population_municipale",
    "population_totale",
)
DEPARTEMENTS_HEADER = ("code", "nom", "region", "chef_lieu")
REGIONS_HEADER = ("code", "nom", "chef_lieu")

Row = tuple[str, ...]
Record = Mapping[str, Any]


class RefDataError(ValueError):
    """The reference source is unusable: wrong checksum, missing file or unknown partner code."""


@dataclass(frozen=True)
class Source:
    """The four JSON lists of the Etalab package, plus its licence text."""

    epci: list[Record]
    communes: list[Record]
    departements: list[Record]
    regions: list[Record]
    licence: bytes


@dataclass(frozen=True)
class Tables:
    """The five CSV tables of one scope, rows sorted, without headers."""

    epci: list[Row]
    membres: list[Row]
    communes: list[Row]
    departements: list[Row]
    regions: list[Row]


@dataclass(frozen=True)
class Partners:
    """Partner codes of the cooperation contracts: EPCI SIRENs and commune INSEE codes."""

    sirens: frozenset[str]
    communes: frozenset[str]


# --- integrity ---------------------------------------------------------------------------------


def integrity_of(archive: bytes) -> str:
    """Subresource-integrity string (``sha512-<base64>``) of ``archive``, as npm reports it."""
    return "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode("ascii")


def check_integrity(archive: bytes, expected: str, origin: str) -> None:
    """Raise RefDataError naming ``origin`` when ``archive`` does not have the expected digest."""
    actual = integrity_of(archive)
    if actual != expected:
        raise RefDataError(
            f"{origin}: sha512 mismatch, refusing the archive\n"
            f"  expected {expected}\n  actual   {actual}"
        )


def download(url: str = TARBALL_URL) -> bytes:
    """Fetch ``url`` into memory (stdlib urllib, bounded size)."""
    request = urllib.request.Request(url, headers={"User-Agent": "metropoles-refdata"})
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
        data: bytes = response.read(MAX_TARBALL_BYTES + 1)
    if len(data) > MAX_TARBALL_BYTES:
        raise RefDataError(f"{url}: larger than {MAX_TARBALL_BYTES} bytes")
    return data


def load_archive(tarball: Path | None, expected: str = PINNED_INTEGRITY) -> bytes:
    """Bytes of the local ``tarball`` or of the registry download, once their digest is checked."""
    if tarball is None:
        archive, origin = download(), TARBALL_URL
    else:
        archive, origin = tarball.read_bytes(), str(tarball)
    check_integrity(archive, expected, origin)
    return archive


# --- reading -----------------------------------------------------------------------------------


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    """Content of ``package/<name>`` in the archive."""
    try:
        handle = archive.extractfile(f"package/{name}")
    except KeyError:
        handle = None
    if handle is None:
        raise RefDataError(f"package/{name} missing from the tarball")
    with handle:
        return handle.read()


def _json_list(archive: tarfile.TarFile, name: str) -> list[Record]:
    """A JSON list of objects from ``package/data/<name>``."""
    value = json.loads(_member(archive, f"data/{name}"))
    if not isinstance(value, list):
        raise RefDataError(f"package/data/{name} is not a JSON list")
    return value


def read_source(archive_bytes: bytes) -> Source:
    """Parse the JSON files and licence of the in-memory tarball."""
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as archive:
        return Source(
            epci=_json_list(archive, "epci.json"),
            communes=_json_list(archive, "communes.json"),
            departements=_json_list(archive, "departements.json"),
            regions=_json_list(archive, "regions.json"),
            licence=_member(archive, "LICENSE"),
        )


def read_partners(contracts_csv: Path) -> Partners:
    """EPCI SIRENs and commune codes listed as partners in ``contracts.csv``."""
    sirens: set[str] = set()
    communes: set[str] = set()
    with contracts_csv.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, kind = (row.get("partner_code") or "").strip(), row.get("partner_code_type") or ""
            if kind.startswith(SIREN_CODE_TYPE):
                sirens.add(_checked(code, SIREN_PATTERN, f"{contracts_csv}:{line}"))
            elif kind.startswith(COMMUNE_CODE_TYPE):
                communes.add(_checked(code, COMMUNE_PATTERN, f"{contracts_csv}:{line}"))
    return Partners(frozenset(sirens), frozenset(communes))


def read_successors(bodies_csv: Path) -> frozenset[str]:
    """SIRENs of the EPCI that succeeded a signing body (``successor_siren`` of ``bodies.csv``)."""
    if not bodies_csv.exists():
        return frozenset()
    with bodies_csv.open(encoding="utf-8", newline="") as handle:
        return frozenset(
            _checked(siren, SIREN_PATTERN, f"{bodies_csv}:{line}")
            for line, row in enumerate(csv.DictReader(handle), start=2)
            if (siren := (row.get("successor_siren") or "").strip())
        )


def _checked(code: str, pattern: re.Pattern[str], where: str) -> str:
    """``code`` if it matches ``pattern``, else RefDataError naming ``where``."""
    if not pattern.match(code):
        raise RefDataError(f"{where}: malformed partner code {code!r}")
    return code


# --- tables ------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """CSV cell: empty for a missing value (unknown), never a guess."""
    return "" if value is None else str(value)


def _current_communes(source: Source) -> dict[str, Record]:
    """Current communes (not delegated, associated nor municipal arrondissements) by code."""
    return {c["code"]: c for c in source.communes if c.get("type") == CURRENT_COMMUNE}


def _population_totale(source: Source) -> dict[str, object]:
    """Population totale of each commune, as given in its EPCI's member list."""
    return {m["code"]: m.get("populationTotale") for e in source.epci for m in e["membres"]}


def epci_row(epci: Record) -> Row:
    """One row of ``epci.csv``."""
    return (
        epci["code"],
        epci["nom"],
        epci["type"],
        _cell(epci.get("populationMunicipale")),
        _cell(epci.get("populationTotale")),
    )


def commune_row(commune: Record, population_totale: Mapping[str, object]) -> Row:
    """One row of ``communes.csv``."""
    return (
        commune["code"],
        commune["nom"],
        _cell(commune.get("siren")),
        _cell(commune.get("departement")),
        _cell(commune.get("region")),
        _cell(commune.get("population")),
        _cell(population_totale.get(commune["code"])),
    )


def _membres_rows(epcis: Iterable[Record]) -> list[Row]:
    """``membres.csv`` rows of ``epcis``."""
    return sorted((e["code"], m["code"]) for e in epcis for m in e["membres"])


def _territory_rows(source: Source, communes: Iterable[Record]) -> tuple[list[Row], list[Row]]:
    """Département and région rows covering ``communes``."""
    communes = list(communes)
    dep_codes = {c.get("departement") for c in communes}
    reg_codes = {c.get("region") for c in communes}
    departements = [
        (d["code"], d["nom"], _cell(d.get("region")), _cell(d.get("chefLieu")))
        for d in source.departements
        if d["code"] in dep_codes
    ]
    regions = [
        (r["code"], r["nom"], _cell(r.get("chefLieu")))
        for r in source.regions
        if r["code"] in reg_codes
    ]
    return sorted(departements), sorted(regions)


def _tables(
    source: Source,
    epcis: Sequence[Record],
    members_of: Sequence[Record],
    communes: Sequence[Record],
) -> Tables:
    """Tables holding ``epcis``, the membership of ``members_of`` and ``communes``."""
    population_totale = _population_totale(source)
    departements, regions = _territory_rows(source, communes)
    return Tables(
        epci=sorted(epci_row(e) for e in epcis),
        membres=_membres_rows(members_of),
        communes=sorted(commune_row(c, population_totale) for c in communes),
        departements=departements,
        regions=regions,
    )


def france_tables(source: Source) -> Tables:
    """Every EPCI, current commune, département and région."""
    communes = list(_current_communes(source).values())
    return _tables(source, source.epci, source.epci, communes)


def _missing(wanted: Iterable[str], known: Mapping[str, object], what: str) -> None:
    """Raise RefDataError listing the ``wanted`` codes absent from ``known``."""
    missing = sorted(set(wanted) - set(known))
    if missing:
        raise RefDataError(f"{what} not in the Etalab data: {', '.join(missing)}")


def metropoles_tables(source: Source, partners: Partners) -> Tables:
    """The 22 métropoles, the contract partners, the métropoles' communes and their territories."""
    by_siren = {e["code"]: e for e in source.epci}
    by_code = _current_communes(source)
    _missing(partners.sirens, by_siren, "partner SIREN")
    _missing(partners.communes, by_code, "partner commune")
    metropoles = [e for e in source.epci if e["type"] in METROPOLE_TYPES]
    sirens = {e["code"] for e in metropoles} | partners.sirens
    codes = {m["code"] for e in metropoles for m in e["membres"]} | partners.communes
    _missing(codes, by_code, "member commune")
    epcis = [by_siren[s] for s in sorted(sirens)]
    communes = [by_code[c] for c in sorted(codes)]
    return _tables(source, epcis, metropoles, communes)


# --- writing -----------------------------------------------------------------------------------


def write_csv(path: Path, header: Row, rows: Iterable[Row]) -> Path:
    """Write a UTF-8, ``\\n``-terminated CSV with a header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_tables(folder: Path, tables: Tables) -> list[Path]:
    """Write the five CSV files of one scope into ``folder``."""
    return [
        write_csv(folder / "epci.csv", EPCI_HEADER, tables.epci),
        write_csv(folder / "membres.csv", MEMBRES_HEADER, tables.membres),
        write_csv(folder / "communes.csv", COMMUNES_HEADER, tables.communes),
        write_csv(folder / "departements.csv", DEPARTEMENTS_HEADER, tables.departements),
        write_csv(folder / "regions.csv", REGIONS_HEADER, tables.regions),
    ]


def source_markdown(integrity: str) -> str:
    """Text of ``SOURCE.md`` for an archive with the given integrity string."""
    hex_digest = base64.b64decode(integrity.removeprefix("sha512-")).hex()
    return f"""# Reference data: source

Generated by `metropoles reference` (module `metropoles.sources.refdata`); do not edit by hand.

- **What**: `{PACKAGE}` {VERSION}, the official Etalab package of French territorial divisions
  (EPCI and their member communes, communes, départements, régions; millésime 2026).
- **URL**: {TARBALL_URL}
- **Integrity (npm `dist.integrity`)**: `{integrity}`
- **sha512 (hex, as `sha512sum` prints it)**: `{hex_digest}`
- **Licence**: data under the Licence Ouverte / Open Licence 2.0 (Etalab); package code under the
  MIT licence, copied as `LICENSE-etalab.txt`.
- **Retrieval**: `metropoles reference` downloads the tarball from the npm registry and refuses it
  unless its sha512 matches the value pinned in the code; `metropoles reference --tarball FILE`
  reads a local copy, checked the same way.

## Files

- `france/`: every EPCI à fiscalité propre, every current commune (`commune-actuelle`),
  every département and région.
- `metropoles/`: the 22 métropoles (types `METRO` and `MET69`), every EPCI and commune named as
  a partner in `data/sources/contracts.csv`, the member communes of the métropoles, and the
  départements and régions of all these communes. `membres.csv` lists the métropoles' members only.

Columns: `epci.csv` (siren, nom, type, population_municipale, population_totale), `membres.csv`
(epci_siren, commune_code), `communes.csv` (code, nom, siren, departement, region,
population_municipale, population_totale), `departements.csv` (code, nom, region, chef_lieu),
`regions.csv` (code, nom, chef_lieu). An empty cell means the source does not give the value.

## Caveats

- A commune's `population_municipale` comes from `communes.json` (`population`); its
  `population_totale` from its EPCI's member list in `epci.json`, which may be of another
  population vintage; it is empty for communes in no EPCI (four island communes, overseas
  collectivités).
- Overseas collectivités (zone `com`) have no SIREN; their `departement` and `region` codes are
  the collectivité's own code (975, 977, 978, 984, 986, 987, 988, 989).
- Municipal arrondissements of Paris, Lyon and Marseille, communes déléguées and associées are
  left out: only current communes are listed.
"""


def write_reference(data_dir: Path, archive_bytes: bytes) -> list[Path]:
    """Write both scopes, ``SOURCE.md`` and the licence from an already checked archive."""
    source = read_source(archive_bytes)
    contracts = read_partners(data_dir / "sources" / "contracts.csv")
    successors = read_successors(data_dir / "sources" / "bodies.csv")  # partners as they are now
    partners = Partners(contracts.sirens | successors, contracts.communes)
    reference = data_dir / "reference"
    written = write_tables(reference / "metropoles", metropoles_tables(source, partners))
    written += write_tables(reference / "france", france_tables(source))
    source_md = reference / "SOURCE.md"
    source_md.write_text(source_markdown(integrity_of(archive_bytes)), encoding="utf-8")
    licence = reference / "LICENSE-etalab.txt"
    licence.write_bytes(source.licence)
    return [*written, source_md, licence]


def regenerate(
    data_dir: Path, tarball: Path | None, expected_integrity: str = PINNED_INTEGRITY
) -> list[Path]:
    """Check the tarball (local or downloaded) against the pinned sha512, then write the files."""
    return write_reference(data_dir, load_archive(tarball, expected_integrity))
