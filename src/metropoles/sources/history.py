"""The métropoles through the millésimes of ``@etalab/decoupage-administratif``: one pinned package
version per year (the package README's "Millésimes et versions de package" table), each checked
against its npm sha512 before it is read. From each version's ``epci.json`` we keep the métropoles
(types ``METRO`` and ``MET69``): their SIREN, name and type, and their member communes (code and
name as that year lists them). Consecutive millésimes with the same value are merged into one
period, so ``data/reference/history/`` says which years each name, SIREN and membership holds.
The populations (municipale and totale) each year gives the métropole and, from 2021, each member
are kept year by year: they change every year, so there is nothing to merge.
"""

from __future__ import annotations

import io
import tarfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from metropoles.records import History, Origin, Period, Population, Records
from metropoles.sources import checks
from metropoles.sources.checks import Problem
from metropoles.sources.csvrows import Reader
from metropoles.sources.refdata import (
    METROPOLE_TYPES,
    PACKAGE,
    PINNED_INTEGRITY,
    VERSION,
    RefDataError,
    Row,
    _json_list,
    check_integrity,
    download,
    write_csv,
)


@dataclass(frozen=True)
class Millesime:
    """One year of the reference and the package version that publishes it."""

    year: int
    version: str
    integrity: str

    @property
    def tarball_name(self) -> str:
        """The file name ``npm pack`` gives the version's tarball."""
        return f"etalab-decoupage-administratif-{self.version}.tgz"

    @property
    def url(self) -> str:
        return f"https://registry.npmjs.org/{PACKAGE}/-/decoupage-administratif-{self.version}.tgz"

    @property
    def epci_url(self) -> str:
        """Where the version's ``epci.json`` can be read (cited as the source of a period)."""
        return f"https://unpkg.com/{PACKAGE}@{self.version}/data/epci.json"


# 2020 is published for EPCI only (0.8.0), which is all the history needs.
MILLESIMES = (
    Millesime(
        2019,
        "0.7.0",
        "sha512-ezO+LHyIrJjDBlE7DxXSbvHxSliTGT4o4+w1pMaA6FjC"
        "VDFiW74zp5Lhmi1GpY2JcelKq4m8zHjDol08O6unqQ==",
    ),
    Millesime(
        2020,
        "0.8.0",
        "sha512-BNO0BLfPyUvLpGAStdKpZAX80hUHdkhhD3GMu7HcwERq"
        "mshl96uIU0v3/1LlL23DiMs9qRyVIRnfDDIAfHaG/w==",
    ),
    Millesime(
        2021,
        "1.1.1",
        "sha512-2yD0tkK+As9OlImYdFXn9O1ABtMpExpCq0A7/d/HpruM"
        "gg7NYymUeNnHN0r8ICWgcKE//3uvMXeQ00xdOwUiZg==",
    ),
    Millesime(
        2022,
        "2.3.1",
        "sha512-52zR447e9Csr/HkzmLJIrOTCAuwJNd4O9fay8BRgOQUS"
        "bqaKOP6vFpsrj5lKlrH9vA+ii07h1TnChdMFZNgcwg==",
    ),
    Millesime(
        2023,
        "3.1.1",
        "sha512-/1yqSlo6Xerdz1MN+rh57hDWcAam18gwSK5u4wFjT1gl"
        "RUiN/o1A4IQe6pvB9JqGvHv6WbF5X7WyE+yxeMqLig==",
    ),
    Millesime(
        2024,
        "4.1.0",
        "sha512-r0lO1qhb/R7golWwfPbkstpN3WeGuROIHoJhExY7251b"
        "kc7tjL48wsnh4/cWAQYux1y/EMSTuOEwiMkh0/mK8g==",
    ),
    Millesime(
        2025,
        "5.3.0",
        "sha512-I7PP8jiNOKwvBbdhoYPiwMaJ27x6aHwwGj5V0DMTOPu2"
        "YG6qyhGty1b0SIkCxpSHlUkASEfybISY4ldkTcYbbw==",
    ),
    Millesime(2026, VERSION, PINNED_INTEGRITY),
)

