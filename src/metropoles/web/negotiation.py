"""Content negotiation (RFC 9110 §12.5.1): pick the best offered media type for an Accept header,
and the pyoxigraph format of a chosen RDF type. Pure functions; routers decide what they offer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; a missing or empty header accepts everything.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/html;q=0.5, */*;q=0.1")]
    [('text', 'html', 0.5), ('*', '*', 0.1)]
    """
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if "/" not in media:
            continue
        main, sub = media.lower().split("/", 1)
        ranges.append(MediaRange(main, sub, _quality(params)))
    return ranges


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def best_match(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type with the highest quality; ties go to the server's order.
    None when nothing offered is acceptable (the caller answers 406).

    >>> best_match("application/ld+json;q=0.9, text/turtle", ["application/ld+json", "text/turtle"])
    'text/turtle'
    >>> best_match("image/png", ["text/turtle"]) is None
    True
    """
    ranges = parse_accept(header)
    best: tuple[float, int] = (0.0, 0)
    chosen = None
    for index, media_type in enumerate(offered):
        q = _quality_of(media_type, ranges)
        if q > 0 and (q, -index) > best:
            best, chosen = (q, -index), media_type
    return chosen


def _quality_of(media_type: str, ranges: list[MediaRange]) -> float:
    """Quality given by the most specific range that matches (RFC 9110 §12.5.1)."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: r.specificity).q


def rdf_format(media_type: str) -> ox.RdfFormat:
    """The pyoxigraph format of an RDF media type from formats.RDF_FORMATS."""
    found = ox.RdfFormat.from_media_type(media_type)
    if found is None:
        raise ValueError(f"not an RDF media type: {media_type}")
    return found
