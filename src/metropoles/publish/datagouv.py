"""Push a publication to a data.gouv.fr-compatible API (udata API 1): update the dataset's metadata
from the catalogue, upload or replace each file as a resource, register the SPARQL endpoint and the
home page as remote resources, and set each CSV's Table Schema.

Idempotent: a file whose checksum the API already reports is not sent again, and metadata are
written only when they differ, so a second run with nothing changed writes nothing. Each resource
is complete (file, then its metadata) before the next one starts; an API error stops the run with
one line, and the next run picks up where it stopped (resources are matched by title or, for a
file uploaded but not yet titled, by file name)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF
from rdflib.term import Node

from metropoles.publication import CATALOG_FILE, INDEX_FILE

API_KEY_VARIABLE = "METROPOLES_DATAGOUV_API_KEY"
CHECKSUMS_FILE = "SHA256SUMS"
# udata's identifiers for the Licence Ouverte 2.0 and the EU frequency of data/catalog.ttl
LICENCES = {"https://www.etalab.gouv.fr/licence-ouverte-open-licence": "lov2"}
FREQUENCIES = {
    "http://publications.europa.eu/resource/authority/frequency/IRREG": "irregular",
    "http://publications.europa.eu/resource/authority/frequency/ANNUAL": "annual",
}
DOCUMENTATION_SUFFIXES = (".schema.json", "context.jsonld", "validation-report.ttl", INDEX_FILE)
INDEX_TEXT = (
    "Index lu par le serveur au démarrage : nombre de triplets de chaque graphe nommé, IRI "
    "publiées, ressources libellées en français (recherche)."
)
CATALOG_TEXT = (
    "Catalogue DCAT-AP 3.0.1 du jeu de données : distributions (tailles, empreintes), point "
    "d'accès SPARQL."
)
Json = dict[str, Any]


class PublishError(Exception):
    """The run stopped; the message is one line saying why and what state is left."""


@dataclass(frozen=True)
class LocalFile:
    """A file of the publication and the resource metadata it should carry."""

    name: str
    path: Path
    sha256: str
    title: str
    description: str
    kind: str  # udata resource type: "main" or "documentation"
    schema_url: str | None

    def digest(self, algorithm: str) -> str | None:
        """The file's digest with the algorithm the API reports (md5, sha1, sha256)."""
        if algorithm == "sha256":
            return self.sha256
        if algorithm in ("sha1", "md5"):
            return hashlib.new(algorithm, self.path.read_bytes()).hexdigest()
        return None

    def metadata(self) -> Json:
        wanted: Json = {"title": self.title, "description": self.description, "type": self.kind}
        if self.schema_url:
            wanted["schema"] = {"url": self.schema_url}
        return wanted


@dataclass(frozen=True)
class RemoteResource:
    """A resource that is a link (the SPARQL endpoint, the home page), not a file."""

    title: str
    url: str
    description: str
    kind: str
    format: str

    def metadata(self) -> Json:
        return {
            "title": self.title,
            "url": self.url,
            "description": self.description,
            "type": self.kind,
            "format": self.format,
            "filetype": "remote",
        }


@dataclass
class Outcome:
    """What a run did (or, with --dry-run, would do)."""

    uploaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    described: list[str] = field(default_factory=list)
    metadata_updated: bool = False

    def summary(self, dry_run: bool) -> str:
        verb = "would upload" if dry_run else "uploaded"
        return (
            f"{verb} {len(self.uploaded)} new and {len(self.replaced)} changed file(s); "
            f"{len(self.unchanged)} unchanged; {len(self.described)} resource description(s) "
            f"and {'the' if self.metadata_updated else 'no'} dataset metadata "
            f"{'to write' if dry_run else 'written'}"
        )


# --- what to publish ------------------------------------------------------------------------