IDENTITES_HEADER = ("siren", "nom", "type", "premier_millesime", "dernier_millesime")
COMMUNES_NOUVELLES_HEADER = ("ancien_code", "commune_actuelle")
CURRENT = "commune-actuelle"
ADHESIONS_HEADER = (
    "epci_siren",
    "commune_code",
    "commune_nom",
    "premier_millesime",
    "dernier_millesime",
)
POPULATIONS_HEADER = ("siren", "millesime", "population_municipale", "population_totale")
POPULATIONS_COMMUNES_HEADER = (
    "epci_siren",
    "commune_code",
    "millesime",
    "population_municipale",
    "population_totale",
)
POPULATION_KEYS = ("populationMunicipale", "populationTotale")  # as epci.json names them
YEARS = frozenset(str(m.year) for m in MILLESIMES)


def load(millesime: Millesime, archives: Path | None) -> bytes:
    """The version's tarball from ``archives`` (a folder of ``npm pack`` files) or the registry,
    refused unless its sha512 is the pinned one."""
    if archives is None:
        archive, origin = download(millesime.url), millesime.url
    else:
        path = archives / millesime.tarball_name
        if not path.exists():
            raise RefDataError(
                f"{path}: missing ({PACKAGE}@{millesime.version} for {millesime.year})"
            )
        archive, origin = path.read_bytes(), str(path)
    check_integrity(archive, millesime.integrity, origin)
    return archive


def metropoles_of(archive_bytes: bytes) -> list[Mapping[str, object]]:
    """The métropoles of one version's ``epci.json``."""
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as archive:
        epci = _json_list(archive, "epci.json")
    return [e for e in epci if e.get("type") in METROPOLE_TYPES]


def periods(observations: Iterable[tuple[Row, int]], years: list[int]) -> list[Row]:
    """Merge the years each value is seen into runs of consecutive millésimes.

    >>> periods([(("a",), 2019), (("a",), 2020), (("a",), 2022)], [2019, 2020, 2021, 2022])
    [('a', '2019', '2020'), ('a', '2022', '2022')]
    """
    seen: dict[Row, set[int]] = defaultdict(set)
    for value, year in observations:
        seen[value].add(year)
    rows: list[Row] = []
    for value, found in seen.items():
        run: list[int] = []
        for year in years:
            if year in found:
                run.append(year)
            elif run:
                rows.append((*value, str(run[0]), str(run[-1])))
                run = []
        if run:
            rows.append((*value, str(run[0]), str(run[-1])))
    return sorted(rows)


def communes_nouvelles(archive_bytes: bytes, codes: set[str]) -> list[Row]:
    """(former code, current commune) for each member code that is no longer a current commune
    but is among the ``anciensCodes`` of one (a commune nouvelle), in the last millésime."""
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as archive:
        communes = [c for c in _json_list(archive, "communes.json") if c.get("type") == CURRENT]
    current = {str(c["code"]) for c in communes}
    absorbed = {str(old): str(c["code"]) for c in communes for old in c.get("anciensCodes") or []}
    return sorted((code, absorbed[code]) for code in codes - current if code in absorbed)


def _members(metropole: Mapping[str, object]) -> list[Mapping[str, object]]:
    members = metropole.get("membres")
    return members if isinstance(members, list) else []


def history_tables(
    by_year: Mapping[int, list[Mapping[str, object]]],
) -> tuple[list[Row], list[Row]]:
    """(identities, memberships) of the métropoles over the given millésimes."""
    identities: list[tuple[Row, int]] = []
    memberships: list[tuple[Row, int]] = []
    for year, metropoles in by_year.items():
        for m in metropoles:
            siren = str(m["code"])
            identities.append(((siren, str(m["nom"]), str(m["type"])), year))
            for member in _members(m):
                memberships.append(((siren, str(member["code"]), str(member["nom"])), year))
    years = sorted(by_year)
    return periods(identities, years), periods(memberships, years)


