"""Columns that repeat a fact held elsewhere are not published a second time; each is checked
against where the fact lives, so a copy cannot silently disagree with what is published: in the
research CSVs, the Etalab name, type and population of a SIREN, the seat's département and
région, a métropole's name, the raw date a curated date was taken from, an axis label; in the
reference, a commune's région and the chefs-lieux."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from metropoles.records import Origin, Pact, Records
from metropoles.sources import checks
from metropoles.sources.checks import Problem
from metropoles.sources.csvrows import Reader, Row

WIKIDATA_ITEM = re.compile(r"^Q[1-9][0-9]*$")
PACT_SIGNED = re.compile(r"^PMI signé ([0-9]{4}-[0-9]{2}-[0-9]{2})\b")
NO_PACT = "aucun pacte"
ETALAB = "the Etalab reference epci.csv"


@dataclass
class Copies:
    """Compares copied cells with the records read from their own tables."""

    reader: Reader
    records: Records

    def same(self, o: Origin, r: Row, column: str, expected: str | None, where: str) -> None:
        """A non-empty copy must equal ``expected`` (None: nothing to compare with)."""
        value = r[column]
        if value and expected is not None and value != expected:
            self.reader.problem(o, column, f"does not match {where}: {expected!r}", value)

    def metropoles(self) -> None:
        pacts = {p.metropole_siren: p for p in self.records.pacts if not p.national}
        for o, r in self.reader.rows("sources/metropoles.csv", METROPOLE_COPIES):
            self._etalab(o, r)
            self._seat(o, r)
            for column in ("wikidata_qid", "siege_wikidata_qid"):
                self.reader.check(o, r, column, _wikidata_item)
            self.reader.check(o, r, "source_identite_siren_nom", checks.url_list)
            self.reader.check(
                o, r, "source_siege_wikidata_qid", _none, required=bool(r["siege_wikidata_qid"])
            )
            self._pact_summary(o, r, pacts.get(r["siren"]))

    def _etalab(self, o: Origin, r: Row) -> None:
        """Name, type, population and member count of the SIREN in the Etalab reference."""
        ref = self.records.reference
        e = next((e for e in ref.epci if e.siren == r["siren"]), None)
        if e is None:
            return
        where = ETALAB
        self.same(o, r, "nom_officiel_etalab_2026", e.nom, where)
        self.same(o, r, "type_etalab_2026", e.type, where)
        population = str(e.population_municipale or "")
        self.same(o, r, "population_municipale_etalab_2026", population, where)
        count = str(sum(siren == e.siren for siren, _ in ref.membres))
        self.same(o, r, "nb_communes_membres_etalab_2026", count, "membres.csv")

    def _seat(self, o: Origin, r: Row) -> None:
        """Name and département of the seat commune, région of that département."""
        ref = self.records.reference
        seat = next((c for c in ref.communes if c.code == r["siege_insee"]), None)
        if seat is None:
            return
        self.same(o, r, "siege_nom", seat.nom, "communes.csv for siege_insee")
        self.same(o, r, "siege_departement", seat.departement, "communes.csv for siege_insee")
        dep = next((d for d in ref.departements if d.code == seat.departement), None)
        region = next((g for g in ref.regions if dep and g.code == dep.region), None)
        if dep is not None and region is not None:
            self.same(o, r, "region_code", dep.region, "departements.csv for siege_insee")
            self.same(o, r, "region_nom", region.nom, "regions.csv for siege_insee")

    def _pact_summary(self, o: Origin, r: Row, pact: Pact | None) -> None:
        """'PMI signé <date>' gives the date of the métropole's pact; 'aucun pacte' says none."""
        column = "pacte_metropolitain_innovation_2016_2017"
        signed = PACT_SIGNED.match(r[column])
        if signed:
            date = pact.date if pact else "(no pact in pacts.csv)"
            self.same(o, r, column, f"PMI signé {date}{r[column][signed.end() :]}", "pacts.csv")
        elif r[column].startswith(NO_PACT) and pact is not None:
            rule = f"says no pact, but pacts.csv has {pact.id}"
            self.reader.problem(o, column, rule, r[column])

    def pacts(self) -> None:
        names = {e.siren: e.nom for e in self.records.reference.epci}
        axes = {c.id: c.label_fr for c in self.records.concepts}
        for o, r in self.reader.rows("sources/pacts.csv", PACT_COPIES):
            self.same(o, r, "metropole_nom", names.get(r["metropole_siren"]), ETALAB)
            self._raw_dates(o, r)
            month = r["signature_month"]
            if month:
                self.reader.check(o, r, "signature_month", _month)
                self.same(o, r, "signature_month", r["date"][:7] or None, "the date column")
            axis = axes.get(r["axe_national_id"])
            label = r["axe_national_2016"]
            if label and axis is not None and label.casefold() != axis.casefold():
                where = (
                    f"does not match the label of {r['axe_national_id']} in themes.csv: {axis!r}"
                )
                self.reader.problem(o, "axe_national_2016", where, label)

    def contracts(self) -> None:
        names = {e.siren: e.nom for e in self.records.reference.epci}
        types = {e.siren: e.type for e in self.records.reference.epci}
        for o, r in self.reader.rows("sources/contracts.csv", CONTRACT_COPIES):
            self.same(o, r, "metropole_nom", names.get(r["metropole_siren"]), ETALAB)
            self._raw_dates(o, r)
            self.reader.text(o, r, "partner_status_etalab_2026")
            kind = r["partner_code_type"]
            if kind.startswith("SIREN") and r["partner_code"] in types:
                expected = f"EPCI {types[r['partner_code']]}"
                # free text that names the Etalab type ("EPCI CA", "... (MET69)")
                if types[r["partner_code"]] not in re.split(r"[ ()]+", r["partner_type"]):
                    rule = f"does not match the Etalab type of partner_code: {expected!r}"
                    self.reader.problem(o, "partner_type", rule, r["partner_type"])
            elif kind.startswith("INSEE commune") and not r["partner_type"].startswith("commune"):
                rule = "does not match partner_code_type: a commune"
                self.reader.problem(o, "partner_type", rule, r["partner_type"])

    def themes(self) -> None:
        for o, r in self.reader.rows("sources/themes.csv", THEME_COPIES):
            flag = r["en_label_is_translation"]
            if r["prefLabel_en"] and not flag.startswith(("yes", "no")):
                rule = "says whether prefLabel_en is a proposed translation: yes or no"
                self.reader.problem(o, "en_label_is_translation", rule, flag)
            elif not r["prefLabel_en"] and flag:
                self.reader.problem(
                    o, "en_label_is_translation", "no prefLabel_en to qualify", flag
                )

    def reference(self) -> None:
        """A commune's région is its département's; chefs-lieux are commune codes."""
        folder = f"reference/{self.records.scope}"
        regions = {d.code: d.region for d in self.records.reference.departements}
        for o, r in self.reader.rows(f"{folder}/communes.csv", ("departement", "region")):
            self.same(o, r, "region", regions.get(r["departement"]), "departements.csv")
        for table in ("departements", "regions"):
            for o, r in self.reader.rows(f"{folder}/{table}.csv", ("chef_lieu",)):
                self.reader.check(o, r, "chef_lieu", checks.commune_code, required=True)

    def _raw_dates(self, o: Origin, r: Row) -> None:
        """The raw signature_date the curated date was taken from: equal when both are a day."""
        self.reader.check(o, r, "signature_date", checks.partial_date)
        if len(r["date"]) == 10:
            self.same(o, r, "signature_date", r["date"], "the date column")


