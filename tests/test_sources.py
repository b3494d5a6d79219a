"""Reading data/: the real sources load, and each kind of bad input stops with an error that names
the file, the line, the field and the rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import source_counts

from metropoles.sources.read import SourceError, read_all


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


def header_width(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return len(next(csv.reader(handle)))


def test_row_with_a_missing_cell(project_copy: Path) -> None:
    themes = project_copy / "data/sources/themes.csv"
    with themes.open("a", encoding="utf-8") as handle:
        handle.write("coop-incomplete,themes-cooperation-interterritoriale\n")
    line = len(themes.read_text(encoding="utf-8").splitlines())
    message = problems_for(project_copy)
    width = header_width(themes)
    assert (
        f"data/sources/themes.csv:{line}: field '(row)': the row has 2 cells, the header {width}"
        in message
    )


def test_row_with_an_extra_cell(project_copy: Path) -> None:
    metropoles = project_copy / "data/sources/metropoles.csv"
    line = line_of(metropoles, "243300316")
    rows = metropoles.read_text(encoding="utf-8").splitlines(keepends=True)
    rows[line - 1] = rows[line - 1].rstrip("\n") + ",en trop\n"
    metropoles.write_text("".join(rows), encoding="utf-8")
    width = header_width(metropoles)
    assert problems_for(project_copy) == (
        "1 problem(s) in the source data:\n"
        f"  data/sources/metropoles.csv:{line}: field '(row)': the row has {width + 1} cells, "
        f"the header {width} (value: 'en trop')"
    )


def test_quote_left_open_in_the_middle(project_copy: Path) -> None:
    """The open quote swallows the next line up to its first quote, where the CSV breaks."""
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "CT-MTP-MILLAU")
    replace_in(contracts, 'circuits courts agricoles et développement durable",', "durable,")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field '(row)': not valid CSV" in message
    assert "a quote left open?" in message


def test_quote_left_open_to_the_end(project_copy: Path) -> None:
    schemes = project_copy / "data/sources/schemes.csv"
    line = len(schemes.read_text(encoding="utf-8").splitlines()) + 1
    with schemes.open("a", encoding="utf-8") as handle:
        handle.write('nouveau,"Titre,Title,Description,https://example.org\n')
    message = problems_for(project_copy)
    assert f"data/sources/schemes.csv:{line}: field '(row)': not valid CSV" in message


def test_line_break_inside_a_cell(project_copy: Path) -> None:
    schemes = project_copy / "data/sources/schemes.csv"
    line = len(schemes.read_text(encoding="utf-8").splitlines()) + 1
    with schemes.open("a", encoding="utf-8") as handle:
        handle.write('nouveau,"Titre\nsur deux lignes",Title,Description,https://example.org\n')
    message = problems_for(project_copy)
    assert (
        f"data/sources/schemes.csv:{line}: field '(row)': a line break inside a cell "
        f"(the row runs to line {line + 1})"
    ) in message


def test_latin1_file(project_copy: Path) -> None:
    metropoles = project_copy / "data/sources/metropoles.csv"
    text = metropoles.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if not row.isascii())
    metropoles.write_bytes(text.encode("latin-1"))
    message = problems_for(project_copy)
    assert f"data/sources/metropoles.csv:{line}: field '(file)': not UTF-8 (byte 0x" in message
    assert "the expected encoding is UTF-8" in message


def test_byte_order_mark_is_accepted(project_copy: Path) -> None:
    """Spreadsheets write a BOM before the header when saving as UTF-8."""
    for name in ("metropoles.csv", "contracts.csv"):
        path = project_copy / "data/sources" / name
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8-sig")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    records = read_all(project_copy / "data", "metropoles")
    assert {m.siren for m in records.metropoles} >= {"243300316", "242900314"}


def test_duplicate_metropole(project_copy: Path) -> None:
    metropoles = project_copy / "data/sources/metropoles.csv"
    rows = metropoles.read_text(encoding="utf-8").splitlines(keepends=True)
    first = line_of(metropoles, "242900314")
    rows.append(rows[first - 1].replace("Brest Métropole", "Brest Métropolf"))
    metropoles.write_text("".join(rows), encoding="utf-8")
    message = problems_for(project_copy)
    assert (
        f"data/sources/metropoles.csv:{len(rows)}: field 'siren': "
        f"duplicate: the same siren is on line {first}"
    ) in message


def test_duplicate_contract_row_with_another_value(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    rows = contracts.read_text(encoding="utf-8").splitlines(keepends=True)
    first = line_of(contracts, "CT-MTP-MILLAU")
    second = first + 1
    assert rows[second - 1].startswith("CT-MTP-MILLAU,")
    rows[second - 1] = rows[second - 1].replace(",2019-01-31\n", ",2019-01-30\n")
    contracts.write_text("".join(rows), encoding="utf-8")
    assert problems_for(project_copy) == (
        "1 problem(s) in the source data:\n"
        f"  data/sources/contracts.csv:{second}: field 'date': duplicate contract_id with another "
        f"value than line {first} (value: '2019-01-30')"
    )


def test_same_partner_twice_in_a_contract(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    rows = contracts.read_text(encoding="utf-8").splitlines(keepends=True)
    first = line_of(contracts, "CT-GRE-TRIEVES")
    rows.append(rows[first - 1])
    contracts.write_text("".join(rows), encoding="utf-8")
    message = problems_for(project_copy)
    assert (
        f"data/sources/contracts.csv:{len(rows)}: field 'partner': "
        f"duplicate: the same partner is on line {first}"
    ) in message


def test_membres_error_on_its_line(project_copy: Path) -> None:
    membres = project_copy / "data/reference/metropoles/membres.csv"
    rows = membres.read_text(encoding="utf-8").splitlines(keepends=True)
    line = len(rows) // 2
    siren, code = rows[line - 1].strip().split(",")
    rows[line - 1] = f"{siren},99999\n"  # well formed, but not a commune of the reference
    membres.write_text("".join(rows), encoding="utf-8")
    assert problems_for(project_copy) == (
        "1 problem(s) in the source data:\n"
        f"  data/reference/metropoles/membres.csv:{line}: field 'commune_code': unknown code: "
        "not in the same scope's communes.csv (value: '99999')"
    )


def test_mistyped_partner_id(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "petr-pays-de-retz")
    replace_in(contracts, "petr-pays-de-retz", "petr-pays-de-rets")
    assert problems_for(project_copy) == (
        "1 problem(s) in the source data:\n"
        f"  data/sources/contracts.csv:{line}: field 'partner_id': unknown partner: not in "
        "sources/partners.csv (mistyped?) (value: 'petr-pays-de-rets')"
    )


def test_partner_with_another_organisation_type(project_copy: Path) -> None:
    contracts = project_copy / "data/sources/contracts.csv"
    line = line_of(contracts, "petr-pays-de-retz")
    replace_in(contracts, "petr-pays-de-retz,PETR,", "petr-pays-de-retz,PAYS,")
    message = problems_for(project_copy)
    assert f"data/sources/contracts.csv:{line}: field 'partner_org_type'" in message


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


# Columns that copy a fact held elsewhere: (file, a text on the row, the cell as it is, as it is
# mistyped, the column, the rule). Each copy is checked against where the fact lives.
COPIES = {
    "Etalab name": (
        "sources/metropoles.csv",
        "242900314",
        ",Brest Métropole,METRO,",
        ",Brest Métropolf,METRO,",
        "nom_officiel_etalab_2026",
        "does not match the Etalab reference epci.csv: 'Brest Métropole'",
    ),
    "Etalab type": (
        "sources/metropoles.csv",
        "242900314",
        ",Brest Métropole,METRO,",
        ",Brest Métropole,CA,",
        "type_etalab_2026",
        "does not match the Etalab reference epci.csv: 'METRO'",
    ),
    "seat name": (
        "sources/metropoles.csv",
        "242900314",
        ",29019,Brest,29,53,Bretagne,",
        ",29019,Quimper,29,53,Bretagne,",
        "siege_nom",
        "does not match communes.csv for siege_insee: 'Brest'",
    ),
    "seat région": (
        "sources/metropoles.csv",
        "242900314",
        ",29019,Brest,29,53,Bretagne,",
        ",29019,Brest,29,52,Bretagne,",
        "region_code",
        "does not match departements.csv for siege_insee: '53'",
    ),
    "member count": (
        "sources/metropoles.csv",
        "242900314",
        ",Bretagne,8,",
        ",Bretagne,9,",
        "nb_communes_membres_etalab_2026",
        "does not match membres.csv: '8'",
    ),
    "Wikidata item": (
        "sources/metropoles.csv",
        "242900314",
        ",Q12193,",
        ",12193,",
        "siege_wikidata_qid",
        "a Wikidata item is Q followed by digits",
    ),
    "pact summary": (
        "sources/metropoles.csv",
        "242900314",
        "PMI signé 2017-01-27",
        "PMI signé 2017-01-28",
        "pacte_metropolitain_innovation_2016_2017",
        "does not match pacts.csv: 'PMI signé 2017-01-27'",
    ),
    "métropole name in pacts": (
        "sources/pacts.csv",
        "PMI-BREST",
        ",242900314,Brest Métropole,",
        ",242900314,Brest Metropole,",
        "metropole_nom",
        "does not match the Etalab reference epci.csv: 'Brest Métropole'",
    ),
    "raw date in pacts": (
        "sources/pacts.csv",
        "PMI-BREST",
        ",2017-01-27,2017-01,",
        ",2017-01-29,2017-01,",
        "signature_date",
        "does not match the date column: '2017-01-27'",
    ),
    "axis label": (
        "sources/pacts.csv",
        "PMI-BREST",
        "excellence économique et rayonnement international",
        "ville intelligente et mobilités",
        "axe_national_2016",
        "does not match the label of axe-excellence-economique in themes.csv",
    ),
    "partner's Etalab type": (
        "sources/contracts.csv",
        "CT-BDX-VGA",
        ",EPCI CA,200030674,",
        ",EPCI CC,200030674,",
        "partner_type",
        "does not match the Etalab type of partner_code: 'EPCI CA'",
    ),
    "translation flag": (
        "sources/themes.csv",
        "axe-ville-intelligente",
        "Smart city and mobility,yes (proposed translation)",
        "Smart city and mobility,oui",
        "en_label_is_translation",
        "says whether prefLabel_en is a proposed translation: yes or no",
    ),
    "commune's région": (
        "reference/metropoles/communes.csv",
        "06006,Aspremont",
        "06006,Aspremont,210600060,06,93,",
        "06006,Aspremont,210600060,06,94,",
        "region",
        "does not match departements.csv: '93'",
    ),
}


@pytest.mark.parametrize("case", COPIES.values(), ids=COPIES.keys())
def test_copied_column_disagrees(project_copy: Path, case: tuple[str, ...]) -> None:
    relative, needle, old, new, column, rule = case
    path = project_copy / "data" / relative
    line = line_of(path, needle)
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in rows[line - 1]
    rows[line - 1] = rows[line - 1].replace(old, new, 1)
    path.write_text("".join(rows), encoding="utf-8")
    message = problems_for(project_copy)
    assert message.startswith("1 problem(s)"), message
    assert f"data/{relative}:{line}: field '{column}': {rule}" in message


def test_empty_file(project_copy: Path) -> None:
    (project_copy / "data/sources/contract_types.csv").write_bytes(b"")
    message = problems_for(project_copy)
    assert "data/sources/contract_types.csv:1: field '(file)': the file is empty" in message


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