def population_cells(item: Mapping[str, object]) -> Row | None:
    """(municipale, totale) as ``epci.json`` gives them for a métropole or a member, an empty cell
    for a value it does not give; None when it gives neither.

    >>> population_cells({"populationMunicipale": 120, "populationTotale": 125})
    ('120', '125')
    >>> population_cells({"code": "29019"}) is None
    True
    """
    cells = tuple("" if item.get(key) is None else str(item.get(key)) for key in POPULATION_KEYS)
    return cells if any(cells) else None


def population_tables(
    by_year: Mapping[int, list[Mapping[str, object]]],
) -> tuple[list[Row], list[Row]]:
    """(métropoles, member communes): the populations of each millésime, where it gives them
    (the 2019 and 2020 versions list none for members)."""
    metropoles: list[Row] = []
    communes: list[Row] = []
    for year, listed in by_year.items():
        for m in listed:
            siren = str(m["code"])
            if cells := population_cells(m):
                metropoles.append((siren, str(year), *cells))
            for member in _members(m):
                if cells := population_cells(member):
                    communes.append((siren, str(member["code"]), str(year), *cells))
    return sorted(metropoles), sorted(communes)


def source_markdown() -> str:
    lines = "\n".join(f"| {m.year} | {m.version} | {m.url} | `{m.integrity}` |" for m in MILLESIMES)
    return f"""# Reference history: source

Generated by `metropoles reference` (module `metropoles.sources.history`); do not edit by hand.

The métropoles (types `METRO` and `MET69`) of each millésime of `{PACKAGE}`, one pinned package
version per year as its README maps them (2020 exists for EPCI only, which is what is read here).
Each tarball is refused unless its sha512 is the one pinned below (npm `dist.integrity`).

| millésime | version | tarball | integrity |
|---|---|---|---|
{lines}

- `identites.csv`: each (SIREN, name, type) of a métropole and the first and last millésime that
  list it; a SIREN change (Métropole européenne de Lille: 245900410 until 2020, 200093201 from 2021)
  shows as two rows.
- `adhesions.csv`: each (métropole SIREN, commune code, commune name) and the first and last
  millésime that list the commune as a member; a commune that merged into a commune nouvelle keeps
  its old code and name until its last millésime.
- `communes_nouvelles.csv`: each member code that is no longer a current commune, and the current
  commune (commune nouvelle) whose `anciensCodes` hold it in the last millésime.
- `populations.csv`: each métropole (SIREN that year) and millésime, with the
  `populationMunicipale` and `populationTotale` that millésime's `epci.json` gives it.
- `populations_communes.csv`: each member commune (métropole SIREN, commune code) and millésime,
  with the `populationMunicipale` and `populationTotale` of the métropole's member list in that
  millésime's `epci.json`. The 2019 and 2020 versions (0.7.0, 0.8.0) list no population for the
  members, so those years have no rows: no value is taken from elsewhere. The `population` of
  `communes.json` is not used here: it is of another vintage than the member list (the member
  list's populations add up to the métropole's, which `communes.json`'s do not).

Consecutive millésimes with the same value form one row of `identites.csv` and `adhesions.csv`; a
value absent for a year and back later gives two rows. The populations are one row per year; a
year whose version gives neither population has no row, and a cell is empty when that version does
not give the value. Licence: Licence Ouverte / Open Licence 2.0 (Etalab), like
`../LICENSE-etalab.txt`.
"""