def read_publication(publication: Path) -> tuple[list[LocalFile], Json, list[RemoteResource]]:
    """The files (checked against SHA256SUMS), the dataset metadata and the remote resources."""
    sums = _checksums(publication)
    catalog = Graph().parse(publication / CATALOG_FILE, format="turtle")
    dataset = _dataset(catalog)
    files = [_local_file(publication, name, sha, catalog, dataset) for name, sha in sums.items()]
    checksums_path = publication / CHECKSUMS_FILE
    files.append(
        LocalFile(
            CHECKSUMS_FILE,
            checksums_path,
            hashlib.sha256(checksums_path.read_bytes()).hexdigest(),
            "metropoles — sommes de contrôle SHA-256",
            "Empreintes SHA-256 de chaque fichier (sha256sum -c SHA256SUMS les vérifie).",
            "documentation",
            None,
        )
    )
    return files, dataset_metadata(catalog, dataset), remote_resources(catalog, dataset)


def _checksums(publication: Path) -> dict[str, str]:
    path = publication / CHECKSUMS_FILE
    if not path.is_file():
        raise PublishError(f"{publication} is not a publication: {CHECKSUMS_FILE} is missing")
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        sha, _, name = line.partition("  ")
        actual = hashlib.sha256((publication / name).read_bytes()).hexdigest()
        if actual != sha:
            raise PublishError(f"{publication / name} differs from {CHECKSUMS_FILE}: rebuild first")
        sums[name] = sha
    return sums


