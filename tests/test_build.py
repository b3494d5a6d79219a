"""End to end: the real data builds, every dump parses to the same triples in two parsers, the
checksums verify, two builds are byte-identical, and a failed build changes nothing."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import source_counts
from session_build import SessionBuild

from metropoles.config import Settings
from metropoles.formats import RDF_FORMATS, rdf_format
from metropoles.publication import verify
from metropoles.publish import validation
from metropoles.publish.build import BuildError, build_publication

BASE = "https://w3id.org/metropoles"


def load_store(publication: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(publication / "metropoles.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def count(store: ox.Store, pattern: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}"
    solution = next(iter(store.query(query, use_default_graph_as_union=True)))
    return int(solution["n"].value)


def test_publishes_everything_in_the_reference_data(publication_dir: Path) -> None:
    store = load_store(publication_dir)
    mtp = f"<{BASE}/def/metropoles#"
    assert count(store, f"?s a {mtp}Metropole>") == source_counts.metropoles()
    innovation = source_counts.innovation_pacts()
    assert count(store, f"?s a {mtp}PacteMetropolitainInnovation>") == innovation
    assert count(store, f"?s a {mtp}PacteEtatMetropoles>") == 1
    assert count(store, f"?s a {mtp}ContratDeCooperation>") == source_counts.contracts()
    assert count(store, f"?s a {mtp}RechercheSansResultat>") == source_counts.searches()
    igeo = "<http://rdf.insee.fr/def/geo#"
    members = f"?m a {mtp}Metropole> ; {mtp}territoire> ?t . ?t {igeo}subdivisionDirecte> ?s"
    assert count(store, members) == source_counts.metropole_members()


def test_unknown_facts_stay_unknown(publication_dir: Path) -> None:
    store = load_store(publication_dir)
    issued = "http://purl.org/dc/terms/issued"
    grand_paris = list(
        store.quads_for_pattern(
            ox.NamedNode(f"{BASE}/id/pacte/pmi-grandparis"), ox.NamedNode(issued), None
        )
    )
    assert [q.object for q in grand_paris] == [
        ox.Literal("2017-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    ]
    nice = list(
        store.quads_for_pattern(
            ox.NamedNode(f"{BASE}/id/pacte/pmi-nice"), ox.NamedNode(issued), None
        )
    )
    assert nice == []


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.name)
def test_every_dump_parses_to_the_same_triples(publication_dir: Path, fmt: object) -> None:
    name = fmt.extension  # type: ignore[attr-defined]
    path = publication_dir / f"metropoles.{name}"
    oxi = list(ox.parse(path=str(path), format=fmt.oxigraph))  # type: ignore[attr-defined]
    if fmt.quads:  # type: ignore[attr-defined]
        graph: rdflib.Dataset | rdflib.Graph = rdflib.Dataset()
        graph.parse(path, format=fmt.rdflib_name)  # type: ignore[attr-defined]
        assert len(oxi) == sum(len(g) for g in graph.graphs() if len(g))
    else:
        graph = rdflib.Graph()
        graph.parse(path, format=fmt.rdflib_name)  # type: ignore[attr-defined]
        assert len(oxi) == len(graph)
    assert (
        gzip.decompress((publication_dir / f"metropoles.{name}.gz").read_bytes())
        == path.read_bytes()
    )


def test_union_dumps_hold_the_same_triples(publication_dir: Path) -> None:
    def triples(name: str) -> set[str]:
        return {
            str(t)
            for t in ox.parse(
                path=str(publication_dir / name), format=rdf_format(name.split(".")[1]).oxigraph
            )
        }

    nt = triples("metropoles.nt")
    assert triples("metropoles.ttl") == nt
    assert triples("metropoles.rdf") == nt


def test_checksums_verify(publication_dir: Path) -> None:
    lines = (publication_dir / "SHA256SUMS").read_text().splitlines()
    assert len(lines) >= 15
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((publication_dir / name).read_bytes()).hexdigest() == digest


def test_two_builds_are_byte_identical(publication_dir: Path, tmp_path: Path) -> None:
    """The second build runs in another process with another hash seed."""
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "metropoles", "build", "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    first = sorted(p.name for p in publication_dir.iterdir())
    assert sorted(p.name for p in out.iterdir()) == first
    for name in first:
        assert (out / name).read_bytes() == (publication_dir / name).read_bytes(), name


def test_no_blank_nodes_in_the_data(publication_dir: Path) -> None:
    data_graphs = (f"{BASE}/graph/reference", f"{BASE}/graph/recherche", f"{BASE}/graph/metadata")
    for quad in ox.parse(path=str(publication_dir / "metropoles.nq"), format=ox.RdfFormat.N_QUADS):
        if quad.graph_name.value in data_graphs:
            assert not isinstance(quad.subject, ox.BlankNode), quad
            assert not isinstance(quad.object, ox.BlankNode), quad


def test_failed_build_leaves_previous_publication_untouched(project_copy: Path) -> None:
    out = project_copy / "build" / "publication"
    settings = Settings(project_dir=project_copy, publication_dir=out)
    build_publication(settings)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    contracts = project_copy / "data" / "sources" / "contracts.csv"
    contracts.write_text(
        contracts.read_text(encoding="utf-8").replace(",2019-04-10\n", ",2019-13-10\n"),
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="contracts.csv"):
        build_publication(settings)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    version = f"publication-{json.loads(before['publication.json'])['identity'][:16]}"
    assert sorted(p.name for p in out.parent.iterdir()) == ["publication", version]


def test_the_publication_has_an_identity(publication_dir: Path) -> None:
    """publication.json names the build: the SHA-256 of SHA256SUMS, which covers every file."""
    manifest = json.loads((publication_dir / "publication.json").read_text(encoding="utf-8"))
    sums = (publication_dir / "SHA256SUMS").read_bytes()
    assert manifest["identity"] == hashlib.sha256(sums).hexdigest()
    assert manifest["scope"] == "metropoles" and manifest["base_iri"] == BASE
    assert "publication.json" not in sums.decode()
    assert publication_dir.resolve().name == f"publication-{manifest['identity'][:16]}"


def test_a_full_disk_is_one_line_naming_the_folder(publication_dir: Path, tmp_path: Path) -> None:
    """The build's process may not write files past 64 KiB (the kernel's EFBIG, like ENOSPC an
    OSError on write): one line, exit 1, the previous publication untouched."""
    out = tmp_path / "publication"
    shutil.copytree(publication_dir.resolve(), tmp_path / "previous")
    out.symlink_to("previous")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    command = [sys.executable, "-m", "metropoles", "build", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_files)
    assert done.returncode == 1
    assert done.stderr == (
        f"could not write the publication {out}: File too large (in folder {tmp_path})\n"
    )
    assert verify(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["previous", "publication"]


def test_shacl_violation_names_the_source_row(project_copy: Path) -> None:
    """A pact dated before the national pact passes the field checks but not the shapes."""
    pacts = project_copy / "data" / "sources" / "pacts.csv"
    lines = pacts.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("PMI-NANTES"))
    lines[line - 1] = lines[line - 1].replace(",2017-01-23,", ",2016-01-23,")
    lines[line - 1] = lines[line - 1].replace(",2016-01-23,2017-01,", ",2016-01-23,2016-01,")
    pacts.write_text("".join(lines), encoding="utf-8")
    metropoles = project_copy / "data" / "sources" / "metropoles.csv"
    text = metropoles.read_text(encoding="utf-8")
    assert "PMI signé 2017-01-23" in text
    metropoles.write_text(text.replace("PMI signé 2017-01-23", "PMI signé 2016-01-23"), "utf-8")
    settings = Settings(project_dir=project_copy, publication_dir=project_copy / "out")
    with pytest.raises(BuildError) as caught:
        build_publication(settings)
    report = str(caught.value)
    assert f"{BASE}/id/pacte/pmi-nantes [data/sources/pacts.csv:{line}]" in report
    assert not (project_copy / "out").exists()


def test_other_base_iri(other_base_publication: Path, other_base_iri: str) -> None:
    text = (other_base_publication / "metropoles.nt").read_text(encoding="utf-8")
    assert f"<{other_base_iri}/id/metropole/200046977>" in text
    assert f"<{other_base_iri}/def/metropoles#Metropole>" in text
    assert "w3id.org/metropoles" not in text


def test_csv_exports(publication_dir: Path) -> None:
    import csv

    with (publication_dir / "metropoles.csv").open(encoding="utf-8", newline="") as handle:
        metropoles = list(csv.DictReader(handle))
    assert len(metropoles) == source_counts.metropoles()
    lyon = next(row for row in metropoles if row["siren"] == "200046977")
    assert lyon["type"] == "MET69"
    assert lyon["date_signature_pacte"] == "2017-03-20"
    assert lyon["date_signature_pacte_texte"] == "20 mars 2017"
    with (publication_dir / "contrats.csv").open(encoding="utf-8", newline="") as handle:
        contrats = list(csv.DictReader(handle))
    assert len(contrats) == source_counts.contracts()  # one row per contract
    assert {row["precision_date"] for row in contrats} >= {"jour", "mois", "année", ""}
    unconfirmed = sum(len(r["partenaires_non_confirmes"].split(" | ")) for r in contrats
                      if r["partenaires_non_confirmes"])  # fmt: skip
    assert unconfirmed == source_counts.unconfirmed_partner_rows()
    with (publication_dir / "communes.csv").open(encoding="utf-8", newline="") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) >= source_counts.metropole_members()


def test_jsonld_holds_exactly_the_ntriples(publication_dir: Path) -> None:
    jsonld = {
        q.triple
        for q in ox.parse(
            path=str(publication_dir / "metropoles.jsonld"), format=ox.RdfFormat.JSON_LD
        )
    }
    nt = {
        q.triple
        for q in ox.parse(
            path=str(publication_dir / "metropoles.nt"), format=ox.RdfFormat.N_TRIPLES
        )
    }
    assert jsonld == nt
    context = (publication_dir / "context.jsonld").read_text(encoding="utf-8")
    assert '"mtp": "https://w3id.org/metropoles/def/metropoles#"' in context


def test_every_metropole_has_an_agreement_or_a_published_search(publication_dir: Path) -> None:
    """The published graph answers "no agreement found" only where a search says so, and never
    leaves a métropole unanswered."""
    store = load_store(publication_dir)
    mtp = f"<{BASE}/def/metropoles#"
    agreement = f"?a a {mtp}ContratDeCooperation> ; {mtp}metropole>|{mtp}partenaire> ?s"
    search = f"?r a {mtp}RechercheSansResultat> ; {mtp}metropoleRecherchee> ?s"
    neither = (
        f"?s a {mtp}Metropole> FILTER NOT EXISTS {{ {agreement} }} FILTER NOT EXISTS {{ {search} }}"
    )
    assert count(store, neither) == 0
    both = f"?s a {mtp}Metropole> FILTER EXISTS {{ {agreement} }} FILTER EXISTS {{ {search} }}"
    assert count(store, both) == 0
    assert count(store, search) == source_counts.searches()


def test_the_union_dump_conforms_to_the_published_shapes(publication_dir: Path) -> None:
    """What is published is what is validated: the union of every graph of the N-Quads dump,
    against the shapes and the ontology that the dump itself carries."""
    dataset = rdflib.Dataset()
    dataset.parse(publication_dir / "metropoles.nq", format="nquads")
    union, shapes, ontology = rdflib.Graph(), rdflib.Graph(), rdflib.Graph()
    for subject, predicate, obj, graph in dataset.quads():
        union.add((subject, predicate, obj))
        if graph == rdflib.URIRef(f"{BASE}/graph/shapes"):
            shapes.add((subject, predicate, obj))
        elif graph == rdflib.URIRef(f"{BASE}/graph/ontology"):
            ontology.add((subject, predicate, obj))
    assert len(shapes) and len(ontology)
    report = validation.validate(union, ontology, shapes)
    assert report.violations == []


def test_the_build_says_what_each_figure_counts(session_build: SessionBuild) -> None:
    result = session_build.result
    store = load_store(result.directory)
    void = store.query(
        "SELECT ?n WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ; "
        "<http://rdfs.org/ns/void#triples> ?n ; <http://rdfs.org/ns/void#sparqlEndpoint> ?e }",
        use_default_graph_as_union=True,
    )
    assert [int(row["n"].value) for row in void] == [result.triples]  # type: ignore[index]
    lines = (result.directory / "metropoles.nq").read_text(encoding="utf-8").splitlines()
    assert result.statements == len(lines) > result.triples
    summary = result.summary()
    assert f"{result.triples} data triples ({result.statements} statements in the dumps" in summary