def write_history(
    data_dir: Path, archives: Path | None, current: bytes | None = None
) -> list[Path]:
    """Read every pinned millésime (the current one may be passed already checked) and write
    ``data/reference/history/``."""
    by_year = {}
    archive = b""
    for m in MILLESIMES:
        archive = current if current is not None and m.version == VERSION else load(m, archives)
        by_year[m.year] = metropoles_of(archive)
    identities, memberships = history_tables(by_year)
    metropole_populations, commune_populations = population_tables(by_year)
    folder = data_dir / "reference" / "history"
    written = [
        write_csv(folder / "identites.csv", IDENTITES_HEADER, identities),
        write_csv(folder / "adhesions.csv", ADHESIONS_HEADER, memberships),
        write_csv(folder / "populations.csv", POPULATIONS_HEADER, metropole_populations),
        write_csv(
            folder / "populations_communes.csv",
            POPULATIONS_COMMUNES_HEADER,
            commune_populations,
        ),
        write_csv(
            folder / "communes_nouvelles.csv",
            COMMUNES_NOUVELLES_HEADER,
            communes_nouvelles(archive, {row[1] for row in memberships}),
        ),
    ]
    source = folder / "SOURCE.md"
    source.write_text(source_markdown(), encoding="utf-8")
    return [*written, source]


# --- reading, for the build ------------------------------------------------------------------


def read_history(reader: Reader) -> History:
    """``data/reference/history/``: every period checked (SIREN, code, millésimes), every
    population checked (a whole number, the municipal one no larger than the total)."""
    folder = "reference/history"
    return History(
        identities=[
            _period(reader, o, r, "nom", "type")
            for o, r in reader.rows(f"{folder}/identites.csv", IDENTITES_HEADER)
        ],
        memberships=[
            _period(reader, o, r, "commune_code", "commune_nom", siren_field="epci_siren")
            for o, r in reader.rows(f"{folder}/adhesions.csv", ADHESIONS_HEADER)
        ],
        communes_nouvelles=[
            (
                reader.check(o, r, "ancien_code", checks.commune_code, required=True),
                reader.check(o, r, "commune_actuelle", checks.commune_code, required=True),
            )
            for o, r in reader.rows(f"{folder}/communes_nouvelles.csv", COMMUNES_NOUVELLES_HEADER)
        ],
        populations=[
            *(
                _population(reader, o, r, "siren")
                for o, r in reader.rows(f"{folder}/populations.csv", POPULATIONS_HEADER)
            ),
            *(
                _population(reader, o, r, "epci_siren", "commune_code")
                for o, r in reader.rows(
                    f"{folder}/populations_communes.csv", POPULATIONS_COMMUNES_HEADER
                )
            ),
        ],
    )


def _millesime(reader: Reader, o: Origin, r: dict[str, str], field_: str) -> int:
    """The cell as a year of MILLESIMES; 0 (and a problem) when it is not one."""
    rule = f"a millésime is one of {sorted(YEARS)}"
    value = reader.check(o, r, field_, lambda v: None if v in YEARS else rule, required=True)
    return int(value) if value in YEARS else 0


def _period(
    reader: Reader, o: Origin, r: dict[str, str], key: str, label: str, siren_field: str = "siren"
) -> Period:
    first = _millesime(reader, o, r, "premier_millesime")
    last = _millesime(reader, o, r, "dernier_millesime")
    if first and last and first > last:
        reader.problem(o, "dernier_millesime", "the last millésime is before the first", str(last))
    code_rule = checks.commune_code if key == "commune_code" else (lambda _: None)
    return Period(
        origin=o,
        siren=reader.check(o, r, siren_field, checks.siren, required=True),
        key=reader.check(o, r, key, code_rule, required=True),
        label=reader.text(o, r, label),
        first=first,
        last=last,
    )


def _population(
    reader: Reader, o: Origin, r: dict[str, str], siren_field: str, commune_field: str = ""
) -> Population:
    counts = []
    for field_ in ("population_municipale", "population_totale"):
        value = reader.check(o, r, field_, checks.non_negative_integer)
        counts.append(int(value) if value.isdigit() else None)
    municipale, totale = counts
    if not r.get("population_municipale") and not r.get("population_totale"):
        rule = "a row gives at least one population (municipale or totale)"
        reader.problem(o, "population_municipale", rule, "")
    if municipale is not None and totale is not None and municipale > totale:
        rule = f"the municipal population is larger than the total ({totale})"
        reader.problem(o, "population_municipale", rule, str(municipale))
    commune = ""
    if commune_field:
        commune = reader.check(o, r, commune_field, checks.commune_code, required=True)
    return Population(
        origin=o,
        siren=reader.check(o, r, siren_field, checks.siren, required=True),
        commune=commune,
        year=_millesime(reader, o, r, "millesime"),
        municipale=municipale,
        totale=totale,
    )


