"""schema.org JSON-LD for search engines (https://schema.org/, the context CONVENTIONS §2.4 picks),
embedded in each page as ``<script type="application/ld+json">``."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from metropoles.publication import PREFIXES
from metropoles.web.pages.view import ResourceView

CONTEXT = PREFIXES["schema"]
TYPES = {
    "metropole": "GovernmentOrganization",
    "organisation": "Organization",
    "territoire": "AdministrativeArea",
    "commune": "AdministrativeArea",
    "departement": "AdministrativeArea",
    "region": "AdministrativeArea",
    "dataset": "Dataset",
    "concept": "DefinedTerm",
    "schema": "DefinedTermSet",
}
DCT, IGEO = PREFIXES["dct"], PREFIXES["igeo"]


def resource(view: ResourceView, url: str, mtp: str) -> dict[str, Any]:
    """The schema.org description of a resource page."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": TYPES.get(view.kind, "CreativeWork"),
        "@id": view.iri,
        "name": view.label,
        "url": url,
    }
    identifiers = _identifiers(view, mtp)
    if identifiers:
        data["identifier"] = identifiers
    issued = view.literal(DCT + "issued")
    if issued is not None:
        data["dateCreated"] = issued.value
    sources = [s.iri for s in view.sources if s.iri]
    if sources:
        data["citation"] = sources
    return data


def _identifiers(view: ResourceView, mtp: str) -> list[dict[str, str]]:
    found = []
    for prop, name in ((mtp + "siren", "SIREN"), (IGEO + "codeINSEE", "INSEE")):
        literal = view.literal(prop)
        if isinstance(literal, ox.Literal):
            found.append({"@type": "PropertyValue", "propertyID": name, "value": literal.value})
    return found


def dataset(iri: str, name: str, description: str, url: str, licence: str) -> dict[str, Any]:
    """The schema.org Dataset of the home page."""
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": iri,
        "name": name,
        "description": description,
        "url": url,
        "license": licence,
        "inLanguage": "fr",
    }


def script(data: dict[str, Any]) -> str:
    """JSON safe to embed in a <script> element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
