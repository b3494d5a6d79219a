"""Counts read straight from data/ with the csv module (not with the code under test), so that
tests assert invariants: adding a row to a source file needs no test edit."""

from __future__ import annotations

import csv
from pathlib import Path

from metropoles.config import PROJECT_DIR

SOURCES = PROJECT_DIR / "data" / "sources"
REFERENCE = PROJECT_DIR / "data" / "reference" / "metropoles"
UNCONFIRMED = "non confirmé"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def metropoles() -> int:
    return len(rows(SOURCES / "metropoles.csv"))


def innovation_pacts() -> int:
    return sum(1 for r in rows(SOURCES / "pacts.csv") if r["metropole_siren"])


def contracts() -> int:
    return len({r["contract_id"] for r in rows(SOURCES / "contracts.csv")})


def partner_rows() -> int:
    """One row per contract and partner, confirmed or not."""
    return len(rows(SOURCES / "contracts.csv"))


def unconfirmed_partner_rows() -> int:
    return sum(1 for r in rows(SOURCES / "contracts.csv") if r["partner_status"] == UNCONFIRMED)


def metropole_members() -> int:
    """Member communes of the métropoles (the reference's membres.csv lists only theirs)."""
    return len(rows(REFERENCE / "membres.csv"))


def searches() -> int:
    return len(rows(SOURCES / "searches.csv"))


def pact_sources(pact_id: str) -> int:
    """Distinct source URLs cited by one pact's row."""
    row = next(r for r in rows(SOURCES / "pacts.csv") if r["pact_id"] == pact_id)
    return len({url.strip() for url in row["source_urls"].split(" | ") if url.strip()})
