"""Label search, accent- and case-insensitive, over an index built once when the app starts.

>>> normalize("Saint-Étienne Métropole")
'saint etienne metropole'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from metropoles.store.base import Store
from metropoles.web.pages.describe import query, select
from metropoles.web.pages.terms import kind_of

KIND_RANK = {"metropole": 0, "commune": 1, "territoire": 2, "pacte": 3, "contrat": 4}
MAX_HITS = 50


@dataclass(frozen=True)
class Entry:
    """One labelled resource in the index."""

    iri: str
    label: str
    kind: str
    key: str


@dataclass(frozen=True)
class LabelIndex:
    """Normalized labels of every resource with a French rdfs:label."""

    entries: tuple[Entry, ...]

    @classmethod
    def build(cls, store: Store, base: str, prefixes: dict[str, str]) -> LabelIndex:
        """Index the store's French labels."""
        rows = select(store, query("labelled"), prefixes)
        entries = {
            row["r"].value: Entry(
                row["r"].value,
                row["label"].value,
                kind_of([row["type"].value], base),
                normalize(row["label"].value),
            )
            for row in rows
        }
        return cls(tuple(sorted(entries.values(), key=lambda e: e.key)))

    def search(self, query: str) -> list[Entry]:
        """Entries whose label holds every word of the query, best first."""
        words = normalize(query).split()
        if not words:
            return []
        hits = [e for e in self.entries if all(w in e.key for w in words)]
        return sorted(hits, key=lambda e: _rank(e, words))[:MAX_HITS]


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.split(r"[^0-9a-z]+", bare)).strip()


def _rank(entry: Entry, words: list[str]) -> tuple[int, int, int, str]:
    starts = 0 if entry.key.startswith(words[0]) else 1
    return (starts, KIND_RANK.get(entry.kind, 9), len(entry.key), entry.key)
