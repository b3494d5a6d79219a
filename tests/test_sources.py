"""Reading data/: the real sources load, and each kind of bad input stops with an error that names
the file, the line, the field and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import source_counts

from metropoles.sources import SourceError, read_all


def test_real_sources_load() -> None:
    from metropoles.config import PROJECT_DIR

    records = read_all(PROJECT_DIR / "data", "metropoles")
    assert len(records.metropoles) == source_counts.metropoles()
    assert len(records.pacts) == source_counts.innovation_pacts() + 1
    assert sum(p.national for p in records.pacts) == 1
    assert len(records.contracts) == source_counts.contracts()
    assert sum(len(c.partners) for c in records.contracts) == source_counts.partner_rows()
    unconfirmed = [p for c in records.contracts for p in c.partners if not p.confirmed]
    assert len(unconfirmed) == source_counts.unconfirmed_partner_rows()
    assert len(records.searches) == source_counts.searches()


def test_every_metropole_has_an_agreement_or_a_search_that_found_none() -> None:
    """ "No agreement found" is published as data, so it never reads as "not researched"."""
    from metropoles.config import PROJECT_DIR

    records = read_all(PROJECT_DIR / "data", "metropoles")
    parties = {c.metropole_siren for c in records.contracts} | {
        p.key for c in records.contracts for p in c.partners if p.kind == "siren"
    }
    searched = {s.metropole_siren for s in records.searches}
    assert {m.siren for m in records.metropoles} - parties - searched == set()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_for(project: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_all(project / "data", "metropoles")
    return str(caught.value)


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_unknown_partner_siren(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "CT-GRE-TRIEVES")
    replace_in(contracts, ",200030658,SIREN", ",200030666,SIREN")  # valid Luhn, not an EPCI
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'partner_code'" in message
    assert "unknown SIREN" in message


def test_siren_failing_luhn(project_copy: Path) -> None:
    metropoles = project_copy / "data/sources/metropoles.csv"
    line = line_of(metropoles, "243300316")
    replace_in(metropoles, "243300316,", "243300317,")
    message = problems_for(project_copy)
    assert f"data/sources/metropoles.csv:{line}: field 'siren'" in message
    assert "Luhn" in message


def test_bad_date(project_copy: Path) -> None:
    pacts = project_copy / "data/sources/pacts.csv"
    line = line_of(pacts, "PMI-LILLE")
    rows = pacts.read_text(encoding="utf-8").splitlines(keepends=True)
    rows[line - 1] = rows[line - 1].replace(",2017-02-13,", ",2017-02-30,")
    pacts.write_text("".join(rows), encoding="utf-8")
    message = problems_for(project_copy)
    assert f"data/sources/pacts.csv:{line}: field 'date'" in message
    assert "not a real calendar date" in message


def test_missing_required_field(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "CT-NANTES-RETZ")
    replace_in(contracts, ",contrat-reciprocite,,2019-04-10", ",,,2019-04-10")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'contract_type_code'" in message
    assert "required value is empty" in message


def test_malformed_csv_row(project_copy: Path) -> None:
    themes = project_copy / "data/sources/themes.csv"
    with themes.open("a", encoding="utf-8") as handle:
        handle.write("coop-incomplete,themes-cooperation-interterritoriale\n")
    line = len(themes.read_text(encoding="utf-8").splitlines())
    message = problems_for(project_copy)
    assert f"data/sources/themes.csv:{line}: field 'prefLabel_fr'" in message


def test_missing_column(project_copy: Path) -> None:
    schemes = project_copy / "data/sources/schemes.csv"
    replace_in(schemes, "scheme_id,title_fr", "scheme,title_fr")
    message = problems_for(project_copy)
    assert "data/sources/schemes.csv:1: field 'scheme_id': required column is missing" in message


def test_bad_source_url(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "CT-GRE-TRIEVES")
    replace_in(contracts, "https://www.lametro.fr/actualite/788", "www.lametro.fr/actualite/788")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'source_urls'" in message


def test_every_problem_is_reported_at_once(project_copy: Path) -> None:
    metropoles = project_copy / "data/sources/metropoles.csv"
    replace_in(metropoles, "243300316,", "243300317,")
    replace_in(metropoles, "242900314,", "242900315,")
    assert problems_for(project_copy).startswith("2 problem(s)")


def test_unknown_partner_country(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, ",MCO,")
    replace_in(contracts, ",MCO,", ",XYZ,")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'partner_country'" in message
    assert "not in sources/countries.csv" in message


def test_unknown_partner_status(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, ",non confirmé,")
    replace_in(contracts, ",non confirmé,", ",probable,")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'partner_status'" in message


def test_departement_partner_must_exist(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "Département de l'Essonne")
    replace_in(contracts, ",91,code département", ",96,code département")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'partner_code'" in message


def test_search_of_an_unknown_metropole(project_copy: Path) -> None:
    searches = project_copy / "data/sources/searches.csv"
    line = line_of(searches, "RECH-ORLEANS")
    replace_in(searches, ",244500468,", ",243700754,")  # Tours: a métropole SIREN, so valid...
    replace_in(searches, ",243700754,", ",200066660,")  # ...then an EPCI that is not a métropole
    message = problems_for(project_copy)
    assert f"data/sources/searches.csv:{line}: field 'metropole_siren'" in message
    assert "not in sources/metropoles.csv" in message
