"""Label search, accent- and case-insensitive, over the labels of the publication's site index
(each label's key made by ``store.index.normalize``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from metropoles.store.index import SiteIndex, normalize
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
    """Normalized labels of every resource with a French rdfs:label, made on the first search."""

    index: SiteIndex

    @classmethod
    def build(cls, index: SiteIndex) -> LabelIndex:
        """The search over the publication's labelled resources."""
        return cls(index)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every labelled resource with its kind, sorted by key."""
        base = self.index.base
        return tuple(Entry(e.iri, e.label, kind_of(list(e.types), base), e.key)
                     for e in self.index.labelled)  # fmt: skip

    def search(self, query: str) -> list[Entry]:
        """Entries whose label holds every word of the query, best first."""
        words = normalize(query).split()
        if not words:
            return []
        hits = [e for e in self.entries if all(w in e.key for w in words)]
        return sorted(hits, key=lambda e: _rank(e, words))[:MAX_HITS]


def _rank(entry: Entry, words: list[str]) -> tuple[int, int, int, str]:
    starts = 0 if entry.key.startswith(words[0]) else 1
    return (starts, KIND_RANK.get(entry.kind, 9), len(entry.key), entry.key)
