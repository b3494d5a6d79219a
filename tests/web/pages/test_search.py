"""The label search, in process: accent- and case-insensitive."""

from __future__ import annotations

import re

import httpx
import pytest

BASE = "https://w3id.org/metropoles"
LYON = "/doc/metropole/200046977"
MTP = f"{BASE}/def/metropoles#"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("saint etienne", "Saint-Étienne Métropole"),
        ("SAINT-ÉTIENNE", "Saint-Étienne Métropole"),
        ("metz", "Metz Métropole"),
        ("metropole de lyon", "Métropole de Lyon"),
    ],
)
def test_search_is_accent_and_case_insensitive(
    client: httpx.Client, query: str, expected: str
) -> None:
    page = client.get("/recherche", params={"q": query})
    assert page.status_code == 200
    first = re.search(r'<ol class="hits">\s*<li><a href="([^"]+)">([^<]+)</a>', page.text)
    assert first and first.group(2) == expected
    assert client.get(first.group(1)).status_code == 200


def test_each_hit_says_its_kind_whatever_other_types_it_has(client: httpx.Client) -> None:
    """A commune is also a geo:Feature (it has an outline): it is still listed as a commune."""
    page = client.get("/recherche", params={"q": "villeurbanne"})
    hits = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a> <span class="tag">([^<]+)</span>', page.text
    )
    assert ("/doc/commune/69266", "Villeurbanne", "Commune") in hits
