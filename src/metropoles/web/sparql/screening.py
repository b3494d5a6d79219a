"""Screen a SPARQL query before the engine sees it: size, bracket depth, query form, updates,
SERVICE and dataset clauses. A lexical pass that skips strings, IRIs and comments; pyoxigraph
0.5.13 crashes its process on about 3,000 nested brackets, so depth is refused here.

Oxigraph 0.5.13 (pyoxigraph and the ``oxigraph serve`` server alike) also overflows its stack
on long runs of one construct side by side, each nesting the query's algebra one level deeper:
about 3,000 BINDs, groups (``{…} {…}``), MINUS or FILTER EXISTS, 7,000 ``+`` or ``*``, 7,000
UNIONs. The embedded store runs queries in workers that may crash; a remote store is a server
that must not, so for it (``max_chain``) the screen also counts those elements along each
bracket path and refuses a query past MAX_CHAIN (a third of the smallest crash)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
MAX_CHAIN = 1000  # elements side by side along one bracket path, for a remote store
CHAINED = frozenset("+-*/")  # binary operators: a run of one nests the algebra as deep
CHAIN_WORDS = frozenset({"UNION", "MINUS"})  # and each bracketed part ({…}, BIND(…), EXISTS {…})

_TOKEN = re.compile(
    r"""
     (?P<comment>\#[^\n\r]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    |(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    |(?P<word>[^\W\d][\w.-]*(?::[\w.:%\\-]*)?|:[\w.:%\\-]*)
    |(?P<number>\d+)
    |(?P<open>[({\[])
    |(?P<close>[)}\]])
    |(?P<bang>!)
    |(?P<space>\s+)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Refusal(Exception):
    """A query refused before execution, with its HTTP status and a problem title."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail


@dataclass(frozen=True)
class Screened:
    """What the screen learnt about an accepted query."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    has_dataset: bool  # the query names its own FROM / FROM NAMED graphs
    limit: int | None = None  # the outermost LIMIT, if any


def screen(text: str, max_bytes: int, max_depth: int, max_chain: int | None = None) -> Screened:
    """Return what an acceptable query is, or raise Refusal (413, 400 or 403); with
    ``max_chain``, also refuse more than that many operators, UNION/MINUS and bracketed parts
    side by side along one bracket path.

    >>> screen("SELECT * { ?s ?p 'DELETE' }", 1000, 8).form
    'SELECT'
    >>> try:
    ...     screen("INSERT DATA { <a:s> <a:p> <a:o> }", 1000, 8)
    ... except Refusal as refusal:
    ...     print(refusal.status, refusal.title)
    403 Read-only endpoint
    >>> try:
    ...     screen("SELECT * { " + "{} " * 20 + "}", 1000, 8, max_chain=10)
    ... except Refusal as refusal:
    ...     print(refusal.status, refusal.title)
    400 Query too long a chain
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise Refusal(413, "Query too large", f"query is {size} bytes, the limit is {max_bytes}")
    tokens = list(_tokens(text, max_depth, max_chain))
    words = [word for word, _ in tokens if not word.isdigit()]
    _refuse_keywords(words)
    form = next((w for w in words if w in QUERY_FORMS), None)
    if form is None:
        raise Refusal(400, "Malformed query", "no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    return Screened(text, form, "FROM" in words, _outer_limit(tokens))


def _outer_limit(tokens: list[tuple[str, int]]) -> int | None:
    """The integer after a LIMIT outside every bracket (the query's own solution modifier)."""
    pairs = zip(tokens, tokens[1:], strict=False)
    limits = [int(n) for (w, d), (n, _) in pairs if w == "LIMIT" and d == 0 and n.isdigit()]
    return limits[-1] if limits else None


def _tokens(text: str, max_depth: int, max_chain: int | None) -> Iterator[tuple[str, int]]:
    """Upper-cased bare keywords and integers of ``text`` with their bracket depth."""
    depth = bangs = 0
    chain = _Chain(max_chain)
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        bangs = bangs + 1 if kind == "bang" else 0 if kind != "space" else bangs
        if kind == "open":
            depth += 1
            chain.open()
        elif kind == "close":
            depth = max(0, depth - 1)
            chain.close()
        elif (kind == "word" and ":" not in match.group()) or kind == "number":
            yield match.group().upper(), depth
            if match.group().upper() in CHAIN_WORDS:
                chain.add()
        elif kind == "other" and match.group() == "\\":
            raise Refusal(400, "Malformed query", "escape sequences outside strings are refused")
        elif kind == "other" and match.group() in CHAINED:
            chain.add()
        if depth + bangs > max_depth:
            raise Refusal(400, "Query nested too deeply", f"nesting deeper than {max_depth}")


class _Chain:
    """Elements side by side at each open bracket level, summed along the current path (how
    deep the engine's algebra nests); refuses past ``limit`` (None: no limit)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.levels = [0]
        self.total = 0

    def add(self) -> None:
        self.levels[-1] += 1
        self.total += 1
        if self.limit is not None and self.total > self.limit:
            raise Refusal(
                400,
                "Query too long a chain",
                f"more than {self.limit} operators, UNION, MINUS or bracketed parts side by "
                "side (the store behind this endpoint would overflow its stack)",
            )

    def open(self) -> None:
        self.add()  # the bracketed part is one element of its level
        self.levels.append(0)

    def close(self) -> None:
        if len(self.levels) > 1:
            self.total -= self.levels.pop()


def _refuse_keywords(words: list[str]) -> None:
    if UPDATE_KEYWORDS.intersection(words):
        raise Refusal(
            403, "Read-only endpoint", "updates are not accepted: this endpoint is read-only"
        )
    if "SERVICE" in words:
        raise Refusal(403, "Federation refused", "SERVICE is not allowed on this endpoint")


def star_variables(text: str) -> tuple[str, ...] | None:
    """For a ``SELECT *`` query, its variables in the order they first appear; else None
    (the engine would list them in alphabetical order).

    >>> star_variables("SELECT * WHERE { ?z ?y ?x . OPTIONAL { ?x ?b $a } }")
    ('z', 'y', 'x', 'b', 'a')
    >>> star_variables("SELECT ?b ?a { ?a ?b ?c }") is None
    True
    """
    tokens = (m for m in _TOKEN.finditer(text) if m.lastgroup not in ("space", "comment"))
    for match in tokens:
        if match.lastgroup == "word" and match.group().upper() == "SELECT":
            break
    else:
        return None
    following = next(tokens, None)
    if following is not None and following.group().upper() in ("DISTINCT", "REDUCED"):
        following = next(tokens, None)
    if following is None or following.group() != "*":
        return None
    names = (m.group()[1:] for m in tokens if m.lastgroup == "var")
    return tuple(dict.fromkeys(names))
