"""The layout of a publication, shared by the build that writes it and the server that reads it:
named graphs, file names, the prefixes used in every serialization, the publication's identity
and the check that a folder holds a whole, unchanged publication."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

from metropoles.iris import Iris

DUMP_FILE = "metropoles.nq"  # the dump the server loads: every named graph
CATALOG_FILE = "catalog.ttl"  # DCAT with distributions (sizes, checksums); not inside the dumps
SUMS_FILE = "SHA256SUMS"  # every other file's SHA-256, as ``sha256sum -c`` reads it
INDEX_FILE = "site-index.json"  # what the pages read at start (store/index.py); not in the dumps
MANIFEST_FILE = "publication.json"  # the identity: SHA-256 of SHA256SUMS, so of every file
REQUIRED_FILES = (DUMP_FILE, CATALOG_FILE)
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # a file of the folder, no path
SUMS_LINE = re.compile(rf"^([0-9a-f]{{64}})  ({FILE_NAME.pattern})$")
GRAPHS = ("ontology", "shapes", "reference", "recherche", "geometrie", "metadata")

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "igeo": "http://rdf.insee.fr/def/geo#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vann": "http://purl.org/vocab/vann/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def graph_names(iris: Iris) -> dict[str, str]:
    """Named graph IRI of each part of the publication."""
    return {name: str(iris.graph(name)) for name in GRAPHS}


def prefixes(iris: Iris) -> dict[str, str]:
    """Standard prefixes plus ``mtp:`` for the ontology under this base IRI."""
    return PREFIXES | {"mtp": str(iris.vocab)}


class PublicationError(Exception):
    """A folder that does not hold a whole, unchanged publication (one line, names the file)."""


def identity_of(sums: bytes) -> str:
    """A publication's identity: the SHA-256 of its SHA256SUMS, which covers every other file."""
    return hashlib.sha256(sums).hexdigest()


def write_manifest(
    out: Path, *, generator: str, scope: str, base_iri: str, index: str | None = None
) -> str:
    """Write ``publication.json`` (identity, what built it, and the site index file when there
    is one) next to SHA256SUMS; return the identity."""
    identity = identity_of((out / SUMS_FILE).read_bytes())
    manifest = {"identity": identity, "generator": generator, "scope": scope, "base_iri": base_iri}
    if index is not None:
        manifest["index"] = index
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (out / MANIFEST_FILE).write_text(text, encoding="utf-8")
    return identity


def check_complete(directory: Path) -> dict[str, str]:
    """The files SHA256SUMS lists (name → digest), after checking that the folder exists, that
    SHA256SUMS, the manifest, the dump and the catalogue are there, not empty, and listed."""
    if not directory.is_dir():
        raise PublicationError(f"no publication at {directory}: not a folder")
    for name in (SUMS_FILE, MANIFEST_FILE, *REQUIRED_FILES):
        _require_file(directory, name)
    listed = _read_sums(directory / SUMS_FILE)
    for name in REQUIRED_FILES:
        if name not in listed:
            raise PublicationError(f"{directory / SUMS_FILE} does not list {name}")
    for name in listed:
        _require_file(directory, name)
    return listed


def verify(directory: Path) -> str:
    """Check that ``directory`` holds a whole publication whose every byte matches SHA256SUMS and
    whose SHA256SUMS matches the identity in publication.json; return that identity."""
    return verify_and_read(directory, ())[0]


def verify_and_read(directory: Path, names: Sequence[str]) -> tuple[str, dict[str, bytes]]:
    """``verify``, and the bytes of the files ``names`` as they were checked: what is loaded
    from them is what matched SHA256SUMS, whatever happens to the files afterwards."""
    listed = check_complete(directory)
    for name in names:
        if name not in listed:
            raise PublicationError(f"{directory / SUMS_FILE} does not list {name}")
    kept = {}
    for name, digest in listed.items():
        if name in names:
            kept[name] = _read_bytes(directory / name)
            found = hashlib.sha256(kept[name]).hexdigest()
        else:
            found = _sha256_of(directory / name)
        if found != digest:
            raise PublicationError(
                f"{directory / name} does not match its SHA-256 in {SUMS_FILE} "
                "(changed or truncated since the build)"
            )
    identity = identity_of(_read_bytes(directory / SUMS_FILE))
    if _recorded_identity(directory / MANIFEST_FILE) != identity:
        raise PublicationError(
            f"{directory / SUMS_FILE} does not match the identity in {MANIFEST_FILE} "
            "(changed since the build)"
        )
    return identity, kept


def manifest(directory: Path) -> dict[str, object]:
    """The publication's ``publication.json`` (identity, generator, scope, base IRI)."""
    path = directory / MANIFEST_FILE
    try:
        found = json.loads(_read_bytes(path))
    except ValueError:
        raise PublicationError(f"{path} is not valid JSON") from None
    if not isinstance(found, dict):
        raise PublicationError(f"{path} is not a JSON object")
    return found


def built_base_iri(directory: Path) -> str:
    """The base IRI the publication in ``directory`` was built with (from its manifest)."""
    base = manifest(directory).get("base_iri")
    if not isinstance(base, str) or not base:
        raise PublicationError(f"{directory / MANIFEST_FILE} records no base_iri")
    return base


def index_file(directory: Path) -> str | None:
    """The site index file the manifest names (None for a publication built without one)."""
    name = manifest(directory).get("index")
    if name is not None and not (isinstance(name, str) and FILE_NAME.fullmatch(name)):
        raise PublicationError(f"{directory / MANIFEST_FILE} names no valid index file: {name!r}")
    return name


def check_base_iri(directory: Path, base_iri: str) -> None:
    """Refuse to serve a publication under a base IRI it was not built with: its IRIs would
    match no path, and the site would look empty."""
    built = built_base_iri(directory)
    if built.rstrip("/") != base_iri.rstrip("/"):
        raise PublicationError(
            f"{directory} was built for base IRI {built}, not {base_iri} "
            f"(serve it with --base-iri {built}, or rebuild it with --base-iri {base_iri})"
        )


def _require_file(directory: Path, name: str) -> None:
    path = directory / name
    if not path.is_file():
        raise PublicationError(f"{directory} is not a complete publication: {name} is missing")
    if path.stat().st_size == 0:
        raise PublicationError(f"{directory} is not a complete publication: {name} is empty")


def _read_sums(path: Path) -> dict[str, str]:
    listed = {}
    for number, line in enumerate(_read_bytes(path).decode("utf-8", "replace").splitlines(), 1):
        match = SUMS_LINE.match(line)
        if not match:
            raise PublicationError(f"{path}:{number}: not a '<sha256>  <file name>' line")
        listed[match.group(2)] = match.group(1)
    return listed


def _recorded_identity(path: Path) -> object:
    return manifest(path.parent).get("identity")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PublicationError(f"{path} cannot be read: {error.strerror}") from None


def _sha256_of(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as error:
        raise PublicationError(f"{path} cannot be read: {error.strerror}") from None
