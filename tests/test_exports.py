"""The CSV exports for spreadsheets: each validates against its Table Schema with frictionless, the
schemas are in schema.data.gouv.fr's form, each row is one entity, multi-valued cells are joined
by " | ", and the French-Excel variant holds the same table with a BOM and semicolons."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from metropoles.config import PROJECT_DIR
from metropoles.iris import Iris
from metropoles.publish.exports import EXCEL_SUFFIX, EXPORTS, SCHEMA_SUFFIX, export_query

SOURCES = PROJECT_DIR / "data" / "sources"
REFERENCE = PROJECT_DIR / "data" / "reference" / "metropoles"
CODE_FIELD = re.compile(r"(^|_)(siren|insee|code)($|_)")


def read_rows(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def schema_of(publication: Path, name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (publication / f"{name}{SCHEMA_SUFFIX}").read_text(encoding="utf-8")
    )
    return loaded


def frictionless(publication: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The frictionless command line, run in the publication folder (it refuses absolute paths)."""
    command = [sys.executable, "-m", "frictionless", "validate", "--json", *arguments]
    return subprocess.run(command, cwd=publication, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("name", EXPORTS)
def test_csv_validates_against_its_table_schema(publication_dir: Path, name: str) -> None:
    result = frictionless(publication_dir, "--schema", f"{name}{SCHEMA_SUFFIX}", f"{name}.csv")
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report["tasks"][0]["errors"][:5], ensure_ascii=False)
    assert result.returncode == 0


@pytest.mark.parametrize("name", EXPORTS)
def test_excel_variant_validates_and_holds_the_same_table(publication_dir: Path, name: str) -> None:
    excel = publication_dir / f"{name}{EXCEL_SUFFIX}"
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_rows(excel, ";", "utf-8-sig") == read_rows(publication_dir / f"{name}.csv")
    dialect = json.dumps({"delimiter": ";"})
    result = frictionless(
        publication_dir, "--schema", f"{name}{SCHEMA_SUFFIX}", "--dialect", dialect, excel.name
    )
    assert json.loads(result.stdout)["valid"], result.stdout[:2000]


@pytest.mark.parametrize("name", EXPORTS)
def test_schema_has_the_form_of_schema_data_gouv_fr(publication_dir: Path, name: str) -> None:
    schema = schema_of(publication_dir, name)
    for key in ("title", "description", "homepage", "version", "path", "licenses", "fields"):
        assert schema.get(key), key
    assert str(schema["path"]).endswith(f"/download/latest/{name}{SCHEMA_SUFFIX}")
    fields = schema["fields"]
    assert isinstance(fields, list)
    header = read_rows(publication_dir / f"{name}.csv")[0]
    assert [f["name"] for f in fields] == header
    for field in fields:
        assert field.get("type") and field.get("description") and "example" in field, field
        if CODE_FIELD.search(field["name"]):
            assert field["type"] == "string", field["name"]
            constraints = field.get("constraints", {})
            assert "pattern" in constraints or "enum" in constraints, field["name"]


def test_one_row_per_entity(publication_dir: Path) -> None:
    expected = {
        "metropoles": len(records(SOURCES / "metropoles.csv")),
        "communes": len(records(REFERENCE / "communes.csv")),
        "pactes": len(records(SOURCES / "pacts.csv")),
        "contrats": len({r["contract_id"] for r in records(SOURCES / "contracts.csv")}),
    }
    for name, count in expected.items():
        assert len(records(publication_dir / f"{name}.csv")) == count, name


def test_partners_are_joined_in_one_cell(publication_dir: Path) -> None:
    partners: dict[str, int] = defaultdict(int)
    suggested: dict[str, int] = defaultdict(int)
    for row in records(SOURCES / "contracts.csv"):
        counts = suggested if row["partner_status"] else partners  # "non confirmé"
        counts[row["contract_id"].lower()] += 1
    for row in records(publication_dir / "contrats.csv"):
        contract = row["iri"].rsplit("/", 1)[1]
        names, iris = row["partenaires"].split(" | "), row["partenaires_iri"].split(" | ")
        assert len(names) == len(iris) == int(row["nb_partenaires"]) == partners[contract]
        unconfirmed = row["partenaires_non_confirmes"]
        assert len(unconfirmed.split(" | ") if unconfirmed else []) == suggested[contract]


def test_codes_come_with_human_values(publication_dir: Path) -> None:
    communes = {r["code_insee"]: r for r in records(publication_dir / "communes.csv")}
    assert communes["69123"]["departement_nom"] == "Rhône"
    pactes = {r["iri"].rsplit("/", 1)[1]: r for r in records(publication_dir / "pactes.csv")}
    assert pactes["pem-2016"]["date_signature_texte"] == "6 juillet 2016"
    assert pactes["pmi-grandparis"]["date_signature_texte"] == "janvier 2017"
    excel = io.StringIO((publication_dir / f"pactes{EXCEL_SUFFIX}").read_text("utf-8-sig"))
    assert next(csv.reader(excel, delimiter=";"))[0] == "iri"


def test_communes_export_lists_every_commune_not_only_members() -> None:
    """In the France scope most communes belong to no métropole: each still gets its row."""
    iris = Iris("https://example.org/m")
    igeo = "http://rdf.insee.fr/def/geo#"
    store = ox.Store()
    turtle = f"""
    @prefix igeo: <{igeo}> .
    <https://example.org/m/id/region/84> igeo:codeINSEE "84" ; igeo:nom "Auvergne-Rhône-Alpes"@fr .
    <https://example.org/m/id/departement/01> igeo:codeINSEE "01" ; igeo:nom "Ain"@fr ;
        igeo:subdivisionDirecteDe <https://example.org/m/id/region/84> .
    <https://example.org/m/id/commune/01001> a igeo:Commune ; igeo:codeINSEE "01001" ;
        igeo:nom "L'Abergement-Clémenciat"@fr ;
        igeo:subdivisionDirecteDe <https://example.org/m/id/departement/01> .
    """
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(export_query("communes", iris)))
    assert [(r["code_insee"].value, r["metropole"].value) for r in rows] == [("01001", "")]
