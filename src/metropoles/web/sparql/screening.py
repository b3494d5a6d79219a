"""Screen a SPARQL query before the engine sees it: size, bracket depth, query form, updates,
SERVICE and dataset clauses. A lexical pass that skips strings, IRIs and comments; pyoxigraph
0.5.13 crashes its process on about 3,000 nested brackets, so depth is refused here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

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


def screen(text: str, max_bytes: int, max_depth: int) -> Screened:
    """Return what an acceptable query is, or raise Refusal (413, 400 or 403).

    >>> screen("SELECT * { ?s ?p 'DELETE' }", 1000, 8).form
    'SELECT'
    >>> try:
    ...     screen("INSERT DATA { <a:s> <a:p> <a:o> }", 1000, 8)
    ... except Refusal as refusal:
    ...     print(refusal.status, refusal.title)
    403 Read-only endpoint
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise Refusal(413, "Query too large", f"query is {size} bytes, the limit is {max_bytes}")
    tokens = list(_tokens(text, max_depth))
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


def _tokens(text: str, max_depth: int) -> Iterator[tuple[str, int]]:
    """Upper-cased bare keywords and integers of ``text`` with their bracket depth."""
    depth = bangs = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        bangs = bangs + 1 if kind == "bang" else 0 if kind != "space" else bangs
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif (kind == "word" and ":" not in match.group()) or kind == "number":
            yield match.group().upper(), depth
        elif kind == "other" and match.group() == "\\":
            raise Refusal(400, "Malformed query", "escape sequences outside strings are refused")
        if depth + bangs > max_depth:
            raise Refusal(400, "Query nested too deeply", f"nesting deeper than {max_depth}")


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