def current_sirens(records: Records) -> dict[str, str]:
    """Each SIREN a métropole has held (current or earlier) → its current SIREN."""
    current = {m.siren: m.siren for m in records.metropoles}
    return current | {m.siren_anterieur: m.siren for m in records.metropoles if m.siren_anterieur}


def cross_references(records: Records) -> list[Problem]:
    """Every SIREN of the history is a métropole's, now or before (metropoles.csv); every
    population is of a métropole, or of one of its members, in a millésime that lists it, given
    once; the members' populations add up to the métropole's."""
    known = current_sirens(records)
    rule = "unknown SIREN: neither a métropole's nor its siren_2018_if_different (metropoles.csv)"
    history = records.history
    sirens = [(p.origin, "siren", p.siren) for p in history.identities]
    sirens += [(p.origin, "epci_siren", p.siren) for p in history.memberships]
    sirens += [
        (p.origin, "epci_siren" if p.commune else "siren", p.siren) for p in history.populations
    ]
    unknown = [Problem(o, field_, rule, siren) for o, field_, siren in sirens if siren not in known]
    if unknown:
        return unknown
    return [*_listed_populations(history), *_member_sums(history.populations)]


def _held(periods_: list[Period]) -> set[tuple[str, str, int]]:
    """(SIREN, key, year) for every year of every period."""
    return {(p.siren, p.key, y) for p in periods_ for y in range(p.first, p.last + 1)}


def _listed_populations(history: History) -> list[Problem]:
    """A population is of a métropole (identites.csv) or a member (adhesions.csv) listed that
    millésime under that SIREN, and one row gives it."""
    metropoles = {(siren, year) for siren, _, year in _held(history.identities)}
    members = _held(history.memberships)
    problems = []
    first_row: dict[tuple[str, str, int], Origin] = {}
    for p in history.populations:
        key = (p.siren, p.commune, p.year)
        if key in first_row:
            rule = (
                f"a second population for the same {_what(p)} (first on line {first_row[key].line})"
            )
            problems.append(Problem(p.origin, "millesime", rule, str(p.year)))
        first_row.setdefault(key, p.origin)
        if p.commune and key not in members:
            rule = "the commune is not a member of this métropole in this millésime (adhesions.csv)"
            problems.append(Problem(p.origin, "commune_code", rule, p.commune))
        elif not p.commune and (p.siren, p.year) not in metropoles:
            rule = "no identity of this SIREN in this millésime (identites.csv)"
            problems.append(Problem(p.origin, "millesime", rule, str(p.year)))
    return problems


def _what(population: Population) -> str:
    return "commune and millésime" if population.commune else "métropole and millésime"


def _member_sums(populations: list[Population]) -> list[Problem]:
    """The members' populations of a millésime add up to the métropole's, as ``epci.json`` has
    them (a métropole's population is the sum of its communes')."""
    sums: dict[tuple[str, int, str], int] = defaultdict(int)
    for p in populations:
        if p.commune:
            sums[(p.siren, p.year, "population_municipale")] += p.municipale or 0
            sums[(p.siren, p.year, "population_totale")] += p.totale or 0
    problems = []
    for p in populations:
        for field_, value in (
            ("population_municipale", p.municipale),
            ("population_totale", p.totale),
        ):
            total = sums.get((p.siren, p.year, field_))
            if p.commune or value is None or total is None or total == value:
                continue
            rule = f"the member communes' populations (populations_communes.csv) add up to {total}"
            problems.append(Problem(p.origin, field_, rule, str(value)))
    return problems
