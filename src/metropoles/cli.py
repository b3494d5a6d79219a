"""Command line: ``metropoles build | reference | geo | serve | load | export-site | publish``.
Each command parses its flags and calls one function."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from metropoles.config import Settings


def _settings(**changes: object) -> Settings:
    return Settings.from_env(os.environ).replace(**changes)


@click.group()
@click.version_option(package_name="metropoles")
def main() -> None:
    """Publish the French métropoles, their pacts and cooperation contracts as linked open data."""


@main.command()
@click.option(
    "--scope",
    type=click.Choice(["metropoles", "france"]),
    default=None,
    help="What to publish: the 22 métropoles (default) or all of France.",
)
@click.option(
    "--out",
    "publication_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Publication folder (default: build/publication).",
)
@click.option("--base-iri", default=None, help="Base IRI of every minted IRI.")
def build(scope: str | None, publication_dir: Path | None, base_iri: str | None) -> None:
    """Validate the data and write the publication (dumps, checksums, catalogue)."""
    from metropoles.progress import Stages
    from metropoles.publish.build import BUILD_STAGES, BuildError, build_publication

    settings = _settings(scope=scope, publication_dir=publication_dir, base_iri=base_iri)
    stages = Stages(total=len(BUILD_STAGES))
    try:
        result = build_publication(settings, stages)
    except BuildError as error:
        stages.finish()
        click.echo(str(error), err=True)
        sys.exit(1)
    stages.finish()
    click.echo(result.summary())


@main.command()
@click.option(
    "--tarball",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Local copy of the @etalab/decoupage-administratif tarball "
    "(default: download it from the npm registry and check its integrity).",
)
@click.option(
    "--archives",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of the pinned earlier versions' tarballs, as `npm pack` names them, for the "
    "history of the métropoles (default: download each and check its integrity).",
)
def reference(tarball: Path | None, archives: Path | None) -> None:
    """Regenerate data/reference/ (and its history/) from the official Etalab package."""
    from metropoles.sources.history import write_history
    from metropoles.sources.refdata import RefDataError, regenerate

    data_dir = _settings().data_dir
    try:
        written = regenerate(data_dir, tarball)
        current = tarball.read_bytes() if tarball is not None else None
        written += write_history(data_dir, archives, current)
    except (RefDataError, OSError) as error:  # OSError: the network (URLError), a full disk
        click.echo(f"reference data not regenerated: {error}", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of IGN Admin Express outlines in the france-geojson layout "
    "(communes/communes-DD-name.geojson, departements-/regions-version-simplifiee.geojson).",
)
def geo(source: Path) -> None:
    """Regenerate data/geo/ (outlines of the scope's communes, partner EPCI, départements and
    régions) from a folder of IGN Admin Express outlines."""
    from metropoles.sources.geodata import GeoDataError, refresh

    try:
        written = refresh(source, _settings().data_dir)
    except GeoDataError as error:
        click.echo(f"outlines not regenerated: {error}", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default 8000).")
@click.option(
    "--publication",
    "publication_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Publication folder to serve; built first when it has none.",
)
@click.option(
    "--base-iri",
    default=None,
    help="Base IRI to serve (default: the one the publication was built with).",
)
@click.option(
    "--store",
    "store_url",
    default=None,
    help="SPARQL query URL of a store holding the publication (see `load`); "
    "default: an embedded store.",
)
def serve(
    host: str | None,
    port: int | None,
    publication_dir: Path | None,
    base_iri: str | None,
    store_url: str | None,
) -> None:
    """Serve the publication: SPARQL endpoint, dereferenceable IRIs and pages.

    The publication is verified first (every file against SHA256SUMS); a missing, incomplete or
    changed one is refused with one line and exit code 1, never served."""
    from metropoles.publication import PublicationError, built_base_iri
    from metropoles.publish.build import BuildError
    from metropoles.web.server import run

    settings = _settings(
        host=host,
        port=port,
        publication_dir=publication_dir,
        base_iri=base_iri,
        store_url=store_url,
    )
    try:
        _publication_to_serve(settings)
        if base_iri is None and "METROPOLES_BASE_IRI" not in os.environ:
            settings = settings.replace(base_iri=built_base_iri(settings.publication_dir))
        run(settings)
    except BuildError as error:
        click.echo(f"no publication to serve, and the build failed: {error}", err=True)
        sys.exit(1)
    except PublicationError as error:
        click.echo(f"publication not served: {error}; rebuild it with `metropoles build`", err=True)
        sys.exit(1)


@main.command()
@click.option("--to", "gsp_url", required=True, help="Graph Store HTTP Protocol URL of the store.")
@click.option(
    "--query",
    "query_url",
    default=None,
    help="SPARQL query URL of the store (default: next to --to, e.g. /store -> /query).",
)
@click.option(
    "--publication",
    "publication_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Publication folder to load (default: build/publication).",
)
def load(gsp_url: str, query_url: str | None, publication_dir: Path | None) -> None:
    """Put every named graph of a publication into a SPARQL 1.1 store, then check the counts."""
    from metropoles.progress import Stages
    from metropoles.publication import PublicationError
    from metropoles.store.loading import LoadError, load, query_url_of
    from metropoles.store.remote import RemoteStoreError

    settings = _settings(publication_dir=publication_dir)
    query = query_url or query_url_of(gsp_url)
    if query is None:
        click.echo(f"no query URL known next to {gsp_url}: give it with --query", err=True)
        sys.exit(2)
    stages = Stages(total=2 + 5)
    try:
        loaded = load(settings.publication_dir, gsp_url, query, stages)
    except (LoadError, PublicationError, RemoteStoreError, TimeoutError) as error:
        stages.finish()
        click.echo(f"publication not loaded: {error}", err=True)
        sys.exit(1)
    stages.finish()
    click.echo(loaded.summary(query))


@main.command("export-site")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write.")
@click.option(
    "--publication",
    "publication_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Publication folder to export (default: build/publication).",
)
def export_site(out: Path, publication_dir: Path | None) -> None:
    """Write every page in every format as static files, with an nginx config for conneg."""
    from metropoles.progress import Stages
    from metropoles.publication import PublicationError, built_base_iri
    from metropoles.web.mirror import NGINX_FILE, export_site

    settings = _settings(publication_dir=publication_dir)
    stages = Stages(total=3)
    try:
        folder = settings.publication_dir
        settings = settings.replace(base_iri=built_base_iri(folder), workers=1)
        count = export_site(folder, out, settings, stages)
    except PublicationError as error:
        stages.finish()
        click.echo(f"site not exported: {error}", err=True)
        sys.exit(1)
    stages.finish()
    click.echo(f"wrote {count} files to {out} (nginx rules in {out / NGINX_FILE})")


def _publication_to_serve(settings: Settings) -> None:
    """Build the publication when its folder does not exist; refuse an incomplete one."""
    from metropoles.publication import check_complete
    from metropoles.publish.build import build_publication

    folder = settings.publication_dir
    if not os.path.lexists(folder):
        build_publication(settings)
    check_complete(folder)


@main.command()
@click.option(
    "--api", required=True, help="udata API 1 base URL, e.g. https://www.data.gouv.fr/api/1."
)
@click.option("--dataset", "dataset_id", required=True, help="Identifier (or slug) of the dataset.")
@click.option(
    "--publication",
    "publication_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Publication folder to push (default: build/publication).",
)
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--timeout", type=float, default=60.0, help="Seconds to wait for each API answer.")
def publish(
    api: str, dataset_id: str, publication_dir: Path | None, dry_run: bool, timeout: float
) -> None:
    """Push the publication to data.gouv.fr (or any udata): metadata, files, schemas, endpoint.
    The API key is read from METROPOLES_DATAGOUV_API_KEY only."""
    from metropoles.publish.datagouv import API_KEY_VARIABLE, PublishError, client_for
    from metropoles.publish.datagouv import publish as push

    key = os.environ.get(API_KEY_VARIABLE)
    if not key and not dry_run:
        click.echo(f"publish stopped: set {API_KEY_VARIABLE} to the API key", err=True)
        sys.exit(1)
    publication = publication_dir or _settings().publication_dir
    try:
        with client_for(api, key, timeout) as client:
            outcome = push(client, dataset_id, publication, dry_run=dry_run, echo=click.echo)
    except PublishError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(outcome.summary(dry_run))