METROPOLE_COPIES = (
    "siren",
    "siege_insee",
    "nom_officiel_etalab_2026",
    "type_etalab_2026",
    "population_municipale_etalab_2026",
    "nb_communes_membres_etalab_2026",
    "siege_nom",
    "siege_departement",
    "region_code",
    "region_nom",
    "wikidata_qid",
    "siege_wikidata_qid",
    "source_identite_siren_nom",
    "source_siege_wikidata_qid",
    "pacte_metropolitain_innovation_2016_2017",
)
PACT_COPIES = (
    "metropole_siren",
    "metropole_nom",
    "date",
    "signature_date",
    "signature_month",
    "axe_national_id",
    "axe_national_2016",
)
CONTRACT_COPIES = (
    "metropole_siren",
    "metropole_nom",
    "date",
    "signature_date",
    "partner_code",
    "partner_code_type",
    "partner_type",
    "partner_status_etalab_2026",
)
THEME_COPIES = ("prefLabel_en", "en_label_is_translation")


def check(data_dir: Path, records: Records) -> list[Problem]:
    """Every copied column of sources/ against the table its fact comes from."""
    copies = Copies(Reader(data_dir), records)
    copies.metropoles()
    copies.pacts()
    copies.contracts()
    copies.themes()
    copies.reference()
    return copies.reader.problems


def _wikidata_item(value: str) -> str | None:
    return None if WIKIDATA_ITEM.match(value) else "a Wikidata item is Q followed by digits"


def _month(value: str) -> str | None:
    return None if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value) else "a month is written YYYY-MM"


def _none(_: str) -> str | None:
    return None