def _dataset(catalog: Graph) -> URIRef:
    found = [s for s in catalog.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise PublishError(f"{CATALOG_FILE} describes {len(found)} datasets, expected one")
    return found[0]


def _french(graph: Graph, subject: Node, predicate: URIRef) -> str:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    french = [v for v in values if v.language == "fr"] or values
    return str(french[0]) if french else ""


def _local_file(
    publication: Path, name: str, sha: str, catalog: Graph, dataset: URIRef
) -> LocalFile:
    dist = next(
        (d for d in catalog.objects(dataset, DCAT.distribution) if _serves(catalog, d, name)), None
    )
    title = _french(catalog, dist, DCTERMS.title) if dist else ""
    description = _french(catalog, dist, DCTERMS.description) if dist else ""
    schema = catalog.value(dist, DCTERMS.conformsTo) if dist else None
    kind = "documentation" if name.endswith(DOCUMENTATION_SUFFIXES) else "main"
    if name.startswith("catalog."):  # the catalogue cannot list itself as a distribution
        title, description = f"metropoles — catalogue DCAT ({name})", CATALOG_TEXT
        kind = "documentation"
    if name == INDEX_FILE:  # nor the index of what it describes
        title, description = f"metropoles — index du site ({name})", INDEX_TEXT
    return LocalFile(
        name,
        publication / name,
        sha,
        title or f"metropoles — {name}",
        description or name,
        kind,
        str(schema) if schema is not None else None,
    )


def _serves(catalog: Graph, distribution: object, name: str) -> bool:
    url = (
        catalog.value(distribution, DCAT.downloadURL) if isinstance(distribution, URIRef) else None
    )
    return url is not None and str(url).endswith(f"/{name}")


def dataset_metadata(catalog: Graph, dataset: URIRef) -> Json:
    """udata dataset fields from the DCAT description."""
    keywords = sorted(
        str(k) for k in catalog.objects(dataset, DCAT.keyword) if isinstance(k, Literal)
    )
    metadata: Json = {
        "title": _french(catalog, dataset, DCTERMS.title),
        "description": _french(catalog, dataset, DCTERMS.description),
        "tags": sorted({_tag(k) for k in keywords}),
    }
    licence = LICENCES.get(str(catalog.value(dataset, DCTERMS.license)))
    if licence:
        metadata["license"] = licence
    frequency = FREQUENCIES.get(str(catalog.value(dataset, DCTERMS.accrualPeriodicity)))
    if frequency:
        metadata["frequency"] = frequency
    period = catalog.value(dataset, DCTERMS.temporal)
    start, end = catalog.value(period, DCAT.startDate), catalog.value(period, DCAT.endDate)
    if start is not None and end is not None:
        metadata["temporal_coverage"] = {"start": str(start), "end": str(end)}
    return metadata


def _tag(keyword: str) -> str:
    """udata tags are lower-case slugs."""
    cleaned = "".join(c if c.isalnum() else "-" for c in keyword.lower())
    return "-".join(part for part in cleaned.split("-") if part)


def remote_resources(catalog: Graph, dataset: URIRef) -> list[RemoteResource]:
    """The SPARQL endpoint of each data service serving the dataset, and the landing page."""
    found = []
    for service in sorted(catalog.subjects(DCAT.servesDataset, dataset), key=str):
        endpoint = catalog.value(service, DCAT.endpointURL)
        if isinstance(service, URIRef) and endpoint is not None:
            found.append(
                RemoteResource(
                    _french(catalog, service, DCTERMS.title),
                    str(endpoint),
                    _french(catalog, service, DCTERMS.description),
                    "api",
                    "sparql",
                )
            )
    page = catalog.value(dataset, DCAT.landingPage)
    if page is not None:
        found.append(
            RemoteResource(
                "metropoles — pages web (fiches des métropoles, pactes, contrats, communes)",
                str(page),
                "Une page HTML par ressource, en français, avec ses sources et ses liens.",
                "documentation",
                "html",
            )
        )
    return found


# --- the API --------------------------------------------------------------------------------


class Udata:
    """The few udata API 1 routes this needs; every failure becomes a one-line PublishError."""

    def __init__(self, client: httpx.Client, dataset_id: str, dry_run: bool) -> None:
        self.client = client
        self.dataset = f"/datasets/{dataset_id}"
        self.dataset_id = dataset_id
        self.dry_run = dry_run
        self.done: list[str] = []  # what is complete, for the error message

    def call(self, method: str, path: str, **kwargs: Any) -> Json:
        try:
            response = self.client.request(method, path, **kwargs)
            response.raise_for_status()
        except httpx.TimeoutException as error:
            reason = f"no answer within {self.client.timeout.read} s"
            raise self.stopped(reason, method, path) from error
        except httpx.HTTPStatusError as error:
            reason = self.reason(error.response.status_code, kwargs)
            raise self.stopped(reason, method, path) from error
        except httpx.TransportError as error:
            raise self.stopped(f"cannot reach the API ({error})", method, path) from error
        found: Json = response.json() if response.content else {}
        return found

    def reason(self, status: int, kwargs: Mapping[str, Any]) -> str:
        if status == 401:
            return f"401 Unauthorized: the API refused the key in {API_KEY_VARIABLE}"
        if status == 403:
            return "403 Forbidden: the key may not edit this dataset"
        if status == 404:
            return f"404 Not Found: no dataset {self.dataset_id!r} (or one of its resources) here"
        if status == 413:
            name = next(iter(kwargs.get("files", {}).values()), ("?",))[0]
            return f"413 Payload Too Large: the API refused the size of {name}"
        if status >= 500:
            return f"{status} server error: try again later"
        return f"{status} error"

    def stopped(self, reason: str, method: str, path: str) -> PublishError:
        state = (
            f"{len(self.done)} step(s) already complete (metadata, resources), run again to finish"
            if self.done
            else "nothing was changed"
        )
        return PublishError(f"publish stopped: {reason} ({method} {path}); {state}")

    def get_dataset(self) -> Json:
        return self.call("GET", f"{self.dataset}/")

    def update_dataset(self, changes: Json) -> None:
        if not self.dry_run:
            self.call("PUT", f"{self.dataset}/", json=changes)

    def upload(self, file: LocalFile, resource_id: str | None) -> Json:
        if self.dry_run:
            return {"id": resource_id or "", "title": file.name}
        path = f"{self.dataset}/upload/"
        if resource_id:
            path = f"{self.dataset}/resources/{resource_id}/upload/"
        with file.path.open("rb") as handle:
            return self.call("POST", path, files={"file": (file.name, handle)})

    def describe(self, resource_id: str, changes: Json) -> None:
        if not self.dry_run:
            self.call("PUT", f"{self.dataset}/resources/{resource_id}/", json=changes)

    def add_remote(self, remote: RemoteResource) -> None:
        if not self.dry_run:
            self.call("POST", f"{self.dataset}/resources/", json=remote.metadata())


# --- the run --------------------------------------------------------------------------------


def publish(
    client: httpx.Client,
    dataset_id: str,
    publication: Path,
    *,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
) -> Outcome:
    """Bring the dataset ``dataset_id`` in line with ``publication``."""
    files, metadata, remotes = read_publication(publication)
    api = Udata(client, dataset_id, dry_run)
    outcome = Outcome()
    current = api.get_dataset()
    changes = _differences(current, metadata)
    if changes:
        echo(f"dataset metadata: {', '.join(sorted(changes))}")
        api.update_dataset(changes)
        outcome.metadata_updated = True
        api.done.append("dataset metadata")
    resources = list(current.get("resources", []))
    for file in files:
        _publish_file(api, file, resources, outcome, echo)
        api.done.append(file.name)
    for remote in remotes:
        _publish_remote(api, remote, resources, outcome, echo)
        api.done.append(remote.title)
    return outcome


def _differences(current: Json, wanted: Json) -> Json:
    """The wanted fields whose value the API does not already hold."""
    return {key: value for key, value in wanted.items() if current.get(key) != value}


def _find(resources: list[Json], *titles: str) -> Json | None:
    return next((r for r in resources if r.get("title") in titles), None)


def _same_file(resource: Json, file: LocalFile) -> bool:
    checksum = resource.get("checksum") or {}
    expected = file.digest(str(checksum.get("type", "")))
    return expected is not None and expected == checksum.get("value")


def _publish_file(
    api: Udata,
    file: LocalFile,
    resources: list[Json],
    outcome: Outcome,
    echo: Callable[[str], None],
) -> None:
    resource = _find(resources, file.title, file.name)
    if resource is not None and _same_file(resource, file):
        outcome.unchanged.append(file.name)
    else:
        echo(f"{'replace' if resource else 'upload'} {file.name}")
        uploaded = api.upload(file, resource["id"] if resource else None)
        (outcome.replaced if resource else outcome.uploaded).append(file.name)
        resource = {**(resource or {}), **uploaded}
    changes = _resource_differences(resource, file.metadata())
    if changes:
        echo(f"describe {file.name}: {', '.join(sorted(changes))}")
        api.describe(str(resource["id"]), changes)
        outcome.described.append(file.name)


def _resource_differences(resource: Json, wanted: Json) -> Json:
    changes = _differences(resource, {k: v for k, v in wanted.items() if k != "schema"})
    schema = wanted.get("schema")
    if schema and (resource.get("schema") or {}).get("url") != schema["url"]:
        changes["schema"] = schema
    return changes


def _publish_remote(
    api: Udata,
    remote: RemoteResource,
    resources: list[Json],
    outcome: Outcome,
    echo: Callable[[str], None],
) -> None:
    resource = _find(resources, remote.title)
    if resource is None:
        echo(f"register {remote.url}")
        api.add_remote(remote)
        outcome.described.append(remote.title)
        return
    changes = _differences(resource, remote.metadata())
    if changes:
        echo(f"describe {remote.url}: {', '.join(sorted(changes))}")
        api.describe(str(resource["id"]), changes)
        outcome.described.append(remote.title)


def client_for(api: str, key: str | None, timeout: float) -> httpx.Client:
    """An HTTP client for the API base URL (e.g. https://www.data.gouv.fr/api/1)."""
    headers = {"Accept": "application/json", "User-Agent": "metropoles-publish"}
    if key:
        headers["X-API-KEY"] = key
    return httpx.Client(base_url=api.rstrip("/"), headers=headers, timeout=timeout)
