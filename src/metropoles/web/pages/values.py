"""How values read in French on a page; an unknown fact reads as unknown.

>>> month("2017-01")
'janvier 2017'
>>> day("2016-07-06")
'6 juillet 2016'
>>> number("1433613")
'1\u202f433\u202f613'
>>> euros(None)
'montant non connu'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import pyoxigraph as ox

from metropoles.publication import PREFIXES

XSD = PREFIXES["xsd"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
UNKNOWN_DATE = "date inconnue"
UNKNOWN_AMOUNT = "montant non connu"
NUMERIC = {f"{XSD}{t}" for t in ("integer", "positiveInteger", "nonNegativeInteger", "int")}
PRECISION = {f"{XSD}date": "jour", f"{XSD}gYearMonth": "mois", f"{XSD}gYear": "année"}


@dataclass(frozen=True)
class Value:
    """One value as shown: its text, a link when it is a resource, and its language."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None


def month(lexical: str) -> str:
    """An xsd:gYearMonth as 'mois année'."""
    year, _, mm = lexical.partition("-")
    return f"{MONTHS[int(mm[:2]) - 1]} {year}" if mm[:2].isdigit() else lexical


def day(lexical: str) -> str:
    """An xsd:date as 'jour mois année' (1er for the first day)."""
    parts = lexical[:10].split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return lexical
    number_ = "1er" if parts[2] == "01" else str(int(parts[2]))
    return f"{number_} {MONTHS[int(parts[1]) - 1]} {parts[0]}"


def number(lexical: str) -> str:
    """A number with French digit grouping (narrow no-break spaces) and decimal comma."""
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    text = f"{value:,.2f}" if value != value.to_integral() else f"{int(value):,}"
    return text.replace(",", "\u202f").replace(".", ",")


def euros(literal: ox.Literal | None) -> str:
    """An amount in euros, or 'montant non connu'."""
    return f"{number(literal.value)}\u00a0€" if literal is not None else UNKNOWN_AMOUNT


def date_text(literal: ox.Literal | None) -> str:
    """A date as precise as it is known, or 'date inconnue'."""
    if literal is None:
        return UNKNOWN_DATE
    kind = literal.datatype.value
    if kind == f"{XSD}gYearMonth":
        return month(literal.value)
    if kind == f"{XSD}date":
        return day(literal.value)
    return literal.value


def precision(literal: ox.Literal | None) -> str | None:
    """How precise a date is: 'jour', 'mois' or 'année'."""
    return PRECISION.get(literal.datatype.value) if literal is not None else None


def sort_key(literal: ox.Literal | None) -> str:
    """A key ordering dates of any precision, unknown dates last."""
    return literal.value if literal is not None else "9999"


def literal_text(literal: ox.Literal) -> str:
    """A literal as shown on a page."""
    kind = literal.datatype.value
    if kind in (f"{XSD}date", f"{XSD}gYearMonth", f"{XSD}gYear"):
        return date_text(literal)
    if kind in NUMERIC or kind == f"{XSD}decimal":
        return number(literal.value)
    return literal.value


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def text_of(term: Term) -> str:
    """The lexical value or IRI of a term (a quoted triple as N-Triples)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def domain(url: str) -> str:
    """What a long source URL reads as on a page (the link keeps the whole URL).

    >>> domain("https://www.banquedesterritoires.fr/pactes-metropolitains-dinnovation")
    'banquedesterritoires.fr'
    >>> domain("not a url")
    'not a url'
    """
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else url
