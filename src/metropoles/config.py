"""Runtime settings: one frozen dataclass, built once from flags and ``METROPOLES_*`` variables."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def _project_dir() -> Path:
    """The source checkout when running from one (editable install), else the current folder."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "data").is_dir() else Path.cwd()


PROJECT_DIR = _project_dir()
DEFAULT_BASE_IRI = "https://w3id.org/metropoles"


def _field(default: Any, help_: str) -> Any:
    return field(default=default, metadata={"help": help_})


@dataclass(frozen=True)
class Settings:
    """Every knob of the publisher, with its default and a one-line help."""

    base_iri: str = _field(DEFAULT_BASE_IRI, "Base IRI of every minted IRI (no trailing slash)")
    scope: str = _field("metropoles", "Build scope: 'metropoles' (default) or 'france'")
    project_dir: Path = _field(PROJECT_DIR, "Folder holding data/, ontology/ and shapes/")
    publication_dir: Path = _field(PROJECT_DIR / "build" / "publication", "Publication folder")
    public_url: str = _field(
        "", "URL the server is reached at, when it differs from base_iri (its path: a proxy's)"
    )
    host: str = _field("127.0.0.1", "Address the server listens on")
    port: int = _field(8000, "Port the server listens on")
    query_timeout: float = _field(5.0, "Hard limit, in seconds, on one SPARQL query")
    max_rows: int = _field(100_000, "Row cap on query results (truncation is reported)")
    max_query_bytes: int = _field(32_768, "Largest accepted SPARQL query, in bytes")
    max_query_depth: int = _field(64, "Deepest accepted nesting of brackets in a query")
    workers: int = _field(2, "Query worker processes")
    max_query_memory: int = _field(192, "Memory, in MiB, one query may add to its worker")
    max_header_bytes: int = _field(131_072, "Largest accepted request line and headers, in bytes")
    max_headers: int = _field(100, "Most header fields accepted in one request")
    client_timeout: float = _field(10.0, "Seconds a client has to send a request's head or body")
    max_connections: int = _field(256, "Open connections and requests served at once")
    store_url: str = _field("", "SPARQL query URL of an external store (empty: embedded store)")
    access_log: bool = _field(True, "Log each request to stdout (Common Log Format + duration)")

    @property
    def public_path(self) -> str:
        """The path of ``public_url`` without its last slash: where the site sits on its public
        host, behind a proxy that strips it ("" at the root, or without a public URL).

        >>> Settings(public_url="https://example.org/lod/").public_path
        '/lod'
        """
        return urlsplit(self.public_url).path.rstrip("/")

    @property
    def data_dir(self) -> Path:
        return self.project_dir / "data"

    @property
    def ontology_dir(self) -> Path:
        return self.project_dir / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.project_dir / "shapes"

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied, skipping values left as None."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Settings from ``METROPOLES_<FIELD>`` variables; unset ones keep their default."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"METROPOLES_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(raw, f.default)
        return cls(**values)


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes"}
    return type(default)(raw)
